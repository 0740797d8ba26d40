"""The expected shape of each content file, declared once, read by the loader.

Shapes check one file at a time. Rules between files (references, the full
matrix, points that serve each 留意事項, the questionnaire's graph) are in
rules.py and tree_rules.py.
"""

from __future__ import annotations

from .nodes import Choice, Date, Flag, Integer, Key, ListOf, MapOf, Number, Record, Slug, Text

CHAPTER_INCLUDES = ["considerations", "phases"]  # generated parts a chapter can end with

# Length bounds: names feed navigation and running headers, titles feed headings and the contents.
NAME = Text(40)
TITLE = Text(100)
SENTENCE = Text(600)
MARKDOWN = Text(20000)
TextList = ListOf(SENTENCE)

GUIDELINE = Record(
    {
        "title": Key(TITLE),
        "publisher": Key(TITLE),
        "version": Key(Text(20)),
        "issued": Key(Date()),
        "summary": Key(SENTENCE),
        "contact": Key(SENTENCE),
        "cells_chapter": Key(Record({"number": Key(Integer(1, 99)), "title": Key(TITLE)})),
        "revisions": Key(
            ListOf(
                Record(
                    {
                        "version": Key(Text(20)),
                        "date": Key(Date()),
                        "changes": Key(TextList),
                    }
                )
            )
        ),
    }
)

LEGEND = Record(
    {
        "tiers": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "label": Key(TITLE),
                        "meaning": Key(SENTENCE),
                        "requires_stance": Key(Flag(), required=False, default=False),
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
                    }
                )
            )
        ),
        "categories_per_domain": Key(Integer(1, 9)),
    }
)

DOMAINS = Record(
    {
        "domains": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "name": Key(NAME),
                        "scope": Key(SENTENCE),
                        "users": Key(SENTENCE),
                        "effect": Key(SENTENCE),
                        "summary": Key(SENTENCE),
                    }
                )
            )
        )
    }
)

CHAPTER = Record(
    {
        "number": Key(Integer(1, 99)),
        "id": Key(Slug()),
        "title": Key(TITLE),
        "lead": Key(SENTENCE),
        "sections": Key(
            ListOf(Record({"id": Key(Slug()), "title": Key(TITLE), "body": Key(MARKDOWN)}))
        ),
        "include": Key(Choice(CHAPTER_INCLUDES), required=False),
    }
)


def cell_shape(legend: dict) -> Record:
    """A cell's shape depends on the legend: tiers, levels, 留意事項 and phases are listed there."""

    def names(key: str, **only) -> list[str]:
        return [
            item["name"]
            for item in legend.get(key, [])
            if "name" in item and all(item.get(flag, True) == value for flag, value in only.items())
        ]

    considerations = names("considerations")
    point = Record(
        {
            "id": Key(Slug()),
            "level": Key(Choice(names("levels"), "段階 ")),
            "title": Key(TITLE),
            "details": Key(TextList),
            "tags": Key(ListOf(Choice(considerations, "タグ "), min_items=0), required=False, default=list),
        }
    )
    return Record(
        {
            "domain": Key(NAME),
            "number": Key(Integer(1, legend.get("categories_per_domain") or 1)),
            "name": Key(NAME),
            "description": Key(SENTENCE),
            "features": Key(TextList),
            "tiers": Key(ListOf(Choice(names("tiers"), "利活用の考え方 "))),
            "considerations": Key(ListOf(Choice(considerations, "留意事項 "), min_items=0)),
            "scenes": Key(ListOf(Record({"title": Key(TITLE), "text": Key(SENTENCE)}))),
            "stance": Key(
                Record(
                    {
                        "summary": Key(SENTENCE),
                        "details": Key(TextList),
                        "alternatives": Key(
                            ListOf(Record({"text": Key(SENTENCE), "cell": Key(Slug())}), min_items=0),
                            required=False,
                            default=list,
                        ),
                    }
                ),
                required=False,
            ),
            "points": Key(
                MapOf(Choice(names("phases", in_cells=True), "フェーズ "), ListOf(point, min_items=0)),
                required=False,
                default=dict,
            ),
            "search_terms": Key(ListOf(NAME, min_items=0), required=False, default=list),
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
                        "help": Key(SENTENCE),
                        "examples": Key(ListOf(SENTENCE, min_items=0), required=False, default=list),
                        "options": Key(
                            ListOf(
                                Record(
                                    {
                                        "id": Key(Slug()),
                                        "label": Key(TITLE),
                                        "next": Key(Slug(), required=False),
                                        "result": Key(Slug(), required=False),
                                        "note": Key(SENTENCE, required=False),
                                        "also": Key(ListOf(Slug(), min_items=0), required=False, default=list),
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

FINDER = Record(
    {
        "signals": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Slug()),
                        "label": Key(TITLE),
                        "words": Key(ListOf(NAME)),
                        "cells": Key(ListOf(Slug())),
                        "weight": Key(Number(0.1, 10)),
                        "answers": Key(ListOf(Slug(), min_items=0), required=False, default=list),
                    }
                )
            )
        )
    }
)
