/* Arriving from a search hit (page.html?hl=tokens#section): mark the matched words in the section
 * it points to and bring it into view. checklist.js has already opened the phase of a point.
 * Also lends the search page its range arithmetic (AgHighlight.ranges). */
(function (global) {
  "use strict";

  var MAX_TOKENS = 30;

  function fold(text) {
    return String(text).normalize("NFKC").toLowerCase()
      .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
  }

  /* [start, end) ranges of the tokens in an already folded text, merged where they touch. */
  function ranges(folded, tokens) {
    var marks = [];
    tokens.forEach(function (t) {
      if (!t) return;
      for (var at = folded.indexOf(t); at !== -1; at = folded.indexOf(t, at + 1)) marks.push([at, at + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]); else merged.push(m.slice());
    });
    return merged;
  }

  /* The elements of a section: a point's <li>, or a heading and what follows it up to the next heading. */
  function sectionOf(target) {
    if (!/^H[1-3]$/.test(target.tagName)) return [target];
    var parts = [target];
    for (var next = target.nextElementSibling; next && !/^H[1-3]$/.test(next.tagName); next = next.nextElementSibling) parts.push(next);
    return parts;
  }

  function markText(node, tokens) {
    var text = node.nodeValue;
    var folded = fold(text);
    if (folded.length !== text.length) return 0;  // a character NFKC widens: leave this text alone
    var found = ranges(folded, tokens);
    if (!found.length) return 0;
    var fragment = document.createDocumentFragment(), cursor = 0;
    found.forEach(function (m) {
      fragment.appendChild(document.createTextNode(text.slice(cursor, m[0])));
      var mark = document.createElement("mark");
      mark.className = "ag-hit";
      mark.textContent = text.slice(m[0], m[1]);
      fragment.appendChild(mark);
      cursor = m[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(cursor)));
    node.parentNode.replaceChild(fragment, node);
    return found.length;
  }

  function land() {
    var hl = new URLSearchParams(global.location.search).get("hl");
    var id = decodeURIComponent(global.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!hl || !target) return;
    var tokens = fold(hl).split(/\s+/).filter(Boolean).slice(0, MAX_TOKENS);
    var count = 0;
    sectionOf(target).forEach(function (part) {
      var walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentNode.closest("script, style, template, .ag-prov, [hidden]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (n) { count += markText(n, tokens); });
    });
    if (count) target.classList.add("ag-landed");
    target.scrollIntoView({ block: "start" });
  }

  global.AgHighlight = { ranges: ranges, fold: fold };
  land();
})(window);
