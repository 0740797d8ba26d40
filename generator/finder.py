"""「業務内容から探す」: rank the 15 cells by how well a free-text description matches them.

No LLM: a lunr index over each cell's name, search terms, description, 特徴 and
シーン, tokenized with the same bigram rules as site search (hiragana-only
bigrams dropped), then multiplied by the weights of content/finder.yml's
signals (words that decide the 業務領域 or signal autonomy). The browser
(overrides/assets/js/finder.js) ranks with the same index and the same rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from lunr.index import Index

from . import pages, textindex
from .schema import Key, ListOf, Number, Record, Text

INDEX_SCRIPT = "finder/index.js"
_EDGE_KANA = re.compile("^[\u3041-\u3096]+|[\u3041-\u3096]+$")
FIELDS = {"name": 6, "terms": 4, "text": 2, "scenes": 1}
KANA_BIGRAMS = False

SCHEMA = Record(
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


@dataclass(frozen=True)
class Signal:
    id: str
    label: str
    words: tuple[str, ...]
    cells: tuple[str, ...]
    weight: float
    answers: tuple[str, ...]

    def found_in(self, text: str) -> list[str]:
        folded = textindex.normalize(text)
        return [w for w in self.words if textindex.normalize(w) in folded]


def check(file, cell_ids: set[str], questionnaire) -> None:
    """Cells must exist; answers must be a valid start of the questionnaire."""
    if not file.ok:
        return
    for index, signal in enumerate(file.get("signals", [])):
        path = f"signals[{index + 1}]"
        for c_index, cell in enumerate(signal.get("cells", [])):
            if cell_ids and cell not in cell_ids:
                file.problem(f"{path}.cells[{c_index + 1}]", "存在する分類の id（例: citizen-3）", f"「{cell}」でした")
        answers = signal.get("answers", [])
        if answers and questionnaire is not None and not _valid_prefix(questionnaire, answers):
            file.problem(f"{path}.answers", "最初の質問から順に並べた、判定質問の選択肢 id", f"「{'.'.join(answers)}」でした")


def _valid_prefix(questionnaire, answers: list[str]) -> bool:
    question = questionnaire.question(questionnaire.start)
    for index, answer in enumerate(answers):
        option = question.option(answer)
        if option is None or (option.result and index != len(answers) - 1):
            return False
        if option.next:
            question = questionnaire.question(option.next)
    return True


def build_signals(value: dict) -> tuple[Signal, ...]:
    return tuple(
        Signal(s["id"], s["label"], tuple(s["words"]), tuple(s["cells"]), s["weight"], tuple(s["answers"]))
        for s in value["signals"]
    )


def documents(guideline) -> list[dict]:
    return [
        {
            "id": cell.id,
            "name": cell.name,
            "terms": list(cell.search_terms),
            "text": [cell.description, *cell.features],
            "scenes": [f"{s.title} {s.text}" for s in cell.scenes],
        }
        for cell in guideline.cells
    ]


def build_index(guideline) -> Index:
    return textindex.build_index(documents(guideline), FIELDS, kana_bigrams=KANA_BIGRAMS)


def matched_words(text: str, tokens: list[str]) -> list[str]:
    """The stretches of the description that the matched tokens cover (what to show as 'matched')."""
    folded = textindex.normalize(text)
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


def rank(index: Index, signals: tuple[Signal, ...], text: str) -> list[dict]:
    """Cells with a score above zero, best first: lunr score × weight of each matching signal."""
    results = []
    active = [(s, s.found_in(text)) for s in signals]
    for hit in textindex.search(index, text, kana_bigrams=KANA_BIGRAMS):
        score = hit["score"]
        reasons = []
        for signal, words in active:
            if words and hit["ref"] in signal.cells:
                score *= signal.weight
                reasons.append(signal.id)
        results.append(
            {"cell": hit["ref"], "score": score, "words": matched_words(text, hit["matched"]), "signals": reasons}
        )
    results.sort(key=lambda r: (-r["score"], r["cell"]))
    return results


def prefill(signals: tuple[Signal, ...], text: str) -> list[str]:
    """Questionnaire answers the description already gives (only when the signals agree)."""
    answers = {s.answers for s in signals if s.answers and s.found_in(text)}
    return list(answers.pop()) if len(answers) == 1 else []


def write_index(guideline, site_dir: Path) -> Path:
    payload = {
        "index": build_index(guideline).serialize(),
        "signals": [
            {"id": s.id, "label": s.label, "words": list(s.words), "cells": list(s.cells), "weight": s.weight, "answers": list(s.answers)}
            for s in guideline.signals
        ],
        "cells": {
            cell.id: {
                "full_name": cell.full_name,
                "description": cell.description,
                "tiers": [{"name": t, "id": guideline.tier(t).id} for t in cell.tiers],
                "page": pages.html_path(pages.cell_path(cell)),
            }
            for cell in guideline.cells
        },
    }
    target = site_dir / INDEX_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"window.AG_FINDER={data};\n", encoding="utf-8")
    return target
