"""Guideline → page sources (Markdown with small HTML blocks), as plain functions.

MkDocs never sees the YAML: the plugin asks these functions for the text of
each generated page. Raw HTML blocks are not link-rewritten by MkDocs, so
links inside them are made relative here (use_directory_urls is off for
file:// use, so every page is `<path>.html`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import partial
from typing import Callable

from .model import Cell, Chapter, Guideline
from .templating import environment

HOME = "index.md"
REVISIONS = "revisions.md"
ABOUT = "about.md"
SEARCH = "search.md"


def cell_path(cell: Cell) -> str:
    return f"cells/{cell.id}.md"


def cell_pdf_path(cell: Cell) -> str:
    return f"pdf/{cell.id}.pdf"


WHOLE_PDF = "pdf/guideline.pdf"


def chapter_path(chapter: Chapter) -> str:
    return f"chapters/{chapter.label}-{chapter.id}.md"


def html_path(md_path: str) -> str:
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_md: str, to: str) -> str:
    """Relative URL from the page built from `from_md` to a site path (md or asset)."""
    target, _, anchor = to.partition("#")
    target = html_path(target)
    anchor = f"#{anchor}" if anchor else ""
    start = posixpath.dirname(from_md) or "."
    return posixpath.relpath(target, start) + anchor


@dataclass(frozen=True)
class PageLinks:
    """Site paths a page links to, so templates never spell out URLs."""

    here: str

    def to(self, target: str) -> str:
        return relative(self.here, target)

    def md(self, target: str) -> str:
        """For Markdown links: MkDocs checks and rewrites `.md` targets itself."""
        return posixpath.relpath(target, posixpath.dirname(self.here) or ".")

    def cell(self, cell: Cell) -> str:
        return self.to(cell_path(cell))

    def cell_pdf(self, cell: Cell) -> str:
        return self.to(cell_pdf_path(cell))

    def chapter(self, chapter: Chapter) -> str:
        return self.md(chapter_path(chapter))

    def consideration(self, guideline: Guideline, name: str) -> str:
        chapter = next((c for c in guideline.chapters if c.include == "considerations"), None)
        anchor = guideline.consideration(name).id
        return self.to(f"{chapter_path(chapter)}#{anchor}") if chapter else "#"


def _render(template: str, here: str, **values) -> str:
    return environment("pages").get_template(template).render(links=PageLinks(here), **values)


def storage_key(guideline: Guideline, cell: Cell) -> str:
    """localStorage key: a new guideline version starts a fresh checklist."""
    return f"aiguide:{guideline.meta.version}:{cell.id}"


def home_page(guideline: Guideline, with_pdf: bool = True, extra_links: dict[str, str] | None = None) -> str:
    return _render(
        "home.md.j2", HOME, g=guideline, extra_links=extra_links or {}, pdf=relative(HOME, WHOLE_PDF) if with_pdf else None
    )


def cell_page(guideline: Guideline, cell: Cell, with_pdf: bool = True) -> str:
    here = cell_path(cell)
    return _render(
        "cell.md.j2",
        here,
        g=guideline,
        cell=cell,
        storage_key=storage_key(guideline, cell),
        pdf=relative(here, cell_pdf_path(cell)) if with_pdf else None,
    )


def chapter_page(guideline: Guideline, chapter: Chapter) -> str:
    return _render("chapter.md.j2", chapter_path(chapter), g=guideline, chapter=chapter)


def revisions_page(guideline: Guideline) -> str:
    return _render("revisions.md.j2", REVISIONS, g=guideline)


def page_renderers(guideline: Guideline, with_pdf: bool = True) -> dict[str, Callable[[], str]]:
    """Every generated page: {docs-relative path: function returning its Markdown source}.
    The paths alone are cheap; rendering happens only when a function is called."""
    extra_links = {"questionnaire": QUESTIONNAIRE} if guideline.questionnaire else None
    pages = {
        HOME: partial(home_page, guideline, with_pdf, extra_links),
        REVISIONS: partial(revisions_page, guideline),
    }
    for chapter in guideline.chapters:
        pages[chapter_path(chapter)] = partial(chapter_page, guideline, chapter)
    for cell in guideline.cells:
        pages[cell_path(cell)] = partial(cell_page, guideline, cell, with_pdf)
    if guideline.questionnaire:
        pages.update(questionnaire_pages(guideline, with_pdf))
    return pages


def generated_pages(guideline: Guideline, with_pdf: bool = True) -> dict[str, str]:
    """Every generated page: {docs-relative path: Markdown source}. Without PDFs, no links to them."""
    return {path: render() for path, render in page_renderers(guideline, with_pdf).items()}


QUESTIONNAIRE = "questionnaire/index.md"
QUESTIONNAIRE_HOW = "questionnaire/how.md"


def question_path(question_id: str) -> str:
    return f"questionnaire/q-{question_id}.md"


def result_path(question_id: str, option_id: str) -> str:
    return f"questionnaire/r-{question_id}-{option_id}.md"


def questionnaire_pages(guideline: Guideline, with_pdf: bool = True) -> dict[str, Callable[[], str]]:
    """The browser app page, the 判定の仕組み diagram, and one plain page per question and
    per result, whose options are ordinary links: the questionnaire works without JavaScript."""
    tree = guideline.questionnaire

    def target(question, option) -> str:
        path = question_path(option.next) if option.next else result_path(question.id, option.id)
        return posixpath.basename(html_path(path))

    common = {"g": guideline, "q": tree, "start": tree.start, "target": target, "pdf": with_pdf}
    result = {
        QUESTIONNAIRE: partial(
            _render, "questionnaire.md.j2", QUESTIONNAIRE, first=tree.question(tree.start),
            max_questions=tree.max_depth(tree.start), **common,
        ),
        QUESTIONNAIRE_HOW: partial(_render, "how.md.j2", QUESTIONNAIRE_HOW, **common),
    }
    for question in tree.questions:
        steps = tree.path_to(question.id)
        back = question_path(steps[-1].question.id) if steps else QUESTIONNAIRE
        here = question_path(question.id)
        result[here] = partial(
            _render, "question.md.j2", here, question=question, steps=steps,
            remaining=tree.max_depth(question.id), back=posixpath.basename(html_path(back)), **common,
        )
    for outcome in tree.paths():
        here = result_path(outcome.steps[-1].question.id, outcome.final.id)
        result[here] = partial(
            _render, "result.md.j2", here, cell=guideline.cell(outcome.cell), steps=outcome.steps, **common
        )
    return result


def navigation(guideline: Guideline) -> list:
    """The site's nav tree in mkdocs.yml form."""
    nav: list = [{"ホーム": HOME}]
    if guideline.questionnaire:
        nav.append({"業務領域・分類の判定": [{"質問に答えて判定する": QUESTIONNAIRE}, {"判定の仕組み": QUESTIONNAIRE_HOW}]})
    nav.append({"ガイドライン本文": [{f"{c.label} {c.title}": chapter_path(c)} for c in guideline.chapters]})
    for domain in guideline.domains:
        nav.append(
            {f"{domain.name}": [{f"{c.number} {c.name}": cell_path(c)} for c in guideline.cells_of(domain)]}
        )
    nav.append({"このサイトについて": [{"使い方": ABOUT}, {"改定履歴": REVISIONS}, {"サイト内検索": SEARCH}]})
    return nav
