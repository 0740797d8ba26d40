"""The HTML that WeasyPrint turns into PDF parts, and the one style sheet they all share.

The whole-guideline PDF is joined from parts: the cover and contents, the chapters
with the matrix, and each cell's own pages. So a cell is laid out once and serves
both its own PDF and the whole guideline. Page numbers are not in these parts: they
are stamped on afterwards from `stamps_html`, because the same page is "2 / 3" in
the cell's PDF and "24 / 49" in the whole guideline.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import markdown
from markupsafe import Markup

from ..content.model import Cell, Guideline
from ..templating import TEMPLATES as ALL_TEMPLATES
from ..templating import environment

TEMPLATES = ALL_TEMPLATES / "print"
# BIZ UDPゴシック: a universal-design face with a true Bold (Debian fonts-morisawa-bizud-gothic),
# chosen by measurement against IPAexGothic (benchmarks/bench_fonts.py). printing/render.py checks
# it is installed. AIGUIDE_PRINT_FONT exists only so the benchmark can build with another face.
DEFAULT_FONT = "BIZ UDPGothic"
FONT_FAMILY = os.environ.get("AIGUIDE_PRINT_FONT") or DEFAULT_FONT
# Contents entries link to "aiguide-page:N"; joining turns these into links to page N.
PAGE_LINK_SCHEME = "aiguide-page"
# A cell's reference to another cell links to "aiguide-cell:<id>": in the whole guideline, joining
# points it at that cell's first page; in a cell's own PDF, at the other cell's PDF beside it.
CELL_LINK_SCHEME = "aiguide-cell"


@dataclass
class ContentsEntry:
    title: str
    page: int  # 1-based page in the whole guideline
    children: list[ContentsEntry] = field(default_factory=list)
    in_contents: bool = True  # False: a bookmark only (a cell's phases)


def css_string(value: str) -> Markup:
    """A quoted CSS string, safe inside <style> (for running headers and footers)."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


_RELATIVE_LINK = re.compile(r'<a href="(?!https?:)[^"]*">(.*?)</a>', re.S)


def _markdown_html(text: str) -> str:
    """Chapter bodies are Markdown; site-relative links mean nothing on paper."""
    html = markdown.markdown(text, extensions=["tables", "attr_list", "def_list"])
    return _RELATIVE_LINK.sub(r"\1", html)


def _css() -> str:
    """The tier colours shared with the site, then the print layout."""
    shared = (ALL_TEMPLATES / "shared" / "tiers.css").read_text(encoding="utf-8")
    return shared + (TEMPLATES / "print.css").read_text(encoding="utf-8")


def stylesheet(guideline: Guideline) -> str:
    """The style sheet of every part of one build: the font, the tier colours, the print layout and
    the edition in the footer. Given to WeasyPrint apart from the HTML (render.render_part), so each
    process parses it once instead of once per part (about a tenth of a part's CPU time)."""
    meta = guideline.meta
    edition = (f"{meta.title}　第{meta.version}版（{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日）"
               f"　{meta.publisher}")
    return (f"html {{ font-family: {css_string(FONT_FAMILY)}; }}\n{_css()}\n"
            f"@page {{ @bottom-left {{ content: {css_string(edition)}; }} }}\n")


def print_name(cell: Cell) -> str:
    """A cell's name in print: 「都民サービス／3 パーソナライズド支援」 (no ASCII " - " in Japanese)."""
    return f"{cell.domain.name}／{cell.number} {cell.name}"


# Japanese typesetting of the print HTML (text between tags; tags themselves are left alone).
_CJK = "\u3000-\u303f\u3041-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uff01-\uff60"
_INLINE_TAGS = "(?:</?(?:strong|em|b|span|a)\\b[^>]*>)*"
_SPACE_IN_JAPANESE = re.compile(f"(?<=[{_CJK}])({_INLINE_TAGS})[ \\t\\n]+({_INLINE_TAGS})(?=[{_CJK}])")
# A space after an opening or closing Japanese punctuation mark, or before a closing one.
_SPACE_BY_PUNCTUATION = re.compile("(?<=[、。「『（【])[ \\t\\n]+|[ \\t\\n]+(?=[、。」』）】])")
# 「第 1.0 版」「では 23 件」: no spaces around a number that counts something in Japanese.
_SPACED_NUMBER = re.compile(f"(?<=[{_CJK}]) ([0-9]+(?:\\.[0-9]+)?) (?=[件版年月日問つ])")
_PARAGRAPH_END = re.compile(f"([{_CJK}])([{_CJK}])([{_CJK}])(?=</(?:p|li|dd|td)>)")
WORD_JOINER = "\u2060"


def tidy_japanese(html: str) -> str:
    """No half-width space between two Japanese characters (Markdown emphasis and line joins leave
    them); the last three characters of a paragraph kept together, so no line holds one or two."""
    html = _SPACE_IN_JAPANESE.sub(r"\1\2", html)
    html = _SPACED_NUMBER.sub(r"\1", _SPACE_BY_PUNCTUATION.sub("", html))
    return _PARAGRAPH_END.sub(lambda m: WORD_JOINER.join(m.groups()), html)


def _environment():
    env = environment("print")
    env.filters["print_name"] = print_name
    env.globals["cell_link_scheme"] = CELL_LINK_SCHEME
    return env


def _render(template: str, guideline: Guideline, **values) -> str:
    return tidy_japanese(_environment().get_template(template).render(g=guideline, **values))


def cell_html(guideline: Guideline, cell: Cell) -> str:
    return _render("cell.html.j2", guideline, cell=cell)


def chapters_html(guideline: Guideline) -> str:
    section_html = {
        f"{chapter.id}/{section.id}": _markdown_html(section.body)
        for chapter in guideline.chapters
        for section in chapter.sections
    }
    return _render("chapters.html.j2", guideline, section_html=section_html)


def domain_html(guideline: Guideline, domain, pages: dict[str, int]) -> str:
    """A 業務領域's divider page; `pages`: cell id → its first page in the whole guideline."""
    return _render("domain.html.j2", guideline, domain=domain, pages=pages)


def contents_html(guideline: Guideline, entries: list[ContentsEntry]) -> str:
    return _render("contents.html.j2", guideline, entries=entries, link_scheme=PAGE_LINK_SCHEME)


def stamps_html(pages: int, unnumbered_first: bool = False) -> str:
    """`pages` blank pages numbered "n / pages" where the parts leave the number out."""
    return _environment().get_template("stamps.html.j2").render(pages=pages, unnumbered_first=unnumbered_first)
