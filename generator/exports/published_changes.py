"""What changed since the site was last built, read from its guideline.json: points that changed
while the version stayed the same, points a new version removes, published history rewritten,
and confirmed or 原文 items whose text changed. Warnings, not
errors: an editor may be mid-way through a revision, but must not publish one by accident."""

from __future__ import annotations

import json
from pathlib import Path

from .. import urls
from ..content.model import Guideline
from .guideline_json import guideline_data

_NAMED = 5  # items named in a warning, at most
_NOT_TEXT = ("provenance", "anchor", "page", "pdf")  # where an item is shown, not what it says


def _items(value, label: str = "", found: dict | None = None) -> dict[str, dict]:
    """Every item that carries a provenance, by a name a maintainer recognises: a point by its
    global id (citizen-3/planning/purpose), anything else by its cell or domain and its key."""
    found = {} if found is None else found
    if isinstance(value, dict):
        own = value.get("id") if isinstance(value.get("id"), str) else value.get("name") if isinstance(value.get("name"), str) else None
        here = value.get("global_id") or (f"{label} {own}".strip() if own else label)
        if "provenance" in value:
            found[here] = value
        for key, child in value.items():
            if key == "categories":  # a cell's id (citizen-3) names it alone
                _items(child, "", found)
            elif key != "provenance":
                _items(child, here if key in ("domains", "points", "chapters", "sections") else f"{here} {key}".strip(), found)
    elif isinstance(value, list):
        for index, child in enumerate(value, start=1):
            named = isinstance(child, dict) and (isinstance(child.get("id"), str) or isinstance(child.get("name"), str))
            _items(child, label if named else f"{label}[{index}]", found)
    return found


def _text(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in _NOT_TEXT and not _has_provenance(v)}


def _has_provenance(value) -> bool:
    if isinstance(value, dict):
        return "provenance" in value or any(_has_provenance(v) for v in value.values())
    return isinstance(value, list) and any(_has_provenance(v) for v in value)


def _named(names: list[str], now: dict) -> str:
    shown = "、".join(f"{n}「{now[n]['title']}」" if "title" in now.get(n, {}) else n for n in names[:_NAMED])
    return shown + (f" ほか {len(names) - _NAMED} 件" if len(names) > _NAMED else "")


def warnings(guideline: Guideline, site_dir: Path) -> list[str]:
    try:
        previous = json.loads(urls.inside(site_dir, urls.GUIDELINE_JSON).read_text(encoding="utf-8"))
        return _compared(previous, guideline)
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return []  # no earlier site, or one in another format: nothing to compare with


def _compared(previous: dict, guideline: Guideline) -> list[str]:
    data = guideline_data(guideline)
    before, now = _items(previous), _items(data)
    changed = [n for n in now if n in before and _text(now[n]) != _text(before[n])]
    points = [n for n in now if "global_id" in now[n]]
    added = [n for n in points if n not in before]
    removed = [n for n in before if "global_id" in before[n] and n not in now]
    changed_points = [n for n in changed if n in points]
    found = []
    if previous.get("version") == guideline.meta.version and (changed_points or added or removed):
        parts = [f"{what} {len(names)} 件（{_named(names, now if what != '削除' else before)}）" for what, names in
                 (("変更", changed_points), ("追加", added), ("削除", removed)) if names]
        found.append(
            f"第{guideline.meta.version}版のまま、前回のビルドから対応のポイントが変わっています: {'、'.join(parts)}。"
            "版を改める変更なら、guideline.yml の version と issued を更新し、revisions の先頭に変更内容を書いてください"
            "（「自分の案件」は、版が変わると変わった項目を示します。id を変えた項目は、記録の上では削除と追加になります）。"
        )
    elif previous.get("version") != guideline.meta.version and removed:
        # A new version may remove points, but a changed id removes one too: staff records on it are
        # then shown apart, as 「削除された項目」. Said, so that a rename is not made by accident.
        found.append(
            f"第{previous.get('version')}版にあった対応のポイントが、第{guideline.meta.version}版で {len(removed)} 件なくなります"
            f"（{_named(removed, before)}）。「自分の案件」では、これらに記録した状態は「削除された項目」として残ります。"
            "題名を変えただけなら、id は元のままにして title だけを直してください。"
        )
    stale = [n for n in changed if before[n]["provenance"]["review"]["state"] == "確認済" and now[n]["provenance"]["review"]["state"] == "確認済"]
    if stale:
        found.append(f"確認済みの項目の内容が変わりました: {_named(stale, now)}。確かめ直して、confirmed を書き直してください。")
    # The history already published stays as it was: a new version adds its entry on top.
    history = {(r["version"], r["date"]) for r in data["revisions"]}
    rewritten = [r for r in previous.get("revisions", []) if (r.get("version"), r.get("date")) not in history]
    if rewritten:
        found.append("前回のサイトの改定履歴にあった " + "、".join(f"第{r.get('version')}版（{r.get('date')}）" for r in rewritten[:_NAMED])
                     + " が、なくなるか版・日付が変わっています。公開済みの項目は書き換えず、新しい版の項目を revisions の先頭に書き足してください。")
    official = [n for n in changed if now[n]["provenance"].get("official")]
    if official:
        found.append(f"原文の項目の文言が変わりました: {_named(official, now)}。ガイドラインの記載と合っているか確かめてください。")
    return found
