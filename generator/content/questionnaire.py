"""The 業務領域 questionnaire as a model: a decision tree kept as data (content/questionnaire.yml).

Each option either leads to another question (`next`) or names exactly one
cell (`result`); there is no other logic. `walk` is the one Python walk of the
tree (the browser's twin is overrides/assets/js/questionnaire.js; a browser
test holds them to the same answers on every path).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    short: str  # how the answer reads in a list of reasons (「利用者: 都民・事業者」)
    next: str | None
    result: str | None
    tier: str | None  # for a cell with two tiers: the one this answer determines
    note: str | None
    also: tuple[str, ...]
    evidence: tuple[str, ...]  # words in a description that point to this answer (the finder)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    topic: str  # short heading of the question in a list of reasons (「利用者」)
    help: str
    examples: tuple[str, ...]
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Step:
    question: Question
    option: Option


@dataclass(frozen=True)
class Walk:
    """Where a list of answers leads: the steps taken, then a question still open or a cell."""

    steps: tuple[Step, ...]
    question: Question | None
    cell: str | None


@dataclass(frozen=True)
class Outcome:
    cell: str
    steps: tuple[Step, ...]

    @property
    def final(self) -> Option:
        return self.steps[-1].option


@dataclass(frozen=True)
class Questionnaire:
    start: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def walk(self, answers: list[str]) -> Walk:
        """Follow option ids from the start; ValueError if one does not fit or answers follow a result."""
        question = self.question(self.start)
        steps: list[Step] = []
        for index, answer in enumerate(answers):
            option = question.option(answer)
            if option is None:
                choices = "、".join(f"{o.id}（{o.short}）" for o in question.options)
                raise ValueError(f"回答 {index + 1} 「{answer}」は質問「{question.id}」の選択肢にありません。選べるのは {choices} です")
            steps.append(Step(question, option))
            if option.result:
                if index != len(answers) - 1:
                    raise ValueError("分類が決まった後に回答が続いています")
                return Walk(tuple(steps), None, option.result)
            question = self.question(option.next)
        return Walk(tuple(steps), question, None)

    def resolve(self, answers: list[str]) -> Outcome:
        """Answers → the cell they end in; ValueError unless they end in a cell."""
        walked = self.walk(answers)
        if walked.cell is None:
            raise ValueError("回答が途中で終わっています")
        return Outcome(walked.cell, walked.steps)

    def is_start_of_a_path(self, answers: list[str]) -> bool:
        try:
            self.walk(answers)
        except ValueError:
            return False
        return True

    def paths(self) -> list[Outcome]:
        """Every complete path through the tree, in order."""
        outcomes: list[Outcome] = []

        def walk(question: Question, steps: tuple[Step, ...]) -> None:
            for option in question.options:
                here = steps + (Step(question, option),)
                if option.result:
                    outcomes.append(Outcome(option.result, here))
                else:
                    walk(self.question(option.next), here)

        walk(self.question(self.start), ())
        return outcomes

    def path_to(self, question_id: str) -> tuple[Step, ...]:
        """The answers that lead to a question (the tree gives each question one parent)."""
        for outcome in self.paths():
            for index, step in enumerate(outcome.steps):
                if step.question.id == question_id:
                    return outcome.steps[:index]
        raise KeyError(question_id)

    def max_depth(self, question_id: str) -> int:
        """Questions still to answer at most, this one included."""
        question = self.question(question_id)
        return 1 + max((self.max_depth(o.next) for o in question.options if o.next), default=0)


def build(value: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        start=value["start"],
        questions=tuple(
            Question(
                q["id"],
                q["text"],
                q["topic"],
                q["help"],
                tuple(q["examples"]),
                tuple(
                    Option(o["id"], o["label"], o["short"], o["next"], o["result"], o["tier"], o["note"], tuple(o["also"]), tuple(o["evidence"]))
                    for o in q["options"]
                ),
            )
            for q in value["questions"]
        ),
    )
