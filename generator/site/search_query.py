"""Site search as staff type it: the query reduced to what matters, expanded with the content's
related terms, ranked over the section documents (search.py), grouped by page.

The browser twin is overrides/assets/js/search-engine.js (parity test: tests/test_parity.py). Both
build the same postings from the same documents and apply the same steps in the same order:

1. normalise (NFKC, lower case); drop the endings of questions and requests (「…してもいいか」
   「…したい」「…について」「…とき」); split at particles between words (「機密情報を入力」 →
   「機密情報 入力」);
2. tokens: text.py bigrams; hiragana-only bigrams are dropped when the query has other tokens
   (they are particles and endings), then folded (katakana as hiragana, as the documents are);
3. add the related terms of content/search.yml as alternative queries (ChatGPT → 生成AI);
4. score each document with BM25 over weighted fields × coverage² of the query's tokens × a bonus
   for each query word found whole (in the heading more than in the text); best alternative wins;
5. keep documents covering at least half the tokens (or, when none does, those near the best
   coverage); group them by page, best page first, each further page of the same folder (the same
   point repeated on many cell pages) counting less.
"""

from __future__ import annotations

import math
import re

from ..text import fold, normalize, tokenize

# Field weights: a document is [url, page title, heading, context, text, low].
FIELD_WEIGHTS = ((1, 2.0), (2, 6.0), (3, 1.0), (4, 1.0), (5, 0.2))
MIN_COVERAGE = 0.5
RELATIVE_COVERAGE = 0.6  # when no document covers half the query, keep those near the best coverage
RELATED_WEIGHT = 0.8
MAX_ALTERNATIVES = 12
WORD_IN_HEADING = 0.6
WORD_IN_TEXT = 0.25
HEADING_IS_QUERY = 1.6
LOW_ONLY = 0.3  # a document matched only in its low text (mark lists, tags) ranks below any text
LOW_FIELD = 5
BM25_K1, BM25_B = 1.2, 0.75
MAX_QUERY = 100
SECTIONS_PER_PAGE = 3
REPEAT_DISCOUNT = 1.0

_ENDING = re.compile(
    "(?:について(?:教えて(?:ください)?)?|に関して|に関する|に(?:つ|付)いて|"
    "して(?:も)?(?:いい|よい|良い|大丈夫)(?:です)?(?:か|の)?|しても(?:いい|よい)|"
    "(?:する|した)(?:には|とき|場合|ための)|した(?:い|いとき|い場合)(?:です)?|したい|させたい|"
    "はどう(?:する|すれば(?:いい|よい)?)(?:の)?|どうすれば(?:いい|よい)|"
    "とき(?:は|に)?|の(?:とき|場合)|場合(?:は|に)?|とは(?:何|なに)?|って(?:何|なに)|"
    "の(?:方法|やり方|仕方)|(?:を|が)(?:知りたい|教えて(?:ほしい|ください)?)|"
    "の(?:違い|ちがい|意味|定義)|(?:です|ます)か|ください|はどこ|は(?:何|なに)|の|か)$"
)
_PUNCTUATION = re.compile("[\\s?？!！。、,，・「」『』（）()]+$")
_WORD_CHAR = "\u4e00-\u9fff\u3400-\u4dbf\u30a1-\u30fa\u30fca-z0-9"
_PARTICLE = re.compile(f"(?<=[{_WORD_CHAR}])(?:から|まで|より|を|に|は|が|で|と|の|へ|も|や)(?=[{_WORD_CHAR}])")
_HIRAGANA_ONLY = re.compile("[\u3041-\u3096]+")
_SINGLE_CJK = re.compile("[^a-z0-9]")
_NUMBERING = re.compile("^[0-9]+[.．]?")
def reduce_query(query: str) -> str:
    """The query without question and request endings, split at particles between words."""
    text = normalize(query[:MAX_QUERY]).strip()
    while True:
        shorter = _ENDING.sub("", _PUNCTUATION.sub("", text)).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    return " ".join(_PARTICLE.sub(" ", text).split())


