"""The guideline as typed, read-only Python objects (built only from valid content)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .provenance import Prose, Provenance
from .vocabulary import Consideration, Level, Phase, Tier, Vocabulary

if TYPE_CHECKING:
    from .questionnaire import Questionnaire


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date
    changes: tuple[str, ...]


@dataclass(frozen=True)
class CellsChapter:
    """The chapter made of the matrix and the cells' pages (it has no file in chapters/)."""

    number: int
    title: str

    @property
    def heading(self) -> str:
        return f"{self.number:02d} {self.title}"


@dataclass(frozen=True)
class Contact:
    name: str
    section: str | None
    phone: str | None
    mail: str | None
    note: str | None

    @property
    def line(self) -> str:
        """One line for pages and PDFs: 「デジタルサービス局 ○○課（内線 …、メール …）」."""
        reach = "、".join(x for x in (f"内線 {self.phone}" if self.phone else "", f"メール {self.mail}" if self.mail else "") if x)
        return f"{self.name}{(' ' + self.section) if self.section else ''}{f'（{reach}）' if reach else ''}"


@dataclass(frozen=True)
class Meta:
    title: str
    publisher: str
    version: str
    issued: dt.date
    summary: Prose
    contact: Contact
    rights: str
    online: str
    cells_chapter: CellsChapter
    revisions: tuple[Revision, ...]


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    scope: str
    users: str
    effect: str
    summary: Prose
    provenance: Provenance


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str
    provenance: Provenance


@dataclass(frozen=True)
class Chapter:
    number: int
    id: str
    title: str
    lead: Prose
    sections: tuple[Section, ...]
    include: str | None
    source: str = field(compare=False, default="")  # the content file, for messages

    @property
    def label(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class Scene:
    title: str
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class Point:
    id: str
    phase: str
    level: str
    title: str
    details: tuple[str, ...]
    tags: tuple[str, ...]
    mandatory: bool
    who: tuple[str, ...]  # 担当 (legend roles)
    records: tuple[str, ...]  # 記録: what doing it leaves behind (legend records)
    when: tuple[str, ...]  # 適用条件: empty = always (legend conditions)
    provenance: Provenance
    phase_id: str = ""

    def global_id(self, cell_id: str) -> str:
        """Stable across edits of the text: records of projects refer to points by it."""
        return f"{cell_id}/{self.phase_id}/{self.id}"

    @property
    def anchor(self) -> str:
        return f"pt-{self.phase_id}-{self.id}"

    @property
    def fingerprint(self) -> str:
        """Changes when the point's wording changes: a project's recorded status remembers the
        fingerprint it was given against, so a revision can flag it for re-checking."""
        text = "\n".join([self.level, self.title, *self.details])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Alternative:
    text: str
    cell: str


@dataclass(frozen=True)
class Stance:
    summary: Prose
    details: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    provenance: Provenance


@dataclass(frozen=True)
class Cell:
    id: str
    domain: Domain
    number: int
    name: str
    description: Prose
    features: tuple[Prose, ...]
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

    def used(self, attribute: str) -> set[str]:
        """Names this cell's points use in one of their lists ("who", "records", "when", "tags")."""
        return {name for point in self.points for name in getattr(point, attribute)}

    def provenances(self) -> list[Provenance]:
        """Every item on the cell's page, in page order."""
        items = [self.description.provenance, *(f.provenance for f in self.features), *(s.provenance for s in self.scenes)]
        if self.stance:
            items += [self.stance.summary.provenance, self.stance.provenance]
        return items + [p.provenance for p in self.points]


@dataclass(frozen=True)
class RelatedTerms:
    words: tuple[str, ...]
    means: tuple[str, ...]


@dataclass(frozen=True)
class Guideline:
    meta: Meta
    vocabulary: Vocabulary
    domains: tuple[Domain, ...]
    chapters: tuple[Chapter, ...]
    cells: tuple[Cell, ...]
    questionnaire: "Questionnaire | None" = None
    warnings: tuple[str, ...] = ()  # not mistakes, but worth a look (e.g. a tier that differs from the Strategy)
    examples: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (description, answers): what the finder learns from
    related_terms: tuple["RelatedTerms", ...] = ()  # site search: what staff type → the guideline's words

    # The vocabulary, as templates ask for it (g.tiers, g.tier("黄") …).
    @property
    def tiers(self) -> tuple[Tier, ...]:
        return self.vocabulary.tiers

    @property
    def levels(self) -> tuple[Level, ...]:
        return self.vocabulary.levels

    @property
    def considerations(self) -> tuple[Consideration, ...]:
        return self.vocabulary.considerations

    @property
    def phases(self) -> tuple[Phase, ...]:
        return self.vocabulary.phases

    @property
    def cell_phases(self) -> tuple[Phase, ...]:
        return self.vocabulary.cell_phases

    @property
    def process_chapter(self):
        """The chapter that lists every phase's tasks (include: phases), if there is one."""
        return next((c for c in self.chapters if c.include == "phases"), None)

    def tier(self, name: str) -> Tier:
        return self.vocabulary.tier(name)

    def consideration(self, name: str) -> Consideration:
        return self.vocabulary.consideration(name)

    def cell(self, cell_id: str) -> Cell:
        return next(c for c in self.cells if c.id == cell_id)

    def cells_of(self, domain: Domain) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.domain.id == domain.id)

    def cell_at(self, domain: Domain, number: int) -> Cell:
        return next(c for c in self.cells_of(domain) if c.number == number)

    @property
    def point_count(self) -> int:
        return sum(len(c.points) for c in self.cells)
