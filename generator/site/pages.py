"""Guideline → page sources (Markdown with small HTML blocks), as plain functions.

MkDocs never sees the YAML: the plugin asks these functions for the text of
each generated page. Raw HTML blocks are not link-rewritten by MkDocs, so
links inside them are made relative (urls.PageLinks).
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from .. import urls
from ..content.markup import html_text
from ..content.model import Cell, Chapter, Guideline
from ..templating import environment
from ..urls import ABOUT, HOME, QUESTIONNAIRE, QUESTIONNAIRE_HOW, REVISIONS, SEARCH, PageLinks


def _render(template: str, here: str, **values) -> str:
    return environment("pages").get_template(template).render(links=PageLinks(here), **values)


def storage_key(guideline: Guideline, cell: Cell) -> str:
    """localStorage key: a new guideline version starts a fresh checklist."""
    return f"aiguide:{guideline.meta.version}:{cell.id}"


def home_page(guideline: Guideline, with_pdf: bool = True, extra_links: dict[str, str] | None = None) -> str:
    return _render(
        "home.md.j2", HOME, g=guideline, extra_links=extra_links or {}, pdf=urls.relative(HOME, urls.WHOLE_PDF) if with_pdf else None
    )


def cell_page(guideline: Guideline, cell: Cell, with_pdf: bool = True) -> str:
    here = urls.cell_path(cell)
    return _render(
        "cell.md.j2",
        here,
        g=guideline,
        cell=cell,
        storage_key=storage_key(guideline, cell),
        pdf=urls.relative(here, urls.cell_pdf_path(cell)) if with_pdf else None,
        xlsx=urls.relative(here, urls.cell_xlsx_path(cell)),
    )


def chapter_page(guideline: Guideline, chapter: Chapter) -> str:
    return _render("chapter.md.j2", urls.chapter_path(chapter), g=guideline, chapter=chapter)


def revisions_page(guideline: Guideline) -> str:
    return _render("revisions.md.j2", REVISIONS, g=guideline)


def about_page(guideline: Guideline, with_pdf: bool = True) -> str:
    return _render("about.md.j2", ABOUT, g=guideline, pdf=urls.relative(ABOUT, urls.WHOLE_PDF) if with_pdf else None)


def projects_page(guideline: Guideline) -> str:
    return _render("projects.md.j2", urls.PROJECTS, g=guideline)


def page_renderers(guideline: Guideline, with_pdf: bool = True) -> dict[str, Callable[[], str]]:
    """Every generated page: {docs-relative path: function returning its Markdown source}.
    The paths alone are cheap; rendering happens only when a function is called."""
    extra_links = {"questionnaire": QUESTIONNAIRE} if guideline.questionnaire else None
    pages = {
        HOME: partial(home_page, guideline, with_pdf, extra_links),
        REVISIONS: partial(revisions_page, guideline),
        ABOUT: partial(about_page, guideline, with_pdf),
        urls.PROJECTS: partial(projects_page, guideline),
    }
    for chapter in guideline.chapters:
        pages[urls.chapter_path(chapter)] = partial(chapter_page, guideline, chapter)
    for cell in guideline.cells:
        pages[urls.cell_path(cell)] = partial(cell_page, guideline, cell, with_pdf)
    if guideline.questionnaire:
        pages.update(questionnaire_pages(guideline, with_pdf))
    return pages


def generated_pages(guideline: Guideline, with_pdf: bool = True) -> dict[str, str]:
    """Every generated page: {docs-relative path: Markdown source}. Without PDFs, no links to them."""
    return {path: render() for path, render in page_renderers(guideline, with_pdf).items()}


def questionnaire_pages(guideline: Guideline, with_pdf: bool = True) -> dict[str, Callable[[], str]]:
    """The browser app page, the 判定の仕組み diagram, and one plain page per question and
    per result, whose options are ordinary links: the questionnaire works without JavaScript."""
    tree = guideline.questionnaire

    common = {"g": guideline, "q": tree, "start": tree.start, "pdf": with_pdf}
    # One result template per cell, or per tier where the answers decide it (黄/赤).
    results = {}
    for outcome in tree.paths():
        results.setdefault(urls.result_template(guideline, outcome.cell, outcome.final.tier), outcome)
    result = {
        QUESTIONNAIRE: partial(
            _render, "questionnaire.md.j2", QUESTIONNAIRE, first=tree.question(tree.start),
            max_questions=tree.max_depth(tree.start), results=results, **common,
        ),
        QUESTIONNAIRE_HOW: partial(_render, "how.md.j2", QUESTIONNAIRE_HOW, **common),
    }
    for question in tree.questions:
        steps = tree.path_to(question.id)
        back = urls.question_path(steps[-1].question.id) if steps else QUESTIONNAIRE
        here = urls.question_path(question.id)
        result[here] = partial(
            _render, "question.md.j2", here, question=question, steps=steps,
            remaining=tree.max_depth(question.id), back=back, **common,
        )
    for outcome in tree.paths():
        here = urls.result_path(outcome.steps[-1].question.id, outcome.final.id)
        result[here] = partial(
            _render, "result.md.j2", here, cell=guideline.cell(outcome.cell), steps=outcome.steps, **common
        )
    return result


def footer(guideline: Guideline) -> dict[str, str]:
    """What the footer of every page shows (overrides/partials/copyright.html); plain values, escaped there."""
    meta = guideline.meta
    return {
        "title": meta.title,
        "version": f"第{meta.version}版",
        "issued": f"{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日",
        "publisher": meta.publisher,
        "contact": meta.contact.line,
        "revisions": REVISIONS.replace(".md", ".html"),
        "about": ABOUT.replace(".md", ".html"),
        "print_header": _css_string(f"{meta.title}　第{meta.version}版（{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日）"),
    }


def _css_string(text: str) -> str:
    """Text for a double-quoted CSS string inside <style>: no quote, backslash, newline or tag can escape."""
    escaped = []
    for char in text:
        if char in '"\\<>&\'' or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return "".join(escaped)


def navigation(guideline: Guideline) -> list:
    """The site's nav tree in mkdocs.yml form. Titles from content are escaped here: the theme
    prints navigation titles as they are."""
    t = html_text
    nav: list = [{"ホーム": HOME}]
    if guideline.questionnaire:
        nav.append({"業務領域・分類の判定": [{"質問に答えて判定する": QUESTIONNAIRE}, {"判定の仕組み": QUESTIONNAIRE_HOW}]})
    nav.append({"自分の案件": urls.PROJECTS})
    nav.append({"ガイドライン本文": [{t(f"{c.label} {c.title}"): urls.chapter_path(c)} for c in guideline.chapters]})
    for domain in guideline.domains:
        nav.append(
            {t(domain.name): [{t(f"{c.number} {c.name}"): urls.cell_path(c)} for c in guideline.cells_of(domain)]}
        )
    nav.append({"このサイトについて": [{"使い方": ABOUT}, {"改定履歴": REVISIONS}, {"サイト内検索": SEARCH}]})
    return nav
