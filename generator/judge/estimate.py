"""Estimate the questionnaire's answers from a free-text description (the one judgement model).

For every question, each option's probability comes from a naive Bayes model over the shared
tokens (model.py: the content's examples and each option's evidence words; bayes.py: the
arithmetic, tempered, and started from the number of results behind each option). The product
along each path of the tree gives each outcome (cell and tier) its probability. An answer is
pre-filled only where the estimate is confident; the person confirms or changes each one in the
questionnaire.

The evidence words found in the description are kept to explain an estimate in whole words
(「利用者: 都民・事業者（「都民が」から推定）」). The browser twin is overrides/assets/js/finder.js
(parity test: tests/test_finder.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..content.questionnaire import Option, Outcome, Question, Questionnaire
from ..text import normalize
from .bayes import leaves, option_logs, probabilities
from .model import QuestionModel, phrases, question_tokens

CONFIDENT = 0.85  # an answer is pre-filled from this estimated probability on (CV over 1815 examples: 2.6 answers, a wrong one in 2.3 % of descriptions)


# A particle at the end of an evidence word (「職員の」「都民が」) explains nothing; after kana it is
# part of the word (「手配まで」「聞くと」).
_TRAILING_PARTICLE = re.compile("(?<=[^\u3041-\u3096])[のがにをでとへは]$")


def shown_word(word: str) -> str:
    return _TRAILING_PARTICLE.sub("", word)


def found_words(option: Option, folded: str) -> list[str]:
    """The option's evidence words in the (normalised) description, as shown: without a trailing
    particle, each once (「職員の」 and 「職員」 both found: 「職員」). finder.js's foundWords is the twin."""
    return list(dict.fromkeys(shown_word(word) for word in option.evidence if normalize(word) in folded))


@dataclass(frozen=True)
class QuestionEstimate:
    question: Question
    found: dict[str, list[str]]  # option id → evidence words found
    probabilities: dict[str, float]  # option id → estimated probability

    @property
    def confident(self) -> Option | None:
        best = max(self.question.options, key=lambda o: self.probabilities[o.id])  # the first of equals
        return best if self.probabilities[best.id] >= CONFIDENT else None


def estimate_question(tree: Questionnaire, question: Question, model: QuestionModel, description_tokens: list[str], folded: str) -> QuestionEstimate:
    priors = [math.log(leaves(tree, option)) for option in question.options]
    chances = probabilities(option_logs(priors, model.counts, model.totals, description_tokens))
    return QuestionEstimate(
        question,
        {option.id: found_words(option, folded) for option in question.options},
        {option.id: chance for option, chance in zip(question.options, chances)},
    )


def estimate_all(tree: Questionnaire, models: dict[str, QuestionModel], description: str,
                 known_phrases: tuple[str, ...] | None = None) -> dict[str, QuestionEstimate]:
    """`known_phrases`: model.phrases(tree), given by a caller that estimates many descriptions."""
    known = phrases(tree) if known_phrases is None else known_phrases
    description_tokens, folded = question_tokens(description, known), normalize(description)
    return {q.id: estimate_question(tree, q, models[q.id], description_tokens, folded) for q in tree.questions}


@dataclass(frozen=True)
class PathEstimate:
    outcome: Outcome
    probability: float


def path_estimates(tree: Questionnaire, estimates: dict[str, QuestionEstimate]) -> list[PathEstimate]:
    result = []
    for outcome in tree.paths():
        probability = 1.0
        for step in outcome.steps:
            probability *= estimates[step.question.id].probabilities[step.option.id]
        result.append(PathEstimate(outcome, probability))
    return result


def prefill(tree: Questionnaire, estimates: dict[str, QuestionEstimate]) -> list[tuple[Question, Option, list[str]]]:
    """The confident answers from the first question on, as far as the description allows."""
    answers = []
    question = tree.question(tree.start)
    while True:
        option = estimates[question.id].confident
        if option is None:
            return answers
        answers.append((question, option, estimates[question.id].found[option.id]))
        if option.result:
            return answers
        question = tree.question(option.next)
