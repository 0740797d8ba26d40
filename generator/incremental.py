"""Rebuild only the pages whose source changed, when that is safe.

MkDocs can skip pages in a "dirty" build: a page is rebuilt only if its source file is
newer than its output. Generated page sources are therefore written to files in the
cache, and rewritten only when their text changes, so their modification times say
what changed. MkDocs warns that dirty builds may leave navigation stale: every page
shows the nav and the prev/next links. So a dirty build is used only when everything
every page shows besides its own source (mkdocs.yml, the theme overrides, the
hand-written pages, the generator's code and templates, the nav, the set of pages,
the library versions) is unchanged since the last successful build into the same
folder. Otherwise the build is a normal, full one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

GENERATOR = Path(__file__).parent
LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "lunr")
STATE_FILE = "site-state.json"
SEARCH_DOCUMENTS_FILE = "search-documents.json"


def write_sources(pages: dict[str, str], directory: Path) -> dict[str, Path]:
    """Each page source as a file; an unchanged one keeps its old file and modification time."""
    paths = {}
    for uri, source in pages.items():
        path = directory / uri
        data = source.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths[uri] = path
    return paths


def _hash_tree(digest, root: Path) -> None:
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def site_key(config_file: Path, docs_dir: Path, theme_dir: Path | None, nav: list, page_uris: list[str], with_pdf: bool) -> str:
    """What every page shows besides its own source: if this is unchanged, a dirty build is exact."""
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes())
    for root in (docs_dir, theme_dir, GENERATOR):
        if root is not None:
            _hash_tree(digest, root)
    versions = {name: importlib.metadata.version(name) for name in LIBRARIES}
    digest.update(json.dumps([nav, sorted(page_uris), with_pdf, versions], ensure_ascii=False).encode())
    return digest.hexdigest()


def can_rebuild_in_place(cache_root: Path, site_dir: Path, key: str) -> bool:
    """True if site_dir holds the last successful build, made with the same key."""
    try:
        state = json.loads((cache_root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return state == {"site_dir": str(site_dir), "key": key} and (site_dir / "index.html").is_file()


def remember_build(cache_root: Path, site_dir: Path, key: str) -> None:
    cache_root.mkdir(parents=True, exist_ok=True)
    state = {"site_dir": str(site_dir), "key": key}
    (cache_root / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def forget_build(cache_root: Path) -> None:
    (cache_root / STATE_FILE).unlink(missing_ok=True)


def all_search_documents(cache_root: Path, page_uris: list[str], built: dict[str, list[dict]]) -> list[dict]:
    """Search sections of every page, in page order: from this build, or (pages a dirty build
    skipped) from the last one. The merged set is kept for the next build."""
    path = cache_root / SEARCH_DOCUMENTS_FILE
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    merged = {uri: built[uri] if uri in built else previous.get(uri, []) for uri in page_uris}
    cache_root.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    return [document for uri in page_uris for document in merged[uri]]
