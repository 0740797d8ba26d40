"""questionnaire.json (for other systems) and questionnaire/data.js (the same data, for the app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import urls
from .. import browser_data


def compiled(guideline, summaries: dict[str, dict]) -> dict[str, Any]:
    """The tree plus what the result view shows of each cell. Paths are relative to the site root."""
    q = guideline.questionnaire
    return {
        "guideline_version": guideline.meta.version,
        "start": q.start,
        "max_questions": q.max_depth(q.start),
        "questions": {
            question.id: {
                "text": question.text,
                "topic": question.topic,
                "help": question.help,
                "examples": list(question.examples),
                "max_remaining": q.max_depth(question.id),
                "options": [
                    {
                        key: value
                        for key, value in (
                            ("id", o.id),
                            ("label", o.label),
                            ("short", o.short),
                            ("next", o.next),
                            ("result", o.result),
                            ("tier", o.tier),
                            ("note", o.note),
                            ("also", list(o.also) or None),
                            ("evidence", list(o.evidence) or None),
                            ("template", urls.result_template(guideline, o.result, o.tier) if o.result else None),
                        )
                        if value is not None
                    }
                    for o in question.options
                ],
            }
            for question in q.questions
        },
        "categories": {cell.id: summaries[cell.id] for cell in guideline.cells},
    }


def write(guideline, summaries: dict[str, dict], site_dir: Path) -> None:
    data = compiled(guideline, summaries)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    urls.inside(site_dir, urls.QUESTIONNAIRE_JSON).write_text(text + "\n", encoding="utf-8")
    browser_data.write_data(site_dir, urls.QUESTIONNAIRE_DATA, "AG_QUESTIONNAIRE", data, indent=1)
