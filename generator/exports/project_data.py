"""Data for 「自分の案件」 (the project records kept in the browser): every cell's points with their
stable global ids and fingerprints, and the JSON Schema of an exported project record.
Only what the project pages use (no details: they are on the cell pages), so every page that
loads it stays light."""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import browser_data, urls

SCHEMA_FILE = Path(__file__).parent.parent / "schemas" / "project.schema.json"


def points_data(guideline, summaries: dict[str, dict]) -> dict:
    return {
        "version": guideline.meta.version,
        "title": guideline.meta.title,
        "phases": [p.name for p in guideline.cell_phases],
        "mandatory": guideline.vocabulary.mandatory.name,
        "cells": {
            cell.id: {
                "full_name": cell.full_name,
                "tiers": list(cell.tiers),
                "page": summaries[cell.id]["page"],
                "points": [
                    {
                        "id": p.global_id(cell.id),
                        "phase": p.phase,
                        "level": p.level,
                        "mandatory": p.mandatory,
                        "title": p.title,
                        "fingerprint": p.fingerprint,  # tells a changed point in a later version
                    }
                    for p in cell.points
                ],
            }
            for cell in guideline.cells
        },
    }


def write(guideline, summaries: dict[str, dict], site_dir: Path) -> None:
    browser_data.write_data(site_dir, urls.PROJECT_DATA, "AG_POINTS", points_data(guideline, summaries))
    shutil.copyfile(SCHEMA_FILE, urls.inside(site_dir, urls.PROJECT_SCHEMA))
