"""guideline.json: satisfies its schema and carries the seed's facts."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.exports.guideline_json import SCHEMA_FILE, guideline_data

MATRIX = {
    "都民サービス": [
        ("情報提供・検索", ["青"], ["公平性"]),
        ("行動支援", ["青"], ["公平性", "透明性", "アカウンタビリティ"]),
        ("パーソナライズド支援", ["黄"], ["公平性", "透明性", "安全性", "アカウンタビリティ"]),
        ("予測・最適化", ["黄"], ["公平性", "透明性", "アカウンタビリティ", "安全性", "プライバシー"]),
        ("自律的判断・実行", ["赤"], []),
    ],
    "都民サービス関連業務": [
        ("定型業務補助", ["青"], ["公平性", "透明性"]),
        ("データ分析", ["青"], ["公平性", "透明性", "アカウンタビリティ"]),
        ("判断支援", ["黄"], ["公平性", "透明性", "アカウンタビリティ", "プライバシー"]),
        ("業務の予測・最適化", ["黄"], ["公平性", "透明性", "アカウンタビリティ", "安全性", "プライバシー"]),
        ("自律的な業務遂行", ["赤"], []),
    ],
    "職員内部業務": [
        ("情報検索・定型業務補助", ["青"], ["公平性"]),
        ("文書作成支援", ["青"], ["公平性"]),
        ("専門知識助言・企画提案支援", ["青"], ["公平性", "透明性"]),
        ("予測・高度な判断支援", ["青"], ["公平性", "透明性", "アカウンタビリティ"]),
        ("自律的判断・実行", ["黄", "赤"], []),
    ],
}


@pytest.fixture(scope="module")
def data(guideline):
    return guideline_data(guideline)


def test_satisfies_schema(data):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)


def test_top_level(data):
    assert data["title"] == "東京都 AI導入・活用ガイドライン"
    assert data["phases"] == ["企画", "要件定義", "設計開発", "運用", "廃止"]
    assert [c["name"] for c in data["considerations"]][:6] == ["透明性", "公平性", "安全性", "プライバシー", "アカウンタビリティ", "セキュリティ"]
    assert "著作権" in [c["name"] for c in data["considerations"]]
    assert "調達" in [p["name"] for p in data["process"]]


def test_matrix_facts(data):
    for domain in data["domains"]:
        expected = MATRIX[domain["name"]]
        got = [(c["name"], c["tiers"], sorted(c["considerations"])) for c in domain["categories"]]
        assert got == [(n, t, sorted(c)) for n, t, c in expected]
        assert [c["number"] for c in domain["categories"]] == [1, 2, 3, 4, 5]
        for category in domain["categories"]:
            assert category["page"] == f"cells/{category['id']}.html"


def test_personalised_support_carries_the_seed(data):
    cell = data["domains"][0]["categories"][2]
    assert cell["name"] == "パーソナライズド支援"
    assert cell["description"]["text"].startswith("個人の状況やニーズに合わせ")
    assert [s["title"] for s in cell["scenes"]] == ["支援アプリのプッシュ通知", "マッチング"]
    planning = [(p["level"], p["title"], p["tags"]) for p in cell["points"] if p["phase"] == "企画"]
    assert planning == [
        ("必須", "適切な目的の設定", []),
        ("必須", "利用するAIの効果的な選定", ["セキュリティ"]),
        ("必須", "リスクの評価", ["公平性", "セキュリティ"]),
        ("推奨", "既存業務の見直し・再構築(BPR)", []),
    ]


def test_points_are_specific_to_each_cell(data):
    """No two cells share the same list of point titles; each 留意事項 is served by a 必須 point."""
    seen = {}
    for domain in data["domains"]:
        for cell in domain["categories"]:
            if "赤" in cell["tiers"] and cell["tiers"] == ["赤"]:
                assert cell["stance"] and cell["stance"]["alternatives"]
                continue
            titles = tuple(p["title"] for p in cell["points"])
            assert titles not in seen, (cell["id"], seen.get(titles))
            seen[titles] = cell["id"]
            assert {p["phase"] for p in cell["points"]} == set(data["phases"])
            served = {t for p in cell["points"] if p["level"] == "必須" for t in p["tags"]}
            assert set(cell["considerations"]) <= served
    # Across all cells, most point wordings are unique (not a copied list).
    details = [d for dom in data["domains"] for c in dom["categories"] for p in c["points"] for d in p["details"]]
    assert len(set(details)) / len(details) > 0.95
