"""The guideline as typed, read-only Python objects (built only from valid content)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .questionnaire import Questionnaire


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Level:
    name: str
    meaning: str


@dataclass(frozen=True)
class Consideration:
    id: str
    name: str
    mark: str | None
    group: str
    summary: str
    directions: tuple[str, ...]


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    in_cells: bool
    summary: str
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Meta:
    title: str
    publisher: str
    version: str
    issued: dt.date
    summary: str
    contact: str
    revisions: tuple[Revision, ...]


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    scope: str
    users: str
    effect: str
    summary: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class Chapter:
    number: int
    id: str
    title: str
    lead: str
    sections: tuple[Section, ...]
    include: str | None

    @property
    def label(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class Scene:
    title: str
    text: str


@dataclass(frozen=True)
class Point:
    id: str
    phase: str
    level: str
    title: str
    details: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Alternative:
    text: str
    cell: str


@dataclass(frozen=True)
class Stance:
    summary: str
    details: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Cell:
    id: str
    domain: Domain
    number: int
    name: str
    description: str
    features: tuple[str, ...]
    tiers: tuple[str, ...]
    considerations: tuple[str, ...]
    scenes: tuple[Scene, ...]
    stance: Stance | None
    points: tuple[Point, ...]
    source: str = field(compare=False, default="")
    search_terms: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.domain.name} - {self.name}"

    def points_in(self, phase: str) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.phase == phase)


@dataclass(frozen=True)
class Guideline:
    meta: Meta
    tiers: tuple[Tier, ...]
    levels: tuple[Level, ...]
    considerations: tuple[Consideration, ...]
    phases: tuple[Phase, ...]
    domains: tuple[Domain, ...]
    chapters: tuple[Chapter, ...]
    cells: tuple[Cell, ...]
    questionnaire: "Questionnaire | None" = None
    signals: tuple = ()  # finder.Signal: words that weigh in 「業務内容から探す」

    @property
    def cell_phases(self) -> tuple[Phase, ...]:
        """The phases a cell's points are sorted into (調達 is process-wide)."""
        return tuple(p for p in self.phases if p.in_cells)

    def tier(self, name: str) -> Tier:
        return next(t for t in self.tiers if t.name == name)

    def consideration(self, name: str) -> Consideration:
        return next(c for c in self.considerations if c.name == name)

    def cell(self, cell_id: str) -> Cell:
        return next(c for c in self.cells if c.id == cell_id)

    def cells_of(self, domain: Domain) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.domain.id == domain.id)

    @property
    def point_count(self) -> int:
        return sum(len(c.points) for c in self.cells)
