"""The expected shape of each content file, declared once, read by the loader.

Shapes check one file at a time. Rules between files (references, the full
matrix, points that serve each 留意事項, the questionnaire's graph) are in
rules.py and tree_rules.py.
"""

from __future__ import annotations

from .nodes import Choice, Date, Flag, Integer, Key, ListOf, MapOf, Number, Record, Text

CHAPTER_INCLUDES = ["considerations", "phases"]  # generated parts a chapter can end with

TextList = ListOf(Text())

GUIDELINE = Record(
    {
        "title": Key(Text()),
        "publisher": Key(Text()),
        "version": Key(Text()),
        "issued": Key(Date()),
        "summary": Key(Text()),
        "contact": Key(Text()),
        "cells_chapter": Key(Record({"number": Key(Integer(1, 99)), "title": Key(Text())})),
        "revisions": Key(
            ListOf(
                Record(
                    {
                        "version": Key(Text()),
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
                        "id": Key(Text()),
                        "name": Key(Text()),
                        "label": Key(Text()),
                        "meaning": Key(Text()),
                        "requires_stance": Key(Flag(), required=False, default=False),
                    }
                )
            )
        ),
        "levels": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Text()),
                        "name": Key(Text()),
                        "meaning": Key(Text()),
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
                        "id": Key(Text()),
                        "name": Key(Text()),
                        "mark": Key(Text(), required=False),
                        "group": Key(Text()),
                        "summary": Key(Text()),
                        "directions": Key(TextList),
                    }
                )
            )
        ),
        "phases": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Text()),
                        "name": Key(Text()),
                        "in_cells": Key(Flag(), required=False, default=True),
                        "summary": Key(Text()),
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
                        "id": Key(Text()),
                        "name": Key(Text()),
                        "scope": Key(Text()),
                        "users": Key(Text()),
                        "effect": Key(Text()),
                        "summary": Key(Text()),
                    }
                )
            )
        )
    }
)

CHAPTER = Record(
    {
        "number": Key(Integer(1, 99)),
        "id": Key(Text()),
        "title": Key(Text()),
        "lead": Key(Text()),
        "sections": Key(
            ListOf(Record({"id": Key(Text()), "title": Key(Text()), "body": Key(Text())}))
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
            "id": Key(Text()),
            "level": Key(Choice(names("levels"), "段階 ")),
            "title": Key(Text()),
            "details": Key(TextList),
            "tags": Key(ListOf(Choice(considerations, "タグ "), min_items=0), required=False, default=list),
        }
    )
    return Record(
        {
            "domain": Key(Text()),
            "number": Key(Integer(1, legend.get("categories_per_domain") or 1)),
            "name": Key(Text()),
            "description": Key(Text()),
            "features": Key(TextList),
            "tiers": Key(ListOf(Choice(names("tiers"), "利活用の考え方 "))),
            "considerations": Key(ListOf(Choice(considerations, "留意事項 "), min_items=0)),
            "scenes": Key(ListOf(Record({"title": Key(Text()), "text": Key(Text())}))),
            "stance": Key(
                Record(
                    {
                        "summary": Key(Text()),
                        "details": Key(TextList),
                        "alternatives": Key(
                            ListOf(Record({"text": Key(Text()), "cell": Key(Text())}), min_items=0),
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
            "search_terms": Key(ListOf(Text(), min_items=0), required=False, default=list),
        }
    )


QUESTIONNAIRE = Record(
    {
        "start": Key(Text()),
        "questions": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Text()),
                        "text": Key(Text()),
                        "help": Key(Text()),
                        "examples": Key(ListOf(Text(), min_items=0), required=False, default=list),
                        "options": Key(
                            ListOf(
                                Record(
                                    {
                                        "id": Key(Text()),
                                        "label": Key(Text()),
                                        "next": Key(Text(), required=False),
                                        "result": Key(Text(), required=False),
                                        "note": Key(Text(), required=False),
                                        "also": Key(ListOf(Text(), min_items=0), required=False, default=list),
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
                        "id": Key(Text()),
                        "label": Key(Text()),
                        "words": Key(ListOf(Text())),
                        "cells": Key(ListOf(Text())),
                        "weight": Key(Number(0.1, 10)),
                        "answers": Key(ListOf(Text(), min_items=0), required=False, default=list),
                    }
                )
            )
        )
    }
)
