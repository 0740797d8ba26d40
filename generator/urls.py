"""Every output path of the site, and every link between them: one owner.

Paths are relative to the site root and use the page sources' names (`*.md`);
`html_path` gives the published name. use_directory_urls is off (file:// use),
so every page is `<path>.html`. Ids in paths are slugs checked by the loader;
`inside` proves a written path stays in its folder all the same.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

# Pages
HOME = "index.md"
REVISIONS = "revisions.md"
ABOUT = "about.md"
SEARCH = "search.md"
QUESTIONNAIRE = "questionnaire/index.md"
QUESTIONNAIRE_HOW = "questionnaire/how.md"
PROJECTS = "projects.md"

# Data and scripts
GUIDELINE_JSON = "guideline.json"
GUIDELINE_SCHEMA = "guideline.schema.json"
QUESTIONNAIRE_JSON = "questionnaire.json"
QUESTIONNAIRE_DATA = "questionnaire/data.js"
PROJECT_DATA = "projects/points.js"
PROJECT_SCHEMA = "project.schema.json"
FINDER_INDEX = "finder/index.js"
SEARCH_INDEX = "search/ag-index.js"
WHOLE_PDF = "pdf/guideline.pdf"


def cell_path(cell) -> str:
    return f"cells/{cell.id}.md"


def cell_pdf_path(cell) -> str:
    return f"pdf/{cell.id}.pdf"


def cell_xlsx_path(cell) -> str:
    return f"xlsx/{cell.id}.xlsx"


def chapter_path(chapter) -> str:
    return f"chapters/{chapter.label}-{chapter.id}.md"


def question_path(question_id: str) -> str:
    return f"questionnaire/q-{question_id}.md"


def result_path(question_id: str, option_id: str) -> str:
    return f"questionnaire/r-{question_id}-{option_id}.md"


def result_template(guideline, cell_id: str, tier: str | None) -> str:
    """The id of the questionnaire page's <template> for a result (a cell, or one of its tiers)."""
    return f"ag-result-{cell_id}" + (f"--{guideline.tier(tier).id}" if tier else "")


def html_path(md_path: str) -> str:
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_md: str, to: str) -> str:
    """Relative URL from the page built from `from_md` to a site path (md or asset)."""
    target, _, anchor = to.partition("#")
    target = html_path(target)
    anchor = f"#{anchor}" if anchor else ""
    start = posixpath.dirname(from_md) or "."
    return posixpath.relpath(target, start) + anchor


def inside(root: Path, relative_path: str) -> Path:
    """root / relative_path, refusing anything that would land outside root."""
    base = root.resolve()
    target = (base / relative_path).resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"出力先がフォルダの外を指しています: {relative_path}")
    return target


@dataclass(frozen=True)
class PageLinks:
    """Site paths a page links to, so templates never spell out URLs."""

    here: str

    # Links are built from slugs and fixed names only: Markup, so page templates keep them as they are.
    def to(self, target: str) -> str:
        return Markup(relative(self.here, target))

    def md(self, target: str) -> str:
        """For Markdown links: MkDocs checks and rewrites `.md` targets itself."""
        return Markup(posixpath.relpath(target, posixpath.dirname(self.here) or "."))

    def cell(self, cell) -> str:
        return self.to(cell_path(cell))

    def cell_pdf(self, cell) -> str:
        return self.to(cell_pdf_path(cell))

    def chapter(self, chapter) -> str:
        return self.md(chapter_path(chapter))

    def question(self, question_id: str) -> str:
        return self.to(question_path(question_id))

    def result(self, question_id: str, option_id: str) -> str:
        return self.to(result_path(question_id, option_id))

    def option(self, question, option) -> str:
        """Where choosing an option leads: the next question's page or the result page."""
        return self.question(option.next) if option.next else self.result(question.id, option.id)

    def considerations_chapter(self, guideline) -> str:
        chapter = next((c for c in guideline.chapters if c.include == "considerations"), None)
        return self.to(chapter_path(chapter)) if chapter else "#"

    def consideration(self, guideline, name: str) -> str:
        chapter = next((c for c in guideline.chapters if c.include == "considerations"), None)
        anchor = guideline.consideration(name).id
        return self.to(f"{chapter_path(chapter)}#{anchor}") if chapter else "#"


def pdf_paths(guideline) -> dict[str, str]:
    """Cell id (and "guideline") → site path of its PDF."""
    paths = {"guideline": WHOLE_PDF}
    paths.update({cell.id: cell_pdf_path(cell) for cell in guideline.cells})
    return paths
