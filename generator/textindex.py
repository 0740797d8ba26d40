"""lunr indexes over text.py's tokens, shared by site search and the finder.

Pipelines stay empty on both sides: Python builds the index with our tokens and
lunr.js loads it as is; ag-text.js queries it with the same tokens and ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query, QueryPresence

from .text import query_tokens, tokenize


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