def query_tokens(reduced: str) -> list[str]:
    """Distinct folded tokens; hiragana-only bigrams (particles) only when nothing else is left."""
    tokens = list(dict.fromkeys(tokenize(reduced)))
    meaningful = [t for t in tokens if not _HIRAGANA_ONLY.fullmatch(t)] or tokens
    return list(dict.fromkeys(fold(t) for t in meaningful))


def alternatives(query: str, related: list[dict]) -> list[tuple[str, float]]:
    """(reduced query, weight): the query itself, then its related wordings; each matching group
    replaces its word in every wording so far (「エクセルで出力」 → 「csv 書き出」)."""
    result = [(reduce_query(query), 1.0)]
    for group in related:
        keys = [k for k in (fold(word).strip() for word in group["words"]) if k]
        added = []
        for text, weight in result:
            folded = fold(text)  # same length as `text`: positions carry over
            key = next((k for k in keys if k in folded), None)
            if key is None:
                continue
            at = folded.find(key)
            for meaning in group["means"]:
                replaced = text[:at] + " " + normalize(meaning) + " " + text[at + len(key):]
                added.append((" ".join(replaced.split()), weight * RELATED_WEIGHT))
        result.extend(added[: MAX_ALTERNATIVES - len(result)])
    return result


def _shared(values: list[str], pages: list[str]) -> list[int]:
    """For each value, on how many pages the same (folded) value appears: 1 when unique."""
    seen: dict[str, set[str]] = {}
    keys = [fold(v).replace(" ", "") for v in values]
    for key, page in zip(keys, pages):
        if key:
            seen.setdefault(key, set()).add(page)
    return [len(seen.get(key, ())) or 1 for key in keys]


def build_postings(docs: list[list[str]]) -> dict:
    """token → [(doc, weighted tf, only in the low text)], document lengths and their average; what the
    browser builds on load.

    A heading or a text that many pages repeat (「企画フェーズ」 on every cell page, the same
    explanation above every checklist) weighs less, divided by the number of pages that repeat it:
    the page whose own topic it is comes first."""
    pages = [doc[0].split("#")[0] for doc in docs]
    shared = {2: _shared([d[2] for d in docs], pages), 3: _shared([d[3] for d in docs], pages),
              4: _shared([d[4] for d in docs], pages)}
    postings: dict[str, list[tuple[int, float, bool]]] = {}
    lengths = []
    for number, doc in enumerate(docs):
        counts: dict[str, float] = {}
        in_text: set[str] = set()
        length = 0
        for field, weight in FIELD_WEIGHTS:
            tokens = tokenize(fold(doc[field]))
            if field != 1:
                length += len(tokens)
            if field != LOW_FIELD:
                in_text.update(tokens)
            weight = weight / shared[field][number] if field in shared else weight
            for token in tokens:
                counts[token] = counts.get(token, 0.0) + weight
        for token, tf in counts.items():
            postings.setdefault(token, []).append((number, tf, token not in in_text))
        lengths.append(max(length, 1))
    by_char: dict[str, list[str]] = {}
    for token in postings:
        for char in set(token) if len(token) == 2 and _SINGLE_CJK.match(token) else ():
            by_char.setdefault(char, []).append(token)
    return {
        "docs": docs,
        "postings": postings,
        "by_char": by_char,
        "lengths": lengths,
        "average": sum(lengths) / max(len(lengths), 1),
    }


def _entries(index: dict, token: str) -> list[tuple[int, float, bool]]:
    """A single kana/kanji matches the bigrams that contain it (「赤」 → 「赤の」「は赤」)."""
    if len(token) == 1 and _SINGLE_CJK.match(token):
        merged: dict[int, list] = {doc: [tf, low] for doc, tf, low in index["postings"].get(token, [])}
        for bigram in index["by_char"].get(token, []):
            for doc, tf, low in index["postings"][bigram]:
                entry = merged.setdefault(doc, [0.0, True])
                entry[0] += tf
                entry[1] = entry[1] and low
        return [(doc, tf, low) for doc, (tf, low) in sorted(merged.items())]
    return index["postings"].get(token, [])


