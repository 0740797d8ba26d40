"""Rebuild only the pages whose source changed, when that is safe; know our own site folders.

MkDocs can skip pages in a "dirty" build: a page is rebuilt only if its source file is
newer than its output. Generated page sources are therefore written to files in the
cache, and rewritten only when their text changes, so their modification times say
what changed. MkDocs warns that dirty builds may leave navigation stale: every page
shows the nav and the prev/next links. So the site folder records the key of what
every page shows besides its own source (mkdocs.yml, the theme overrides, the
hand-written pages, the generator's code and templates, the nav, the set of pages,
the library versions); a dirty build into a folder built with another key starts
from an empty folder instead (the plugin cleans it).

The same record marks the folder as made by this tool: a folder without it is never
emptied or replaced (it may hold someone's documents).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

GENERATOR = Path(__file__).parent.parent
LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2")
MARKER = ".aiguide-site.json"
SEARCH_DOCUMENTS_FILE = "search-documents-2.json"  # the number changes with the document format
# Sites built before the marker existed are recognised by what only this tool writes.
_LEGACY_SIGNS = ("index.html", "guideline.json", "search/ag-index.js")


def content_cache(cache_base: Path, content_dir: Path) -> Path:
    """The cache folder of one content folder: builds of other content never share it."""
    name = hashlib.sha256(str(content_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_base / "content" / name


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


def site_key(config_file: Path, docs_dir: Path, theme_dir: Path | None, shared: list, page_uris: list[str], with_pdf: bool) -> str:
    """What every page shows besides its own source (`shared`: the nav, the footer's version and date):
    if this is unchanged, a dirty build is exact."""
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes())
    for root in (docs_dir, theme_dir, GENERATOR):
        if root is not None:
            _hash_tree(digest, root)
    versions = {name: importlib.metadata.version(name) for name in LIBRARIES}
    digest.update(json.dumps([shared, sorted(page_uris), with_pdf, versions], ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def built_with(site_dir: Path) -> str | None:
    """The key of the build that made site_dir, if this tool made it and it was complete."""
    try:
        record = json.loads((site_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record.get("key") if isinstance(record, dict) and (site_dir / "index.html").is_file() else None


def mark_built(site_dir: Path, key: str | None) -> None:
    """Record the key once the site is complete; None while it is being rebuilt (so a build
    that stops half-way is never taken for a complete one)."""
    record = {"tool": "aiguide", "key": key}
    (site_dir / MARKER).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


def made_by_us(site_dir: Path) -> bool:
    """True if site_dir may be emptied or replaced: missing, empty, or a site this tool built."""
    if not site_dir.exists():
        return True
    if not site_dir.is_dir():
        return False
    if not any(site_dir.iterdir()) or (site_dir / MARKER).is_file():
        return True
    return all((site_dir / sign).is_file() for sign in _LEGACY_SIGNS)


def refuse_foreign_site_dir(site_dir: Path, error) -> None:
    """Raise `error(message, exit_code=2)` if site_dir holds something this tool did not make."""
    if not made_by_us(site_dir):
        raise error(
            f"出力先のフォルダ {site_dir} には、このツールが作ったものではないファイルがあります。"
            "中身を消さないよう中止しました。空のフォルダか、新しいフォルダ名を指定してください。",
            exit_code=2,
        )


def all_search_documents(cache_root: Path, page_uris: list[str], built: dict[str, list[list[str]]]) -> list[list[str]]:
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
