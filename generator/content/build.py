"""Validated YAML values → the typed, read-only Guideline (only ever called on content that passed
every shape and rule, so nothing here checks anything)."""

from __future__ import annotations

from .markup import join_cjk_lines
from .model import (
    Alternative,
    Cell,
    CellsChapter,
    Chapter,
    Contact,
    Domain,
    Guideline,
    Meta,
    Point,
    Revision,
    Scene,
    Section,
    Stance,
)
from .provenance import SourceNames
from .vocabulary import Consideration, Level, Phase, Term, Tier, Vocabulary


def guideline(legend: dict, meta: dict, domains: dict, chapters: list, cells: list, questionnaire) -> Guideline:
    sources = SourceNames(legend["sources"])
    vocabulary_ = vocabulary(legend, sources)
    domain_list = tuple(_domain(d, sources) for d in domains["domains"])
    return Guideline(
        meta=_meta(meta, sources),
        vocabulary=vocabulary_,
        domains=domain_list,
        chapters=tuple(sorted((_chapter(value, file, sources) for value, file in chapters), key=lambda ch: ch.number)),
        cells=_cells(cells, vocabulary_, domain_list, sources),
        questionnaire=questionnaire,
    )


def vocabulary(legend: dict, sources: SourceNames) -> Vocabulary:
    def terms(key: str) -> tuple[Term, ...]:
        return tuple(Term(t["id"], t["name"], t["meaning"]) for t in legend[key])

    return Vocabulary(
        tiers=tuple(
            Tier(t["id"], t["name"], t["label"], t["meaning"], t["requires_stance"], sources.of(t)) for t in legend["tiers"]
        ),
        levels=tuple(Level(lv["id"], lv["name"], lv["meaning"], lv["mandatory"], sources.of(lv)) for lv in legend["levels"]),
        considerations=tuple(
            Consideration(c["id"], c["name"], c["mark"], c["group"], c["summary"], tuple(c["directions"]), sources.of(c))
            for c in legend["considerations"]
        ),
        phases=tuple(
            Phase(p["id"], p["name"], p["in_cells"], p["summary"], tuple(p["tasks"]), sources.of(p)) for p in legend["phases"]
        ),
        category_numbers=tuple(range(1, legend["categories_per_domain"] + 1)),
        roles=terms("roles"),
        records=terms("records"),
        conditions=terms("conditions"),
        sources=terms("sources"),
        all_considerations_short=legend["considerations_when_none"]["short"],
        all_considerations_text=legend["considerations_when_none"]["text"],
    )


def _meta(meta: dict, sources: SourceNames) -> Meta:
    contact = meta["contact"]
    return Meta(
        title=meta["title"],
        publisher=meta["publisher"],
        version=meta["version"],
        issued=meta["issued"],
        summary=sources.prose(meta["summary"]),
        contact=Contact(contact["name"], contact["section"], contact["phone"], contact["mail"], contact["note"]),
        rights=meta["rights"],
        online=meta["online"],
        cells_chapter=CellsChapter(meta["cells_chapter"]["number"], meta["cells_chapter"]["title"]),
        revisions=tuple(Revision(r["version"], r["date"], tuple(r["changes"])) for r in meta["revisions"]),
    )


def _domain(d: dict, sources: SourceNames) -> Domain:
    return Domain(d["id"], d["name"], d["scope"], d["users"], d["effect"], sources.prose(d["summary"]), sources.of(d))


def _chapter(c: dict, source: str, sources: SourceNames) -> Chapter:
    sections = tuple(Section(s["id"], s["title"], join_cjk_lines(s["body"]), sources.of(s)) for s in c["sections"])
    return Chapter(c["number"], c["id"], c["title"], sources.prose(c["lead"]), sections, c["include"], source)


def _cells(files: list, vocabulary_: Vocabulary, domains: tuple[Domain, ...], sources: SourceNames) -> tuple[Cell, ...]:
    by_name = {d.name: d for d in domains}
    order = {d.id: i for i, d in enumerate(domains)}
    built = [_cell(value, cell_id, file, vocabulary_, by_name, sources) for value, cell_id, file in files]
    built.sort(key=lambda c: (order[c.domain.id], c.number))
    return tuple(built)


def _cell(v: dict, cell_id: str, file: str, vocabulary_: Vocabulary, domains: dict, sources: SourceNames) -> Cell:
    points = tuple(
        Point(
            p["id"], phase.name, p["level"], p["title"], tuple(p["details"]), tuple(p["tags"]),
            mandatory=vocabulary_.level(p["level"]).mandatory,
            who=tuple(p["who"]), records=tuple(p["records"]), when=tuple(p["when"]),
            provenance=sources.of(p), phase_id=phase.id,
        )
        for phase in vocabulary_.phases
        for p in v["points"].get(phase.name, [])
    )
    stance = None
    if v.get("stance"):
        s = v["stance"]
        alternatives = tuple(Alternative(a["text"], a["cell"]) for a in s["alternatives"])
        stance = Stance(sources.prose(s["summary"]), tuple(s["details"]), alternatives, sources.of(s))
    return Cell(
        id=cell_id,
        domain=domains[v["domain"]],
        number=v["number"],
        name=v["name"],
        description=sources.prose(v["description"]),
        features=tuple(sources.prose(f) for f in v["features"]),
        tiers=tuple(v["tiers"]),
        considerations=tuple(v["considerations"]),
        scenes=tuple(Scene(s["title"], s["text"], sources.of(s)) for s in v["scenes"]),
        stance=stance,
        points=points,
        source=file,
        search_terms=tuple(v["search_terms"]),
    )
