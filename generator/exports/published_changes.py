"""What changed since the site was last built, read from its guideline.json: points that changed
while the version stayed the same, and confirmed items whose text changed. Warnings, not errors:
an editor may be mid-way through a revision, but must not publish one by accident."""

from __future__ import annotations

import json
from pathlib import Path

from .. import urls
from ..content.model import Guideline
from .guideline_json import guideline_data

_COMPARED = ("phase", "level", "title", "details", "tags", "who", "records", "when")
_NAMED = 5  # points named in a warning, at most


def _points(data: dict) -> dict[str, dict]:
    return {p["global_id"]: p for d in data.get("domains", []) for c in d.get("categories", []) for p in c.get("points", [])}


def warnings(guideline: Guideline, site_dir: Path) -> list[str]:
    try:
        previous = json.loads(urls.inside(site_dir, urls.GUIDELINE_JSON).read_text(encoding="utf-8"))
        before = _points(previous)
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return []  # no earlier site (or not one this tool wrote): nothing to compare with
    now = _points(guideline_data(guideline))
    changed = [i for i in now if i in before and any(now[i].get(k) != before[i].get(k) for k in _COMPARED)]
    added, removed = [i for i in now if i not in before], [i for i in before if i not in now]
    found = []
    if previous.get("version") == guideline.meta.version and (changed or added or removed):
        found.append(
            f"第{guideline.meta.version}版のまま、前回のビルドから対応のポイントが変わっています（変更 {len(changed)} 件・"
            f"追加 {len(added)} 件・削除 {len(removed)} 件）。版を改める変更なら、guideline.yml の version と issued を"
            "更新し、revisions の先頭に変更内容を書いてください（「自分の案件」は、版が変わると変わった項目を示します）。"
        )
    stale = [i for i in changed if before[i].get("provenance", {}).get("review", {}).get("state") == "確認済"
             and now[i]["provenance"]["review"]["state"] == "確認済"]
    if stale:
        shown = "、".join(f"{i}「{now[i]['title']}」" for i in stale[:_NAMED]) + (" ほか" if len(stale) > _NAMED else "")
        found.append(f"確認済みの項目の内容が変わりました: {shown}。確かめ直して、confirmed を書き直してください。")
    official = [i for i in changed if now[i]["provenance"].get("official")]
    if official:
        shown = "、".join(f"{i}「{now[i]['title']}」" for i in official[:_NAMED]) + (" ほか" if len(official) > _NAMED else "")
        found.append(f"原文の項目の文言が変わりました: {shown}。ガイドラインの記載と合っているか確かめてください。")
    return found
