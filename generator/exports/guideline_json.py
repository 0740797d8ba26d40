"""guideline.json: the public, documented export of the whole guideline (schema: schemas/guideline.schema.json).

Every text item carries its provenance (原文 or 編集, the place in the guideline, and whether the
owners have confirmed it); every point carries a stable global id (`citizen-3/planning/purpose`),
so records of projects and links from other systems survive edits of the text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .. import urls
from ..content.model import Cell, Guideline
from ..content.provenance import Prose
from .summary import cell_summary

SCHEMA_FILE = Path(__file__).parent.parent / "schemas" / "guideline.schema.json"
FORMAT_VERSION = 2


def _prose(item: Prose) -> dict:
    return {"text": item.text, "provenance": item.provenance.as_data()}


def _point(cell: Cell, point) -> dict:
    return {
        "id": point.id,
        "global_id": point.global_id(cell.id),
        "anchor": f"{urls.html_path(urls.cell_path(cell))}#{point.anchor}",
        "phase": point.phase,
        "level": point.level,
        "title": point.title,
        "details": list(point.details),
        "tags": list(point.tags),
        "who": list(point.who),
        "records": list(point.records),
        "when": list(point.when),
        "provenance": point.provenance.as_data(),
    }


def _category(cell: Cell, pdfs: dict[str, str]) -> dict:
    summary = cell_summary(cell, pdfs)
    stance = None
    if cell.stance:
        stance = {
            "summary": _prose(cell.stance.summary),
            "details": list(cell.stance.details),
            "alternatives": [{"text": a.text, "category": a.cell} for a in cell.stance.alternatives],
            "provenance": cell.stance.provenance.as_data(),
        }
    return {
        "id": cell.id,
        "number": summary["number"],
        "name": summary["name"],
        "description": _prose(cell.description),
        "features": [_prose(f) for f in cell.features],
        "tiers": summary["tiers"],
        "considerations": summary["considerations"],
        "scenes": [{"title": s.title, "text": s.text, "provenance": s.provenance.as_data()} for s in cell.scenes],
        "stance": stance,
        "page": summary["page"],
        "pdf": summary["pdf"],
        "points": [_point(cell, p) for p in cell.points],
    }


def _terms(terms) -> list[dict]:
    return [{"id": t.id, "name": t.name, "meaning": t.meaning} for t in terms]


def guideline_data(guideline: Guideline, pdfs: dict[str, str] | None = None) -> dict:
    """The export as plain data. `pdfs` maps cell id (and "guideline") to a site path."""
    pdfs = pdfs or {}
    meta, vocabulary = guideline.meta, guideline.vocabulary
    contact = meta.contact
    return {
        "$schema": urls.GUIDELINE_SCHEMA,
        "format_version": FORMAT_VERSION,
        "title": meta.title,
        "publisher": meta.publisher,
        "version": meta.version,
        "issued": meta.issued.isoformat(),
        "summary": _prose(meta.summary),
        "contact": {"name": contact.name, "section": contact.section, "phone": contact.phone, "mail": contact.mail, "note": contact.note},
        "rights": meta.rights,
        "online": meta.online,
        "pdf": pdfs.get("guideline"),
        "sources": _terms(vocabulary.sources),
        "roles": _terms(vocabulary.roles),
        "records": _terms(vocabulary.records),
        "conditions": _terms(vocabulary.conditions),
        "tiers": [{"name": t.name, "label": t.label, "meaning": t.meaning, "provenance": t.provenance.as_data()} for t in guideline.tiers],
        "levels": [{"name": lv.name, "meaning": lv.meaning, "mandatory": lv.mandatory, "provenance": lv.provenance.as_data()} for lv in guideline.levels],
        "phases": [p.name for p in guideline.cell_phases],
        "process": [
            {"name": p.name, "in_categories": p.in_cells, "summary": p.summary, "tasks": list(p.tasks), "provenance": p.provenance.as_data()}
            for p in guideline.phases
        ],
        "considerations": [
            {"name": c.name, "mark": c.mark, "group": c.group, "summary": c.summary, "directions": list(c.directions),
             "provenance": c.provenance.as_data()}
            for c in guideline.considerations
        ],
        "chapters": [
            {
                "number": ch.number, "id": ch.id, "title": ch.title, "lead": _prose(ch.lead),
                "page": urls.html_path(urls.chapter_path(ch)),
                "sections": [{"id": s.id, "title": s.title, "body": s.body, "provenance": s.provenance.as_data()} for s in ch.sections],
            }
            for ch in guideline.chapters
        ],
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "scope": d.scope,
                "users": d.users,
                "effect": d.effect,
                "summary": _prose(d.summary),
                "provenance": d.provenance.as_data(),
                "categories": [_category(c, pdfs) for c in guideline.cells_of(d)],
            }
            for d in guideline.domains
        ],
        "revisions": [
            {"version": r.version, "date": r.date.isoformat(), "changes": list(r.changes)}
            for r in guideline.meta.revisions
        ],
    }


def write_export(guideline: Guideline, site_dir: Path, pdfs: dict[str, str] | None = None) -> Path:
    site_dir.mkdir(parents=True, exist_ok=True)
    target = urls.inside(site_dir, urls.GUIDELINE_JSON)
    target.write_text(
        json.dumps(guideline_data(guideline, pdfs), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    shutil.copyfile(SCHEMA_FILE, urls.inside(site_dir, urls.GUIDELINE_SCHEMA))
    return target
