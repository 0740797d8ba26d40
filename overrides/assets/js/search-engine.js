/* Site search ranking: the browser twin of generator/site/search_query.py (parity test:
 * tests/test_parity.py). Same steps in the same order: reduce the query (endings, particles),
 * fold tokens (katakana as hiragana), related wordings from content/search.yml, BM25 over weighted
 * fields × coverage² × whole-word bonus, grouped by page. Needs ag-text.js. */
(function (global) {
  "use strict";

  var Text = global.AgText;
  var FIELD_WEIGHTS = [[1, 2.0], [2, 6.0], [3, 1.0], [4, 1.0], [5, 0.2]];
  var MIN_COVERAGE = 0.5, RELATIVE_COVERAGE = 0.6, RELATED_WEIGHT = 0.8, MAX_ALTERNATIVES = 12;
  var WORD_IN_HEADING = 0.6, WORD_IN_TEXT = 0.25, HEADING_IS_QUERY = 1.6, LOW_ONLY = 0.3, LOW_FIELD = 5;
  var K1 = 1.2, B = 0.75, MAX_QUERY = 100, SECTIONS_PER_PAGE = 3, REPEAT_DISCOUNT = 1.0;

  var ENDING = new RegExp(
    "(?:について(?:教えて(?:ください)?)?|に関して|に関する|に(?:つ|付)いて|" +
    "して(?:も)?(?:いい|よい|良い|大丈夫)(?:です)?(?:か|の)?|しても(?:いい|よい)|" +
    "(?:する|した)(?:には|とき|場合|ための)|した(?:い|いとき|い場合)(?:です)?|したい|させたい|" +
    "はどう(?:する|すれば(?:いい|よい)?)(?:の)?|どうすれば(?:いい|よい)|" +
    "とき(?:は|に)?|の(?:とき|場合)|場合(?:は|に)?|とは(?:何|なに)?|って(?:何|なに)|" +
    "の(?:方法|やり方|仕方)|(?:を|が)(?:知りたい|教えて(?:ほしい|ください)?)|" +
    "の(?:違い|ちがい|意味|定義)|(?:です|ます)か|ください|はどこ|は(?:何|なに)|の|か)$");
  var PUNCTUATION = /[\s?？!！。、,，・「」『』（）()]+$/;
  var WORD_CHAR = "\u4e00-\u9fff\u3400-\u4dbf\u30a1-\u30fa\u30fca-z0-9";
  var PARTICLE = new RegExp("(?<=[" + WORD_CHAR + "])(?:から|まで|より|を|に|は|が|で|と|の|へ|も|や)(?=[" + WORD_CHAR + "])", "g");
  var HIRAGANA_ONLY = /^[\u3041-\u3096]+$/;
  var SINGLE_CJK = /^[^a-z0-9]/;
  var NUMBERING = /^[0-9]+[.．]?/;

  function fold(text) {
    return Text.normalize(text).replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
  }

  function squash(text) { return text.split(/\s+/).filter(Boolean).join(" "); }

  function unique(list) {
    var seen = new Set();
    return list.filter(function (x) { if (seen.has(x)) return false; seen.add(x); return true; });
  }

  function reduceQuery(query) {
    var text = Text.normalize(String(query).slice(0, MAX_QUERY)).trim();
    for (;;) {
      var shorter = text.replace(PUNCTUATION, "").replace(ENDING, "").trim();
      if (shorter === text || !shorter) break;
      text = shorter;
    }
    return squash(text.replace(PARTICLE, " "));
  }

  function queryTokens(reduced) {
    var tokens = unique(Text.tokenize(reduced));
    var meaningful = tokens.filter(function (t) { return !HIRAGANA_ONLY.test(t); });
    return unique((meaningful.length ? meaningful : tokens).map(fold));
  }

  function alternatives(query, related) {
    var result = [[reduceQuery(query), 1.0]];
    related.forEach(function (group) {
      var keys = group.words.map(function (w) { return fold(w).trim(); }).filter(Boolean);
      var added = [];
      result.forEach(function (entry) {
        var folded = fold(entry[0]);
        var key = keys.find(function (k) { return folded.indexOf(k) !== -1; });
        if (key === undefined) return;
        var at = folded.indexOf(key);
        group.means.forEach(function (meaning) {
          var replaced = entry[0].slice(0, at) + " " + Text.normalize(meaning) + " " + entry[0].slice(at + key.length);
          added.push([squash(replaced), entry[1] * RELATED_WEIGHT]);
        });
      });
      result = result.concat(added.slice(0, Math.max(0, MAX_ALTERNATIVES - result.length)));
    });
    return result;
  }

  function shared(values, pages) {
    var seen = new Map();
    var keys = values.map(function (v) { return fold(v).replace(/ /g, ""); });
    keys.forEach(function (key, i) {
      if (!key) return;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key).add(pages[i]);
    });
    return keys.map(function (key) { return (seen.has(key) && seen.get(key).size) || 1; });
  }

  /* The postings, built from the shipped documents when the page opens. */
  function load(payload) {
    var docs = payload.docs;
    var pages = docs.map(function (d) { return d[0].split("#")[0]; });
    var repeats = {};
    [2, 3, 4].forEach(function (field) { repeats[field] = shared(docs.map(function (d) { return d[field]; }), pages); });
    var postings = new Map(), lengths = [];
    docs.forEach(function (doc, number) {
      var counts = new Map(), inText = new Set(), length = 0;
      FIELD_WEIGHTS.forEach(function (fw) {
        var field = fw[0], weight = fw[1];
        var tokens = Text.tokenize(fold(doc[field]));
        if (field !== 1) length += tokens.length;
        if (field !== LOW_FIELD) tokens.forEach(function (t) { inText.add(t); });
        if (repeats[field]) weight = weight / repeats[field][number];
        tokens.forEach(function (t) { counts.set(t, (counts.get(t) || 0) + weight); });
      });
      counts.forEach(function (tf, token) {
        if (!postings.has(token)) postings.set(token, []);
        postings.get(token).push([number, tf, !inText.has(token)]);
      });
      lengths.push(Math.max(length, 1));
    });
    var byChar = new Map();
    postings.forEach(function (entries, token) {
      if (token.length !== 2 || !SINGLE_CJK.test(token)) return;
      unique(token.split("")).forEach(function (c) {
        if (!byChar.has(c)) byChar.set(c, []);
        byChar.get(c).push(token);
      });
    });
    var total = lengths.reduce(function (a, b) { return a + b; }, 0);
    return { docs: docs, postings: postings, byChar: byChar, lengths: lengths,
      average: total / Math.max(lengths.length, 1), related: payload.related };
  }

  function entries(index, token) {
    if (token.length === 1 && SINGLE_CJK.test(token)) {
      var merged = new Map();
      (index.postings.get(token) || []).forEach(function (e) { merged.set(e[0], [e[1], e[2]]); });
      (index.byChar.get(token) || []).forEach(function (bigram) {
        index.postings.get(bigram).forEach(function (e) {
          var entry = merged.get(e[0]) || [0, true];
          merged.set(e[0], [entry[0] + e[1], entry[1] && e[2]]);
        });
      });
      return Array.from(merged.entries()).sort(function (a, b) { return a[0] - b[0]; })
        .map(function (e) { return [e[0], e[1][0], e[1][1]]; });
    }
    return index.postings.get(token) || [];
  }

  function wordBonus(doc, words) {
    if (!words.length) return 1.0;
    var heading = fold(doc[2] || doc[1]).replace(/ /g, "").replace(NUMBERING, "");
    var text = fold(doc[4]).replace(/ /g, "");
    var inHeading = 0, inText = 0;
    words.forEach(function (w) {
      if (heading.indexOf(w) !== -1) inHeading += 1;
      else if (text.indexOf(w) !== -1) inText += 1;
    });
    var bonus = 1.0 + (WORD_IN_HEADING * inHeading + WORD_IN_TEXT * inText) / words.length;
    return heading === words.join("") ? bonus * HEADING_IS_QUERY : bonus;
  }

  function score(index, reduced, weight) {
    var tokens = queryTokens(reduced);
    var scores = new Map();
    if (!tokens.length) return scores;
    var words = reduced.split(" ").map(fold).filter(function (w) { return w.length >= 2; });
    var count = index.docs.length, bm25 = new Map(), matched = new Map(), inText = new Set();
    tokens.forEach(function (token) {
      var list = entries(index, token);
      if (!list.length) return;
      var idf = Math.log(1 + (count - list.length + 0.5) / (list.length + 0.5));
      list.forEach(function (e) {
        var doc = e[0], tf = e[1];
        var norm = K1 * (1 - B + B * index.lengths[doc] / index.average);
        bm25.set(doc, (bm25.get(doc) || 0) + idf * tf * (K1 + 1) / (tf + norm));
        if (!matched.has(doc)) matched.set(doc, []);
        matched.get(doc).push(token);
        if (!e[2]) inText.add(doc);
      });
    });
    var most = 0;
    matched.forEach(function (list) { most = Math.max(most, list.length); });
    var threshold = Math.min(MIN_COVERAGE, RELATIVE_COVERAGE * (most / tokens.length));
    bm25.forEach(function (value, doc) {
      var coverage = matched.get(doc).length / tokens.length;
      if (coverage >= threshold) {
        var bonus = wordBonus(index.docs[doc], words) * (inText.has(doc) ? 1.0 : LOW_ONLY);
        scores.set(doc, [value * coverage * coverage * bonus * weight, matched.get(doc)]);
      }
    });
    return scores;
  }

  /* Pages best first: {page, score, sections: [{doc, score, matched}]}. */
  function search(index, query) {
    var best = new Map();
    alternatives(query, index.related).forEach(function (alt) {
      score(index, alt[0], alt[1]).forEach(function (value, doc) {
        if (!best.has(doc) || value[0] > best.get(doc)[0]) best.set(doc, value);
      });
    });
    var ranked = Array.from(best.entries()).sort(function (a, b) { return b[1][0] - a[1][0] || a[0] - b[0]; });
    var pages = new Map();
    ranked.forEach(function (entry) {
      var doc = entry[0], page = index.docs[doc][0].split("#")[0];
      if (!pages.has(page)) pages.set(page, { page: page, score: entry[1][0], sections: [] });
      var group = pages.get(page);
      if (group.sections.length < SECTIONS_PER_PAGE) {
        group.sections.push({ doc: doc, score: entry[1][0], matched: entry[1][1] });
      }
    });
    function order(a, b) { return b.score - a.score || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0); }
    var ranked = Array.from(pages.values()).sort(order);
    // The same point on many cell pages is one answer repeated: each further page of a folder counts less.
    var seen = new Map();
    ranked.forEach(function (entry) {
      var slash = entry.page.lastIndexOf("/");
      var family = slash === -1 ? "" : entry.page.slice(0, slash);
      entry.score = entry.score / (1 + REPEAT_DISCOUNT * (seen.get(family) || 0));
      seen.set(family, (seen.get(family) || 0) + 1);
    });
    return ranked.sort(order);
  }

  global.AgSearch = { load: load, search: search, reduceQuery: reduceQuery, queryTokens: queryTokens,
    alternatives: alternatives, fold: fold };
})(window);
