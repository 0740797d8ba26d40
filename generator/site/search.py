"""Site search: page HTML → one document per heading section → a lunr index as a JS file.

Elements with the class `ag-noindex` (e.g. the 留意事項 summaries repeated on every
cell page) are left out, so the chapter that explains a term ranks first.

The index is written as a script (browser_data) rather than JSON so the search
page also works opened from a file share (file:// cannot fetch JSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .. import browser_data, textindex, urls

FIELDS = {"title": 8, "section": 4, "text": 1}
_SKIP_TAGS = {"script", "style", "nav", "button", "form", "noscript", "svg", "summary", "template"}
_HEADINGS = {"h1", "h2", "h3"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Section:
    anchor: str
    title: str
    text: list[str] = field(default_factory=list)


class _SectionParser(HTMLParser):
    """Splits rendered page content at h1–h3 headings that have an id.

    Left out: scripts, navigation, forms, collapsible summaries, anything
    aria-hidden (e.g. the one-letter marks) and anything marked `ag-noindex`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = [Section("", "")]
        self._skip_depth = 0  # >0 while inside an element that is left out
        self._heading: Section | None = None

    def _left_out(self, tag: str, attributes: dict) -> bool:
        return (
            tag in _SKIP_TAGS
            or attributes.get("aria-hidden") == "true"
            or "ag-noindex" in (attributes.get("class") or "").split()
        )

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        if self._skip_depth or self._left_out(tag, attributes):
            self._skip_depth += 1
            return
        if tag in _HEADINGS and attributes.get("id"):
            self._heading = Section(attributes["id"], "")
            self.sections.append(self._heading)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag in _HEADINGS and self._heading is not None:
            self._heading.title = " ".join(self._heading.title.split())
            self._heading = None
        elif tag in ("p", "li", "dd", "dt", "td", "th", "div", "label"):
            self.sections[-1].text.append(" ")

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.title += data
        else:
            self.sections[-1].text.append(data)


def page_sections(html: str) -> list[Section]:
    parser = _SectionParser()
    parser.feed(html)
    sections = []
    for section in parser.sections:
        text = re.sub(r"\s+", " ", "".join(section.text)).strip()
        if text or section.title:
            section.text = [text]
            sections.append(section)
    return sections


def page_documents(url: str, page_title: str, html: str) -> list[dict]:
    """Search documents of one page; the first (untitled) part belongs to the page itself."""
    documents = []
    for section in page_sections(html):
        anchor = f"#{section.anchor}" if section.anchor else ""
        title = section.title if section.title and section.title != page_title else ""
        documents.append(
            {
                "id": f"{url}{anchor}",
                "title": page_title,
                "section": title,
                "text": section.text[0],
            }
        )
    return documents


def write_index(documents: list[dict], site_dir: Path) -> Path:
    index = textindex.build_index(documents, FIELDS)
    payload = {
        "index": index.serialize(),
        "docs": {d["id"]: [d["title"], d["section"], d["text"]] for d in documents},
    }
    return browser_data.write_data(site_dir, urls.SEARCH_INDEX, "AG_SEARCH", payload)
