/* The 業務領域・分類 questionnaire: one question at a time, answers kept in the URL.
 *
 * The tree comes from questionnaire/data.js (built from content/questionnaire.yml).
 * The URL hash "#a=citizen.present.input-only.answer" lists the chosen option ids from
 * the first question on, so the back button, bookmarks and shared links all work.
 * Result cards are cloned from <template> elements rendered at build time.
 * Everything else is built with textContent: no string is ever inserted as HTML.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text, hidden) {
    var a = el("a", "", text);
    a.href = href;
    if (hidden) a.appendChild(el("span", "ag-visually-hidden", hidden));
    return a;
  }

  function Questionnaire(root, data) {
    this.root = root;
    this.data = data;
    this.view = root.querySelector("[data-ag-view]");
    this.notice = root.querySelector("[data-ag-notice]");
  }

  Questionnaire.prototype.init = function () {
    var self = this;
    window.addEventListener("hashchange", function () { self.render(true); });
    this.render(false);
  };

  Questionnaire.prototype.hashFor = function (answers) {
    return answers.length ? "#a=" + answers.join(".") : "#";
  };

  /* Walk the answers from the start: {steps, question} or {steps, cell}, or null if they do not fit. */
  Questionnaire.prototype.walk = function (answers) {
    var question = this.data.start;
    var steps = [];
    for (var i = 0; i < answers.length; i++) {
      var q = this.data.questions[question];
      var option = q && q.options.filter(function (o) { return o.id === answers[i]; })[0];
      if (!option) return null;
      steps.push({ id: question, question: q, option: option });
      if (option.result) {
        return i === answers.length - 1 && this.data.categories[option.result] ? { steps: steps, cell: option.result } : null;
      }
      question = option.next;
    }
    return { steps: steps, question: question };
  };

  Questionnaire.prototype.answersFromUrl = function () {
    var match = /^#a=([a-z0-9.-]*)$/.exec(window.location.hash);
    if (!window.location.hash || window.location.hash === "#") return [];
    if (!match) return null;
    return match[1] ? match[1].split(".") : [];
  };

  Questionnaire.prototype.render = function (moveFocus) {
    var answers = this.answersFromUrl();
    var state = answers && this.walk(answers);
    this.notice.hidden = true;
    if (!state) {
      this.notice.textContent = "URL の回答を読み取れなかったため（質問が改定された可能性があります）、最初から始めます。";
      this.notice.hidden = false;
      state = { steps: [], question: this.data.start };
      try { window.history.replaceState(null, "", window.location.pathname + window.location.search); } catch (e) { /* file:// */ }
    }
    this.view.textContent = "";
    if (state.cell) this.renderResult(state); else this.renderQuestion(state);
    var heading = this.view.querySelector("[tabindex='-1']");
    if (moveFocus && heading) heading.focus();
  };

  Questionnaire.prototype.answerList = function (steps, title, headingTag) {
    var self = this;
    var box = el("div", "ag-q__answers");
    box.appendChild(el(headingTag || "h2", "", title));
    var list = el("dl");
    steps.forEach(function (step, index) {
      var row = el("div");
      row.appendChild(el("dt", "", step.question.text));
      var dd = el("dd", "", step.option.label + " ");
      var prefix = steps.slice(0, index).map(function (s) { return s.option.id; });
      dd.appendChild(link(self.hashFor(prefix), "変更", "（" + step.question.text + "）"));
      row.appendChild(dd);
      list.appendChild(row);
    });
    box.appendChild(list);
    return box;
  };

  Questionnaire.prototype.renderQuestion = function (state) {
    var self = this;
    var question = this.data.questions[state.question];
    var answers = state.steps.map(function (s) { return s.option.id; });
    var number = state.steps.length + 1;
    this.view.appendChild(el("p", "ag-q__progress", "質問 " + number + "（最大 " + (state.steps.length + question.max_remaining) + " 問）"));

    var form = el("form", "ag-q__form");
    form.noValidate = true;
    var fieldset = el("fieldset");
    var legend = el("legend");
    var heading = el("h2", "ag-q__question", question.text);
    heading.tabIndex = -1;
    legend.appendChild(heading);
    fieldset.appendChild(legend);
    var help = el("p", "ag-q__help", question.help);
    help.id = "ag-q-help";
    fieldset.setAttribute("aria-describedby", help.id);
    fieldset.appendChild(help);
    if (question.examples.length) {
      var examples = el("div", "ag-q__examples");
      examples.appendChild(el("p", "", "例"));
      var ul = el("ul");
      question.examples.forEach(function (text) { ul.appendChild(el("li", "", text)); });
      examples.appendChild(ul);
      fieldset.appendChild(examples);
    }
    var error = el("p", "ag-q__error");
    error.id = "ag-q-error";
    error.setAttribute("role", "alert");
    fieldset.appendChild(error);
    question.options.forEach(function (option, index) {
      var row = el("div", "ag-q__option");
      var input = el("input");
      input.type = "radio";
      input.name = "answer";
      input.value = option.id;
      input.id = "ag-q-option-" + index;
      var label = el("label", "", option.label);
      label.htmlFor = input.id;
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
    });
    form.appendChild(fieldset);

    var actions = el("div", "ag-q__actions");
    var next = el("button", "md-button md-button--primary", "次へ");
    next.type = "submit";
    actions.appendChild(next);
    if (answers.length) actions.appendChild(link(this.hashFor(answers.slice(0, -1)), "戻る"));
    if (answers.length) actions.appendChild(link("#", "最初からやり直す"));
    form.appendChild(actions);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name=answer]:checked");
      if (!chosen) {
        error.textContent = "選択肢を1つ選んでください。";
        fieldset.setAttribute("aria-describedby", help.id + " " + error.id);
        form.querySelector("input[name=answer]").focus();
        return;
      }
      window.location.hash = self.hashFor(answers.concat([chosen.value])).slice(1);
    });
    this.view.appendChild(form);
    if (state.steps.length) this.view.appendChild(this.answerList(state.steps, "これまでの回答"));
  };

  Questionnaire.prototype.renderResult = function (state) {
    var template = document.getElementById("ag-result-" + state.cell);
    var card = template.content.cloneNode(true);
    var why = card.querySelector("[data-ag-why]");
    why.appendChild(this.answerList(state.steps, "判定の根拠（あなたの回答）", "h3"));
    var last = state.steps[state.steps.length - 1].option;
    if (last.note || last.also) why.appendChild(this.boundaryNote(last));
    this.view.appendChild(el("p", "ag-q__progress", "判定結果"));
    this.view.appendChild(card);
    var again = el("p", "ag-q__again");
    again.appendChild(link("#", "最初からやり直す"));
    this.view.appendChild(again);
  };

  Questionnaire.prototype.boundaryNote = function (option) {
    var categories = this.data.categories;
    var box = el("div", "admonition note ag-result__note");
    box.appendChild(el("p", "admonition-title", "境界に近い使い方です"));
    if (option.note) box.appendChild(el("p", "", option.note));
    if (option.also) {
      var p = el("p", "", "あわせて読む: ");
      option.also.forEach(function (id, index) {
        if (index) p.appendChild(document.createTextNode("、"));
        p.appendChild(link("../" + categories[id].page, categories[id].full_name));
      });
      box.appendChild(p);
    }
    return box;
  };

  var root = document.querySelector("[data-ag-questionnaire]");
  if (root && window.AG_QUESTIONNAIRE) new Questionnaire(root, window.AG_QUESTIONNAIRE).init();
})();
