/* Japanese-aware tokens: the browser twin of generator/text.py (site search and the finder).
 * Keep both in step: NFKC + lower-case, kana/kanji runs → character bigrams, ASCII words whole. */
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

  global.AgText = { normalize: normalize, tokenize: tokenize };
})(window);
