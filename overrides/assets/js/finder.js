/* 「業務内容から探す」: rank the cells for a description, explain why, and pre-fill the questionnaire.
 * The browser twin of generator/judge/estimate.py and finder.py (same data, same arithmetic, same
 * order of operations: tests/test_finder.py compares rankings, scores and pre-fills).
 * The description stays in this page: it is never sent anywhere nor inserted as HTML. */
(function (global) {
  "use strict";

  var TOP = 3;
  var Text = global.AgText;
  var Tree = global.AgTree;

  function scores(index, description) {
    var found = {};
    Text.search(index, description, 0, false).forEach(function (hit) { found[hit.ref] = hit.score; });
    return found;
  }

  function foundWords(option, folded) {
    return (option.evidence || []).filter(function (w) { return folded.indexOf(Text.normalize(w)) !== -1; });
  }

  /* question id → {found: {option id: words}, probabilities: {option id: p}} */
  function estimateAll(data, finder, description) {
    var folded = Text.normalize(description);
    var estimates = {};
    Object.keys(data.questions).forEach(function (qid) {
      var question = data.questions[qid];
      var found = {}, weights = {}, total = 0;
      question.options.forEach(function (o) {
        found[o.id] = foundWords(o, folded);
        weights[o.id] = Tree.leaves(data, o) * (1 + finder.evidence_weight * found[o.id].length);
        total += weights[o.id];
      });
      var probabilities = {};
      question.options.forEach(function (o) { probabilities[o.id] = weights[o.id] / total; });
      estimates[qid] = { found: found, probabilities: probabilities };
    });
    return estimates;
  }

  function confident(question, estimate) {
    var best = 0, chosen = null, ties = 0;
    question.options.forEach(function (o) {
      var n = estimate.found[o.id].length;
      if (n > best) { best = n; chosen = o; ties = 1; } else if (n === best) { ties += 1; }
    });
    return best > 0 && ties === 1 ? chosen : null;
  }

  function prefill(data, estimates) {
    var answers = [];
    var qid = data.start;
    for (;;) {
      var option = confident(data.questions[qid], estimates[qid]);
      if (!option) return answers;
      answers.push({ question: qid, option: option.id, words: estimates[qid].found[option.id].slice(0, 3) });
      if (option.result) return answers;
      qid = option.next;
    }
  }

  function rank(data, finder, index, description) {
    var estimates = estimateAll(data, finder, description);
    var hits = scores(index, description);
    var anyEvidence = Object.keys(estimates).some(function (q) {
      return Object.keys(estimates[q].found).some(function (o) { return estimates[q].found[o].length; });
    });
    if (!Object.keys(hits).length && !anyEvidence) return { results: [], prefill: [] };
    var top = 0;
    Object.keys(hits).forEach(function (c) { top = Math.max(top, hits[c]); });
    var byCell = {}, order = [];
    Tree.paths(data).forEach(function (steps) {
      var p = 1;
      steps.forEach(function (s) { p *= estimates[s.id].probabilities[s.option.id]; });
      var cell = steps[steps.length - 1].option.result;
      if (!byCell[cell]) { byCell[cell] = []; order.push(cell); }
      byCell[cell].push({ steps: steps, p: p });
    });
    var folded = Text.normalize(description);
    var results = order.map(function (cell) {
      var probability = 0, best = null;
      byCell[cell].forEach(function (path) {
        probability += path.p;
        if (!best || path.p > best.p) best = path;
      });
      var text = top ? (hits[cell] || 0) / top : 0;
      var reasons = [];
      best.steps.forEach(function (s) {
        var words = estimates[s.id].found[s.option.id];
        if (words.length) reasons.push({ topic: s.question.topic, answer: s.option.short, words: words.slice(0, 3) });
      });
      return {
        cell: cell,
        score: probability * (finder.text_floor + text),
        tier: best.steps[best.steps.length - 1].option.tier || null,
        reasons: reasons,
        words: (finder.terms[cell] || []).filter(function (t) { return folded.indexOf(Text.normalize(t)) !== -1; })
      };
    });
    results.sort(function (a, b) { return b.score - a.score || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0); });
    return { results: results, prefill: prefill(data, estimates) };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Finder(root) {
    this.root = root;
    this.questionnaire = root.getAttribute("data-questionnaire");
    this.input = root.querySelector("textarea");
    this.list = root.querySelector("[data-ag-finder-results]");
    this.status = root.querySelector("[data-ag-finder-status]");
    this.index = global.lunr.Index.load(global.AG_FINDER.index);
  }

  Finder.prototype.init = function () {
    var self = this;
    this.root.hidden = false;
    this.input.addEventListener("input", function () { self.update(); });
    this.update();
  };

  Finder.prototype.update = function () {
    var text = this.input.value.trim().slice(0, 500);
    this.list.textContent = "";
    if (!text) {
      this.status.textContent = "";
      return;
    }
    var ranked = rank(global.AG_QUESTIONNAIRE, global.AG_FINDER, this.index, text);
    var results = ranked.results.slice(0, TOP);
    if (!results.length) {
      this.status.textContent = "当てはまる分類が見つかりませんでした。AIで何をするのか、誰が使うのかを書き足すか、質問に答えて確認してください。";
      return;
    }
    this.status.textContent = "入力した内容に近い分類（上位" + results.length + "件）";
    var answers = ranked.prefill.map(function (a) { return a.option; });
    var self = this;
    results.forEach(function (result) { self.list.appendChild(self.item(result, answers)); });
  };

  Finder.prototype.item = function (result, answers) {
    var li = el("li", "ag-finder__result");
    // The cell's title line and description come from a <template> rendered at build time.
    var template = this.root.querySelector('template[data-ag-finder-cell="' + result.cell + '"]');
    li.appendChild(template.content.cloneNode(true));
    if (result.reasons.length) {
      var reasons = el("ul", "ag-finder__reasons");
      result.reasons.forEach(function (r) {
        reasons.appendChild(el("li", "", r.topic + ": " + r.answer + "（「" + r.words.join("」「") + "」から推定）"));
      });
      li.appendChild(reasons);
    }
    if (result.words.length) li.appendChild(el("p", "ag-finder__words", "一致した言葉: " + result.words.slice(0, 6).join("、")));
    var confirm = el("a", "ag-finder__confirm", "質問に答えて確認する");
    confirm.href = this.questionnaire + (answers.length ? "#p=" + answers.join(".") + "&s=e" : "");
    if (answers.length) confirm.appendChild(el("span", "ag-finder__prefilled", "（推定した回答を選んだ状態で始まります）"));
    li.appendChild(confirm);
    return li;
  };

  global.AgFinder = { rank: rank };
  document.querySelectorAll("[data-ag-finder]").forEach(function (root) {
    if (global.AG_FINDER && global.AG_QUESTIONNAIRE && global.lunr && Tree) new Finder(root).init();
  });
})(window);
