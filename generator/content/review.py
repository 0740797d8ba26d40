"""The owners' review of the guideline's text: which items are unconfirmed, and marking them confirmed.

`aiguide review` lists every 未確認 item by file and line (grouped by file: a cell, a chapter, the
legend …) and writes a CSV for a review meeting. After the meeting, an item is marked confirmed
by adding one line, `confirmed: 2026-12-01 氏名（所属）`, or all items of a file at once with
`aiguide review --confirm FILE --by "氏名（所属）"`, which edits the file's text in place
(comments and layout are kept; a plain-text item becomes a one-line `{text: …, confirmed: …}`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .nodes import LOADER, _join

_TEXT_KEYS = ("text", "title", "summary", "name", "body")


@dataclass(frozen=True)
class Item:
    file: str
    path: str
    line: int
    source: str | None
    ref: str | None
    confirmed: bool
    text: str
    node: yaml.Node


def _text_of(value: dict) -> str:
    for key in _TEXT_KEYS:
        if isinstance(value.get(key), str):
            text = " ".join(value[key].split())
            return text if len(text) <= 80 else text[:79] + "…"
    return ""


def items(path: Path, value, display: str) -> list[Item]:
    """Every text item of a validated file (a mapping with provenance keys), with its node."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    found: list[Item] = []

    def walk(value, node, where: str) -> None:
        if isinstance(value, dict):
            if "confirmed" in value:
                found.append(Item(display, where, node.start_mark.line + 1, value.get("source"), value.get("ref"),
                                  value.get("confirmed") is not None, _text_of(value), node))
            if isinstance(node, yaml.MappingNode):
                children = {str(k.value): v for k, v in node.value}
                for key, child in value.items():
                    if key in children:
                        walk(child, children[key], _join(where, key))
        elif isinstance(value, list) and isinstance(node, yaml.SequenceNode):
            for index, (child, child_node) in enumerate(zip(value, node.value)):
                walk(child, child_node, _join(where, index))

    walk(value, root, "")
    return found


def unconfirmed(files) -> list[Item]:
    """Items still 未確認 in loader ContentFiles, in file order."""
    result = []
    for file in files:
        result += [item for item in items(file.path, file.value, file.ctx.file) if not item.confirmed]
    return result


def csv_rows(pending: list[Item], default_source: str) -> list[list[str]]:
    header = ["ファイル", "行", "項目", "出典", "記載箇所（原文）", "内容", "確認結果", "確認者", "確認日"]
    return [header] + [
        [item.file, str(item.line), item.path, item.source or default_source, item.ref or "", item.text, "", "", ""]
        for item in pending
    ]


def confirm_file(path: Path, value, by: str, on: dt.date) -> int:
    """Mark every unconfirmed item of one file as confirmed by `by` on `on`, editing its text.
    Returns how many items were marked."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    record = json.dumps(f"{on.isoformat()} {by}", ensure_ascii=False)
    pending = [item for item in items(path, value, str(path)) if not item.confirmed]
    # From the bottom up, so earlier positions stay valid.
    for item in sorted(pending, key=lambda i: (i.node.start_mark.line, i.node.start_mark.column), reverse=True):
        node = item.node
        if isinstance(node, yaml.ScalarNode):
            line = lines[node.start_mark.line]
            if node.end_mark.line != node.start_mark.line:
                continue  # a multi-line text: left for a hand edit (its line is in the list)
            value_text = json.dumps(node.value, ensure_ascii=False)
            before, after = line[:node.start_mark.column], line[node.end_mark.column:]
            # Written the way the README shows it (text: and confirmed: on lines of their own).
            if before.rstrip().endswith(":"):  # 「description: …」
                inner = " " * (len(before) - len(before.lstrip()) + 2)
                lines[node.start_mark.line] = f"{before.rstrip()}\n{inner}text: {value_text}{after.rstrip()}\n{inner}confirmed: {record}\n"
            elif before.rstrip().endswith("-"):  # 「  - …」 in a list
                inner = " " * node.start_mark.column
                lines[node.start_mark.line] = f"{before}text: {value_text}{after.rstrip()}\n{inner}confirmed: {record}\n"
            else:
                lines[node.start_mark.line] = f"{before}{{text: {value_text}, confirmed: {record}}}{after}"
        elif node.flow_style:
            line_index, column = node.end_mark.line, node.end_mark.column - 1  # the closing brace
            line = lines[line_index]
            lines[line_index] = f"{line[:column]}, confirmed: {record}{line[column:]}"
        else:
            indent = " " * node.start_mark.column
            at = node.end_mark.line if node.end_mark.column <= node.start_mark.column or node.end_mark.line >= len(lines) else node.end_mark.line + 1
            at = min(at, len(lines))
            # Blank and comment lines just above belong to the key that follows, not to this item.
            while at > node.start_mark.line + 1 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
                at -= 1
            if at == len(lines) and lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            lines.insert(at, f"{indent}confirmed: {record}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return len(pending)
