"""The expected shape of each content file, declared once, read by the loader."""

from __future__ import annotations

from .schema import Choice, Date, Flag, Integer, Key, ListOf, MapOf, Record, Text

LEVEL_NAMES = ["必須", "推奨"]
CHAPTER_INCLUDES = ["considerations", "phases"]

TextList = ListOf(Text())

GUIDELINE = Record(
    {
        "title": Key(Text()),
        "publisher": Key(Text()),
        "version": Key(Text()),
        "issued": Key(Date()),
        "summary": Key(Text()),
        "contact": Key(Text()),
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
                    }
                )
            )
        ),
        "levels": Key(ListOf(Record({"name": Key(Choice(LEVEL_NAMES)), "meaning": Key(Text())}))),
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


def cell_schema(tiers: list[str], considerations: list[str], tags: list[str], phases: list[str]) -> Record:
    """A cell's shape depends on the legend: tiers, 留意事項 and phases are listed there."""
    point = Record(
        {
            "id": Key(Text()),
            "level": Key(Choice(LEVEL_NAMES, "段階 ")),
            "title": Key(Text()),
            "details": Key(TextList),
            "tags": Key(ListOf(Choice(tags, "タグ "), min_items=0), required=False, default=list),
        }
    )
    return Record(
        {
            "domain": Key(Text()),
            "number": Key(Integer(1, 5)),
            "name": Key(Text()),
            "description": Key(Text()),
            "features": Key(TextList),
            "tiers": Key(ListOf(Choice(tiers, "利活用の考え方 "))),
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
            "points": Key(MapOf(Choice(phases, "フェーズ "), ListOf(point, min_items=0)), required=False, default=dict),
            "search_terms": Key(ListOf(Text(), min_items=0), required=False, default=list),
        }
    )
