"""「業務内容から探す」: rank the cells for a free-text description, and explain the ranking.

One model with the questionnaire (estimate.py): the description's evidence words estimate the
answer to each question, which gives each cell the probability of the paths that end in it.
A lunr index over each cell's own texts (name, search terms, description, 特徴, シーン; the
same bigram tokens as site search) says how well the description and the cell agree. A cell's
score is the product of the two. No LLM, no server: the browser (overrides/assets/js/finder.js)
ranks with the same data and the same arithmetic.
"""

from __future__ import annotations

from lunr.index import Index

from .. import textindex
from ..text import normalize
from . import estimate

FIELDS = {"name": 6, "terms": 4, "text": 2, "scenes": 1}
KANA_BIGRAMS = False
TEXT_FLOOR = 0.5  # a cell the answers point to still counts when its texts share no words


def documents(guideline) -> list[dict]:
    return [
        {
            "id": cell.id,
            "name": cell.name,
            "terms": list(cell.search_terms),
            "text": [cell.description.text, *(f.text for f in cell.features)],
            "scenes": [f"{s.title} {s.text}" for s in cell.scenes],
        }
        for cell in guideline.cells
    ]


def build_index(guideline) -> Index:
    return textindex.build_index(documents(guideline), FIELDS, kana_bigrams=KANA_BIGRAMS)


class Finder:
    """The index, built once."""

    def __init__(self, guideline):
        self.guideline = guideline
        self.index = build_index(guideline)

    def estimates(self, description: str):
        return estimate.estimate_all(self.guideline.questionnaire, description)

    def rank(self, description: str) -> list[dict]:
        return rank(self.guideline, self.index, description, self.estimates(description))

    def prefill(self, description: str) -> list[dict]:
        return [
            {"question": q.id, "option": o.id, "words": words[:3]}
            for q, o, words in estimate.prefill(self.guideline.questionnaire, self.estimates(description))
        ]


def rank(guideline, index: Index, description: str, estimates) -> list[dict]:
    """Cells best first: {cell, score, tier, reasons, words}. Empty if nothing in the description
    points anywhere (no evidence word and no shared word with any cell)."""
    tree = guideline.questionnaire
    hits = {hit["ref"]: hit["score"] for hit in textindex.search(index, description, kana_bigrams=KANA_BIGRAMS)}
    if not hits and not any(any(e.found.values()) for e in estimates.values()):
        return []
    top_text = max(hits.values(), default=0.0)
    by_cell: dict[str, list[estimate.PathEstimate]] = {}
    for path in estimate.path_estimates(tree, estimates):
        by_cell.setdefault(path.outcome.cell, []).append(path)
    folded = normalize(description)
    results = []
    for cell in guideline.cells:
        paths = by_cell.get(cell.id, [])
        if not paths:
            continue
        probability = 0.0
        for path in paths:  # in path order, as finder.js adds them
            probability += path.probability
        text = hits.get(cell.id, 0.0) / top_text if top_text else 0.0
        best = max(paths, key=lambda p: p.probability)  # the first of equals, as in finder.js
        results.append(
            {
                "cell": cell.id,
                "score": probability * (TEXT_FLOOR + text),
                "tier": best.outcome.final.tier,
                "reasons": _reasons(best, estimates),
                "words": [term for term in cell.search_terms if normalize(term) in folded],
            }
        )
    results.sort(key=lambda r: (-r["score"], r["cell"]))
    return results


def _reasons(path: estimate.PathEstimate, estimates) -> list[dict]:
    """The estimated answers on a cell's most likely path that the description gave evidence for."""
    reasons = []
    for step in path.outcome.steps:
        words = estimates[step.question.id].found[step.option.id]
        if words:
            reasons.append({"topic": step.question.topic, "answer": step.option.short, "words": words[:3]})
    return reasons


def browser_data(guideline) -> dict:
    """What finder.js needs besides the questionnaire's own data: the index and the weights."""
    return {
        "index": build_index(guideline).serialize(),
        "terms": {cell.id: list(cell.search_terms) for cell in guideline.cells},
        "evidence_weight": estimate.EVIDENCE_WEIGHT,
        "text_floor": TEXT_FLOOR,
    }
