"""Japanese-aware tokens shared by site search and the finder (no index code here).

Japanese has no spaces, and dictionary segmenters split differently at build
time and at query time. Character bigrams do not: 「プライバシーポリシー」 yields
…「ポリ」「リシ」「シー」, so the query 「ポリシー」 finds it, and 「情報の取り扱い」
matches text that contains most of its bigrams. ASCII words stay whole.
The browser (overrides/assets/js/ag-text.js) implements exactly the same rules.
"""

from __future__ import annotations

import re
import unicodedata

# Kana, CJK ideographs and the marks used inside Japanese words.
_CJK = "\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}]+|[a-z0-9]+")


def normalize(text: str) -> str:
    """NFKC folds full-width letters/digits and half-width kana; then lower-case."""
    return unicodedata.normalize("NFKC", text).lower()


_HIRAGANA_ONLY = re.compile("[\u3041-\u3096]+")
_KATAKANA = re.compile("[\u30a1-\u30f6]")


def fold(text: str) -> str:
    """normalize(), then katakana as hiragana: 「ｾｷｭﾘﾃｨ」 and 「せきゅりてぃ」 find 「セキュリティ」."""
    return _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), normalize(text))


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
