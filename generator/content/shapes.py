"""The expected shape of each content file, declared once, read by the loader.

Shapes check one file at a time. Rules between files (references, the full
matrix, points that serve each 留意事項, the questionnaire's graph) are in
rules.py and tree_rules.py. The legend is read first: the other files' shapes
take their choices (tiers, levels, 出典, 担当 …) from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .nodes import Choice, Confirmation, Date, Flag, Integer, Key, ListOf, MapOf, Number, Prose, Record, Slug, Text

CHAPTER_INCLUDES = ["considerations", "phases"]  # generated parts a chapter can end with

# Length bounds: names feed navigation and running headers, titles feed headings and the contents.
NAME = Text(40)
TITLE = Text(100)
SENTENCE = Text(600)
MARKDOWN = Text(20000)
TextList = ListOf(SENTENCE)


def provenance(source: "Choice | Text") -> dict[str, Key]:
    """Where an item comes from (原文 = the guideline itself, with `ref` naming the place;
    編集 = written for this site) and who confirmed it when. All optional: the legend's
    default source applies, and an item without `confirmed` is 未確認."""
    return {
        "source": Key(source, required=False),
        "ref": Key(TITLE, required=False),
        "confirmed": Key(Confirmation(), required=False),
    }


_LEGEND_PROVENANCE = provenance(NAME)  # checked against the legend's own `sources` in rules.py


def _vocabulary_list(extra: dict[str, Key] | None = None) -> ListOf:
    return ListOf(Record({"id": Key(Slug()), "name": Key(NAME), "meaning": Key(SENTENCE), **(extra or {})}))


LEGEND = Record(
    {
        "sources": Key(_vocabulary_list({"official": Key(Flag(), required=False, default=False),
                                         "default": Key(Flag(), required=False, default=False)})),
        "tiers": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "label": Key(TITLE),
                        "meaning": Key(SENTENCE),
                        "requires_stance": Key(Flag(), required=False, default=False),
                        **_LEGEND_PROVENANCE,
                    }
                )
            )
        ),
        "levels": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "meaning": Key(SENTENCE),
                        "mandatory": Key(Flag(), required=False, default=False),
                        **_LEGEND_PROVENANCE,
                    }
                ),
                min_items=2,
            )
        ),
        "considerations": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "mark": Key(Text(2), required=False),
                        "group": Key(TITLE),
                        "summary": Key(SENTENCE),
                        "directions": Key(TextList),
                        **_LEGEND_PROVENANCE,
                    }
                )
            )
        ),
        "phases": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "in_cells": Key(Flag(), required=False, default=True),
                        "summary": Key(SENTENCE),
                        "tasks": Key(TextList),
                        **_LEGEND_PROVENANCE,
                    }
                )
            )
        ),
        "roles": Key(_vocabulary_list()),
        "records": Key(_vocabulary_list()),
        "conditions": Key(_vocabulary_list()),
        "categories_per_domain": Key(Integer(1, 9)),
        "considerations_when_none": Key(Record({"short": Key(Text(10)), "text": Key(TITLE)})),
    }
)


def names(legend: dict, key: str, **only) -> list[str]:
    return [
        item["name"]
        for item in legend.get(key, [])
        if "name" in item and all(item.get(flag, True) == value for flag, value in only.items())
    ]


@dataclass(frozen=True)
class Shapes:
    """The shapes of the files read after the legend."""

    guideline: Record
    domains: Record
    chapter: Record
    cell: Record
    strategy: Record


def for_legend(legend: dict) -> Shapes:
    source = Choice(names(legend, "sources"), "出典 ")
    item = provenance(source)
    prose = Prose(SENTENCE, item)
    contact = Record(
        {
            "name": Key(NAME),
            "section": Key(NAME, required=False),
            "phone": Key(Text(40), required=False),
            "mail": Key(Text(100), required=False),
            "note": Key(SENTENCE, required=False),
        }
    )
    guideline = Record(
        {
            "title": Key(TITLE),
            "publisher": Key(TITLE),
            "version": Key(Text(20)),
            "issued": Key(Date()),
            "summary": Key(prose),
            "contact": Key(contact),
            "rights": Key(SENTENCE),
            "online": Key(Text(200)),
            "cells_chapter": Key(Record({"number": Key(Integer(1, 99)), "title": Key(TITLE)})),
            "revisions": Key(ListOf(Record({"version": Key(Text(20)), "date": Key(Date()), "changes": Key(TextList)}))),
        }
    )
    domains = Record(
        {
            "domains": Key(
                ListOf(
                    Record(
                        {
                            "id": Key(Slug()),
                            "name": Key(NAME),
                            "scope": Key(SENTENCE),
                            "users": Key(NAME),
                            "effect": Key(NAME),
                            "summary": Key(prose),
                            **item,
                        }
                    )
                )
            )
        }
    )
    chapter = Record(
        {
            "number": Key(Integer(1, 99)),
            "id": Key(Slug()),
            "title": Key(TITLE),
            "lead": Key(prose),
            "sections": Key(ListOf(Record({"id": Key(Slug()), "title": Key(TITLE), "body": Key(MARKDOWN), **item}))),
            "include": Key(Choice(CHAPTER_INCLUDES), required=False),
        }
    )
    return Shapes(guideline, domains, chapter, _cell(legend, item, prose), _strategy(legend))


def _cell(legend: dict, item: dict[str, Key], prose: Prose) -> Record:
    """A cell's shape depends on the legend: tiers, levels, 留意事項, phases, 担当, 記録, 適用条件."""
    considerations = names(legend, "considerations")

    def listed(key: str, what: str, required: bool = False) -> Key:
        if required:  # who does it and what it leaves behind: a checklist item without them cannot be followed
            return Key(ListOf(Choice(names(legend, key), what), min_items=1))
        return Key(ListOf(Choice(names(legend, key), what), min_items=0), required=False, default=list)

    point = Record(
        {
            "id": Key(Slug()),
            "level": Key(Choice(names(legend, "levels"), "段階 ")),
            "title": Key(TITLE),
            "details": Key(TextList),
            "tags": listed("considerations", "タグ "),
            "who": listed("roles", "担当 ", required=True),
            "records": listed("records", "記録 ", required=True),
            "when": listed("conditions", "適用条件 "),
            **item,
        }
    )
    return Record(
        {
            "domain": Key(NAME),
            "number": Key(Integer(1, legend.get("categories_per_domain") or 1)),
            "name": Key(NAME),
            "description": Key(prose),
            "features": Key(ListOf(prose)),
            "tiers": Key(ListOf(Choice(names(legend, "tiers"), "利活用の考え方 "))),
            "considerations": Key(ListOf(Choice(considerations, "留意事項 "), min_items=0)),
            "scenes": Key(ListOf(Record({"title": Key(TITLE), "text": Key(SENTENCE), **item}))),
            "stance": Key(
                Record(
                    {
                        "summary": Key(prose),
                        "details": Key(TextList),
                        "alternatives": Key(
                            ListOf(Record({"text": Key(SENTENCE), "cell": Key(Slug())}), min_items=0),
                            required=False,
                            default=list,
                        ),
                        **item,
                    }
                ),
                required=False,
            ),
            "points": Key(
                MapOf(Choice(names(legend, "phases", in_cells=True), "フェーズ "), ListOf(point, min_items=0)),
                required=False,
                default=dict,
            ),
            "search_terms": Key(ListOf(NAME, min_items=0), required=False, default=list),
        }
    )


