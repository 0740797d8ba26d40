/* 「業務内容から探す」: rank the 15 cells against a description typed in the box.
 * The browser twin of generator/finder.py (same index, tokens, signals and order).
 * The description stays in this page: it is never sent anywhere nor inserted as HTML. */
(function (global) {
  "use strict";

  var TOP = 3;
  var EDGE_KANA = /^[\u3041-\u3096]+|[\u3041-\u3096]+$/g;

  function foundIn(signal, text) {
    var folded = global.AgText.normalize(text);
    return signal.words.filter(function (w) { return folded.indexOf(global.AgText.normalize(w)) !== -1; });
  }

  function matchedWords(text, tokens) {
    var folded = global.AgText.normalize(text);
    var covered = [];
    tokens.forEach(function (token) {
      for (var at = folded.indexOf(token); at !== -1; at = folded.indexOf(token, at + 1)) {
        for (var i = at; i < at + token.length; i++) covered[i] = true;
      }
    });
    var words = [];
    var current = "";
    for (var i = 0; i <= folded.length; i++) {
      if (i < folded.length && covered[i]) { current += folded[i]; continue; }
      current = current.replace(EDGE_KANA, "");
      if (current.length >= 2 && words.indexOf(current) === -1) words.push(current);
      current = "";
    }
    return words;
  }

  function rank(data, index, text) {
    var active = data.signals.map(function (s) { return { signal: s, words: foundIn(s, text) }; });
    var ranked = global.AgText.search(index, text, 0, false).map(function (hit) {
      var score = hit.score;
      var reasons = [];
      active.forEach(function (a) {
        if (a.words.length && a.signal.cells.indexOf(hit.ref) !== -1) {
          score *= a.signal.weight;
          reasons.push(a.signal.id);
        }
      });
      return { cell: hit.ref, score: score, words: matchedWords(text, hit.matched), signals: reasons };
    });
    ranked.sort(function (a, b) { return b.score - a.score || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0); });
    return ranked;
  }

  function prefill(data, text) {
    var seen = {};
    data.signals.forEach(function (s) {
      if (s.answers.length && foundIn(s, text).length) seen[s.answers.join(".")] = true;
    });
    var keys = Object.keys(seen);
    return keys.length === 1 ? keys[0] : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Finder(root, data) {
    this.root = root;
    this.data = data;
    this.questionnaire = root.getAttribute("data-questionnaire");
    this.input = root.querySelector("textarea");
    this.list = root.querySelector("[data-ag-finder-results]");
    this.status = root.querySelector("[data-ag-finder-status]");
    this.index = global.lunr.Index.load(data.index);
  }

  Finder.prototype.init = function () {
    var self = this;
    this.root.hidden = false;
    this.input.addEventListener("input", function () { self.update(); });
    this.update();
  };

  Finder.prototype.update = function () {
    var text = this.input.value.trim();
    this.list.textContent = "";
    if (!text) {
      this.status.textContent = "";
      return;
    }
    var results = rank(this.data, this.index, text).slice(0, TOP);
    if (!results.length) {
      this.status.textContent = "当てはまる分類が見つかりませんでした。AIで何をするのか、誰が使うのかを書き足すか、質問に答えて確認してください。";
      return;
    }
    this.status.textContent = "入力した内容に近い分類（上位" + results.length + "件）";
    var answers = prefill(this.data, text);
    var self = this;
    results.forEach(function (result) { self.list.appendChild(self.item(result, answers)); });
  };

  Finder.prototype.item = function (result, answers) {
    var li = el("li", "ag-finder__result");
    // The cell's title line and description come from a <template> rendered at build time.
    var template = this.root.querySelector('template[data-ag-finder-cell="' + result.cell + '"]');
    li.appendChild(template.content.cloneNode(true));
    if (result.words.length) li.appendChild(el("p", "ag-finder__words", "一致した言葉: " + result.words.slice(0, 6).join("、")));
    var confirm = el("a", "ag-finder__confirm", "質問に答えて確認する");
    confirm.href = this.questionnaire + (answers ? "#a=" + answers : "");
    li.appendChild(confirm);
    return li;
  };

  global.AgFinder = { rank: rank, prefill: prefill };
  document.querySelectorAll("[data-ag-finder]").forEach(function (root) {
    if (global.AG_FINDER && global.lunr) new Finder(root, global.AG_FINDER).init();
  });
})(window);
