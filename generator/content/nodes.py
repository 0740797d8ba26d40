"""A small declarative schema that checks YAML *nodes*, so every problem keeps its line.

PyYAML's composed node tree still knows where each value stood in the file.
We walk that tree instead of the plain Python objects, collect every problem
(never stopping at the first one) and remember the location of every key path
so that cross-file checks can point at the right line too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

# The C loader keeps line marks too and is several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

INVALID = object()  # a value that failed its check; callers skip it silently

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Context:
    """Where we are (file) and what we found so far."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the file's text, for hints that need to see it

    def error(self, node: yaml.Node | None, path: str, expected: str, found: str) -> Any:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        if node is not None and found.startswith("値が空でした") and self._comment_follows(node):
            found += "（「#」から後ろはコメントとして読まれます。値を \"…\" で囲んでください）"
        self.problems.append(Problem(self.file, line, column, path, expected, found))
        return INVALID

    def _comment_follows(self, node: yaml.Node) -> bool:
        """「title: #1 …」: a value that starts with 「#」 is read as a comment, and the value is empty."""
        mark = node.start_mark
        return mark.line < len(self.lines) and self.lines[mark.line][mark.column :].lstrip().startswith("#")

    def cut_off_after(self, node: yaml.Node) -> str:
        """「title: 手順 #1 の確認」: in a value without quotes, 「 #」 starts a comment, and the rest of
        the line is silently dropped. A comment written as one (「# 」 with a space, as the README's
        examples do) is left alone; one that runs straight on (「#1」) is text that was lost."""
        mark = node.end_mark
        if node.style or mark.line >= len(self.lines) or mark.line != node.start_mark.line:
            return ""
        rest = self.lines[mark.line][mark.column:]
        return rest.strip() if re.match(r"\s+#[^\s#]", rest) else ""

    def remember(self, path: str, node: yaml.Node) -> None:
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def problem_at(self, path: str, expected: str, found: str) -> None:
        """Report a problem found after the schema check, at a remembered key path."""
        line, column = None, None
        probe = path
        while probe:  # a missing key is reported where its parent stands
            if probe in self.locations:
                line, column = self.locations[probe]
                break
            probe = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", probe)
        if line is None and "" in self.locations:
            line, column = self.locations[""]
        self.problems.append(Problem(self.file, line, column, path, expected, found))


def describe(node: yaml.Node) -> str:
    """How a wrong value reads in an error message."""
    if isinstance(node, yaml.MappingNode):
        return "「キー: 値」の組でした（値の中に「: 」があると、キーと値に分けて読まれます。文字として書くときは値全体を \"…\" で囲んでください）"
    if isinstance(node, yaml.SequenceNode):
        return "一覧（「- 」で始まる行や [ ] で囲んだもの）でした"
    if node.tag == _NULL or node.value in ("", "~"):
        return "値が空でした"
    kinds = {_INT: "整数", _FLOAT: "数値", _BOOL: "真偽値", _TIMESTAMP: "日付"}
    kind = kinds.get(node.tag, "文字列")
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f"{kind}「{value}」でした"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key + 1}]"
    return f"{path}.{key}" if path else key


class Spec:
    """One expected shape. `check` returns the Python value or INVALID."""

    expected = "値"

    def check(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError


class Text(Spec):
    """A non-empty string of bounded length. Bare numbers, dates and booleans are refused: quote them.

    Lengths are bounded because text feeds page titles, running headers of the PDFs and the
    search index: a 100 KB name must be a located mistake, not a 10-minute PDF render."""

    expected = "文字列"

    def __init__(self, max_length: int = 2000):
        self.max_length = max_length

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            hint = ""
            if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT, _TIMESTAMP):
                hint = "（数字や日付を文字として書くときは \"…\" で囲んでください）"
            elif isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
                hint = "（yes・no・true・false などは真偽値と読まれます。文字として書くときは \"…\" で囲んでください）"
            return ctx.error(node, path, self.expected + hint, describe(node))
        value = node.value.strip()
        if not value:
            return ctx.error(node, path, "空でない" + self.expected, "値が空でした")
        if len(value) > self.max_length:
            return ctx.error(node, path, f"{self.max_length} 文字以内の{self.expected}", f"{len(value)} 文字ありました")
        cut = ctx.cut_off_after(node)
        if cut:
            return ctx.error(node, path, f"「#」を含む{self.expected}（値全体を \"…\" で囲みます）",
                             f"「{value}」の後ろの「{cut}」が、コメントとして読まれて値に入っていません")
        if not node.style and value[0] in _CURLY_OPEN and value[-1] in _CURLY_CLOSE:
            return ctx.error(node, path, f"{self.expected}（値を囲むときは半角の \"…\" を使います）",
                             f"全角の引用符で囲まれた「{value}」でした（全角の引用符は、そのまま文字として表示されます）")
        hidden = _INVISIBLE.search(value)
        if hidden:
            # Written as an escape ("\a", "\u202e"): invisible on the page, or it reorders the text around it.
            return ctx.error(node, path, "制御文字を含まない" + self.expected,
                             f"{hidden.start() + 1} 文字目に使えない制御文字（コード {ord(hidden.group()):#06x}）がありました")
        return value


