"""Read content/ into a Guideline, or raise ContentError listing every problem.

Two passes: each file is checked against its declared shape (content_schema),
then the files are checked against each other (references, the 3×5 matrix,
the rules every cell must follow). The model is only built once both pass.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from . import content_schema as shapes
from . import finder
from . import questionnaire as tree
from .model import (
    Alternative,
    Cell,
    Chapter,
    Consideration,
    Domain,
    Guideline,
    Level,
    Meta,
    Phase,
    Point,
    Revision,
    Scene,
    Section,
    Stance,
    Tier,
)
from .problems import ContentError, Problem
from .schema import INVALID, Context, Spec, compose_file

NUMBERS = range(1, 6)
RED = "赤"


_CJK_LINE_BREAK = re.compile(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[^\x00-\x7f\s])")


def join_cjk_lines(markdown: str) -> str:
    """A line break inside a Japanese sentence is not a space: browsers would show one."""
    return _CJK_LINE_BREAK.sub("", markdown)


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
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.ctx.problems.append(Problem(self.ctx.file, None, None, "", "このファイル", "見つかりませんでした"))
        except UnicodeDecodeError:
            self.ctx.problems.append(Problem(self.ctx.file, None, None, "", "UTF-8 で保存されたファイル", "別の文字コードでした"))
        else:
            node = compose_file(text, self.ctx)
            if node is not None:
                self.value = spec.check(node, self.ctx, "")
        self._problems = problems

    @property
    def ok(self) -> bool:
        return isinstance(self.value, dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default) if self.ok else default

    def problem(self, path: str, expected: str, found: str) -> None:
        self.ctx.problem_at(path, expected, found)

    def flush(self) -> None:
        self._problems.extend(self.ctx.problems)
        self.ctx.problems = []


def _duplicates(file: ContentFile, items: list[dict], key: str, list_path: str, what: str) -> None:
    counts = Counter(item.get(key) for item in items if item.get(key) is not None)
    seen: set[Any] = set()
    for index, item in enumerate(items):
        value = item.get(key)
        if counts.get(value, 0) > 1:
            if value in seen:
                file.problem(f"{list_path}[{index + 1}].{key}", f"重複しない{what}", f"「{value}」が重複していました")
            seen.add(value)


def load_guideline(content_dir: str | os.PathLike) -> Guideline:
    root = Path(content_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(display_path(root), None, None, "", "コンテンツのフォルダ", "見つかりませんでした")])

    meta = ContentFile(root / "guideline.yml", shapes.GUIDELINE, problems)
    legend = ContentFile(root / "legend.yml", shapes.LEGEND, problems)
    domains = ContentFile(root / "domains.yml", shapes.DOMAINS, problems)
    chapters = [ContentFile(p, shapes.CHAPTER, problems) for p in sorted((root / "chapters").glob("*.yml"))]

    tiers = legend.get("tiers", [])
    considerations = legend.get("considerations", [])
    phases = legend.get("phases", [])
    _duplicates(legend, tiers, "name", "tiers", "名前")
    _duplicates(legend, tiers, "id", "tiers", "id")
    _duplicates(legend, considerations, "name", "considerations", "名前")
    _duplicates(legend, considerations, "id", "considerations", "id")
    _duplicates(legend, phases, "name", "phases", "名前")
    _duplicates(legend, phases, "id", "phases", "id")
    levels = legend.get("levels", [])
    _duplicates(legend, levels, "name", "levels", "段階")
    if legend.ok and "levels" in legend.value:
        missing = set(shapes.LEVEL_NAMES) - {lv.get("name") for lv in levels}
        if missing:
            legend.problem("levels", "「必須」と「推奨」の両方の説明", f"「{'」「'.join(sorted(missing))}」がありませんでした")
    if legend.ok and RED not in {t.get("name") for t in tiers} and "tiers" in legend.value:
        legend.problem("tiers", f"「{RED}」を含む利活用の考え方", f"「{RED}」がありませんでした")

    domain_list = domains.get("domains", [])
    _duplicates(domains, domain_list, "id", "domains", "id")
    _duplicates(domains, domain_list, "name", "domains", "名前")

    for chapter in chapters:
        _duplicates(chapter, chapter.get("sections", []), "id", "sections", "節の id")
    _check_chapter_numbers(chapters)

    cell_shape = shapes.cell_schema(
        tiers=[t["name"] for t in tiers if "name" in t],
        considerations=[c["name"] for c in considerations if "name" in c],
        tags=[c["name"] for c in considerations if "name" in c],
        phases=[p["name"] for p in phases if "name" in p and p.get("in_cells", True)],
    )
    cell_paths = sorted((root / "cells").glob("*.yml"))
    if not cell_paths:
        problems.append(Problem(display_path(root / "cells"), None, None, "", "セルのファイル（*.yml）", "1 つもありませんでした"))
    cells = [ContentFile(p, cell_shape, problems) for p in cell_paths]
    cell_ids = _check_cells(cells, domains, domain_list, [p["name"] for p in phases if p.get("in_cells", True) and "name" in p])

    questions = ContentFile(root / "questionnaire.yml", tree.SCHEMA, problems)
    tree.check(questions, set(cell_ids.values()))
    signals = ContentFile(root / "finder.yml", finder.SCHEMA, problems)
    questionnaire = tree.build(questions.value) if questions.ok and not questions.ctx.problems else None
    finder.check(signals, set(cell_ids.values()), questionnaire)

    for file in [meta, legend, domains, *chapters, *cells, questions, signals]:
        file.flush()
    if problems:
        raise ContentError(problems)

    guideline = _build(meta.value, legend.value, domain_list, [c.value for c in chapters], cells, cell_ids)
    return dataclasses.replace(guideline, questionnaire=questionnaire, signals=finder.build_signals(signals.value))


def _check_chapter_numbers(chapters: list[ContentFile]) -> None:
    by_number: dict[int, ContentFile] = {}
    ids: dict[str, ContentFile] = {}
    for chapter in chapters:
        number, chapter_id = chapter.get("number"), chapter.get("id")
        if number in by_number:
            chapter.problem("number", f"重複しない章番号（{by_number[number].ctx.file} と同じ）", f"{number} でした")
        elif number is not None:
            by_number[number] = chapter
        if chapter_id in ids:
            chapter.problem("id", f"重複しない章の id（{ids[chapter_id].ctx.file} と同じ）", f"「{chapter_id}」でした")
        elif chapter_id is not None:
            ids[chapter_id] = chapter


def _check_cells(
    cells: list[ContentFile], domains: ContentFile, domain_list: list[dict], cell_phase_names: list[str]
) -> dict[str, str]:
    """Cross-checks every cell; returns {file path: cell id} for valid placements."""
    domain_ids = {d["name"]: d["id"] for d in domain_list if "name" in d and "id" in d}
    placed: dict[tuple[str, int], ContentFile] = {}
    cell_ids: dict[str, str] = {}
    for cell in cells:
        if not cell.ok:
            continue
        domain, number = cell.get("domain"), cell.get("number")
        if domain is not None and domain not in domain_ids:
            if domains.ok:  # otherwise domains.yml itself is already reported
                known = "、".join(f"「{d}」" for d in domain_ids)
                cell.problem("domain", f"domains.yml にある業務領域（{known}）", f"「{domain}」でした")
        elif domain is not None and number is not None:
            key = (domain, number)
            if key in placed:
                cell.problem("number", f"業務領域の中で重複しない分類番号（{placed[key].ctx.file} と同じ）", f"{number} でした")
            else:
                placed[key] = cell
                cell_ids[str(cell.path)] = f"{domain_ids[domain]}-{number}"
        _check_points(cell, cell_phase_names)

    if domains.ok and cells:
        for index, domain in enumerate(domain_list):
            missing = [n for n in NUMBERS if (domain.get("name"), n) not in placed]
            if "name" in domain and missing:
                shown = "、".join(str(n) for n in missing)
                domains.problem(
                    f"domains[{index + 1}]",
                    f"分類 1〜5 のセル（content/cells/{domain.get('id', '…')}-N.yml）",
                    f"「{domain['name']}」の分類 {shown} のセルがありませんでした",
                )

    known_ids = set(cell_ids.values())
    for cell in cells:
        stance = cell.get("stance") or {}
        for index, alternative in enumerate(stance.get("alternatives", [])):
            target = alternative.get("cell")
            if target is not None and known_ids and target not in known_ids:
                cell.problem(
                    f"stance.alternatives[{index + 1}].cell",
                    "存在するセルの id（例: citizen-3）",
                    f"「{target}」でした",
                )
    return cell_ids


def _check_points(cell: ContentFile, cell_phase_names: list[str]) -> None:
    points_by_phase: dict[str, list[dict]] = cell.get("points", {}) or {}
    tiers = cell.get("tiers", [])
    all_points = [(phase, i, p) for phase, points in points_by_phase.items() for i, p in enumerate(points)]

    seen: dict[str, str] = {}
    for phase, index, point in all_points:
        point_id = point.get("id")
        if point_id is None:
            continue
        if point_id in seen:
            cell.problem(f"points.{phase}[{index + 1}].id", f"セルの中で重複しない id（{seen[point_id]} と同じ）", f"「{point_id}」でした")
        else:
            seen[point_id] = f"points.{phase}"

    red_only = bool(tiers) and all(t == RED for t in tiers)
    if tiers and RED in tiers and "stance" in cell.value and cell.value["stance"] is None:
        cell.problem("stance", f"「{RED}」を含むセルの考え方（stance: summary, details, alternatives）", "見つかりませんでした")
    if red_only:
        return
    for phase in cell_phase_names:
        if not points_by_phase.get(phase) and "points" in cell.value:
            cell.problem(f"points.{phase}", f"フェーズ「{phase}」の対応のポイント（1 件以上）", "ありませんでした")

    served = {tag for _, _, p in all_points if p.get("level") == "必須" for tag in p.get("tags", [])}
    for index, name in enumerate(cell.get("considerations", [])):
        if name not in served and all_points:
            cell.problem(
                f"considerations[{index + 1}]",
                f"「{name}」をタグに持つ［必須］の対応のポイント（1 件以上）",
                "ありませんでした",
            )


def _build(meta: dict, legend: dict, domain_list: list[dict], chapter_values: list[dict], cells: list[ContentFile], cell_ids: dict[str, str]) -> Guideline:
    domains = tuple(Domain(**d) for d in domain_list)
    domain_by_name = {d.name: d for d in domains}
    phase_order = [p["name"] for p in legend["phases"]]
    built_cells = []
    for file in cells:
        v = file.value
        points = tuple(
            Point(p["id"], phase, p["level"], p["title"], tuple(p["details"]), tuple(p["tags"]))
            for phase in phase_order
            for p in v["points"].get(phase, [])
        )
        stance = None
        if v.get("stance"):
            s = v["stance"]
            stance = Stance(s["summary"], tuple(s["details"]), tuple(Alternative(a["text"], a["cell"]) for a in s["alternatives"]))
        built_cells.append(
            Cell(
                id=cell_ids[str(file.path)],
                domain=domain_by_name[v["domain"]],
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
    domain_order = {d.id: i for i, d in enumerate(domains)}
    built_cells.sort(key=lambda c: (domain_order[c.domain.id], c.number))
    return Guideline(
        meta=Meta(
            title=meta["title"],
            publisher=meta["publisher"],
            version=meta["version"],
            issued=meta["issued"],
            summary=meta["summary"],
            contact=meta["contact"],
            revisions=tuple(Revision(r["version"], r["date"], tuple(r["changes"])) for r in meta["revisions"]),
        ),
        tiers=tuple(Tier(**t) for t in legend["tiers"]),
        levels=tuple(Level(**lv) for lv in legend["levels"]),
        considerations=tuple(
            Consideration(c["id"], c["name"], c["mark"], c["group"], c["summary"], tuple(c["directions"]))
            for c in legend["considerations"]
        ),
        phases=tuple(Phase(p["id"], p["name"], p["in_cells"], p["summary"], tuple(p["tasks"])) for p in legend["phases"]),
        domains=domains,
        chapters=tuple(
            sorted(
                (
                    Chapter(
                        c["number"], c["id"], c["title"], c["lead"],
                        tuple(Section(s["id"], s["title"], join_cjk_lines(s["body"])) for s in c["sections"]), c["include"],
                    )
                    for c in chapter_values
                ),
                key=lambda ch: ch.number,
            )
        ),
        cells=tuple(built_cells),
    )
