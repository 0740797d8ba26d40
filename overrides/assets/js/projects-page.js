/* The 「自分の案件」 page: list, create (also from a questionnaire result), rename, copy, delete with
 * undo, export and import, and the printable 案件チェックシート. Text only, never HTML from data. */
(function (global) {
  "use strict";

  var P = global.AgProjects, DATA = global.AG_POINTS;
  var STATUS = { todo: "未対応", done: "対応済", na: "該当しない" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function download(name, content, type) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function safeName(text) { return text.replace(/[\s\/\\:*?"<>|]+/g, "_").slice(0, 60); }

  function progressText(project) {
    var cell = DATA.cells[project.cell];
    if (!cell) return "この版のガイドラインにない分類です";
    var p = P.progress(project, cell, DATA.phases);
    return DATA.mandatory + " " + p.mustDone + "/" + p.mustTotal + "（全体 " + p.done + "/" + p.total + "）・" +
      p.phases.map(function (ph) { return ph.name + " " + ph.done + "/" + ph.total; }).join("・");
  }

  function Page(root) {
    this.root = root;
    this.message = root.querySelector("[data-ag-message]");
    this.list = root.querySelector("[data-ag-list]");
    this.pending = null;
  }

  Page.prototype.say = function (text, undo) {
    this.message.textContent = text;
    if (undo) {
      var button = el("button", "md-button", "元に戻す");
      button.type = "button";
      button.addEventListener("click", undo);
      this.message.appendChild(document.createTextNode(" "));
      this.message.appendChild(button);
    }
  };

  Page.prototype.init = function () {
    var self = this;
    this.root.hidden = false;
    var migrated = P.migrate(DATA);
    if (migrated) this.say("以前のチェックリスト " + migrated + " 件を、案件として取り込みました。");
    this.render();
    this.root.querySelectorAll("[data-ag-show-new]").forEach(function (link) {
      link.addEventListener("click", function (e) { e.preventDefault(); self.showNew({}); });
    });
    this.root.querySelector("[data-ag-new-form]").addEventListener("submit", function (e) { e.preventDefault(); self.createFromForm(e.target); });
    this.root.querySelector("[data-ag-export-all]").addEventListener("click", function () {
      var all = P.list();
      if (!all.length) { self.say("書き出す案件がありません。"); return; }
      download("自分の案件_" + P.today() + ".json", P.fileText(all), "application/json");
    });
    this.root.querySelector("[data-ag-import]").addEventListener("change", function (e) { self.readFile(e.target); });
    this.root.querySelector("[data-ag-import-confirm]").addEventListener("click", function () { self.importPending(); });
    this.root.querySelector("[data-ag-import-cancel]").addEventListener("click", function () { self.closePreview("読み込みをやめました。"); });
    this.list.addEventListener("click", function (e) {
      var button = e.target.closest("[data-ag-do]");
      if (button) self.act(button.getAttribute("data-ag-do"), button.closest("[data-project]").getAttribute("data-project"));
    });
    document.querySelector("[data-ag-sheet-close]").addEventListener("click", function () { self.closeSheet(); });
    document.querySelector("[data-ag-sheet-print]").addEventListener("click", function () { global.print(); });
    var query = new URLSearchParams(global.location.search), cell = query.get("new"), answers = query.get("a");
    if (cell && /^[a-z0-9-]+$/.test(cell)) {
      var preset = { cell: cell, tier: query.get("tier"), answers: answers && /^[a-z0-9.-]+$/.test(answers) ? answers.split(".") : null };
      // The questionnaire's tree, to show and keep the answers, is loaded only for such a start.
      var tree = document.querySelector("[data-ag-tree-scripts]");
      if (preset.answers && tree) loadScripts(tree.getAttribute("data-src").split(" "), function () { self.showNew(preset); });
      else this.showNew(preset);
    }
  };

  Page.prototype.render = function () {
    var self = this;
    var projects = P.list().sort(function (a, b) { return a.updated < b.updated ? 1 : -1; });
    this.list.textContent = "";
    this.root.querySelector("[data-ag-empty]").hidden = projects.length > 0;
    var template = document.getElementById("ag-project-item");
    projects.forEach(function (project) {
      var item = template.content.cloneNode(true).firstElementChild;
      item.setAttribute("data-project", project.id);
      var cell = DATA.cells[project.cell];
      var open = item.querySelector("[data-ag-open]");
      open.textContent = project.name;
      if (cell) open.href = self.root.getAttribute("data-cells-root").replace(/index\.html$/, "") + cell.page + "?project=" + project.id;
      item.querySelector("[data-ag-cell]").textContent = (cell ? cell.full_name : project.cell) +
        "（" + (project.tier || (cell ? cell.tiers.join("/") : "")) + "）" + (project.department ? "・" + project.department : "") + (project.owner ? "・" + project.owner : "");
      item.querySelector("[data-ag-progress]").textContent = "進み具合: " + progressText(project);
      item.querySelector("[data-ag-updated]").textContent = "最終更新: " + project.updated.slice(0, 10) + "（記録した版: 第" + project.guideline_version + "版）";
      if (cell && project.guideline_version !== DATA.version) {
        var rev = P.revision(project, cell);
        var note = item.querySelector("[data-ag-revision]");
        note.textContent = "第" + DATA.version + "版で、追加された項目 " + rev.added.length + " 件、内容が変わった項目 " + rev.changed.length + " 件、削除された項目 " + rev.removed.length + " 件があります。分類のページで確認してください。";
        note.hidden = false;
      }
      self.list.appendChild(item);
    });
  };

  Page.prototype.showNew = function (preset) {
    var section = this.root.querySelector("[data-ag-new]");
    var form = section.querySelector("form");
    if (preset.cell && DATA.cells[preset.cell]) form.cell.value = preset.cell;
    form.started.value = P.today();
    this.preset = preset;
    var box = section.querySelector("[data-ag-new-answers]");
    box.textContent = "";
    var steps = preset.answers ? answerSteps(preset.answers) : null;
    if (steps) {
      box.appendChild(el("p", "", "判定の回答（案件と一緒に記録します）:"));
      var list = el("ul");
      steps.forEach(function (s) { list.appendChild(el("li", "", s.question + " → " + s.answer)); });
      box.appendChild(list);
      form.cell.disabled = true;
    }
    section.hidden = false;
    form.name.focus();
  };

  /* Scripts one after another (file:// cannot fetch, but it can load a script); then done(). */
  function loadScripts(sources, done) {
    if (!sources.length) return done();
    var script = el("script");
    script.src = sources[0];
    script.onload = function () { loadScripts(sources.slice(1), done); };
    script.onerror = done;
    document.head.appendChild(script);
  }

  function answerSteps(answers) {
    var walked = global.AgTree && global.AG_QUESTIONNAIRE && global.AgTree.walk(global.AG_QUESTIONNAIRE, answers);
    return walked && walked.option ? walked.steps.map(function (s) { return { question: s.question.text, answer: s.option.label }; }) : null;
  }

  Page.prototype.createFromForm = function (form) {
    var error = this.root.querySelector("[data-ag-new-error]");
    var name = form.name.value.trim();
    if (!form.cell.value) { error.textContent = "分類を選んでください（分からないときは質問に答えて判定できます）。"; form.cell.focus(); return; }
    if (!name) { error.textContent = "案件名を入力してください。"; form.name.focus(); return; }
    error.textContent = "";
    var preset = this.preset || {};
    var steps = preset.answers ? answerSteps(preset.answers) : null;
    var project = P.create({
      cell: form.cell.value, tier: preset.cell === form.cell.value ? preset.tier : null, name: name,
      department: form.department.value.trim(), owner: form.owner.value.trim(), started: form.started.value,
      reviewer: form.reviewer.value.trim(), notes: form.notes.value.trim(),
      answers: steps ? preset.answers : null, answers_text: steps || []
    }, DATA);
    var problem = P.save(project);
    if (problem) { error.textContent = problem; return; }
    // Land on the first phase, opened, with a word that the project was made.
    var first = DATA.cells[project.cell].points[0];
    var phase = first ? "#phase-" + first.id.split("/")[1] : "";
    global.location.href = this.root.getAttribute("data-cells-root").replace(/index\.html$/, "") + DATA.cells[project.cell].page +
      "?project=" + project.id + "&created=1" + phase;
  };

  Page.prototype.act = function (action, id) {
    var self = this, project = P.load(id);
    if (!project) return;
    var base = safeName(project.name);
    if (action === "json") download(base + ".json", P.fileText([project]), "application/json");
    if (action === "csv") download(base + ".csv", global.AgCsv.text(csvRows(project)), "text/csv;charset=utf-8");
    if (action === "sheet") this.showSheet(project);
    if (action === "rename") {
      var name = global.prompt("新しい案件名", project.name);
      if (name && name.trim()) { project.name = name.trim().slice(0, 100); this.done(P.save(project), "案件名を変更しました。"); }
    }
    if (action === "copy") {
      var copy = JSON.parse(JSON.stringify(project));
      copy.id = P.newId();
      copy.name = (project.name + "（複製）").slice(0, 100);
      copy.created = new Date().toISOString();
      this.done(P.save(copy), "「" + project.name + "」を複製しました。");
    }
    if (action === "delete" && global.confirm("「" + project.name + "」を削除します。よろしいですか？")) {
      var removed = P.remove(id);
      if (removed.error) { this.say(removed.error); return; }
      this.render();
      this.say("「" + project.name + "」を削除しました。", function () { self.done(P.save(removed.project), "削除を取り消しました。"); });
    }
  };

  Page.prototype.done = function (problem, message) {
    this.say(problem || message);
    this.render();
  };

  Page.prototype.readFile = function (input) {
    var self = this, file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) { this.say("読み込めませんでした: ファイルが大きすぎます（2 MB まで）。"); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = P.parseFile(String(reader.result));
      if (parsed.error) { self.closePreview("読み込めませんでした: " + parsed.error); return; }
      self.pending = parsed.projects;
      var list = self.root.querySelector("[data-ag-preview-list]");
      list.textContent = "";
      parsed.projects.forEach(function (p) {
        var cell = DATA.cells[p.cell];
        var exists = P.load(p.id) ? "（同じ案件がこのブラウザにあります: 置き換えます）" : "";
        list.appendChild(el("li", "", p.name + " ／ " + (cell ? cell.full_name : p.cell + "（この版にない分類）") + " ／ 進み具合 " + progressText(p) + " ／ 第" + p.guideline_version + "版 " + exists));
      });
      self.root.querySelector("[data-ag-preview]").hidden = false;
      self.say(parsed.projects.length + " 件の案件を読み込めます。内容を確認して「読み込む」を押してください。");
    };
    reader.onerror = function () { self.say("ファイルを読み込めませんでした。"); };
    reader.readAsText(file, "utf-8");
  };

  Page.prototype.importPending = function () {
    var problems = (this.pending || []).map(function (p) { return P.save(p); }).filter(Boolean);
    var count = (this.pending || []).length;
    this.closePreview(problems.length ? problems[0] : count + " 件の案件を読み込みました。");
    this.render();
  };

  Page.prototype.closePreview = function (message) {
    this.pending = null;
    this.root.querySelector("[data-ag-preview]").hidden = true;
    this.say(message);
  };

  function pointRows(project) {
    var cell = DATA.cells[project.cell];
    return cell ? cell.points.map(function (point) { return { point: point, record: project.points[point.id] || { status: "todo" } }; }) : [];
  }

  function csvRows(project) {
    var cell = DATA.cells[project.cell];
    var rows = [["案件名", project.name], ["所属", project.department], ["担当者", project.owner], ["開始日", project.started],
      ["確認者", project.reviewer], ["分類", cell ? cell.full_name : project.cell], ["ガイドライン", DATA.title + " 第" + DATA.version + "版"], [],
      ["識別子", "フェーズ", "段階", "対応のポイント", "状態", "理由", "メモ", "更新日"]];
    pointRows(project).forEach(function (row) {
      rows.push([row.point.id, row.point.phase, row.point.level, row.point.title, STATUS[row.record.status], row.record.reason || "", row.record.memo || "", row.record.date || ""]);
    });
    return rows;
  }

  Page.prototype.showSheet = function (project) {
    var sheet = document.querySelector("[data-ag-sheet]");
    var body = sheet.querySelector("[data-ag-sheet-body]");
    var cell = DATA.cells[project.cell];
    body.textContent = "";
    sheet.querySelector("[data-ag-sheet-title]").textContent = "案件チェックシート: " + project.name;
    var facts = el("dl", "ag-sheet__facts");
    [["案件名", project.name], ["所属", project.department], ["担当者", project.owner], ["開始日", project.started], ["確認者", project.reviewer],
      ["分類", (cell ? cell.full_name : project.cell) + "（" + (project.tier || (cell ? cell.tiers.join("/") : "")) + "）"],
      ["ガイドライン", DATA.title + " 第" + DATA.version + "版（案件の記録: 第" + project.guideline_version + "版）"], ["印刷日", P.today()],
      ["進み具合", progressText(project)], ["メモ", project.notes]].forEach(function (pair) {
      var row = el("div");
      row.appendChild(el("dt", "", pair[0]));
      row.appendChild(el("dd", "", pair[1] || "—"));
      facts.appendChild(row);
    });
    body.appendChild(facts);
    if (project.answers_text.length) {
      body.appendChild(el("h3", "", "判定の根拠（判定質問の回答）"));
      var answers = el("ul");
      project.answers_text.forEach(function (a) { answers.appendChild(el("li", "", a.question + " → " + a.answer)); });
      body.appendChild(answers);
    }
    DATA.phases.forEach(function (phase) {
      var rows = pointRows(project).filter(function (r) { return r.point.phase === phase; });
      if (!rows.length) return;
      body.appendChild(el("h3", "", phase + "フェーズ"));
      var table = el("table", "ag-sheet__table");
      var head = el("tr");
      ["状態", "段階", "対応のポイント", "理由・メモ", "更新日"].forEach(function (t) { var th = el("th", "", t); th.scope = "col"; head.appendChild(th); });
      table.appendChild(head);
      rows.forEach(function (row) {
        var tr = el("tr");
        tr.appendChild(el("td", "ag-sheet__status ag-sheet__status--" + row.record.status, "［" + STATUS[row.record.status] + "］"));
        tr.appendChild(el("td", "", row.point.level));
        tr.appendChild(el("td", "", row.point.title));
        tr.appendChild(el("td", "", [row.record.reason && "理由: " + row.record.reason, row.record.memo].filter(Boolean).join(" ／ ")));
        tr.appendChild(el("td", "", row.record.date || ""));
        table.appendChild(tr);
      });
      body.appendChild(table);
    });
    sheet.hidden = false;
    document.body.classList.add("ag-printing-sheet");
    sheet.querySelector("[data-ag-sheet-title]").tabIndex = -1;
    sheet.querySelector("[data-ag-sheet-title]").focus();
  };

  Page.prototype.closeSheet = function () {
    document.querySelector("[data-ag-sheet]").hidden = true;
    document.body.classList.remove("ag-printing-sheet");
  };

  var root = document.querySelector("[data-ag-projects]");
  if (root && P && DATA) {
    var started = global.performance.now();
    new Page(root).init();
    // What this page's own code costs (read by benchmarks/bench_projects.py).
    global.AG_PROJECTS_INIT_MS = global.performance.now() - started;
  }
})(window);
