"""WeasyPrint renders (in worker processes) and what a rendered part tells us back."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..content.problems import EnvironmentProblem
from .html import FONT_FAMILY, TEMPLATES

# The Debian package of each face we know; a face not listed needs both Regular and Bold.
FONT_PACKAGES = {
    "BIZ UDPGothic": "fonts-morisawa-bizud-gothic",
    "BIZ UDGothic": "fonts-morisawa-bizud-gothic",
    "IPAexGothic": "fonts-ipaexfont-gothic",
}
FONT_PACKAGE = FONT_PACKAGES.get(FONT_FAMILY, "fonts-morisawa-bizud-gothic")
SINGLE_WEIGHT = {"IPAexGothic"}  # faces without a Bold (WeasyPrint then draws bold with regular glyphs)


@lru_cache(maxsize=None)
def font_files(family: str = FONT_FAMILY) -> dict[str, Path]:
    """{"Regular": file, "Bold": file} that fontconfig (and so WeasyPrint) uses for `family`.
    Asked once per process: the CLI, the plugin and the PDF process (forked) share the answer."""
    try:
        listed = subprocess.run(
            ["fc-list", f":family={family}", "file", "style"], capture_output=True, text=True, timeout=30
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return {}
    files: dict[str, Path] = {}
    for line in sorted(listed):
        path, _, style = line.partition(": :style=")
        weight = "Bold" if "Bold" in style.split(",") else "Regular" if style else ""
        if weight and weight not in files:
            files[weight] = Path(path.rstrip(":")).resolve()
    return files


def require_font(family: str = FONT_FAMILY) -> None:
    """Stop before rendering if the Japanese font (with its Bold) is missing: never a PDF with tofu
    or with bold faked from regular glyphs."""
    found = font_files(family)
    needed = {"Regular"} if family in SINGLE_WEIGHT else {"Regular", "Bold"}
    if not needed <= set(found):
        package = FONT_PACKAGES.get(family, FONT_PACKAGE)
        raise EnvironmentProblem(
            f"PDF に埋め込む日本語フォント「{family}」{'の太字' if found else ''}が見つかりません。"
            f"Debian/Ubuntu では `sudo apt-get install {package}` で導入してから、もう一度実行してください"
            "（PDF が不要な場合は `aiguide build --no-pdf`）。"
        )


def local_only_fetcher():
    """WeasyPrint may read only data: URLs and the print templates' own folder: never the
    network (the build machine may see the internet, the intranet must not depend on it), and
    never a local file elsewhere (content must not embed /etc/passwd in a PDF)."""
    import weasyprint.urls

    root = TEMPLATES.resolve()

    class LocalOnly(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path == root or root in path.parents:
                    return super().fetch(url, headers)
            raise ValueError(f"印刷用の HTML からは、サイトの外のファイルを読み込みません（{url[:80]}）")

    return LocalOnly(allowed_protocols={"data", "file"}, allow_redirects=False)


def render_part(html: str, css: str, target: str, tagged: bool) -> str:
    """Runs in a worker process: one WeasyPrint render of `html` styled by `css`, written to `target`."""
    import weasyprint  # only workers pay for the import

    fonts, sheet = _styles(css)
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=local_only_fetcher()).render(
        stylesheets=[sheet], font_config=fonts)
    # Tagged (PDF/UA-1) for screen readers; the page-number stamps are artifacts and need no tags.
    document.write_pdf(target, pdf_variant="pdf/ua-1" if tagged else None)
    return target


@lru_cache(maxsize=2)
def _styles(css: str):
    """The build's style sheet parsed once per process, with one font configuration for every
    render (WeasyPrint makes a new one per document otherwise). Given as a user style sheet, so a
    part's own <style> (the page-number stamps) still wins over it."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, weasyprint.CSS(string=css, base_url=str(TEMPLATES), url_fetcher=local_only_fetcher(), font_config=fonts)


def warm_up(css: str) -> None:
    """Pay once, before workers fork (or in the lone worker of a small rebuild), for the import,
    the style sheet, fontconfig and the Japanese font in both weights."""
    sample = "<html lang=\"ja\"><body><h1>見出し</h1><p>本文<b>太字</b></p></body></html>"
    render_part(sample, css, "/dev/null", tagged=True)


@dataclass(frozen=True)
class Layout:
    pages: int
    anchors: dict[str, int]  # element id → 0-based page index, from the PDF's named destinations


def read_layout(path: Path) -> Layout:
    """Page count and where each id landed, read back from the rendered PDF."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        page_index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        anchors: dict[str, int] = {}
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            for name, destination in pikepdf.NameTree(pdf.Root.Names.Dests).items():
                anchors[name] = page_index[destination[0].objgen]
        return Layout(len(pdf.pages), anchors)