def _word_bonus(doc: list[str], words: list[str]) -> float:
    """Query words found whole: in the heading more than in the text; a heading that is the query
    itself (「プライバシー」, 「1. 企画」) is the definition, above every passing mention."""
    if not words:
        return 1.0
    heading = _NUMBERING.sub("", fold(doc[2] or doc[1]).replace(" ", ""))
    text = fold(doc[4]).replace(" ", "")
    in_heading = sum(1 for w in words if w in heading)
    in_text = sum(1 for w in words if w not in heading and w in text)
    bonus = 1.0 + (WORD_IN_HEADING * in_heading + WORD_IN_TEXT * in_text) / len(words)
    return bonus * HEADING_IS_QUERY if heading == "".join(words) else bonus


def _score(index: dict, reduced: str, weight: float) -> dict[int, tuple[float, list[str]]]:
    """Document → (score, matched tokens) for one wording of the query."""
    tokens = query_tokens(reduced)
    if not tokens:
        return {}
    words = [w for w in (fold(part) for part in reduced.split()) if len(w) >= 2]
    count, average = len(index["docs"]), index["average"]
    bm25: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    in_text: set[int] = set()
    for token in tokens:
        entries = _entries(index, token)
        if not entries:
            continue
        idf = math.log(1 + (count - len(entries) + 0.5) / (len(entries) + 0.5))
        for doc, tf, low in entries:
            norm = BM25_K1 * (1 - BM25_B + BM25_B * index["lengths"][doc] / average)
            bm25[doc] = bm25.get(doc, 0.0) + idf * tf * (BM25_K1 + 1) / (tf + norm)
            matched.setdefault(doc, []).append(token)
            if not low:
                in_text.add(doc)
    scores = {}
    best = max((len(m) for m in matched.values()), default=0) / len(tokens)
    threshold = min(MIN_COVERAGE, RELATIVE_COVERAGE * best)
    for doc, value in bm25.items():
        coverage = len(matched[doc]) / len(tokens)
        if coverage >= threshold:
            bonus = _word_bonus(index["docs"][doc], words) * (1.0 if doc in in_text else LOW_ONLY)
            scores[doc] = (value * coverage * coverage * bonus * weight, matched[doc])
    return scores


def search(index: dict, query: str) -> list[dict]:
    """Pages best first: {page, score, sections: [{doc, score, matched}]} (best first, at most 3)."""
    best: dict[int, tuple[float, list[str]]] = {}
    for reduced, weight in alternatives(query, index["related"]):
        for doc, (score, matched) in _score(index, reduced, weight).items():
            if doc not in best or score > best[doc][0]:
                best[doc] = (score, matched)
    pages: dict[str, dict] = {}
    for doc, (score, matched) in sorted(best.items(), key=lambda item: (-item[1][0], item[0])):
        page = index["docs"][doc][0].split("#")[0]
        entry = pages.setdefault(page, {"page": page, "score": score, "sections": []})
        if len(entry["sections"]) < SECTIONS_PER_PAGE:
            entry["sections"].append({"doc": doc, "score": score, "matched": matched})
    ranked = sorted(pages.values(), key=lambda p: (-p["score"], p["page"]))
    # The same point on many cell pages is one answer repeated: each further page of a family
    # (cells/…) counts a little less, so the page that states it once is not pushed out.
    seen: dict[str, int] = {}
    for entry in ranked:
        family = entry["page"].rsplit("/", 1)[0] if "/" in entry["page"] else ""
        entry["score"] = entry["score"] / (1 + REPEAT_DISCOUNT * seen.get(family, 0))
        seen[family] = seen.get(family, 0) + 1
    return sorted(ranked, key=lambda p: (-p["score"], p["page"]))


def load(payload: dict) -> dict:
    """The index the search page builds from the shipped documents and related terms."""
    index = build_postings(payload["docs"])
    index["related"] = payload["related"]
    return index
