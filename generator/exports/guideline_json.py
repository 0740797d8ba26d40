"""guideline.json: the public, documented export of the whole guideline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .. import urls
from ..content.model import Cell, Guideline
from .summary import cell_summary

SCHEMA_FILE = Path(__file__).parent.parent / "schemas" / "guideline.schema.json"


def _category(cell: Cell, pdfs: dict[str, str]) -> dict:
    summary = cell_summary(cell, pdfs)
    return {
        "id": cell.id,
        "number": summary["number"],
        "name": summary["name"],
        "description": summary["description"],
        "features": list(cell.features),
        "tiers": summary["tiers"],
        "considerations": summary["considerations"],
        "scenes": [{"title": s.title, "text": s.text} for s in cell.scenes],
        "stance": (
            {
                "summary": cell.stance.summary,
                "details": list(cell.stance.details),
                "alternatives": [{"text": a.text, "category": a.cell} for a in cell.stance.alternatives],
            }
            if cell.stance
            else None
        ),
        "page": summary["page"],
        "pdf": summary["pdf"],
        "points": [
            {
                "id": p.id,
                "phase": p.phase,
                "level": p.level,
                "title": p.title,
                "details": list(p.details),
                "tags": list(p.tags),
            }
            for p in cell.points
        ],
    }


def guideline_data(guideline: Guideline, pdfs: dict[str, str] | None = None) -> dict:
    """The export as plain data. `pdfs` maps cell id (and "guideline") to a site path."""
    pdfs = pdfs or {}
    meta = guideline.meta
    return {
        "$schema": urls.GUIDELINE_SCHEMA,
        "title": meta.title,
        "publisher": meta.publisher,
        "version": meta.version,
        "issued": meta.issued.isoformat(),
        "summary": meta.summary,
        "pdf": pdfs.get("guideline"),
        "tiers": [{"name": t.name, "label": t.label, "meaning": t.meaning} for t in guideline.tiers],
        "levels": [{"name": lv.name, "meaning": lv.meaning} for lv in guideline.levels],
        "phases": [p.name for p in guideline.cell_phases],
        "process": [
            {"name": p.name, "in_categories": p.in_cells, "summary": p.summary, "tasks": list(p.tasks)}
            for p in guideline.phases
        ],
        "considerations": [
            {"name": c.name, "mark": c.mark, "group": c.group, "summary": c.summary, "directions": list(c.directions)}
            for c in guideline.considerations
        ],
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "scope": d.scope,
                "users": d.users,
                "effect": d.effect,
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
