"""「業務内容から探す」: rank the cells for a free-text description, and explain the ranking.

One model with the questionnaire (estimate.py): the description estimates the answer to each
question, which gives each cell the probability of the paths that end in it. A BM25 score over
each cell's own texts (model.py) says how well the description and the cell agree. A cell's score
is the product of the two. No LLM, no server: the browser (overrides/assets/js/finder.js) ranks
with the same numbers and the same arithmetic.
"""

from __future__ import annotations

import math

from ..text import normalize
from . import bayes, estimate, model

TEXT_FLOOR = 1.0  # a cell the answers point to still counts when its texts share no words
BM25_K1, BM25_B = 1.2, 0.75


def bm25(texts: model.CellTexts, description: str) -> dict[str, float]:
    query = list(dict.fromkeys(model.tokens(description)))
    count = len(texts.weights)
    average = sum(texts.lengths.values()) / count
    scores = {}
    for cell, weights in texts.weights.items():
        score = 0.0
        norm = BM25_K1 * (1 - BM25_B + BM25_B * texts.lengths[cell] / average)
        for token in query:
            tf = weights.get(token)
            if tf:
                frequency = texts.document_frequency[token]
                idf = math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))
                score += idf * tf * (BM25_K1 + 1) / (tf + norm)
        if score > 0:
            scores[cell] = score
    return scores


class Finder:
    """The model, built once from the guideline."""

    def __init__(self, guideline):
        self.guideline = guideline
        self.questions = model.question_models(guideline)
        self.texts = model.cell_texts(guideline)
        self.phrases = model.phrases(guideline.questionnaire)

    def estimates(self, description: str):
        return estimate.estimate_all(self.guideline.questionnaire, self.questions, description, self.phrases)

    def rank(self, description: str) -> list[dict]:
        """Cells best first: {cell, score, tier, path, reasons, words}. Empty if the description shares
        no token with anything the model knows."""
        tree = self.guideline.questionnaire
        described = set(model.tokens(description))
        if not described or not any(described & set(m.counts) for m in self.questions.values()) and not any(
            described & set(w) for w in self.texts.weights.values()
        ):
            return []
        estimates = self.estimates(description)
        hits = bm25(self.texts, description)
        top_text = max(hits.values(), default=0.0)
        by_cell: dict[str, list[estimate.PathEstimate]] = {}
        for path in estimate.path_estimates(tree, estimates):
            by_cell.setdefault(path.outcome.cell, []).append(path)
        folded = normalize(description)
        prefilled = estimate.prefill(tree, estimates)
        results = []
        for cell in self.guideline.cells:
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
                    "path": [step.option.id for step in best.outcome.steps],  # its most likely answers
                    "reasons": _reasons(best, prefilled),
                    "words": [term for term in cell.search_terms if normalize(term) in folded],
                }
            )
        results.sort(key=lambda r: (-r["score"], r["cell"]))
        return results

    def prefill(self, description: str) -> list[dict]:
        """Confident answers from the first question on: {question, option, words}."""
        return [
            {"question": q.id, "option": o.id, "words": words[:3]}
            for q, o, words in estimate.prefill(self.guideline.questionnaire, self.estimates(description))
        ]


def _reasons(path: estimate.PathEstimate, prefilled) -> list[dict]:
    """The answers the questionnaire pre-fills when opened from this cell's card: the confident
    answers from the first question on, as far as they lead along the cell's likeliest path, each
    with the words that point to it. What the card calls estimated is exactly what is pre-filled."""
    reasons = []
    for step, (question, option, words) in zip(path.outcome.steps, prefilled):
        if option.id != step.option.id:
            break
        reasons.append({"topic": question.topic, "answer": option.short, "words": words[:3]})
    return reasons


def _steps(tokens, place: dict[str, int]) -> str:
    """Sorted `tokens` as the steps between their places in the sorted token list (`place`: token →
    index), in base 36 (finder.js: list)."""
    assert list(tokens) == sorted(tokens), "model.py keeps each list's tokens sorted"
    steps, previous = [], 0
    for token in tokens:
        steps.append(_base36(place[token] - previous))
        previous = place[token]
    return " ".join(steps)


def _counts(counts) -> str:
    """Counts in one string: a base-36 digit for 0–34 (most are), 「z」 and two digits for more
    (finder.js: prepare). Half the size of a list of numbers."""
    out = []
    for count in counts:
        assert 0 <= count < 36 * 36, "a count fits two base-36 digits"
        out.append(_base36(count) if count < 35 else "z" + _base36(count).rjust(2, "0"))
    return "".join(out)


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            return digits


def browser_data(guideline) -> dict:
    """What finder.js needs besides the questionnaire's own data (questionnaire/data.js)."""
    questions = model.question_models(guideline)
    texts = model.cell_texts(guideline)
    # Every token once, sorted, in one string (tokens never hold a space); each question and cell
    # lists its tokens (sorted too) by the step from the previous one's place in that list, in
    # base 36: most tokens occur in several lists, and a step takes a byte or two where a kanji
    # bigram takes six. The counts come row after row, one character each (_counts).
    words = sorted({t for m in questions.values() for t in m.counts} | {t for w in texts.weights.values() for t in w})
    place = {word: i for i, word in enumerate(words)}
    return {
        "words": " ".join(words),
        "questions": {
            qid: {"tokens": _steps(m.counts, place), "counts": _counts(count for row in m.counts.values() for count in row), "totals": list(m.totals)}
            for qid, m in questions.items()
        },
        "cells": {cell: {"tokens": _steps(w, place), "weights": list(w.values()), "length": texts.lengths[cell]} for cell, w in texts.weights.items()},
        "terms": {cell.id: list(cell.search_terms) for cell in guideline.cells},
        "phrases": list(model.phrases(guideline.questionnaire)),
        "phrase_mark": model.PHRASE_MARK,
        "temperature": bayes.TEMPERATURE,
        "alpha": bayes.ALPHA,
        "confident": estimate.CONFIDENT,
        "text_floor": TEXT_FLOOR,
        "bm25": [BM25_K1, BM25_B],
    }
