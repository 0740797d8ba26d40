"""Content problems: what went wrong, where, and how it is reported in Japanese."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

SAME_SHOWN = 3  # places shown of one mistake repeated in many


@dataclass(frozen=True)
class Problem:
    """One mistake in a content file, located as precisely as we know."""

    file: str
    line: int | None
    column: int | None
    path: str
    expected: str
    found: str

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f"「{self.path}」: " if self.path else ""  # a problem of the whole file: its place is enough
        return f"{where}: {key}{self.expected}が必要ですが、{self.found}。"


class ContentError(Exception):
    """Raised once with every problem found, so an editor can fix them all at once."""

    def __init__(self, problems: list[Problem], fix_first: list[str] | None = None):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.path)
        )
        self.fix_first = list(fix_first or [])
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"コンテンツに {len(self.problems)} 件の問題があります。"]
        # One mistake repeated in many places (a name renamed in legend.yml but not where it is
        # used) is shown a few times and counted, not listed hundreds of times.
        repeats = Counter((p.expected, p.found) for p in self.problems)
        shown: Counter = Counter()
        for problem in self.problems:
            same = (problem.expected, problem.found)
            shown[same] += 1
            if shown[same] <= SAME_SHOWN or repeats[same] == SAME_SHOWN + 1:
                lines.append(f"  - {problem.format()}")
            elif shown[same] == SAME_SHOWN + 1:
                files = len({p.file for p in self.problems if (p.expected, p.found) == same})
                lines.append(f"  - ほか {repeats[same] - SAME_SHOWN} か所（{files} ファイル）に同じ誤り（{problem.found.removesuffix('でした')}）があります。"
                             "legend.yml などで名前を変えたときは、使っている所もすべて書き換えてください。")
        if self.fix_first:
            shown = "、".join(self.fix_first)
            lines.append(f"{shown} の誤りのため、それを使うファイルの確認は省きました。先に {shown} を直してください。")
        lines.append("上記を修正してから、もう一度実行してください。")
        return "\n".join(lines)


class EnvironmentProblem(Exception):
    """Something the machine lacks (e.g. a font package); the message says what to install."""