_CURLY_OPEN, _CURLY_CLOSE = "“‘", "”’"  # 「…」 around a value is Japanese writing, not a mistake

# Control characters other than tab and line breaks, and the marks that reverse the direction of text.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 40


class Slug(Text):
    """An id: it becomes part of file names, URLs and HTML ids, so only a short ASCII slug."""

    expected = f"半角の英小文字・数字とハイフンだけの id（{SLUG_MAX} 文字まで。例: purpose、data-check）"

    def __init__(self):
        super().__init__(SLUG_MAX)

    def check(self, node, ctx, path):
        value = super().check(node, ctx, path)
        if value is not INVALID and not SLUG.fullmatch(value):
            return ctx.error(node, path, self.expected, describe(node))
        return value


class Integer(Spec):
    def __init__(self, minimum: int, maximum: int):
        self.minimum, self.maximum = minimum, maximum
        self.expected = f"{minimum}〜{maximum} の整数"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            return ctx.error(node, path, self.expected, describe(node))
        try:
            value = int(node.value)
        except ValueError:
            return ctx.error(node, path, self.expected, describe(node))
        if not self.minimum <= value <= self.maximum:
            return ctx.error(node, path, self.expected, describe(node))
        return value


class Number(Spec):
    def __init__(self, minimum: float, maximum: float):
        self.minimum, self.maximum = minimum, maximum
        self.expected = f"{minimum}〜{maximum} の数値"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
            try:
                value = float(node.value)
            except ValueError:
                value = None
            if value is not None and self.minimum <= value <= self.maximum:
                return value
        return ctx.error(node, path, self.expected, describe(node))


class Flag(Spec):
    expected = "true または false"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on")
        return ctx.error(node, path, self.expected, describe(node))


class Date(Spec):
    expected = "YYYY-MM-DD 形式の日付"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if isinstance(node, yaml.ScalarNode) and node.tag in (_TIMESTAMP, _STR):
            try:
                return dt.date.fromisoformat(node.value.strip())
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value.strip()):  # the form is right, the day is not
                    return ctx.error(node, path, "実在する日付", f"{node.value.strip()} はありません（月の日数や月を確かめてください）")
        return ctx.error(node, path, self.expected, describe(node))


class Choice(Spec):
    """A string from a fixed list (the list itself is part of the message)."""

    def __init__(self, values: list[str], what: str = ""):
        self.values = values
        shown = "、".join(f"「{v}」" for v in values)
        self.expected = f"{what}{shown} のいずれか"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value.strip() in self.values:
            return node.value.strip()
        return ctx.error(node, path, self.expected, describe(node))


class ListOf(Spec):
    def __init__(self, item: Spec, min_items: int = 1):
        self.item, self.min_items = item, min_items
        self.expected = f"{item.expected}の一覧（「- 」で始まる行）"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if not isinstance(node, yaml.SequenceNode):
            if self.min_items == 0 and isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return []
            return ctx.error(node, path, self.expected, describe(node))
        if len(node.value) < self.min_items:
            return ctx.error(
                node, path, f"{self.min_items} 件以上の{self.item.expected}", f"{len(node.value)} 件でした"
            )
        values = [self.item.check(child, ctx, _join(path, i)) for i, child in enumerate(node.value)]
        return [v for v in values if v is not INVALID]


@dataclass
class Key:
    spec: Spec
    required: bool = True
    default: Any = None


def _mapping_pairs(node: yaml.MappingNode, ctx: Context, path: str):
    """Yield (key, value_node) once per key; report duplicate and non-text keys."""
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.error(key_node, path, "キー名（文字列）", describe(key_node))
            continue
        key = str(key_node.value)
        if key in seen:
            ctx.error(key_node, _join(path, key), f"重複しないキー（{seen[key]} 行目と同じキー）", "同じキーが 2 回書かれていました")
            continue
        seen[key] = key_node.start_mark.line + 1
        yield key, key_node, value_node


