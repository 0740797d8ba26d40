/* The questionnaire's tree (questionnaire/data.js), walked the way generator/content/questionnaire.py
 * walks it. Shared by the questionnaire app and the finder. */
(function (global) {
  "use strict";

  function option(question, id) {
    return question && question.options.filter(function (o) { return o.id === id; })[0];
  }

  /* Answers → {steps, question} (still open) or {steps, option} (a result); null if they do not fit. */
  function walk(data, answers) {
    var id = data.start, steps = [];
    for (var i = 0; i < answers.length; i++) {
      var question = data.questions[id], chosen = option(question, answers[i]);
      if (!chosen) return null;
      steps.push({ id: id, question: question, option: chosen });
      if (chosen.result) return i === answers.length - 1 ? { steps: steps, option: chosen } : null;
      id = chosen.next;
    }
    return { steps: steps, question: id };
  }

  /* Every complete path, in the order of the Python `paths()`. */
  function paths(data) {
    var found = [];
    (function visit(id, steps) {
      data.questions[id].options.forEach(function (o) {
        var here = steps.concat([{ id: id, question: data.questions[id], option: o }]);
        if (o.result) found.push(here); else visit(o.next, here);
      });
    })(data.start, []);
    return found;
  }

  /* How many results lie behind an option. */
  function leaves(data, o) {
    return o.result ? 1 : data.questions[o.next].options.reduce(function (n, next) { return n + leaves(data, next); }, 0);
  }

  global.AgTree = { option: option, walk: walk, paths: paths, leaves: leaves };
})(window);
