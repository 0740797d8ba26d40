"""Estimate the questionnaire's answers from a free-text description (the one judgement model).

Each option of content/questionnaire.yml lists `evidence` words. For every question, the options
whose words occur in the description get weight. Each option's weight starts from the number of
results behind it, so that without evidence every result is equally likely. The weights give a
probability per option, and the product along each path of the tree a probability per outcome. Answers are
pre-filled only where the estimate is confident: one option has evidence and no other has as much.
The person confirms or changes each one in the questionnaire; nothing is final until they do.

The browser twin is overrides/assets/js/finder.js (parity test: tests/test_finder.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.questionnaire import Option, Outcome, Question, Questionnaire
from ..text import normalize

EVIDENCE_WEIGHT = 4.0  # how much one evidence word raises an option against its siblings


def found_words(option: Option, folded: str) -> list[str]:
    """The option's evidence words in the (normalised) description, as written in the content."""
    return [word for word in option.evidence if normalize(word) in folded]


@dataclass(frozen=True)
class QuestionEstimate:
    question: Question
    found: dict[str, list[str]]  # option id → evidence words found
    probabilities: dict[str, float]  # option id → estimated probability

    @property
    def confident(self) -> Option | None:
        """The option the description points to, if exactly one has the most evidence."""
        counts = sorted(((len(words), option_id) for option_id, words in self.found.items()), reverse=True)
        if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
            return None
        return self.question.option(counts[0][1])


def leaves(tree: Questionnaire, option: Option) -> int:
    """How many results lie behind an option: without evidence, every result is equally likely."""
    if option.result:
        return 1
    return sum(leaves(tree, o) for o in tree.question(option.next).options)


def estimate_question(tree: Questionnaire, question: Question, folded: str) -> QuestionEstimate:
    found = {option.id: found_words(option, folded) for option in question.options}
    weights = {option.id: leaves(tree, option) * (1.0 + EVIDENCE_WEIGHT * len(found[option.id])) for option in question.options}
    total = sum(weights.values())
    return QuestionEstimate(question, found, {option_id: w / total for option_id, w in weights.items()})


def estimate_all(tree: Questionnaire, description: str) -> dict[str, QuestionEstimate]:
    folded = normalize(description)
    return {question.id: estimate_question(tree, question, folded) for question in tree.questions}


@dataclass(frozen=True)
class PathEstimate:
    outcome: Outcome
    probability: float

    @property
    def key(self) -> str:
        """A result of the questionnaire: the cell, and the tier where the answers decide it."""
        tier = self.outcome.final.tier
        return f"{self.outcome.cell}:{tier}" if tier else self.outcome.cell


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
