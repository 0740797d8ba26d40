"""「業務内容から探す」: rank the 15 cells by how well a free-text description matches them.

No LLM: a lunr index over each cell's name, search terms, description, 特徴 and
シーン, tokenized with the same bigram rules as site search (hiragana-only
bigrams dropped), then multiplied by the weights of content/finder.yml's
signals (words that decide the 業務領域 or signal autonomy). The browser
(overrides/assets/js/finder.js) ranks with the same index and the same rules.
"""

from __future__ import annotations

import re

from lunr.index import Index

from .. import text, textindex
from ..content.model import Signal

_EDGE_KANA = re.compile("^[\u3041-\u3096]+|[\u3041-\u3096]+$")
FIELDS = {"name": 6, "terms": 4, "text": 2, "scenes": 1}
KANA_BIGRAMS = False


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


def matched_words(description: str, tokens: list[str]) -> list[str]:
    """The stretches of the description that the matched tokens cover (what to show as 'matched')."""
    folded = text.normalize(description)
    covered = [False] * len(folded)
    for token in tokens:
        start = folded.find(token)
        while start != -1:
            for i in range(start, start + len(token)):
                covered[i] = True
            start = folded.find(token, start + 1)
    words, current = [], ""
    for char, hit in zip(folded, covered):
        if hit:
            current += char
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    # Particles at the edges say nothing: 「を自動で」 is shown as 「自動」.
    trimmed = (_EDGE_KANA.sub("", w) for w in words)
    return list(dict.fromkeys(w for w in trimmed if len(w) >= 2))


def rank(index: Index, signals: tuple[Signal, ...], description: str) -> list[dict]:
    """Cells with a score above zero, best first: lunr score × weight of each matching signal."""
    results = []
    active = [(s, s.found_in(description)) for s in signals]
    for hit in textindex.search(index, description, kana_bigrams=KANA_BIGRAMS):
        score = hit["score"]
        reasons = []
        for signal, words in active:
            if words and hit["ref"] in signal.cells:
                score *= signal.weight
                reasons.append(signal.id)
        results.append(
            {"cell": hit["ref"], "score": score, "words": matched_words(description, hit["matched"]), "signals": reasons}
        )
    results.sort(key=lambda r: (-r["score"], r["cell"]))
    return results


def prefill(signals: tuple[Signal, ...], description: str) -> list[str]:
    """Questionnaire answers the description already gives (only when the signals agree)."""
    answers = {s.answers for s in signals if s.answers and s.found_in(description)}
    return list(answers.pop()) if len(answers) == 1 else []


def browser_data(guideline) -> dict:
    """What finder.js needs: the index and the signals (each cell's result line is a <template>)."""
    return {
        "index": build_index(guideline).serialize(),
        "signals": [
            {"id": s.id, "label": s.label, "words": list(s.words), "cells": list(s.cells), "weight": s.weight, "answers": list(s.answers)}
            for s in guideline.signals
        ],
    }
