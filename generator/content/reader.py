"""YAML text → node tree, with every syntax error reported in Japanese at the line where it starts.

Content is input from many editors, so reading it is bounded before any work is done:
the file size, the nesting depth and the number of values are limited, and YAML
features our content never needs are refused (anchors and aliases, which can expand a
small file into gigabytes; explicit tags such as `!!python/…`). These checks run over
the event stream, which libyaml produces without recursion.
"""

from __future__ import annotations

import re

import yaml

from .nodes import LOADER, Context
from .problems import Problem

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 24  # the deepest shipped file nests 8 levels
MAX_VALUES = 50_000
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _problem(ctx: Context, mark, expected: str, found: str) -> None:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    ctx.problems.append(Problem(ctx.file, line, column, "", expected, found))


def size_ok(size: int, ctx: Context) -> bool:
    if size > MAX_FILE_BYTES:
        _problem(ctx, None, f"{MAX_FILE_BYTES // 1024} KB 以下のファイル", f"{size // 1024} KB ありました（内容を分けるか、不要な部分を消してください）")
        return False
    return True


def _bounded(text: str, ctx: Context) -> bool:
    """Refuse aliases, explicit tags, deep nesting and too many values, at their line."""
    depth = values = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            _problem(ctx, event.start_mark, "参照（*名前）を使わない書き方", f"参照「*{event.anchor}」が使われていました（同じ内容をもう一度書いてください）")
            return False
        if getattr(event, "anchor", None):
            _problem(ctx, event.start_mark, "アンカー（&名前）を使わない書き方", f"アンカー「&{event.anchor}」が使われていました")
            return False
        if getattr(event, "tag", None) not in _STANDARD_TAGS:
            _problem(ctx, event.start_mark, "タグ（!! で始まる型の指定）のない値", f"タグ「{event.tag}」が付いていました")
            return False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                _problem(ctx, event.start_mark, f"{MAX_DEPTH} 段までの入れ子", "それより深い入れ子がありました")
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            if values > MAX_VALUES:
                _problem(ctx, event.start_mark, f"{MAX_VALUES} 個までの値", "それより多くの値がありました")
                return False
    return True


def compose_file(text: str, ctx: Context) -> yaml.Node | None:
    """Parse YAML text to a node tree, turning syntax errors into a Problem."""
    ctx.lines = text.splitlines()
    try:
        if not _bounded(text, ctx):
            return None
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark, reason = _syntax_problem(exc, text)
        _problem(ctx, mark, "正しい YAML の書式", f"書式の誤りがありました（{reason}）")
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        line, column = _line_of(text, exc.position)
        ctx.problems.append(
            Problem(ctx.file, line, column, "", "正しい YAML の書式", f"使えない制御文字（コード {exc.character:#06x}）が含まれていました")
        )
        return None
    except yaml.YAMLError:
        _problem(ctx, None, "正しい YAML の書式", "YAML として読めない書き方がありました")
        return None
    if node is None:
        ctx.problems.append(Problem(ctx.file, 1, None, "", "内容", "ファイルが空でした"))
    return node


