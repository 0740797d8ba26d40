"""Site search documents: page HTML → one document per heading section and per 対応のポイント.

A document is `[url, page title, heading, context, text, low]`:
- heading: the section's own heading, or the point's title (a point is its own document, so a hit
  lands on the point, inside its phase);
- context: the phase a point belongs to (「廃止フェーズ」), else "";
- low: text that only repeats or labels (留意事項 marks, tags, 担当・記録): it may match, but weighs
  little, so mark lists never outrank text.

Left out: navigation, forms, scripts, anything hidden or aria-hidden, the provenance marks and
notices, the 必須/推奨 label of each point, a phase's count (「3件」 was all a phase heading's hit
showed), and elements marked `ag-noindex` (summaries repeated on every cell page).

The browser builds its postings from these documents when the search page opens
(search_query.py / search.js), so only the text is shipped: the index stays small, and it is a
script rather than JSON so the search page also works opened from a file share.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .. import browser_data, urls

_SKIP_TAGS = {"script", "style", "nav", "button", "form", "noscript", "svg", "template", "select", "input", "textarea"}
_SKIP_CLASSES = {"ag-noindex", "ag-prov", "ag-provenance", "ag-breadcrumb", "ag-visually-hidden", "ag-filter",
                 "ag-checklist__toolbar", "ag-record", "headerlink", "ag-level", "ag-phase__count"}
_LOW_CLASSES = {"ag-tag", "ag-point__tags", "ag-point__meta", "ag-considerations", "ag-cell-facts",
                "ag-marks", "ag-example", "ag-tier", "ag-legend__list--marks"}
_HEADINGS = {"h1", "h2", "h3"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BREAKS = {"p", "li", "dd", "dt", "td", "th", "div", "label", "h4", "h5", "h6", "tr"}
POINT_PREFIX = "pt-"


class _Document:
    def __init__(self, anchor: str, heading: str = "", context: str = "") -> None:
        self.anchor, self.heading, self.context = anchor, heading, context
        self.text: list[str] = []
        self.low: list[str] = []


class _SectionParser(HTMLParser):
    """Walks the page content keeping a stack of open elements, each with its mode:
    "text", "low", "skip", "heading" (an h1–h3 with an id) or "title" (a point's title)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.documents: list[_Document] = [_Document("")]
        self._section = self.documents[0]  # the current heading section
        self._current = self._section  # the section, or the point being read
        self._stack: list[tuple[str, str, _Document | None]] = []  # (tag, mode, point it opened)

    def _mode(self) -> str:
        return self._stack[-1][1] if self._stack else "text"

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        parent = self._mode()
        opened = None
        if parent == "skip" or tag in _SKIP_TAGS or classes & _SKIP_CLASSES or "hidden" in attributes \
                or attributes.get("aria-hidden") == "true":
            mode = "skip"
        elif tag in _HEADINGS and attributes.get("id"):
            self._section = _Document(attributes["id"])
            self._current = self._section
            self.documents.append(self._section)
            mode = "heading"
        elif tag == "li" and (attributes.get("id") or "").startswith(POINT_PREFIX):
            opened = _Document(attributes["id"], context=self._section.heading)
            self._current = opened
            self.documents.append(opened)
            mode = "text"
        elif "ag-point__title" in classes:
            mode = "title"
        elif classes & _LOW_CLASSES:
            mode = "low"
        else:
            mode = parent if parent in ("low", "heading") else "text"
        self._stack.append((tag, mode, opened))
        if tag in _BREAKS:
            self._add(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or not any(open_tag == tag for open_tag, _, _ in self._stack):
            return
        while self._stack:
            open_tag, mode, opened = self._stack.pop()
            if opened is not None:
                self._current = self._section
            if open_tag == tag:
                break
        if tag in _BREAKS:
            self._add(" ")

    def handle_data(self, data):
        self._add(data)

    def _add(self, data: str) -> None:
        mode = self._mode()
        if mode == "skip":
            return
        if mode == "heading":
            self._section.heading += data
        elif mode == "title":
            self._current.heading += data
        elif mode == "low":
            self._current.low.append(data)
        else:
            self._current.text.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_documents(url: str, page_title: str, html: str) -> list[list[str]]:
    """Search documents of one page; the first (untitled) part belongs to the page itself."""
    parser = _SectionParser()
    parser.feed(html)
    documents = []
    for doc in parser.documents:
        heading, text, low = _squash(doc.heading), _squash("".join(doc.text)), _squash("".join(doc.low))
        if heading == page_title:
            heading = ""
        if not (heading or text):
            continue
        anchor = f"#{doc.anchor}" if doc.anchor else ""
        documents.append([f"{url}{anchor}", page_title, heading, _squash(doc.context), text, low])
    return documents


def write_index(documents: list[list[str]], related: list[dict], site_dir: Path) -> Path:
    """The documents and the content's related terms, as a script (file:// cannot fetch JSON)."""
    payload = {"format": 1, "docs": documents, "related": related}
    return browser_data.write_data(site_dir, urls.SEARCH_INDEX, "AG_SEARCH", payload)
