/* Japanese-aware tokens and ranking over a lunr index: the browser twin of generator/textindex.py.
 * Keep both in step: NFKC + lower-case, kana/kanji runs → character bigrams, ASCII words whole,
 * a single kana/kanji → prefix search; score = lunr score × coverage² of the query's tokens. */
(function (global) {
  "use strict";

  var RUN = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+|[a-z0-9]+/g;

  function normalize(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  var HIRAGANA_ONLY = /^[\u3041-\u3096]+$/;

  function tokenize(text, kanaBigrams) {
    var tokens = [];
    var match;
    var source = normalize(text);
    RUN.lastIndex = 0;
    while ((match = RUN.exec(source)) !== null) {
      var run = match[0];
      if (/^[a-z0-9]/.test(run) || run.length === 1) {
        tokens.push(run);
      } else {
        for (var i = 0; i < run.length - 1; i++) tokens.push(run.slice(i, i + 2));
      }
    }
    if (kanaBigrams === false) tokens = tokens.filter(function (t) { return !HIRAGANA_ONLY.test(t); });
    return tokens;
  }

  function queryTokens(text, kanaBigrams) {
    var seen = {};
    return tokenize(text, kanaBigrams).filter(function (t) {
      if (seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }

  function isSingleCjk(token) {
    return token.length === 1 && !/^[a-z0-9]$/.test(token);
  }

  function search(index, text, minCoverage, kanaBigrams) {
    var tokens = queryTokens(text, kanaBigrams);
    if (!tokens.length) return [];
    var results = index.query(function (q) {
      tokens.forEach(function (token) {
        q.term(token, {
          usePipeline: false,
          wildcard: isSingleCjk(token) ? global.lunr.Query.wildcard.TRAILING : global.lunr.Query.wildcard.NONE,
          presence: global.lunr.Query.presence.OPTIONAL
        });
      });
    });
    var ranked = [];
    results.forEach(function (result) {
      var matched = Object.keys(result.matchData.metadata);
      var covered = tokens.filter(function (token) {
        if (isSingleCjk(token)) return matched.some(function (m) { return m.indexOf(token) === 0; });
        return matched.indexOf(token) !== -1;
      });
      var coverage = covered.length / tokens.length;
      if (coverage >= (minCoverage || 0)) {
        ranked.push({ ref: result.ref, score: result.score * coverage * coverage, matched: covered });
      }
    });
    ranked.sort(function (a, b) { return b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0); });
    return ranked;
  }

  global.AgText = { normalize: normalize, tokenize: tokenize, queryTokens: queryTokens, search: search };
})(window);
