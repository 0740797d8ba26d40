/* 「業務内容から探す」: rank the cells, explain why, pre-fill the questionnaire. Twin of
 * generator/judge/estimate.py + finder.py (same data, arithmetic and order; tests/test_finder.py).
 * The description stays in this page, never inserted as HTML. */
(function (global) {
  "use strict";

  var TOP = 3, KEPT = "aiguide:description", SHOWN_SHARE = 0.15;  // under 15 % of the best: not shown
  var Text = global.AgText, Tree = global.AgTree;

  function tokens(text) { return Text.tokenize(text, false); }

  /* Evidence words found (estimate.py's found_words). */
  function foundWords(option, folded) {
    var shown = (option.evidence || []).filter(function (w) { return folded.indexOf(Text.normalize(w)) !== -1; })
      .map(function (w) { return w.replace(/([^\u3041-\u3096])[のがにをでとへは]$/, "$1"); });
    return shown.filter(function (w, i) { return shown.indexOf(w) === i; });
  }

  /* Tempered naive Bayes, from equal results (estimate.py). */
  function estimateAll(data, model, description) {
    // Bigrams, then whole phrases (model.py's question_tokens)
    var folded = Text.normalize(description), estimates = {}, words = Text.tokenize(description);
    model.phrases.forEach(function (p, i) { if (folded.indexOf(p) !== -1) words.push(model.phrase_mark + i); });
    Object.keys(data.questions).forEach(function (qid) {
      var question = data.questions[qid], m = model.questions[qid];
      var logs = question.options.map(function (o, index) {
        var log = Math.log(Tree.leaves(data, o));
        var denominator = m.totals[index] + model.alpha * m.tokens.length;
        words.forEach(function (token) {
          var row = m.row[token];
          if (row) log += Math.log((row[index] + model.alpha) / denominator) / model.temperature;
        });
        return log;
      });
      var top = Math.max.apply(null, logs), total = 0;
      var weights = logs.map(function (log) { var w = Math.exp(log - top); total += w; return w; });
      var found = {}, probabilities = {};
      question.options.forEach(function (o, i) { found[o.id] = foundWords(o, folded); probabilities[o.id] = weights[i] / total; });
      estimates[qid] = { found: found, probabilities: probabilities };
    });
    return estimates;
  }

  /* estimate.py's prefill; the first of equals wins. */
  function prefill(data, model, estimates) {
    var answers = [], qid = data.start;
    for (;;) {
      var p = estimates[qid].probabilities;
      var option = data.questions[qid].options.reduce(function (best, o) { return p[o.id] > p[best.id] ? o : best; });
      if (p[option.id] < model.confident) return answers;
      answers.push({ question: qid, option: option.id, words: estimates[qid].found[option.id].slice(0, 3) });
      if (option.result) return answers;
      qid = option.next;
    }
  }

  /* finder.py's bm25() over each cell's own texts. */
  function bm25(model, description) {
    var query = tokens(description).filter(function (t, i, all) { return all.indexOf(t) === i; });
    var cells = Object.keys(model.cells), average = 0, k1 = model.bm25[0], b = model.bm25[1], scores = {};
    cells.forEach(function (c) { average += model.cells[c].length; });
    average /= cells.length;
    cells.forEach(function (c) {
      var cell = model.cells[c], score = 0, norm = k1 * (1 - b + b * cell.length / average);
      query.forEach(function (token) {
        var tf = cell.tf[token];
        if (tf) {
          var df = model.df[token];
          score += Math.log(1 + (cells.length - df + 0.5) / (df + 0.5)) * tf * (k1 + 1) / (tf + norm);
        }
      });
      if (score > 0) scores[c] = score;
    });
    return scores;
  }

  /* Once: rows by token, df (from finder.py's _steps and _counts). */
  function prepare(model) {
    if (model.df) return;
    var words = model.words.split(" ");
    function list(steps) { var at = 0; return steps.split(" ").map(function (s) { return words[at += parseInt(s, 36)]; }); }
    model.df = Object.create(null);
    model.all = {};
    Object.keys(model.questions).forEach(function (k) {
      var m = model.questions[k], n = m.totals.length;
      var counts = m.counts.match(/z..|./g).map(function (c) { return parseInt(c.slice(-2), 36); });
      m.row = Object.create(null);
      m.tokens = list(m.tokens);
      m.tokens.forEach(function (t, i) { model.all[t] = 1; m.row[t] = counts.slice(i * n, i * n + n); });
    });
    Object.keys(model.cells).forEach(function (k) {
      var cell = model.cells[k];
      cell.tf = Object.create(null);
      list(cell.tokens).forEach(function (t, i) { model.all[t] = 1; model.df[t] = (model.df[t] || 0) + 1; cell.tf[t] = cell.weights[i]; });
    });
  }

  function rank(data, model, description) {
    prepare(model);  // no token in common, no result (as finder.py)
    if (!tokens(description).some(function (t) { return model.all[t] === 1; })) return { results: [], prefill: [] };
    var estimates = estimateAll(data, model, description);
    var hits = bm25(model, description), top = 0;
    for (var c in hits) top = Math.max(top, hits[c]);
    var byCell = {}, order = [];
    Tree.paths(data).forEach(function (steps) {
      var p = 1;
      steps.forEach(function (s) { p *= estimates[s.id].probabilities[s.option.id]; });
      var cell = steps[steps.length - 1].option.result;
      if (!byCell[cell]) { byCell[cell] = []; order.push(cell); }
      byCell[cell].push({ steps: steps, p: p });
    });
    var folded = Text.normalize(description), pre = prefill(data, model, estimates);
    var results = order.map(function (cell) {
      var probability = 0, best = null;
      byCell[cell].forEach(function (path) {
        probability += path.p;
        if (!best || path.p > best.p) best = path;
      });
      // Reasons: the answers pre-filled from this card (finder.py's _reasons)
      var reasons = [];
      best.steps.every(function (s, i) {
        return pre[i] && pre[i].option === s.option.id && reasons.push({ topic: s.question.topic, answer: s.option.short, words: pre[i].words });
      });
      return {
        cell: cell,
        score: probability * (model.text_floor + (top ? (hits[cell] || 0) / top : 0)),
        tier: best.steps[best.steps.length - 1].option.tier || null,
        path: best.steps.map(function (s) { return s.option.id; }),
        reasons: reasons,
        words: (model.terms[cell] || []).filter(function (t) { return folded.indexOf(Text.normalize(t)) !== -1; })
      };
    });
    results.sort(function (a, b) { return b.score - a.score || (a.cell < b.cell ? -1 : 1); });  // cells differ
    return { results: results, prefill: pre };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The description kept in this tab (read also by projects-page.js). */
  function kept(text) {
    try { return text == null ? sessionStorage.getItem(KEPT) : sessionStorage.setItem(KEPT, text); } catch (e) { return null; }
  }

  function Finder(root) {
    this.root = root;
    this.questionnaire = root.getAttribute("data-questionnaire");
    this.input = root.querySelector("textarea");
    this.list = root.querySelector("[data-ag-finder-results]");
    this.status = root.querySelector("[data-ag-finder-status]");
  }

  Finder.prototype.init = function () {
    var self = this;
    this.root.hidden = false;
    // The home page's shortcut to this box appears with it.
    document.querySelectorAll("[data-ag-finder-way]").forEach(function (way) { way.hidden = false; });
    // The words searched for (?d=), or the description kept in this tab.
    var given = new URLSearchParams(location.search).get("d") || kept();
    if (given && !this.input.value) this.input.value = given.slice(0, 500);
    // Kana still being converted (IME) are not searched for
    ["input", "compositionend"].forEach(function (type) {
      self.input.addEventListener(type, function (e) { if (!e.isComposing) self.update(); });
    });
    this.update();
  };

  Finder.prototype.update = function () {
    var text = this.input.value.trim().slice(0, 500);
    kept(text);
    this.list.textContent = "";
    if (!text) return this.say("");
    var ranked = rank(global.AG_QUESTIONNAIRE, global.AG_FINDER, text);
    var top = ranked.results.length ? ranked.results[0].score : 0;
    var results = ranked.results.slice(0, TOP).filter(function (r) { return r.score >= SHOWN_SHARE * top; });
    if (!results.length) return this.say(this.status.getAttribute("data-none"));
    this.say(this.status.getAttribute(ranked.prefill.length ? "data-found" : "data-vague").replace("{n}", results.length));
    results.forEach(function (result) { this.list.appendChild(this.item(result)); }, this);
  };

  // role=status: said when typing pauses, if changed
  Finder.prototype.say = function (text) {
    var s = this.status;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { if (s.textContent !== text) s.textContent = text; }, 700);
  };

  Finder.prototype.item = function (result) {
    var li = el("li", "ag-finder__result");
    var template = this.root.querySelector('template[data-ag-finder-cell="' + result.cell + (result.tier || "") + '"]');
    li.appendChild(template.content.cloneNode(true));
    // The answers pre-filled from this card, and their words
    var answers = result.path.slice(0, result.reasons.length);
    if (answers.length) {
      var reasons = el("ul", "ag-finder__reasons");
      result.reasons.forEach(function (r) {
        reasons.appendChild(el("li", "", r.topic + ": " + r.answer + "（" + (r.words.length ? "「" + r.words.join("」「") + "」から" : "") + "推定）"));
      });
      li.appendChild(reasons);
    }
    if (result.words.length) li.appendChild(el("p", "ag-finder__words", "一致した言葉: " + result.words.slice(0, 6).join("、")));
    var confirm = li.querySelector(".ag-finder__confirm");
    confirm.href = this.questionnaire + (answers.length ? "#p=" + answers.join(".") + "&s=e" : "");
    var note = li.querySelector(".ag-finder__prefilled");
    note.hidden = !answers.length;
    note.textContent = note.textContent.replace("{n}", answers.length);
    li.appendChild(confirm.parentNode);
    return li;
  };

  global.AgFinder = { rank: rank };
  document.querySelectorAll("[data-ag-finder]").forEach(function (root) {
    if (global.AG_FINDER && global.AG_QUESTIONNAIRE && Tree) new Finder(root).init();
  });
})(window);
