/* The search page: results update as you type; the query lives in the URL (?q=…).
 * Results and snippets are built as DOM text nodes, never as HTML strings. */
(function () {
  "use strict";

  var MIN_COVERAGE = 0.6;
  var MAX_RESULTS = 50;
  var SNIPPET = 90;
  var MAX_QUERY = 100;

  function SiteSearch(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.status = document.getElementById("ag-search-status");
    this.list = document.getElementById("ag-search-results");
    this.data = window.AG_SEARCH;
    this.index = window.lunr.Index.load(this.data.index);
    this.timer = null;
  }

  SiteSearch.prototype.init = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run();
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(); }, 120);
    });
    this.run();
    this.input.focus();
  };

  SiteSearch.prototype.run = function () {
    // A query is a few words: a pasted page of text would only slow the page and swell the URL.
    var query = this.input.value.trim().slice(0, MAX_QUERY);
    this.remember(query);
    this.list.textContent = "";
    if (!query) {
      this.status.textContent = "検索する言葉を入力してください。";
      return;
    }
    var results = window.AgText.search(this.index, query, MIN_COVERAGE);
    if (!results.length) {
      this.status.textContent = "「" + query + "」に一致するページは見つかりませんでした。言葉を短くするか、別の言い方で検索してください。";
      return;
    }
    this.status.textContent = "「" + query + "」の検索結果: " + results.length + "件" + (results.length > MAX_RESULTS ? "（上位" + MAX_RESULTS + "件を表示）" : "");
    var self = this;
    results.slice(0, MAX_RESULTS).forEach(function (result) { self.list.appendChild(self.item(result)); });
  };

  SiteSearch.prototype.remember = function (query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    } catch (error) { /* some file:// setups refuse; the page still works */ }
  };

  SiteSearch.prototype.item = function (result) {
    var doc = this.data.docs[result.ref];
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    heading.className = "ag-search-results__title";
    var link = document.createElement("a");
    link.href = result.ref;
    link.textContent = doc[1] ? doc[1] : doc[0];
    heading.appendChild(link);
    li.appendChild(heading);
    if (doc[1]) {
      var page = document.createElement("p");
      page.className = "ag-search-results__page";
      page.textContent = doc[0];
      li.appendChild(page);
    }
    var text = document.createElement("p");
    text.className = "ag-search-results__text";
    this.snippet(text, doc[2], result.matched);
    li.appendChild(text);
    return li;
  };

  SiteSearch.prototype.snippet = function (target, text, tokens) {
    var folded = window.AgText.normalize(text);
    if (folded.length !== text.length) { text = folded; }
    var first = -1;
    tokens.forEach(function (t) {
      var at = folded.indexOf(t);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    var start = Math.max(0, first - 30);
    var piece = text.slice(start, start + SNIPPET);
    var lower = folded.slice(start, start + SNIPPET);
    var marks = [];
    tokens.forEach(function (t) {
      for (var at = lower.indexOf(t); at !== -1; at = lower.indexOf(t, at + 1)) marks.push([at, at + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]); else merged.push(m.slice());
    });
    var cursor = 0;
    if (start > 0) target.appendChild(document.createTextNode("…"));
    merged.forEach(function (m) {
      target.appendChild(document.createTextNode(piece.slice(cursor, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(m[0], m[1]);
      target.appendChild(mark);
      cursor = m[1];
    });
    target.appendChild(document.createTextNode(piece.slice(cursor)));
    if (start + SNIPPET < text.length) target.appendChild(document.createTextNode("…"));
  };

  var form = document.querySelector("[data-ag-search]");
  if (form && window.AG_SEARCH && window.lunr) new SiteSearch(form).init();
})();
