"""The guideline's vocabulary as content/legend.yml defines it: tiers, levels, 留意事項, phases.

Code and templates never spell out 「必須」「赤」「企画」 or the number of 分類: they ask
this object, so renaming or adding an entry in legend.yml needs no code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .provenance import Provenance

_UNSET = Provenance("編集", False)


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    label: str
    meaning: str
    requires_stance: bool = False  # 赤: a cell with it states a stance; a cell with only it has no points
    provenance: Provenance = field(default=_UNSET, compare=False)


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    meaning: str
    mandatory: bool = False
    provenance: Provenance = field(default=_UNSET, compare=False)


@dataclass(frozen=True)
class Consideration:
    id: str
    name: str
    mark: str | None
    group: str
    summary: str
    directions: tuple[str, ...]
    provenance: Provenance = field(default=_UNSET, compare=False)


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    in_cells: bool
    summary: str
    tasks: tuple[str, ...]
    provenance: Provenance = field(default=_UNSET, compare=False)


@dataclass(frozen=True)
class Term:
    """An entry of a small vocabulary: 担当, 記録, 適用条件, 出典."""

    id: str
    name: str
    meaning: str


@dataclass(frozen=True)
class Vocabulary:
    tiers: tuple[Tier, ...]
    levels: tuple[Level, ...]
    considerations: tuple[Consideration, ...]
    phases: tuple[Phase, ...]
    category_numbers: tuple[int, ...]
    roles: tuple[Term, ...] = ()
    records: tuple[Term, ...] = ()
    conditions: tuple[Term, ...] = ()
    sources: tuple[Term, ...] = ()
    # What a cell without main 留意事項 (the 赤 cells; 「—」 in the Strategy's table) shows instead.
    all_considerations_short: str = "すべて"
    all_considerations_text: str = "すべての留意すべき事項が対象"

    def term(self, kind: str, name: str) -> Term:
        return next(t for t in getattr(self, kind) if t.name == name)

    def tier(self, name: str) -> Tier:
        return next(t for t in self.tiers if t.name == name)

    def level(self, name: str) -> Level:
        return next(lv for lv in self.levels if lv.name == name)

    def consideration(self, name: str) -> Consideration:
        return next(c for c in self.considerations if c.name == name)

    @property
    def mandatory(self) -> Level:
        return next(lv for lv in self.levels if lv.mandatory)

    @property
    def cell_phases(self) -> tuple[Phase, ...]:
        """The phases a cell's points are sorted into (調達 is process-wide)."""
        return tuple(p for p in self.phases if p.in_cells)

    @property
    def first_phase(self) -> Phase:
        return self.cell_phases[0]

    def needs_stance(self, tier_names) -> bool:
        return any(self.tier(name).requires_stance for name in tier_names)

    def watch_only(self, tier_names) -> bool:
        """Only tiers that ask to watch first (赤): the cell states a stance instead of points."""
        return bool(tier_names) and all(self.tier(name).requires_stance for name in tier_names)
