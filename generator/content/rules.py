"""Rules between content files: unique names and ids, the full matrix, references, points.

Each rule reads the values a file's shape has already checked and reports on that
file (a loader ContentFile), at the line of the key it is about. Flags such as
"this level is the mandatory one" come from legend.yml, never from the code.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..text import fold
from . import markup


def duplicates(file, items: list[dict], key: str, list_path: str, what: str) -> None:
    counts = Counter(item.get(key) for item in items if item.get(key) is not None)
    seen: set[Any] = set()
    for index, item in enumerate(items):
        value = item.get(key)
        if counts.get(value, 0) > 1:
            if value in seen:
                file.problem(f"{list_path}[{index + 1}].{key}", f"重複しない{what}", f"「{value}」が重複していました")
            seen.add(value)


def check_legend(legend) -> None:
    for key, what in (("tiers", "名前"), ("considerations", "名前"), ("phases", "名前"), ("levels", "段階")):
        duplicates(legend, legend.get(key, []), "name", key, what)
        duplicates(legend, legend.get(key, []), "id", key, "id")
    levels = legend.get("levels", [])
    if legend.ok and levels and sum(1 for lv in levels if lv.get("mandatory")) != 1:
        legend.problem("levels", "mandatory: true の段階（必ず実施する段階）がちょうど 1 つ", f"{sum(1 for lv in levels if lv.get('mandatory'))} つでした")
    if legend.ok and not any(p.get("in_cells", True) for p in legend.get("phases", [])):
        legend.problem("phases", "in_cells: true のフェーズ（分類ごとに対応のポイントを書くフェーズ）が 1 つ以上", "ありませんでした")
    for key, what in (("roles", "担当"), ("records", "記録"), ("conditions", "適用条件"), ("sources", "出典")):
        duplicates(legend, legend.get(key, []), "name", key, what)
        duplicates(legend, legend.get(key, []), "id", key, "id")
    sources = legend.get("sources", [])
    if legend.ok and sources:
        if sum(1 for s in sources if s.get("default")) != 1:
            legend.problem("sources", "default: true の出典（書いていない項目の出典）がちょうど 1 つ", f"{sum(1 for s in sources if s.get('default'))} つでした")
        if not any(s.get("official") for s in sources):
            legend.problem("sources", "official: true の出典（ガイドライン本文）が 1 つ以上", "ありませんでした")
        known = [s["name"] for s in sources if "name" in s]
        for key in ("tiers", "levels", "considerations", "phases"):
            for index, entry in enumerate(legend.get(key, [])):
                if entry.get("source") is not None and entry["source"] not in known:
                    shown = "、".join(f"「{n}」" for n in known)
                    legend.problem(f"{key}[{index + 1}].source", f"出典 {shown} のいずれか", f"「{entry['source']}」でした")


def check_related_terms(file) -> None:
    """A typed word belongs to one group, and is not one of its own meanings (it would change nothing).
    Words compare as search compares them: width, case and kana folded."""
    if not file.ok:
        return
    seen: dict[str, str] = {}  # folded word → where it was first written
    for index, group in enumerate(file.get("related", []), start=1):
        means = {fold(m) for m in group.get("means", [])}
        for position, word in enumerate(group.get("words", []), start=1):
            key = fold(word)
            where = f"related[{index}].words[{position}]"
            if key in seen:
                # Either one may be the new one: both places are named, and the editor keeps one.
                line = file.ctx.locations.get(seen[key], (None,))[0]
                other = f"{seen[key]}（{line} 行目）" if line else seen[key]
                file.problem(where, "ほかのグループに書いていない言葉", f"「{word}」は {other} にも書かれていました。どちらか一方だけに残してください")
            elif key in means:
                file.problem(where, "means と違う言葉", f"「{word}」は means にも書かれていました")
            seen.setdefault(key, where)


def check_refs(file, official: set[str]) -> None:
    """An item whose source is the guideline itself (原文) says where: `ref`."""

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            if value.get("source") in official and not value.get("ref"):
                file.problem(f"{path}.source" if path else "source", f"「{value['source']}」の項目には、ガイドラインの記載箇所（ref:）", "書かれていませんでした")
            for key, child in value.items():
                walk(child, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, f"{path}[{index + 1}]")

    if file.ok:
        walk(file.value, "")


def strategy_warnings(guideline, strategy: dict, file: str) -> list[str]:
    """Tiers and 主な留意事項 come from the 東京都AI戦略 (strategy.yml): a cell that differs is
    allowed (the Strategy may be revised) but must never change by accident."""
    warnings = []
    for cell in guideline.cells:
        recorded = strategy["cells"].get(cell.id)
        if recorded is None:
            warnings.append(f"{file}: 分類 {cell.id}（{cell.full_name}）の値が記録されていません。")
            continue
        for key, what in (("tiers", "利活用の考え方"), ("considerations", "主な留意事項")):
            if list(getattr(cell, key)) != recorded[key]:
                warnings.append(
                    f"{cell.source}: {cell.full_name} の{what}「{'・'.join(getattr(cell, key))}」が、"
                    f"東京都AI戦略の値（{file}:「{'・'.join(recorded[key])}」）と異なります。意図した変更か確認してください。"
                )
    return warnings


def check_revisions(meta) -> None:
    """guideline.yml's version and issued date are those of its newest revision, listed first; every
    version once, newest first. A new version without its revision entry would print one version on
    the site and another in its history."""
    if meta.broken:  # compared only once every value has its shape
        return
    revisions, version, issued = meta.get("revisions"), meta.get("version"), meta.get("issued")
    duplicates(meta, revisions, "version", "revisions", "版")
    newest = revisions[0]
    placed = next((i for i, r in enumerate(revisions) if r["version"] == version), 0)
    if placed:
        # The new entry is there, but not first: one message, about moving it (the others would ask
        # to rewrite a published entry).
        meta.problem(f"revisions[{placed + 1}]", f"revisions の先頭にある第{version}版の項目（改定履歴は新しい版から順に書きます）",
                     f"{placed + 1} 番目にありました。この項目を先頭（revisions: のすぐ下）に移してください")
        return
    if newest["version"] != version:
        meta.problem("revisions[1].version", f"version と同じ版「{version}」（版を改めたら、その版の項目を revisions の先頭に書き足します。公開済みの項目は書き換えません）",
                     f"「{newest['version']}」でした")
    if newest["date"] != issued:
        meta.problem("revisions[1].date", f"issued と同じ日付 {issued.isoformat()}（最新の版の日付）", f"{newest['date'].isoformat()} でした")
    for index, revision in enumerate(revisions):
        if not VERSION.fullmatch(revision["version"]):
            meta.problem(f"revisions[{index + 1}].version", VERSION_EXPECTED, f"「{revision['version']}」でした")
    if not VERSION.fullmatch(version):
        meta.problem("version", VERSION_EXPECTED, f"「{version}」でした")
        return
    # Newest first: each entry older than the one above it, in version and in date (said apart).
    for index in range(1, len(revisions)):
        earlier, later = revisions[index], revisions[index - 1]
        if VERSION.fullmatch(earlier["version"]) and VERSION.fullmatch(later["version"]) and _version_key(earlier["version"]) > _version_key(later["version"]):
            meta.problem(f"revisions[{index + 1}].version", f"上の項目（第{later['version']}版）より前の版（新しい版から順に書きます）", f"第{earlier['version']}版でした")
        elif earlier["date"] > later["date"]:
            meta.problem(f"revisions[{index + 1}].date", f"上の項目（第{later['version']}版、{later['date'].isoformat()}）より前の日付（新しい版から順に書きます）",
                         f"{earlier['date'].isoformat()} でした")


VERSION = re.compile(r"\d+(\.\d+)*")
VERSION_EXPECTED = "「1.1」のように数字と「.」だけの版（「第」「版」は付けません）"


def _version_key(version: str) -> tuple:
    """「1.10」 after 「1.9」: compared number by number."""
    return tuple(int(part) for part in version.split("."))


def check_domains(domains) -> None:
    duplicates(domains, domains.get("domains", []), "id", "domains", "id")
    duplicates(domains, domains.get("domains", []), "name", "domains", "名前")


def check_chapters(chapters: list) -> None:
    by_number: dict[int, Any] = {}
    ids: dict[str, Any] = {}
    for chapter in chapters:
        duplicates(chapter, chapter.get("sections", []), "id", "sections", "節の id")
        for index, section in enumerate(chapter.get("sections", [])):
            check_markdown(chapter, f"sections[{index + 1}].body", section.get("body"))
        number, chapter_id = chapter.get("number"), chapter.get("id")
        if number in by_number:
            chapter.problem("number", f"重複しない章番号（{by_number[number].ctx.file} と同じ）", f"{number} でした")
        elif number is not None:
            by_number[number] = chapter
        if chapter_id in ids:
            chapter.problem("id", f"重複しない章の id（{ids[chapter_id].ctx.file} と同じ）", f"「{chapter_id}」でした")
        elif chapter_id is not None:
            ids[chapter_id] = chapter


def check_markdown(file, path: str, text: str | None) -> None:
    """Markdown may format text, never run script or fetch from outside (content/markup.py)."""
    if not text:
        return
    for line, found in markup.markdown_problems(text):
        # A multi-line body starts on the line after its key ("body: |").
        file.problem_in_text(path, line if "\n" in text else 0, "Markdown の書式（見出し・箇条書き・強調・表・サイト内や http(s) へのリンク）", f"使えない{found}がありました")


def check_cells(cells: list, domains, legend, complete: bool = True) -> dict[str, str]:
    """Cross-checks every cell; returns {file path: cell id} for valid placements. With
    `complete` False (a cell file is broken) the full matrix and references are not checked."""
    domain_list = domains.get("domains", [])
    domain_ids = {d["name"]: d["id"] for d in domain_list if "name" in d and "id" in d}
    numbers = range(1, (legend.get("categories_per_domain") or 0) + 1)
    placed: set[tuple[str, int]] = set()
    cell_ids: dict[str, str] = {}
    for cell in cells:
        if not cell.ok:
            continue
        domain, number = cell.get("domain"), cell.get("number")
        if domain is not None and domain not in domain_ids:
            if domains.ok:  # otherwise domains.yml itself is already reported
                known = "、".join(f"「{d}」" for d in domain_ids)
                cell.problem("domain", f"domains.yml にある業務領域（{known}）", f"「{domain}」でした")
        elif domain is not None and number is not None:
            key, named = (domain, number), f"{domain_ids[domain]}-{number}"
            # The file's name says which cell it is: a mistake is reported in the file that does not
            # match (the one edited), never in the cell it now collides with.
            if cell.path.stem != named:
                twin = next((c for c in cells if c.path.stem == named), None)
                named_like = re.fullmatch(r"([a-z0-9]+(?:-[a-z0-9]+)*)-\d+", cell.path.stem)
                # The key that disagrees with the file's name: its domain, or else its number.
                key_name = "domain" if named_like and named_like.group(1) != domain_ids[domain] else "number"
                if not named_like:
                    # 「citizen-1 (2).yml」「copy.yml」: a copy or a keepsake, not a cell of its own.
                    same = f"（{twin.ctx.file} と同じ分類です）" if twin is not None else ""
                    cell.problem("", f"分類のファイル名（{named}.yml のように、業務領域の id と分類番号だけ）",
                                 f"「{cell.path.name}」でした{same}。コピーや控えのファイルなら cells フォルダの外に移し、使うファイルなら名前を直してください")
                elif twin is not None:
                    cell.problem(key_name, f"重複しない業務領域と分類番号（「{domain}」の {number} は {twin.ctx.file} の分類です）",
                                 f"{'「' + domain + '」' if key_name == 'domain' else number} でした")
                else:
                    cell.problem(key_name, f"ファイル名 {cell.path.name} と合う業務領域・分類番号（別の分類にするときは、ファイル名も {named}.yml に変えます）",
                                 f"「{domain}」の {number}（{named}）でした")
            else:
                placed.add(key)
                cell_ids[str(cell.path)] = named
        check_points(cell, legend)

    # A cell not placed (its own mistake is reported) would make the matrix and references look wrong.
    complete = complete and all(str(cell.path) in cell_ids for cell in cells if cell.ok)
    if domains.ok and legend.ok and cells and complete:
        for index, domain in enumerate(domain_list):
            missing = [n for n in numbers if (domain.get("name"), n) not in placed]
            if "name" in domain and missing:
                shown = "、".join(str(n) for n in missing)
                domains.problem(
                    f"domains[{index + 1}]",
                    f"分類 1〜{len(numbers)} のファイル（content/cells/{domain.get('id', '…')}-N.yml）",
                    f"「{domain['name']}」の分類 {shown} のファイルがありませんでした",
                )

    known_ids = set(cell_ids.values())
    for cell in cells:
        stance = cell.get("stance") or {}
        for index, alternative in enumerate(stance.get("alternatives", [])):
            target = alternative.get("cell")
            if target is not None and complete and known_ids and target not in known_ids:
                cell.problem(
                    f"stance.alternatives[{index + 1}].cell",
                    f"存在する分類の id（例: {min(known_ids)}）",
                    f"「{target}」でした",
                )
    return cell_ids


def check_points(cell, legend) -> None:
    stance_tiers = {t["name"] for t in legend.get("tiers", []) if t.get("requires_stance") and "name" in t}
    mandatory = {lv["name"] for lv in legend.get("levels", []) if lv.get("mandatory") and "name" in lv}
    cell_phases = [p["name"] for p in legend.get("phases", []) if p.get("in_cells", True) and "name" in p]
    points_by_phase: dict[str, list[dict]] = cell.get("points", {}) or {}
    tiers = cell.get("tiers", [])
    all_points = [(phase, i, p) for phase, points in points_by_phase.items() for i, p in enumerate(points)]

    seen: dict[str, str] = {}
    for phase, index, point in all_points:
        point_id = point.get("id")
        if point_id is None:
            continue
        if point_id in seen:
            cell.problem(f"points.{phase}[{index + 1}].id", f"この分類の中で重複しない id（{seen[point_id]}と同じ）", f"「{point_id}」でした")
        else:
            first = cell.ctx.locations.get(f"points.{phase}[{index + 1}].id", (None, None))[0]
            seen[point_id] = f"{first} 行目の{phase}の項目" if first else f"{phase}の項目"

    if any(t in stance_tiers for t in tiers) and "stance" in cell.value and cell.value["stance"] is None:
        shown = "・".join(f"「{t}」" for t in sorted(stance_tiers & set(tiers)))
        cell.problem("stance", f"{shown}を含む分類の考え方（stance: summary, details, alternatives）", "見つかりませんでした")
    if tiers and all(t in stance_tiers for t in tiers):
        return  # a watch-only cell states a stance instead of points
    if any(p.path.startswith("points") for p in cell.ctx.problems):
        return  # some points could not be read (a misspelt phase …): what they cover is judged once they can
    for phase in cell_phases:
        if not points_by_phase.get(phase) and "points" in cell.value:
            cell.problem(f"points.{phase}", f"フェーズ「{phase}」の対応のポイント（1 件以上）", "ありませんでした")

    served = {tag for _, _, p in all_points if p.get("level") in mandatory for tag in p.get("tags", [])}
    level_name = "・".join(sorted(mandatory))
    for index, name in enumerate(cell.get("considerations", [])):
        if name not in served and all_points:
            cell.problem(
                f"considerations[{index + 1}]",
                f"「{name}」をタグに持つ［{level_name}］の対応のポイント（1 件以上）",
                "ありませんでした",
            )


def contact_warnings(guideline, file: str) -> list[str]:
    contact = guideline.meta.contact
    if not (contact.section or contact.phone or contact.mail):
        return [f"{file}: contact に課（section）、内線（phone）、メール（mail）のどれも書かれていません。問合せ先として表示されるため、書き足してください。"]
    return []
