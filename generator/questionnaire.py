"""The 業務領域 questionnaire: a decision tree kept as data (content/questionnaire.yml).

Each option either leads to another question (`next`) or names exactly one
cell (`result`); there is no other logic. The tree is checked at build time,
compiled to questionnaire.json for the browser, and resolved here in Python
(answers → cell) so tests can hold the browser to the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .schema import Key, ListOf, Record, Text

MAX_QUESTIONS_ON_A_PATH = 6
URL_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

SCHEMA = Record(
    {
        "start": Key(Text()),
        "questions": Key(
            ListOf(
                Record(
                    {
                        "id": Key(Text()),
                        "text": Key(Text()),
                        "help": Key(Text()),
                        "examples": Key(ListOf(Text(), min_items=0), required=False, default=list),
                        "options": Key(
                            ListOf(
                                Record(
                                    {
                                        "id": Key(Text()),
                                        "label": Key(Text()),
                                        "next": Key(Text(), required=False),
                                        "result": Key(Text(), required=False),
                                        "note": Key(Text(), required=False),
                                        "also": Key(ListOf(Text(), min_items=0), required=False, default=list),
                                    }
                                ),
                                min_items=2,
                            )
                        ),
                    }
                )
            )
        ),
    }
)


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    next: str | None
    result: str | None
    note: str | None
    also: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
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

    def resolve(self, answers: list[str]) -> Outcome:
        """Follow option ids from the start; raises ValueError unless they end in a cell."""
        question = self.question(self.start)
        steps: list[Step] = []
        for index, answer in enumerate(answers):
            option = question.option(answer)
            if option is None:
                raise ValueError(f"回答 {index + 1} 「{answer}」は質問「{question.id}」の選択肢にありません")
            steps.append(Step(question, option))
            if option.result:
                if index != len(answers) - 1:
                    raise ValueError("分類が決まった後に回答が続いています")
                return Outcome(option.result, tuple(steps))
            question = self.question(option.next)
        raise ValueError("回答が途中で終わっています")

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


def check(file, cell_ids: set[str]) -> None:
    """Cross-checks of the tree; problems are reported on `file` (a loader ContentFile)."""
    if not file.ok:
        return
    questions: list[dict] = file.get("questions", [])
    by_id: dict[str, int] = {}
    for index, question in enumerate(questions):
        qid = question.get("id")
        if qid in by_id:
            file.problem(f"questions[{index + 1}].id", f"重複しない質問の id（{by_id[qid] + 1} 番目の質問と同じ）", f"「{qid}」でした")
        elif qid is not None:
            by_id[qid] = index

    start = file.get("start")
    if start is not None and start not in by_id:
        file.problem("start", "存在する質問の id", f"「{start}」でした")

    parents: dict[str, str] = {}
    for index, question in enumerate(questions):
        if question.get("id") is not None and not URL_ID.fullmatch(question["id"]):
            file.problem(f"questions[{index + 1}].id", "半角の英小文字・数字・ハイフンだけの id（URL に使うため）", f"「{question['id']}」でした")
        seen_options: set[str] = set()
        for o_index, option in enumerate(question.get("options", [])):
            path = f"questions[{index + 1}].options[{o_index + 1}]"
            if option.get("id") in seen_options:
                file.problem(f"{path}.id", "質問の中で重複しない選択肢の id", f"「{option.get('id')}」でした")
            seen_options.add(option.get("id"))
            if option.get("id") is not None and not URL_ID.fullmatch(option["id"]):
                file.problem(f"{path}.id", "半角の英小文字・数字・ハイフンだけの id（URL に使うため）", f"「{option['id']}」でした")
            target, result = option.get("next"), option.get("result")
            if (target is None) == (result is None):
                file.problem(path, "next（次の質問）か result（分類）のどちらか一方", "両方ともあるか、どちらもありませんでした")
                continue
            if target is not None:
                if target not in by_id:
                    file.problem(f"{path}.next", "存在する質問の id", f"「{target}」でした")
                elif target in parents:
                    file.problem(f"{path}.next", f"まだどこからも参照されていない質問（「{target}」は {parents[target]} からも参照されています）", "2 か所目の参照でした")
                else:
                    parents[target] = path
            if result is not None and cell_ids and result not in cell_ids:
                file.problem(f"{path}.result", "存在する分類の id（例: citizen-3）", f"「{result}」でした")
            for a_index, also in enumerate(option.get("also", [])):
                if cell_ids and also not in cell_ids:
                    file.problem(f"{path}.also[{a_index + 1}]", "存在する分類の id（例: citizen-3）", f"「{also}」でした")

    if start not in by_id:
        return
    # Walk from the start: cycles, depth, reachable questions and cells.
    reached: set[str] = set()
    cells_reached: set[str] = set()

    def walk(qid: str, trail: list[str]) -> None:
        index = by_id[qid]
        if qid in trail:
            file.problem(f"questions[{index + 1}]", "循環しない質問のつながり", "「" + " → ".join(trail + [qid]) + "」と循環していました")
            return
        if len(trail) + 1 > MAX_QUESTIONS_ON_A_PATH:
            file.problem(
                f"questions[{index + 1}]",
                f"最初の質問から {MAX_QUESTIONS_ON_A_PATH} 問以内で分類が決まる構成",
                f"{len(trail) + 1} 問目でした（{' → '.join(trail + [qid])}）",
            )
            return
        reached.add(qid)
        for option in questions[index].get("options", []):
            if option.get("next") in by_id:
                walk(option["next"], trail + [qid])
            elif option.get("result"):
                cells_reached.add(option["result"])

    walk(start, [])
    for qid, index in by_id.items():
        if qid not in reached:
            file.problem(f"questions[{index + 1}]", "最初の質問からたどり着ける質問", f"「{qid}」にはどの選択肢からも進めませんでした")
    missing = sorted(cell_ids - cells_reached)
    if missing and not file.ctx.problems:
        file.problem("start", "15 の分類すべてにたどり着ける質問の構成", f"分類 {'、'.join(missing)} にたどり着く回答がありませんでした")


def build(value: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        start=value["start"],
        questions=tuple(
            Question(
                q["id"],
                q["text"],
                q["help"],
                tuple(q["examples"]),
                tuple(
                    Option(o["id"], o["label"], o["next"], o["result"], o["note"], tuple(o["also"]))
                    for o in q["options"]
                ),
            )
            for q in value["questions"]
        ),
    )


def compiled(guideline) -> dict[str, Any]:
    """questionnaire.json: the tree plus what the result view shows of each cell.

    Paths are relative to the site root."""
    from . import pages

    q = guideline.questionnaire
    return {
        "guideline_version": guideline.meta.version,
        "start": q.start,
        "max_questions": MAX_QUESTIONS_ON_A_PATH,
        "questions": {
            question.id: {
                "text": question.text,
                "help": question.help,
                "examples": list(question.examples),
                "max_remaining": q.max_depth(question.id),
                "options": [
                    {
                        key: value
                        for key, value in (
                            ("id", o.id),
                            ("label", o.label),
                            ("next", o.next),
                            ("result", o.result),
                            ("note", o.note),
                            ("also", list(o.also) or None),
                        )
                        if value is not None
                    }
                    for o in question.options
                ],
            }
            for question in q.questions
        },
        "categories": {
            cell.id: {
                "domain": cell.domain.name,
                "number": cell.number,
                "name": cell.name,
                "full_name": cell.full_name,
                "tiers": list(cell.tiers),
                "considerations": list(cell.considerations),
                "description": cell.description,
                "page": pages.html_path(pages.cell_path(cell)),
                "pdf": pages.cell_pdf_path(cell),
            }
            for cell in guideline.cells
        },
    }


def write_compiled(guideline, site_dir) -> None:
    """questionnaire.json for other systems, and the same data as a script for file:// use."""
    import json

    data = json.dumps(compiled(guideline), ensure_ascii=False, indent=1)
    (site_dir / "questionnaire.json").write_text(data + "\n", encoding="utf-8")
    target = site_dir / "questionnaire" / "data.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"window.AG_QUESTIONNAIRE = {data};\n", encoding="utf-8")
