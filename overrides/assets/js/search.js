/* The search page: results update as you type; the query lives in the URL (?q=…). Results are
 * grouped by page; each hit links into its section with ?hl= so the page opens the phase and marks
 * the matched words. Everything is built as DOM text nodes, never as HTML strings. */
(function (global) {
  "use strict";

  var MAX_PAGES = 30;
  var SNIPPET = 90;
  var MAX_QUERY = 100;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function SiteSearch(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.status = document.getElementById("ag-search-status");
    this.list = document.getElementById("ag-search-results");
    this.help = document.getElementById("ag-search-none");
    this.index = global.AgSearch.load(global.AG_SEARCH);
    this.timer = null;
  }

  SiteSearch.prototype.init = function () {
    var self = this;
    this.input.value = new URLSearchParams(global.location.search).get("q") || "";
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run();
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(); }, 150);
    });
    this.run();
    // Opened to search (the header's 「検索」 on a phone): the box is ready to type in.
    if (!this.input.value) this.input.focus();
  };

  SiteSearch.prototype.run = function () {
    // A query is a few words: a pasted page of text would only slow the page and swell the URL.
    var query = this.input.value.trim().slice(0, MAX_QUERY);
    this.remember(query);
    this.list.textContent = "";
    this.help.hidden = true;
    if (!query) {
      this.status.textContent = "検索する言葉を入力してください。";
      return;
    }
    var pages = global.AgSearch.search(this.index, query);
    // Whole words of the query (and of its related wordings) are marked where they occur;
    // the two-character pieces only where no whole word does.
    var seen = new Set();
    this.words = [];
    var self0 = this;
    global.AgSearch.alternatives(query, this.index.related).forEach(function (alt) {
      alt[0].split(" ").map(global.AgSearch.fold).forEach(function (w) {
        if (w.length >= 2 && !seen.has(w)) { seen.add(w); self0.words.push(w); }
      });
    });
    if (!pages.length) {
      this.status.textContent = "「" + query + "」に一致するページは見つかりませんでした。";
      this.showHelp(query);
      return;
    }
    var shown = pages.slice(0, MAX_PAGES);
    this.status.textContent = "「" + query + "」の検索結果: " + pages.length + "ページ" +
      (pages.length > MAX_PAGES ? "（上位" + MAX_PAGES + "ページを表示）" : "");
    var self = this;
    shown.forEach(function (page) { self.list.appendChild(self.pageItem(page)); });
  };

  SiteSearch.prototype.remember = function (query) {
    try {
      var url = new URL(global.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      global.history.replaceState(null, "", url.toString());
    } catch (error) { /* some file:// setups refuse; the page still works */ }
  };

  /* One page: its title (naming the cell or chapter), then its best sections. */
  SiteSearch.prototype.pageItem = function (page) {
    var docs = this.index.docs;
    var li = el("li", "ag-search-results__page");
    var heading = el("h2", "ag-search-results__title");
    var link = el("a", "", docs[page.sections[0].doc][1]);
    link.href = page.page;
    heading.appendChild(link);
    li.appendChild(heading);
    var sections = el("ul", "ag-search-results__sections");
    var self = this;
    page.sections.forEach(function (section) { sections.appendChild(self.sectionItem(section)); });
    li.appendChild(sections);
    return li;
  };

  SiteSearch.prototype.sectionItem = function (section) {
    var doc = this.index.docs[section.doc];
    var li = el("li", "ag-search-results__section");
    var trail = [doc[3], doc[2]].filter(Boolean);
    var link = el("a", "ag-search-results__link", trail.length ? trail.join(" › ") : "ページの冒頭");
    // The page's title is read with the link: 「都民サービス - 判断支援 › 廃止フェーズ › …」.
    link.setAttribute("aria-label", [doc[1]].concat(trail).join(" › "));
    var hash = doc[0].indexOf("#");
    var base = hash === -1 ? doc[0] : doc[0].slice(0, hash);
    var anchor = hash === -1 ? "" : doc[0].slice(hash);
    var marks = this.marksFor([doc[2], doc[3], doc[4]].join(" "), section.matched);
    link.href = base + "?hl=" + encodeURIComponent(marks.join(" ")) + anchor;
    li.appendChild(link);
    var text = el("p", "ag-search-results__text");
    this.snippet(text, doc[4] || doc[5], this.marksFor(doc[4] || doc[5], section.matched));
    li.appendChild(text);
    return li;
  };

  /* The query's whole words found in the text, or else the matched two-character pieces. */
  SiteSearch.prototype.marksFor = function (text, tokens) {
    var folded = global.AgSearch.fold(text);
    var whole = this.words.filter(function (w) { return folded.indexOf(w) !== -1; });
    return whole.length ? whole : tokens;
  };

  SiteSearch.prototype.snippet = function (target, text, tokens) {
    var folded = global.AgSearch.fold(text);
    if (folded.length !== text.length) text = global.AgText.normalize(text);
    var first = -1;
    tokens.forEach(function (t) {
      var at = folded.indexOf(t);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    var start = Math.max(0, first - 30);
    var piece = text.slice(start, start + SNIPPET);
    var marks = global.AgHighlight.ranges(folded.slice(start, start + SNIPPET), tokens);
    var cursor = 0;
    if (start > 0) target.appendChild(document.createTextNode("…"));
    marks.forEach(function (m) {
      target.appendChild(document.createTextNode(piece.slice(cursor, m[0])));
      target.appendChild(el("mark", "", piece.slice(m[0], m[1])));
      cursor = m[1];
    });
    target.appendChild(document.createTextNode(piece.slice(cursor)));
    if (start + SNIPPET < text.length) target.appendChild(document.createTextNode("…"));
  };

  /* No result: related words that do find something, and the two other ways in. */
  SiteSearch.prototype.showHelp = function (query) {
    var list = this.help.querySelector("[data-ag-search-suggestions]");
    list.textContent = "";
    var self = this;
    this.suggestions(query).forEach(function (word) {
      var item = el("li");
      var link = el("a", "", word);
      link.href = "search.html?q=" + encodeURIComponent(word);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        self.input.value = word;
        self.run();
        self.input.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    list.parentNode.hidden = !list.children.length;
    var finder = this.help.querySelector("[data-ag-search-finder]");
    finder.href = finder.getAttribute("data-base") + "?d=" + encodeURIComponent(query) + "#ag-finder-title";
    this.help.hidden = false;
  };

  /* Words of content/search.yml that share a token with the query and find pages themselves;
   * if none does, the guideline's own words (each group's first meaning). */
  SiteSearch.prototype.suggestions = function (query) {
    var tokens = global.AgSearch.queryTokens(global.AgSearch.reduceQuery(query));
    var scored = [], seen = new Set();
    var index = this.index;
    index.related.forEach(function (group) {
      group.words.concat(group.means).forEach(function (word) {
        var folded = global.AgSearch.fold(word);
        var shared = tokens.filter(function (t) { return folded.indexOf(t) !== -1; }).length;
        if (shared && !seen.has(word)) { seen.add(word); scored.push([shared, word]); }
      });
    });
    scored.sort(function (a, b) { return b[0] - a[0]; });
    var words = scored.map(function (s) { return s[1]; });
    if (!words.length) words = index.related.map(function (group) { return group.means[0]; });
    return words.filter(function (word) { return global.AgSearch.search(index, word).length; }).slice(0, 6);
  };

  // highlight.js comes with every page, after the page's own scripts: start once it has run.
  function start() {
    var form = document.querySelector("[data-ag-search]");
    if (form && global.AG_SEARCH && global.AgSearch && global.AgHighlight) new SiteSearch(form).init();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(window);
