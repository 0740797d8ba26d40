"""What the finder knows, built from content at build time (no outside model, no network).

- For each question of the questionnaire, how often each token occurs in descriptions answered
  with each option: the examples of content/examples.yml, plus each option's evidence words, label
  and short label (counted EVIDENCE_WEIGHT times). A description's tokens are text.py's bigrams
  (those of hiragana alone included) and words, plus every evidence word of the questionnaire
  that it contains, whole (「議事録」 as 「§<index>」): a phrase says more than its bigrams
  (「議事」「事録」) do apart. Rare tokens (in fewer than MIN_COUNT places) are dropped: they say
  little and weigh a lot. Of the rest, each question keeps the share KEEP_SHARE that says most
  about its answer (count × how far the token's spread over the options is from the options'
  own): the others add more noise than evidence and make the browser's index big (5-fold CV over
  1096 examples: top-1 / top-3 83.2 / 97.0 % with every token and an index of 343 KB; 84.4 / 97.3 %
  with 45 % and 191 KB; with the hiragana bigrams, 86.7 / 98.0 % with 40 % and 192 KB; with 180 more
  examples by other writers, over 1275: 88.8 / 98.4 % with 40 %, and no better with 45 or 50 %; with
  180 more, over 1455: 89.1 / 98.4 %; with 180 more, over 1635: 90.1 / 99.0 %; over 1815: 91.1 /
  99.0 %; the index is 173 KB since each token is written once and each count as one character,
  finder.browser_data). The counts are then fitted to the examples: each is counted again by how
  much the model still gets it wrong (_fitted: CV 84.3 → 84.7 % top-1; tune cases left out of the
  examples 88.1 / 97.8 → 89.3 / 98.1 %).
- For each cell, its tokens (name, search terms, description, 特徴, シーン; weighted by field, plus
  the examples that lead to it) for a BM25 score of how well a description and the cell agree.

The same numbers go to the browser (finder.browser_data), where finder.js does the same arithmetic.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..text import normalize, tokenize
from . import bayes

EVIDENCE_WEIGHT = 5
MIN_COUNT = 2
KEEP_SHARE = 0.40
FIT_PASSES = 2
FIELDS = {"name": 6, "terms": 4, "text": 2, "scenes": 1}
EXAMPLE_WEIGHT = 1
KANA_BIGRAMS = False  # for the cells' texts (BM25); the question models keep them (question_tokens)
PHRASE_MARK = "§"


def tokens(text: str) -> list[str]:
    """The tokens of the cells' texts and of a description matched against them."""
    return tokenize(text, kana_bigrams=KANA_BIGRAMS)


def phrases(tree) -> tuple[str, ...]:
    """Every option's evidence words, normalised: whole-phrase tokens of the question models."""
    return tuple(sorted({normalize(word) for q in tree.questions for o in q.options for word in o.evidence}))


def question_tokens(text: str, known_phrases: tuple[str, ...]) -> list[str]:
    """Bigrams and words, then the evidence phrases the text contains, each as 「§」 and its index in
    `known_phrases` (short in the browser's index, which lists the phrases once). Bigrams of
    hiragana alone are kept here: the endings say whether a person checks or the AI acts
    (「確認せずに」「届けてから」「まま」); 5-fold CV top-1 / top-3 84.7 / 97.3 → 86.7 / 98.0 %."""
    folded = normalize(text)
    return tokenize(text) + [f"{PHRASE_MARK}{i}" for i, phrase in enumerate(known_phrases) if phrase in folded]


@dataclass(frozen=True)
class QuestionModel:
    options: tuple[str, ...]
    counts: dict[str, tuple[int, ...]]  # token → count per option (in `options` order); whole numbers, written as such
    totals: tuple[int, ...]


@dataclass(frozen=True)
class CellTexts:
    weights: dict[str, dict[str, float]]  # cell → token → weighted term frequency
    lengths: dict[str, float]
    document_frequency: dict[str, int]