def _line_of(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


# English messages of PyYAML → Japanese; checked in order, the first that matches wins.
_SYNTAX_HINTS = [
    ("found character '\\t' that cannot start any token", "字下げにタブ文字は使えません。半角スペースを使ってください"),
    ("mapping values are not allowed", "「: 」の位置か字下げが正しくありません。値に「: 」を含むときは \"…\" で囲んでください"),
    ("could not find expected ':'", "「キー: 値」の「:」が見つかりません"),
    ("cannot start any token", "値の先頭に使えない文字（@ や ` など）があります。値を \"…\" で囲んでください"),
    ("did not find expected '-' indicator", "一覧の「- 」の字下げがそろっていません"),
    ("did not find expected key", "字下げがそろっていません"),
    ("expected <block end>, but found", "字下げがそろっていません"),
    ("but found another document", "ファイルの途中に「---」や「...」の行があります（1 つのファイルには 1 つの内容だけを書きます）"),
    ("expected a single document", "ファイルの途中に「---」や「...」の行があります（1 つのファイルには 1 つの内容だけを書きます）"),
    ("while scanning a quoted scalar", "引用符が閉じられていません"),
    ("found unexpected end of stream", "引用符やかっこが閉じられていません"),
    ("found undefined alias", "未定義の参照（*）があります"),
    ("found duplicate anchor", "同じアンカー（&）が 2 回あります"),
    ("expected the node content", "値が書かれていないか、かっこ・引用符が閉じられていません"),
    ("found unacceptable character", "使えない制御文字が含まれています"),
    ("found unknown escape character", "\\ の後ろの文字が正しくありません。\\ を含む値は ' … ' で囲んでください"),
    ("while parsing a flow", "かっこ（[ ] や { }）の対応が正しくありません"),
    ("while scanning a simple key", "「キー: 値」の「:」が見つかりません"),
    ("while scanning an alias", "「*」で始まる値は参照と読まれます。値を \"…\" で囲んでください"),
    ("while scanning an anchor", "「&」で始まる値はアンカーと読まれます。値を \"…\" で囲んでください"),
    ("while scanning a tag", "「!」で始まる値はタグと読まれます。値を \"…\" で囲んでください"),
    ("while scanning a block scalar", "「|」「>」の後ろの書き方が正しくありません"),
    ("exceeded maximum nesting depth", "入れ子が深すぎます"),
    ("block sequence entries are not allowed", "「- 」の一覧はキーの次の行から、字下げして書いてください"),
]
_TAB_LEAD = re.compile(r"^[ ]*\t")
# Typed with a Japanese input method on: a full-width space in the indent, a full-width colon after a key.
_FULL_WIDTH = [
    (re.compile("^[ ]*\u3000"), "字下げに全角スペースがあります。半角スペースを使ってください"),
    (re.compile("^[ ]*(- )?[A-Za-z_][A-Za-z0-9_-]*[ ]*："), "キーの後ろの「：」が全角です。半角の「: 」にしてください"),
    (re.compile("^[ ]*(- )?[A-Za-z_][A-Za-z0-9_-]*:\u3000"), "キーの後ろの「:」の次が全角スペースです。半角スペースにしてください"),
    # 「title: [重要] …」: a value that starts with a bracket is read as a list, and the words after it break the file.
    (re.compile("^[ ]*(- |[A-Za-z_][A-Za-z0-9_-]*: +)[\\[{][^\\]}]*[\\]}][ ]*[^ ,#\\]}]"),
     "「[」や「{」で始まる値は一覧と読まれます。文字として書くときは、値全体を \"…\" で囲んでください"),
]


def _full_width_near(lines: list[str], problem_line: int) -> tuple[int, str] | None:
    """The parser notices these a line or two late: look at the problem's line and those above it."""
    for number in range(min(problem_line, len(lines) - 1), max(-1, problem_line - 3), -1):
        for pattern, hint in _FULL_WIDTH:
            if pattern.match(lines[number]):
                return number, hint
    return None


def _unclosed_quote_before(lines: list[str], problem_line: int) -> int | None:
    """A line above the problem that opens a double quote it does not close: the parser only
    noticed lines later, but this is where the editor must look."""
    for number in range(problem_line - 1, max(-1, problem_line - 20), -1):
        if lines[number].replace('\\"', "").count('"') % 2 == 1:
            return number
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str):
    """Where the mistake starts, and what it is in Japanese. An unclosed quote is reported where
    it was opened (the context mark), not at the end of the file where the parser gave up."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote, or a key without its 「:」: the parser names the line where it gave up, the
    # context mark the line where the mistake is.
    if ("quoted scalar" in context or "simple key" in context) and exc.context_mark is not None:
        mark = exc.context_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines):
        line = lines[mark.line]
        if _TAB_LEAD.match(line) or "\t" in line[mark.column : mark.column + 1]:
            return mark, _SYNTAX_HINTS[0][1]
        full_width = _full_width_near(lines, mark.line)
        if full_width is not None:
            return yaml.Mark("", 0, full_width[0], 0, None, None), full_width[1]
        opened = _unclosed_quote_before(lines, mark.line)
        if opened is not None:
            return yaml.Mark("", 0, opened, 0, None, None), "引用符（\"）が閉じられていません"
    for english, japanese in _SYNTAX_HINTS:
        if english in problem or english in context:
            return mark, japanese
    return mark, "YAML として読めない書き方があります。直前の行の字下げ、「: 」、引用符やかっこの閉じ忘れを確かめてください"
