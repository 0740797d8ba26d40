"""Where a text item comes from, and whether the guideline's owners have confirmed it.

Every item of the guideline (a cell's description, a feature, a scene, a point, a chapter
section, a legend entry …) is either 原文 (stated in the guideline itself; `ref` names the
place) or 編集 (written for this site by its editors), and is 未確認 until someone records
`confirmed: YYYY-MM-DD 氏名` on it. Pages and PDFs show it; `aiguide review` lists what is left.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Provenance:
    source: str  # a source name of legend.yml (原文, 編集)
    official: bool  # the source is the guideline itself
    ref: str | None = None
    confirmed_on: dt.date | None = None
    confirmed_by: str | None = None

    @property
    def confirmed(self) -> bool:
        return self.confirmed_on is not None

    @property
    def state(self) -> str:
        return "確認済" if self.confirmed else "未確認"

    @property
    def mark(self) -> str:
        """The quiet mark shown with the item: 「原文」「編集」, plus 「未確認」 until confirmed."""
        return self.source if self.confirmed else f"{self.source}・未確認"

    def as_data(self) -> dict:
        return {
            "source": self.source,
            "official": self.official,
            "ref": self.ref,
            "review": {
                "state": self.state,
                "by": self.confirmed_by,
                "on": self.confirmed_on.isoformat() if self.confirmed_on else None,
            },
        }


@dataclass(frozen=True)
class Prose:
    """A text item with its provenance (a description, a feature, a summary …)."""

    text: str
    provenance: Provenance


class SourceNames:
    """Turns the provenance keys of a validated value into a Provenance, with the legend's default."""

    def __init__(self, sources: list[dict]):
        self.official = {s["name"] for s in sources if s.get("official")}
        self.default = next((s["name"] for s in sources if s.get("default")), sources[0]["name"])

    def of(self, value: dict) -> Provenance:
        source = value.get("source") or self.default
        confirmed = value.get("confirmed") or {}
        return Provenance(source, source in self.official, value.get("ref"), confirmed.get("on"), confirmed.get("by"))

    def prose(self, value: dict) -> Prose:
        return Prose(value["text"], self.of(value))
