"""Japanese-aware tokens and lunr indexes shared by site search and the finder.

Japanese has no spaces, and dictionary segmenters split differently at build
time and at query time. Character bigrams do not: 「プライバシーポリシー」 yields
…「ポリ」「リシ」「シー」, so the query 「ポリシー」 finds it, and 「情報の取り扱い」
matches text that contains most of its bigrams. ASCII words stay whole.
The browser (overrides/assets/js/ag-text.js) implements exactly the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query, QueryPresence

# Kana, CJK ideographs and the marks used inside Japanese words.
_CJK = "\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}]+|[a-z0-9]+")


def normalize(text: str) -> str:
    """NFKC folds full-width letters/digits and half-width kana; then lower-case."""
    return unicodedata.normalize("NFKC", text).lower()


_HIRAGANA_ONLY = re.compile("[\u3041-\u3096]+")


def tokenize(text: str, kana_bigrams: bool = True) -> list[str]:
    """Bigrams of kana/kanji runs, whole ASCII words. Without kana_bigrams, bigrams made
    only of hiragana (particles, endings: 「する」「から」) are dropped as noise."""
    tokens: list[str] = []
    for match in _RUN.finditer(normalize(text)):
        run = match.group(0)
        if run[0].isascii():
            tokens.append(run)
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    if not kana_bigrams:
        tokens = [t for t in tokens if not _HIRAGANA_ONLY.fullmatch(t)]
    return tokens


def query_tokens(text: str, kana_bigrams: bool = True) -> list[str]:
    """Distinct tokens of a query, in order."""
    return list(dict.fromkeys(tokenize(text, kana_bigrams)))


def build_index(documents: Iterable[dict], fields: dict[str, int], ref: str = "id", kana_bigrams: bool = True) -> Index:
    """A lunr index over pre-tokenized fields; pipelines stay empty on both sides."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref(ref)
    for name, boost in fields.items():
        builder.field(name, boost=boost, extractor=_extractor(name, kana_bigrams))
    for document in documents:
        builder.add(document)
    return builder.build()


def _extractor(name: str, kana_bigrams: bool) -> Callable[[dict], list[str]]:
    def extract(document: dict) -> list[str]:
        value = document.get(name, "")
        if isinstance(value, (list, tuple)):
            value = " ".join(value)
        return tokenize(value, kana_bigrams)

    return extract


def search(index: Index, text: str, min_coverage: float = 0.0, kana_bigrams: bool = True) -> list[dict]:
    """Rank documents the way ag-text.js does: lunr score × coverage² of the query's tokens."""
    tokens = query_tokens(text, kana_bigrams)
    if not tokens:
        return []
    query = index.create_query()
    for token in tokens:
        wildcard = Query.WILDCARD_TRAILING if _is_single_cjk(token) else Query.WILDCARD_NONE
        query.term(token, use_pipeline=False, wildcard=wildcard, presence=QueryPresence.OPTIONAL)
    results = []
    for result in index.query(query):
        matched = set(result["match_data"].metadata)
        covered = [t for t in tokens if _covered(t, matched)]
        coverage = len(covered) / len(tokens)
        if coverage >= min_coverage:
            results.append({"ref": result["ref"], "score": result["score"] * coverage * coverage, "matched": covered})
    results.sort(key=lambda r: (-r["score"], r["ref"]))
    return results


def _is_single_cjk(token: str) -> bool:
    return len(token) == 1 and not token.isascii()


def _covered(token: str, matched: set[str]) -> bool:
    if _is_single_cjk(token):
        return any(term.startswith(token) for term in matched)
    return token in matched
