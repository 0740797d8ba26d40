"""Read content/ into a Guideline, or raise ContentError listing every problem.

Two passes: each file is checked against its declared shape (shapes.py), then
the files are checked against each other (rules.py, tree_rules.py). The model is
built only once both pass. Nothing here renders pages or builds search indexes.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

from . import build, rules, shapes, tree_rules
from . import questionnaire as tree
from .model import Guideline, RelatedTerms
from .nodes import INVALID, Context, Spec
from .problems import ContentError, Problem
from .reader import compose_file, size_ok

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
                other = [p.name for p in sorted(self.path.parent.glob(self.path.stem + ".*"))] if self.path.parent.is_dir() else []
                refuse("このファイル", "見つかりませんでした" + (f"（{'、'.join(other)} は読みません。拡張子を .yml にしてください）" if other else ""))
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
    return load(content_dir)[0]


def load(content_dir: str | os.PathLike) -> tuple[Guideline, list[ContentFile]]:
    """The guideline, and the checked files it was read from (for `aiguide review`)."""
    root = Path(content_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(display_path(root), None, None, "", "コンテンツのフォルダ", "見つかりませんでした")])

    # The legend first: every other file takes names from it (tiers, levels, 出典, 担当 …).
    # If it is broken, checking the others would only repeat its mistake a hundred times.
    legend = ContentFile(root / "legend.yml", shapes.LEGEND, problems)
    rules.check_legend(legend)
    if legend.broken:
        _fail([legend], problems, fix_first=[legend])
    shaped = shapes.for_legend(legend.value)
    official = set(shapes.names(legend.value, "sources", official=True))

    meta = ContentFile(root / "guideline.yml", shaped.guideline, problems)
    rules.check_revisions(meta)
    domains = ContentFile(root / "domains.yml", shaped.domains, problems)
    chapters = [ContentFile(p, shaped.chapter, problems) for p in sorted((root / "chapters").glob("*.yml"))]
    rules.check_domains(domains)
    rules.check_chapters(chapters)
    if not chapters:
        problems.append(Problem(display_path(root / "chapters"), None, None, "", "章のファイル（chapters/*.yml）", "1 つもありませんでした"))
    if domains.broken:  # cells name their domain: fix domains.yml first
        _fail([legend, meta, domains, *chapters], problems, fix_first=[domains])

    # Only *.yml files are read: a look-alike (.yaml, .YML, .yml.txt that an editor saved) would be
    # left out silently, and the cell it holds reported missing everywhere it is used.
    strays = {folder: [p for p in sorted((root / folder).glob("*")) if _STRAY.search(p.name) and not p.name.endswith(".yml")]
              for folder in ("cells", "chapters")}
    for stray in strays["cells"] + strays["chapters"]:
        problems.append(Problem(display_path(stray), None, None, "", "拡張子 .yml のファイル名（ほかの拡張子のファイルは読みません）",
                                f"{stray.name} でした。控えのファイルならこのフォルダの外に移し、使うファイルなら拡張子を .yml にしてください"))
    cell_paths = sorted((root / "cells").glob("*.yml"))
    if not cell_paths:
        problems.append(Problem(display_path(root / "cells"), None, None, "", "分類のファイル（*.yml）", "1 つもありませんでした"))
    cells = [ContentFile(p, shaped.cell, problems) for p in cell_paths]
    broken_cells = [cell for cell in cells if cell.broken]
    cell_ids = rules.check_cells(cells, domains, legend, complete=not (broken_cells or strays["cells"]))
    # A cell that could not be placed (its domain or number is wrong) is broken too: references to
    # its id would otherwise be reported as mistakes of the files that make them.
    broken_cells = [cell for cell in cells if cell.broken]
    # References to cells are checked only when every cell could be read (no follow-on errors).
    cells_read = not (broken_cells or strays["cells"])

    strategy = ContentFile(root / "strategy.yml", shaped.strategy, problems)
    questions = ContentFile(root / "questionnaire.yml", shapes.QUESTIONNAIRE, problems)
    tree_rules.check_questionnaire(questions, _tiers_of(cells, cell_ids) if cells_read else {})
    questionnaire = tree.build(questions.value) if not questions.broken else None
    examples = ContentFile(root / "examples.yml", shapes.EXAMPLES, problems)
    rules.duplicates(examples, examples.get("examples", []), "text", "examples", "例文（同じ例文は 1 回だけ書きます）")
    if questionnaire is not None:
        tree_rules.check_examples(examples, questionnaire)

    search = ContentFile(root / "search.yml", shapes.SEARCH, problems)
    rules.check_related_terms(search)

    files = [legend, meta, domains, *chapters, *cells, strategy, questions, examples, search]
    for file in files:
        rules.check_refs(file, official)
    if problems or any(file.ctx.problems for file in files):
        # Examples are checked against the questionnaire: not at all while it has mistakes of its own.
        _fail(files, problems, fix_first=broken_cells + ([questions] if questions.broken else []))

    guideline = build.guideline(legend.value, meta.value, domains.value, [(c.value, c.ctx.file) for c in chapters],
                                [(c.value, cell_ids[str(c.path)], c.ctx.file) for c in cells], questionnaire)
    guideline = dataclasses.replace(
        guideline,
        examples=tuple((e["text"], tuple(e["answers"])) for e in examples.value["examples"]),
        related_terms=tuple(RelatedTerms(tuple(g["words"]), tuple(g["means"])) for g in search.value["related"]),
    )
    warnings = rules.strategy_warnings(guideline, strategy.value, strategy.ctx.file) + rules.contact_warnings(guideline, meta.ctx.file)
    return dataclasses.replace(guideline, warnings=tuple(warnings)), files


_STRAY = re.compile(r"\.ya?ml", re.IGNORECASE)


def _tiers_of(cells: list[ContentFile], cell_ids: dict[str, str]) -> dict[str, list[str]]:
    return {cell_ids[str(c.path)]: c.get("tiers", []) for c in cells if str(c.path) in cell_ids}


def _fail(files: list[ContentFile], problems: list[Problem], fix_first: list[ContentFile]) -> None:
    for file in files:
        file.flush()
    raise ContentError(problems, fix_first=[file.ctx.file for file in fix_first])
