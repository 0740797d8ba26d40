/* The questionnaire, a question at a time, state in the URL: "#a=citizen.answer" confirmed answers;
 * "&p=…" proposed ones, by the finder (s=e) or kept on going back (s=k): pre-selected, marked, and
 * counted once confirmed. Markup from build-time <template>s; text via textContent only. */
(function () {
  "use strict";

  var ID_LIST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/, Tree = window.AgTree;

  function clone(id) {
    var found = document.getElementById(id);
    return found ? found.content.cloneNode(true) : document.createDocumentFragment();
  }

  function Questionnaire(root, data) {
    this.root = root;
    this.data = data;
    this.view = root.querySelector("[data-ag-view]");
    this.notice = root.querySelector("[data-ag-notice]");
  }

  /* A hash naming an element (the skip link's target) is a jump. */
  function isAnchor(hash) {
    if (!hash || hash.indexOf("=") !== -1) return false;
    try { return Boolean(document.getElementById(decodeURIComponent(hash))); } catch (e) { return false; }
  }

  Questionnaire.prototype.init = function () {
    var self = this;
    window.addEventListener("hashchange", function () {
      if (!isAnchor(location.hash.replace(/^#/, ""))) self.render(true);
    });
    this.render(false);
  };

  /* {a, p, s} from the URL; null if unreadable. */
  Questionnaire.prototype.state = function () {
    var hash = location.hash.replace(/^#/, ""), state = { a: [], p: [], s: "" };
    if (!hash || isAnchor(hash)) return state;
    var ok = hash.split("&").every(function (pair) {
      var parts = pair.split("="), key = parts[0], value = parts[1] || "";
      if (key === "s") { state.s = value === "e" || value === "k" ? value : ""; return true; }
      if ((key === "a" || key === "p") && (value === "" || ID_LIST.test(value))) {
        state[key] = value ? value.split(".") : [];
        return true;
      }
      return false;
    });
    return ok ? state : null;
  };

  Questionnaire.prototype.hash = function (answers, proposed, source) {
    var parts = [];
    if (answers.length) parts.push("a=" + answers.join("."));
    if (proposed && proposed.length > answers.length) parts.push("p=" + proposed.join("."), "s=" + source);
    return parts.length ? "#" + parts.join("&") : "#";
  };

  Questionnaire.prototype.render = function (moveFocus) {
    var state = this.state();
    var walked = state && Tree.walk(this.data, state.a);
    this.notice.hidden = !!walked;
    if (!walked) {
      state = { a: [], p: [], s: "" };
      walked = Tree.walk(this.data, []);
      try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* file:// */ }
    }
    // Browser back: the answer given here stays selected (kept on this history entry on leaving it)
    var kept = history.state && history.state.keep, depth = state.a.length;
    if (!state.p.length && kept && kept.slice(0, depth).join(".") === state.a.join(".")) state = { a: state.a, p: kept, s: "k" };
    this.view.textContent = "";
    if (walked.option) this.renderResult(walked, state);
    else this.renderQuestion(walked, state);
    var heading = this.view.querySelector("[tabindex='-1']");
    if (moveFocus && heading) heading.focus();
  };

  Questionnaire.prototype.answerList = function (steps, title, proposed) {
    var self = this, box = clone("ag-q-answers");
    box.querySelector("[data-ag-answers-title]").textContent = title;
    var list = box.querySelector("[data-ag-answers]"), answers = steps.map(function (s) { return s.option.id; });
    steps.forEach(function (step, index) {
      var row = clone("ag-q-answer-row");
      row.querySelector("[data-ag-question]").textContent = step.question.text;
      row.querySelector("[data-ag-answer]").textContent = step.option.label;
      row.querySelector("[data-ag-change-what]").textContent = "（" + step.question.text + "）";
      // Going back keeps later answers proposed
      row.querySelector("[data-ag-change]").href = self.hash(answers.slice(0, index), proposed || answers, "k");
      list.appendChild(row);
    });
    return box;
  };

  Questionnaire.prototype.renderQuestion = function (walked, state) {
    var self = this, question = this.data.questions[walked.question], answers = state.a, depth = answers.length;
    var keeps = state.p.length > depth && state.p.slice(0, depth).join(".") === answers.join(".");
    var proposed = keeps ? Tree.option(question, state.p[depth]) : null;
    var view = clone("ag-q-question");
    function part(name) { return view.querySelector("[data-ag-" + name + "]"); }
    part("progress").textContent = "質問" + (depth + 1) + "（最大" + (depth + question.max_remaining) + "問）";
    part("text").textContent = question.text;
    part("help").textContent = question.help;
    var fieldset = view.querySelector("fieldset"), error = part("error");
    // The note on a pre-selected answer: estimated (e) or kept (k)
    view.querySelectorAll("[data-ag-proposed]").forEach(function (note) {
      if (proposed && note.getAttribute("data-ag-proposed") === state.s) fieldset.setAttribute("aria-describedby", "ag-q-help ag-q-error " + note.id);
      else note.remove();
    });
    var examples = part("examples");
    question.examples.forEach(function (text) { examples.querySelector("ul").appendChild(document.createElement("li")).textContent = text; });
    examples.hidden = !question.examples.length;
    question.options.forEach(function (option, index) {
      var row = clone("ag-q-option"), input = row.querySelector("input"), label = row.querySelector("label");
      input.value = option.id;
      input.id = label.htmlFor = "ag-q-option-" + index;
      input.checked = proposed === option;
      row.querySelector("[data-ag-label]").textContent = option.label;
      row.querySelectorAll("[data-ag-mark]").forEach(function (mark) { if (proposed !== option || mark.getAttribute("data-ag-mark") !== state.s) mark.remove(); });
      part("options").appendChild(row);
    });
    if (depth) {
      part("back").href = this.hash(answers.slice(0, -1), keeps ? state.p : answers, keeps ? state.s : "k");
    } else {
      part("back").remove();
      part("restart").remove();
    }
    var form = view.querySelector("form");
    form.addEventListener("change", function () { error.textContent = ""; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name=answer]:checked");
      if (!chosen) {
        error.textContent = error.getAttribute("data-ag-error");
        form.querySelector("input[name=answer]").focus();
        return;
      }
      var nextAnswers = answers.concat([chosen.value]), stillProposed = keeps && state.p[depth] === chosen.value;
      try { history.replaceState({ keep: stillProposed ? state.p : nextAnswers }, ""); } catch (e) { /* file:// */ }
      location.hash = self.hash(nextAnswers, stillProposed ? state.p : null, state.s).slice(1);
    });
    this.view.appendChild(view);
    if (depth) this.view.appendChild(this.answerList(walked.steps, "これまでの回答", keeps ? state.p : null));
  };

  Questionnaire.prototype.renderResult = function (walked, state) {
    var last = walked.steps[walked.steps.length - 1], card = clone(last.option.template), why = card.querySelector("[data-ag-why]");
    why.appendChild(this.answerList(walked.steps, "判定の根拠（あなたの回答）", null));
    why.appendChild(clone("ag-note-" + last.id + "-" + last.option.id));
    var start = card.querySelector("[data-ag-start-project]");
    if (start) {
      // Answers go on to a new project, here or via the cell page
      var link = start.querySelector("[data-ag-project-link]"), query = "a=" + state.a.join(".") + (last.option.tier ? "&tier=" + last.option.tier : "");
      link.href = link.getAttribute("href") + "?new=" + last.option.result + "&" + query;
      var points = card.querySelector(".ag-result__links a");
      points.href = points.getAttribute("href") + "?" + query;
      start.hidden = false;
    }
    this.view.appendChild(card);
    this.view.appendChild(clone("ag-q-again"));
  };

  var root = document.querySelector("[data-ag-questionnaire]");
  if (root && window.AG_QUESTIONNAIRE && Tree) new Questionnaire(root, window.AG_QUESTIONNAIRE).init();
})();
