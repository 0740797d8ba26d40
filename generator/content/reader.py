"""YAML text → node tree, with syntax errors reported in Japanese at their line."""

from __future__ import annotations

import yaml

from .nodes import Context, LOADER
from .problems import Problem


def compose_file(text: str, ctx: Context) -> yaml.Node | None:
    """Parse YAML text to a node tree, turning syntax errors into a Problem."""
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = _syntax_reason(exc)
        if mark is not None:
            lines = text.splitlines()
            line = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in line[: len(line) - len(line.lstrip())] or "\t" in line[mark.column : mark.column + 1]:
                reason = _SYNTAX_HINTS["found character '\\t' that cannot start any token"]
        ctx.problems.append(
            Problem(
                ctx.file,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                "",
                "正しい YAML の書式",
                f"書式の誤りがありました（{reason}）",
            )
        )
        return None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        ctx.problems.append(Problem(ctx.file, None, None, "", "正しい YAML の書式", f"読み込めませんでした（{exc}）"))
        return None
    if node is None:
        ctx.problems.append(Problem(ctx.file, 1, None, "", "内容", "ファイルが空でした"))
    return node


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "「: 」の位置か字下げが正しくありません。値に「: 」を含むときは \"…\" で囲んでください",
    "could not find expected ':'": "「キー: 値」の「:」が見つかりません",
    "found character '\\t' that cannot start any token": "字下げにタブ文字は使えません。半角スペースを使ってください",
    "cannot start any token": "値の先頭に使えない文字（@ や ` など）があります。値を \"…\" で囲んでください",
    "did not find expected key": "字下げがそろっていません",
    "did not find expected '-' indicator": "一覧の「- 」の字下げがそろっていません",
    "found undefined alias": "未定義の参照（*）があります",
    "expected <block end>, but found": "字下げがそろっていません",
    "found unexpected end of stream": "引用符やかっこが閉じられていません",
    "found duplicate anchor": "同じアンカー（&）が 2 回あります",
    "expected the node content": "値が書かれていないか、かっこ・引用符が閉じられていません",
    "found unacceptable character": "使えない制御文字が含まれています",
    "while scanning a quoted scalar": "引用符が閉じられていません",
    "found unknown escape character": "\\ の後ろの文字が正しくありません。\\ を含む値は ' … ' で囲んでください",
}


def _syntax_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    context = exc.context or ""
    for english, japanese in _SYNTAX_HINTS.items():
        if english in problem or english in context:
            return japanese
    return f"YAML の解析エラー: {problem}"
