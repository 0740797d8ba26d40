"""One summary of a cell, shared by every export that describes cells (guideline.json,
questionnaire.json, the finder's data), so they never disagree (e.g. about a PDF)."""

from __future__ import annotations

from .. import urls


def cell_summary(cell, pdfs: dict[str, str]) -> dict:
    """`pdfs` maps cell ids to PDF site paths; empty when the build makes no PDFs."""
    return {
        "domain": cell.domain.name,
        "number": cell.number,
        "name": cell.name,
        "full_name": cell.full_name,
        "tiers": list(cell.tiers),
        "considerations": list(cell.considerations),
        "description": cell.description.text,
        "page": urls.html_path(urls.cell_path(cell)),
        "pdf": pdfs.get(cell.id),
    }


def cell_summaries(guideline, pdfs: dict[str, str]) -> dict[str, dict]:
    return {cell.id: cell_summary(cell, pdfs) for cell in guideline.cells}