def question_models(guideline) -> dict[str, QuestionModel]:
    tree = guideline.questionnaire
    known = phrases(tree)
    counts = {q.id: {o.id: Counter() for o in q.options} for q in tree.questions}
    samples: dict[str, list[tuple[list[str], str]]] = {q.id: [] for q in tree.questions}  # (tokens, answer) per question
    for text, answers in guideline.examples:
        described = question_tokens(text, known)
        for step in tree.resolve(list(answers)).steps:
            counts[step.question.id][step.option.id].update(described)
            samples[step.question.id].append((described, step.option.id))
    for question in tree.questions:
        for option in question.options:
            for phrase in (*option.evidence, option.label, option.short):
                for token in question_tokens(phrase, known):
                    counts[question.id][option.id][token] += EVIDENCE_WEIGHT
    models = {}
    for question in tree.questions:
        ids = tuple(o.id for o in question.options)
        total = Counter()
        for option_id in ids:
            total.update(counts[question.id][option_id])
        kept = {t: tuple(int(counts[question.id][o][t]) for o in ids) for t in sorted(total) if total[t] >= MIN_COUNT}
        kept = _most_telling(kept, KEEP_SHARE)
        priors = [math.log(bayes.leaves(tree, option)) for option in question.options]
        kept = _fitted(kept, [(described, ids.index(answer)) for described, answer in samples[question.id]], priors)
        totals = tuple(sum(row[i] for row in kept.values()) for i in range(len(ids)))
        models[question.id] = QuestionModel(ids, kept, totals)
    return models


def _fitted(rows: dict[str, tuple[int, ...]], samples: list[tuple[list[str], int]], priors: list[float]) -> dict[str, tuple[int, ...]]:
    """The counts, with each example counted again by how much the model still gets it wrong
    (FIT_PASSES times, in order: 1 − the estimated probability of its answer, added to that answer's
    counts of its tokens), then rounded. Counting alone weighs the easy examples as much as the
    hard ones; this gives the hard ones more say (discriminative multinomial naive Bayes)."""
    fitted = {token: list(map(float, row)) for token, row in rows.items()}
    width = len(priors)
    totals = [sum(row[i] for row in fitted.values()) for i in range(width)]
    for _ in range(FIT_PASSES):
        for described, answer in samples:
            present = [token for token in described if token in fitted]
            miss = 1.0 - bayes.probabilities(bayes.option_logs(priors, fitted, totals, present))[answer]
            for token in present:
                fitted[token][answer] += miss
            totals[answer] += miss * len(present)
    return {token: tuple(round(count) for count in row) for token, row in fitted.items()}


def _most_telling(rows: dict[str, tuple[int, ...]], share: float) -> dict[str, tuple[int, ...]]:
    """The share of tokens whose counts say most about the answer, in their original order: each
    scored by its count times the divergence of its spread over the options from the options' own
    spread (smoothed by half a count), the best first, ties by token."""
    if not rows:
        return rows
    width = len(next(iter(rows.values())))
    totals = [sum(row[i] for row in rows.values()) for i in range(width)]
    grand = sum(totals)

    def telling(row: tuple[int, ...]) -> float:
        count = sum(row)
        divergence = 0.0
        for i in range(width):
            p = (row[i] + 0.5) / (count + 0.5 * width)
            divergence += p * math.log(p * grand / totals[i]) if totals[i] else 0.0
        return count * divergence

    ranked = sorted(rows, key=lambda token: (-telling(rows[token]), token))
    keep = set(ranked[: round(len(ranked) * share)])
    return {token: row for token, row in rows.items() if token in keep}


def cell_texts(guideline) -> CellTexts:
    bags: dict[str, Counter] = {}
    for cell in guideline.cells:
        fields = {
            "name": [cell.name],
            "terms": list(cell.search_terms),
            "text": [cell.description.text, *(f.text for f in cell.features)],
            "scenes": [f"{s.title} {s.text}" for s in cell.scenes],
        }
        bag: Counter = Counter()
        for field, texts in fields.items():
            for text in texts:
                for token in tokens(text):
                    bag[token] += FIELDS[field]
        bags[cell.id] = bag
    # Each example adds its words, once each, to the cell its answers lead to: only words that some
    # cell's own texts use, so that the index does not grow with every new word of an example.
    known = {token for bag in bags.values() for token in bag}
    tree = guideline.questionnaire
    for text, answers in guideline.examples:
        bag = bags[tree.resolve(list(answers)).cell]
        for token in sorted(set(tokens(text)) & known):
            bag[token] += EXAMPLE_WEIGHT
    weights = {cell: dict(sorted(bag.items())) for cell, bag in bags.items()}
    frequency = Counter(token for bag in weights.values() for token in bag)
    return CellTexts(weights, {c: float(sum(b.values())) for c, b in weights.items()}, dict(sorted(frequency.items())))
