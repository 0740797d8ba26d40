"""Read content/ into a Guideline, or raise ContentError listing every problem.

Two passes: each file is checked against its declared shape (shapes.py), then
the files are checked against each other (rules.py, tree_rules.py). The model is
built only once both pass. Nothing here renders pages or builds search indexes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import rules, shapes, tree_rules
from . import questionnaire as tree
from .markup import join_cjk_lines
from .model import (
    Alternative,
    Cell,
    CellsChapter,
    Chapter,
    Domain,
    Guideline,
    Meta,
    Point,
    Revision,
    Scene,
    Section,
    Signal,
    Stance,
)
from .nodes import INVALID, Context, Spec
from .problems import ContentError, Problem
from .reader import compose_file, size_ok
from .vocabulary import Consideration, Level, Phase, Tier, Vocabulary

def display_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs, when that is shorter."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


class ContentFile:
    """One YAML file: its checked value and where each key path stood."""

    def __init__(self, path: Path, spec: Spec, problems: list[Problem]):
        self.path = path
        self.ctx = Context(display_path(path))
        self.value: Any = INVALID
        self._problems = problems
        text = self._read()
        if text is not None:
            node = compose_file(text, self.ctx)
            if node is not None:
                self.value = spec.check(node, self.ctx, "")

    def _read(self) -> str | None:
        def refuse(expected: str, found: str) -> None:
            self.ctx.problems.append(Problem(self.ctx.file, None, None, "", expected, found))

        try:
            if self.path.is_dir():
                refuse("YAML ファイル", "同じ名前のフォルダでした")
            elif self.path.is_file() and size_ok(self.path.stat().st_size, self.ctx):
                return self.path.read_bytes().decode("utf-8")
            elif not self.path.exists():
                refuse("このファイル", "見つかりませんでした")
        except UnicodeDecodeError:
            refuse("UTF-8 で保存されたファイル", "別の文字コードでした")
        except OSError as error:
            refuse("読み込めるファイル", f"読み込めませんでした（{error.strerror or error}）")
        return None

    @property
    def ok(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def broken(self) -> bool:
        """True if this file has mistakes of its own (files that use it are then not checked)."""
        return not self.ok or bool(self.ctx.problems)

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default) if self.ok else default

    def problem(self, path: str, expected: str, found: str) -> None:
        self.ctx.problem_at(path, expected, found)

    def problem_in_text(self, path: str, line_offset: int, expected: str, found: str) -> None:
        """A problem inside a multi-line value: at the line within it, not only at its key."""
        line, column = self.ctx.locations.get(path, (None, None))
        if line is None:
            self.problem(path, expected, found)
        else:
            self.ctx.problems.append(Problem(self.ctx.file, line + line_offset, column if not line_offset else None, path, expected, found))

    def flush(self) -> None:
        self._problems.extend(self.ctx.problems)
        self.ctx.problems = []


def load_guideline(content_dir: str | os.PathLike) -> Guideline:
    root = Path(content_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(display_path(root), None, None, "", "コンテンツのフォルダ", "見つかりませんでした")])

    meta = ContentFile(root / "guideline.yml", shapes.GUIDELINE, problems)
    legend = ContentFile(root / "legend.yml", shapes.LEGEND, problems)
    domains = ContentFile(root / "domains.yml", shapes.DOMAINS, problems)
    chapters = [ContentFile(p, shapes.CHAPTER, problems) for p in sorted((root / "chapters").glob("*.yml"))]
    rules.check_legend(legend)
    rules.check_domains(domains)
    rules.check_chapters(chapters)
    if not chapters:
        problems.append(Problem(display_path(root / "chapters"), None, None, "", "章のファイル（chapters/*.yml）", "1 つもありませんでした"))
    # Cells are read with the legend's names and the domains' names: if either file is broken,
    # checking cells would only repeat its mistake a hundred times. Fix it first.
    upstream = [file for file in (legend, domains) if file.broken]
    if upstream:
        _fail([meta, legend, domains, *chapters], problems, fix_first=upstream)

    cell_paths = sorted((root / "cells").glob("*.yml"))
    if not cell_paths:
        problems.append(Problem(display_path(root / "cells"), None, None, "", "セルのファイル（*.yml）", "1 つもありませんでした"))
    cells = [ContentFile(p, shapes.cell_shape(legend.value), problems) for p in cell_paths]
    broken_cells = [cell for cell in cells if cell.broken]
    cell_ids = rules.check_cells(cells, domains, legend, complete=not broken_cells)
    # References to cells are checked only when every cell could be read (no follow-on errors).
    known = set() if broken_cells else set(cell_ids.values())

    questions = ContentFile(root / "questionnaire.yml", shapes.QUESTIONNAIRE, problems)
    tree_rules.check_questionnaire(questions, known)
    signals = ContentFile(root / "finder.yml", shapes.FINDER, problems)
    questionnaire = tree.build(questions.value) if not questions.broken else None
    tree_rules.check_finder(signals, known, questionnaire)

    files = [meta, legend, domains, *chapters, *cells, questions, signals]
    if problems or any(file.ctx.problems for file in files):
        _fail(files, problems, fix_first=broken_cells)

    vocabulary = _vocabulary(legend.value)
    return Guideline(
        meta=_meta(meta.value),
        vocabulary=vocabulary,
        domains=tuple(Domain(**d) for d in domains.value["domains"]),
        chapters=tuple(sorted((_chapter(c.value, c.ctx.file) for c in chapters), key=lambda ch: ch.number)),
        cells=_cells(cells, cell_ids, vocabulary, domains.value["domains"]),
        questionnaire=questionnaire,
        signals=tuple(
            Signal(s["id"], s["label"], tuple(s["words"]), tuple(s["cells"]), s["weight"], tuple(s["answers"]))
            for s in signals.value["signals"]
        ),
    )


def _fail(files: list[ContentFile], problems: list[Problem], fix_first: list[ContentFile]) -> None:
    for file in files:
        file.flush()
    raise ContentError(problems, fix_first=[file.ctx.file for file in fix_first])


def _vocabulary(legend: dict) -> Vocabulary:
    return Vocabulary(
        tiers=tuple(Tier(**t) for t in legend["tiers"]),
        levels=tuple(Level(**lv) for lv in legend["levels"]),
        considerations=tuple(
            Consideration(c["id"], c["name"], c["mark"], c["group"], c["summary"], tuple(c["directions"]))
            for c in legend["considerations"]
        ),
        phases=tuple(Phase(p["id"], p["name"], p["in_cells"], p["summary"], tuple(p["tasks"])) for p in legend["phases"]),
        category_numbers=tuple(range(1, legend["categories_per_domain"] + 1)),
    )


def _meta(meta: dict) -> Meta:
    return Meta(
        title=meta["title"],
        publisher=meta["publisher"],
        version=meta["version"],
        issued=meta["issued"],
        summary=meta["summary"],
        contact=meta["contact"],
        cells_chapter=CellsChapter(meta["cells_chapter"]["number"], meta["cells_chapter"]["title"]),
        revisions=tuple(Revision(r["version"], r["date"], tuple(r["changes"])) for r in meta["revisions"]),
    )


def _chapter(c: dict, source: str) -> Chapter:
    sections = tuple(Section(s["id"], s["title"], join_cjk_lines(s["body"])) for s in c["sections"])
    return Chapter(c["number"], c["id"], c["title"], c["lead"], sections, c["include"], source)


def _cells(files: list[ContentFile], cell_ids: dict[str, str], vocabulary: Vocabulary, domain_list: list[dict]) -> tuple[Cell, ...]:
    domains = {d["name"]: Domain(**d) for d in domain_list}
    order = {d["id"]: i for i, d in enumerate(domain_list)}
    built = []
    for file in files:
        v = file.value
        points = tuple(
            Point(
                p["id"], phase.name, p["level"], p["title"], tuple(p["details"]), tuple(p["tags"]),
                mandatory=vocabulary.level(p["level"]).mandatory,
            )
            for phase in vocabulary.phases
            for p in v["points"].get(phase.name, [])
        )
        stance = None
        if v.get("stance"):
            s = v["stance"]
            stance = Stance(s["summary"], tuple(s["details"]), tuple(Alternative(a["text"], a["cell"]) for a in s["alternatives"]))
        built.append(
            Cell(
                id=cell_ids[str(file.path)],
                domain=domains[v["domain"]],
                number=v["number"],
                name=v["name"],
                description=v["description"],
                features=tuple(v["features"]),
                tiers=tuple(v["tiers"]),
                considerations=tuple(v["considerations"]),
                scenes=tuple(Scene(**s) for s in v["scenes"]),
                stance=stance,
                points=points,
                source=file.ctx.file,
                search_terms=tuple(v["search_terms"]),
            )
        )
    built.sort(key=lambda c: (order[c.domain.id], c.number))
    return tuple(built)
