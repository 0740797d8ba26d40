"""Rules of the questionnaire's graph and of the finder's references to it.

Checked on the validated YAML values, before any model is built, so that every
problem is reported with its file and line.
"""

from __future__ import annotations

import re

from .nodes import meant_key

MAX_QUESTIONS_ON_A_PATH = 6
URL_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def check_questionnaire(file, cell_tiers: dict[str, list[str]]) -> None:
    """The tree's graph rules; problems are reported on `file` (a loader ContentFile).
    `cell_tiers`: every cell id and its tiers (empty when cells are broken: references unchecked)."""
    cell_ids = set(cell_tiers)
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

    _check_options(file, questions, by_id, cell_ids)
    _check_tiers(file, questions, cell_tiers)
    if start in by_id:
        _check_paths(file, questions, by_id, start, cell_ids)


def _check_options(file, questions: list[dict], by_id: dict[str, int], cell_ids: set[str]) -> None:
    """Ids fit in URLs; each option leads to one existing question (asked from one place) or cell."""
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
                file.problem(path, "next（次の質問）か result（分類）のどちらか一方", "両方ありました" if target is not None else "どちらもありませんでした")
                continue
            if target is not None:
                if target not in by_id:
                    meant = meant_key(target, by_id)
                    file.problem(f"{path}.next", "存在する質問の id", f"「{target}」でした" + (f"（「{meant}」の書き誤りではありませんか）" if meant else ""))
                elif target in parents:
                    file.problem(f"{path}.next", f"まだどこからも参照されていない質問（「{target}」は {parents[target]} からも参照されています）", "2 か所目の参照でした")
                else:
                    parents[target] = path
            if result is not None and cell_ids and result not in cell_ids:
                file.problem(f"{path}.result", "存在する分類の id（例: citizen-3）", f"「{result}」でした")
            for a_index, also in enumerate(option.get("also", [])):
                if cell_ids and also not in cell_ids:
                    file.problem(f"{path}.also[{a_index + 1}]", "存在する分類の id（例: citizen-3）", f"「{also}」でした")


def _check_tiers(file, questions: list[dict], cell_tiers: dict[str, list[str]]) -> None:
    """An answer that ends in a cell with two tiers (黄/赤) says which tier it determines."""
    for index, question in enumerate(questions):
        for o_index, option in enumerate(question.get("options", [])):
            path = f"questions[{index + 1}].options[{o_index + 1}]"
            tiers = cell_tiers.get(option.get("result") or "", [])
            tier = option.get("tier")
            if tier is not None and option.get("result") and tiers and tier not in tiers:
                file.problem(f"{path}.tier", f"分類 {option['result']} の段階（{'・'.join(tiers)}）のどれか", f"「{tier}」でした")
            elif tier is None and len(tiers) > 1:
                file.problem(path, f"分類 {option['result']} は段階が {'・'.join(tiers)} の 2 つあるため、どちらに決まるかの tier:", "書かれていませんでした")
            elif tier is not None and not option.get("result"):
                file.problem(f"{path}.tier", "result（分類）のある選択肢だけに書く tier:", "next の選択肢に書かれていました")


def _check_paths(file, questions: list[dict], by_id: dict[str, int], start: str, cell_ids: set[str]) -> None:
    """Walk from the start: no cycle, no path too long, every question and every cell reached."""
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
    # A question unreached because an option names a question that does not exist is that option's
    # mistake (already said), not a second one of the question's.
    dangling = any(o.get("next") is not None and o["next"] not in by_id for q in questions for o in q.get("options", []))
    for qid, index in by_id.items():
        if qid not in reached and not dangling:
            file.problem(f"questions[{index + 1}]", "最初の質問からたどり着ける質問", f"「{qid}」にはどの選択肢からも進めませんでした")
    missing = sorted(cell_ids - cells_reached)
    if missing and not file.ctx.problems:
        file.problem("start", f"{len(cell_ids)} の分類すべてにたどり着ける質問の構成", f"分類 {'、'.join(missing)} にたどり着く回答がありませんでした")


def check_examples(file, questionnaire) -> None:
    """Each example's answers walk the questionnaire from the first question to a result."""
    if not file.ok:
        return
    for index, example in enumerate(file.get("examples", [])):
        answers = example.get("answers")
        if not answers:
            continue
        try:
            questionnaire.resolve(list(answers))
        except ValueError as error:
            file.problem(f"examples[{index + 1}].answers", "判定質問を最初から最後までたどる選択肢 id の並び", f"「{'.'.join(answers)}」でした（{error}）")
