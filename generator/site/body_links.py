"""Links in the chapters' Markdown bodies to other pages of the site: a page that does not exist,
or a place in it (`#…`) that the page does not have, is a content mistake, reported like any other
(file, line, key)."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Callable

from .. import urls
from ..content import markup
from ..content.model import Guideline
from ..content.problems import Problem

# Folders whose every page is generated from content: `aiguide check` knows them without MkDocs.
GENERATED_FOLDERS = ("cells", "chapters", "questionnaire")


def _links(guideline: Guideline):
    """Every page link of the chapters' bodies: (chapter, section number, link as written, its page
    as a docs-relative path, the place after 「#」 or "")."""
    for chapter in guideline.chapters:
        here = posixpath.dirname(urls.chapter_path(chapter))
        for index, section in enumerate(chapter.sections, start=1):
            for link in markup.relative_page_links(section.body):
                page, _, anchor = link.partition("#")
                yield chapter, index, link, posixpath.normpath(posixpath.join(here, page)), anchor


def _problem(chapter, index: int, link: str, expected: str, found: str) -> Problem:
    return Problem(chapter.source, _line_of(chapter.source, link), None, f"sections[{index}].body", expected, found)


def broken(guideline: Guideline, pages: set[str], only_in: tuple[str, ...] | None = None) -> list[Problem]:
    """Links whose page is not in `pages` (docs-relative paths); with `only_in`, only links into
    those folders are judged (the rest may be hand-written pages `aiguide check` does not see)."""
    return [
        _problem(chapter, index, link, "サイトにあるページへのリンク", f"リンク先「{link}」のページがありませんでした")
        for chapter, index, link, target, _ in _links(guideline)
        if target not in pages and (only_in is None or target.split("/")[0] in only_in)
    ]


def missing_anchors(guideline: Guideline, page_html: Callable[[str], str | None]) -> list[Problem]:
    """Links to a place in a page (`../index.md#matrix`) that the built page has no id for: the
    reader would land at the top of the page. `page_html` gives a page's HTML from its docs-relative
    path (None: not built, already reported by broken())."""
    problems = []
    for chapter, index, link, target, anchor in _links(guideline):
        built = page_html(target) if anchor else None
        if built is not None and html.unescape(anchor) not in _ids(built):
            problems.append(_problem(chapter, index, link, "ページ内にある見出しなどへのリンク",
                                     f"リンク先「{link}」のページに「#{anchor}」の場所がありませんでした"))
    return problems


def _ids(page: str) -> set[str]:
    return {html.unescape(value) for value in re.findall(r'\sid="([^"]+)"', page)}


def _line_of(file: str, link: str) -> int | None:
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if f"({link}" in line.replace("( ", "(")), None)