class Record(Spec):
    """A mapping with known keys; unknown keys are mistakes (usually typos)."""

    expected = "「キー: 値」の組（キーごとに1行）"

    def __init__(self, keys: dict[str, Key]):
        self.keys = keys

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if not isinstance(node, yaml.MappingNode):
            return ctx.error(node, path, self.expected, describe(node))
        result: dict[str, Any] = {}
        meant: set[str] = set()  # keys a mistyped key stands for: not also reported as missing
        for key, key_node, value_node in _mapping_pairs(node, ctx, path):
            if key not in self.keys:
                guess = meant_key(key, self.keys)
                meant.add(guess)
                known = "、".join(self.keys)
                ctx.error(key_node, _join(path, key), f"使えるキー（{known}）", f"未知のキー「{key}」でした{_key_hint(key, guess)}")
                continue
            value = self.keys[key].spec.check(value_node, ctx, _join(path, key))
            if value is not INVALID:
                result[key] = value
        for key, rule in self.keys.items():
            if key in result or key in meant:
                continue
            present = any(isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in node.value)
            if rule.required and not present:
                ctx.error(node, _join(path, key), f"キー「{key}」（{rule.spec.expected}）", "見つかりませんでした")
            elif not rule.required and not present:
                result[key] = rule.default() if callable(rule.default) else rule.default
        return result


def meant_key(key: str, keys) -> str:
    """The known key (or id) a mistyped one most likely stands for (「titel」「　name」 → 「title」「name」), or ""."""
    bare = key.replace("\u3000", "").strip()
    if bare in keys:
        return bare
    close = difflib.get_close_matches(bare, list(keys), n=1, cutoff=0.75)
    return close[0] if close else ""


def _key_hint(key: str, guess: str) -> str:
    if "\u3000" in key:
        return "（全角スペースが入っています。字下げには半角スペースを使ってください）"
    return f"（「{guess}」の書き誤りではありませんか）" if guess else ""


class MapOf(Spec):
    """A mapping whose keys come from a fixed list (e.g. phase names) or are ids (key=Slug())."""

    def __init__(self, key: "Choice | Slug", value: Spec):
        self.key, self.value = key, value
        self.expected = f"キーが{key.expected}の「キー: 値」の組"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if not isinstance(node, yaml.MappingNode):
            return ctx.error(node, path, self.expected, describe(node))
        result = {}
        for key, key_node, value_node in _mapping_pairs(node, ctx, path):
            allowed = key in self.key.values if isinstance(self.key, Choice) else bool(SLUG.fullmatch(key))
            if not allowed:
                hint = _key_hint(key, meant_key(key, self.key.values)) if isinstance(self.key, Choice) else ""
                ctx.error(key_node, _join(path, key), self.key.expected, f"「{key}」でした{hint}")
                continue
            value = self.value.check(value_node, ctx, _join(path, key))
            if value is not INVALID:
                result[key] = value
        return result


_CONFIRMATION = re.compile(r"(\d{4}-\d{2}-\d{2})\s+(\S.*)")


class Confirmation(Spec):
    """`confirmed: 2026-12-01 山田（デジタルサービス局）`: who confirmed an item and when (one line)."""

    expected = "「YYYY-MM-DD 氏名」または「YYYY-MM-DD 氏名（所属）」の形の確認の記録"

    def check(self, node, ctx, path):
        ctx.remember(path, node)
        if isinstance(node, yaml.ScalarNode) and node.tag in (_STR, _TIMESTAMP):
            match = _CONFIRMATION.fullmatch(node.value.strip())
            if match and len(match.group(2)) <= 60:
                try:
                    return {"on": dt.date.fromisoformat(match.group(1)), "by": match.group(2).strip()}
                except ValueError:
                    pass
        return ctx.error(node, path, self.expected, describe(node))


class Prose(Spec):
    """One text item of the guideline: a plain string, or the same text with its provenance
    (`{text: …, source: 原文, ref: …, confirmed: …}`). Both give {"text": …, provenance keys …}."""

    def __init__(self, text: "Text", provenance: dict[str, "Key"]):
        self.text = text
        self.record = Record({"text": Key(text), **provenance})
        self.expected = f"{text.expected}（または text: と出典を書いた組）"

    def check(self, node, ctx, path):
        if isinstance(node, yaml.MappingNode):
            return self.record.check(node, ctx, path)
        value = self.text.check(node, ctx, path)
        if value is INVALID:
            return INVALID
        return {"text": value, **{key: rule.default for key, rule in self.record.keys.items() if key != "text"}}