def _strategy(legend: dict) -> Record:
    """strategy.yml: the matrix as the 東京都AI戦略 states it (tiers and 主な留意事項 per cell)."""
    return Record(
        {
            "ref": Key(TITLE),
            "cells": Key(
                MapOf(
                    Slug(),
                    Record(
                        {
                            "tiers": Key(ListOf(Choice(names(legend, "tiers"), "利活用の考え方 "))),
                            "considerations": Key(ListOf(Choice(names(legend, "considerations"), "留意事項 "), min_items=0)),
                        }
                    ),
                )
            ),
        }
    )


QUESTIONNAIRE = Record(
    {
        "start": Key(Slug()),
        "questions": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "text": Key(SENTENCE),
                        "topic": Key(NAME),
                        "help": Key(Text(1000)),
                        "examples": Key(ListOf(SENTENCE, min_items=0), required=False, default=list),
                        "options": Key(
                            ListOf(
                                Record(
                                    {
                                        "id": Key(Slug()),
                                        "label": Key(TITLE),
                                        "short": Key(NAME),
                                        "next": Key(Slug(), required=False),
                                        "result": Key(Slug(), required=False),
                                        "tier": Key(NAME, required=False),
                                        "note": Key(SENTENCE, required=False),
                                        "also": Key(ListOf(Slug(), min_items=0), required=False, default=list),
                                        "evidence": Key(ListOf(Text(30), min_items=0), required=False, default=list),
                                    }
                                ),
                                min_items=2,
                            )
                        ),
                    }
                )
            )
        ),
    }
)


EXAMPLES = Record(
    {
        "examples": Key(
            ListOf(Record({"text": Key(SENTENCE), "answers": Key(ListOf(Slug()))}), min_items=0),
        )
    }
)


# search.yml: what staff type (words) → the words the guideline uses (means).
SEARCH = Record(
    {
        "related": Key(
            ListOf(Record({"words": Key(ListOf(Text(30))), "means": Key(ListOf(Text(30)))}), min_items=0),
        )
    }
)
