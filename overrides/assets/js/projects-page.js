/* The 「自分の案件」 page: list, create (also from a questionnaire result), edit details, copy, delete with
 * undo, export and import, and the printable 案件チェックシート. Markup comes from the page's
 * <template>s and wording from ag-projects.js's t(); text from data is set as text, never as HTML. */
(function (global) {
  "use strict";

  var P = global.AgProjects, DATA = global.AG_POINTS;
  var FACTS = ["name", "department", "owner", "started", "reviewer"];
  var DESCRIBED = "aiguide:description";  // what 「業務内容から探す」 keeps in this tab (finder.js's KEPT)

  function find(name) { return document.querySelector("[data-ag-" + name + "]"); }
  function clone(id) { return document.getElementById(id).content.cloneNode(true).firstElementChild; }
  function safeName(text) { return text.replace(/[\s\/\\:*?"<>|]+/g, "_").slice(0, 60); }
  /* 「2026年11月27日 18:02」, in this computer's time. */
  function when(iso) { return new Date(iso).toLocaleString("ja-JP", { dateStyle: "long", timeStyle: "short" }); }

  function edition() { return P.t("edition", { title: DATA.title, version: DATA.version }); }

  function summary(project) {
    var cell = DATA.cells[project.cell];
    return cell ? P.summary(project, cell, DATA.phases, DATA.mandatory) : P.t("unknownCell");
  }

  /* 「都民サービス - 情報提供・検索（青）」 */
  function cellName(project) {
    var cell = DATA.cells[project.cell];
    return cell ? cell.full_name + "（" + (project.tier || cell.tiers.join("/")) + "）" : P.t("notInVersion", { cell: project.cell });
  }

  function pointRows(project) {
    var cell = DATA.cells[project.cell];
    return cell ? cell.points.map(function (point) { return { point: point, record: project.points[point.id] || { status: "todo" } }; }) : [];
  }

  /* Records of points that this version no longer has: kept, and shown under their own heading. */
  function removedRows(project) {
    var cell = DATA.cells[project.cell];
    return cell ? P.revision(project, cell).removed.map(function (id) {
      var r = project.points[id];
      return { point: { id: id, phase: P.t("removedPhase"), level: "", title: r.title || id }, record: r };
    }) : [];
  }

  function csvRows(project) {
    var rows = FACTS.map(function (key) { return [P.t("field:" + key), project[key]]; });
    rows.push([P.t("field:cell"), cellName(project)], [P.t("recordVersion"), P.t("sheetEdition", { edition: edition(), version: project.guideline_version })],
      [P.t("recordUpdated"), P.stamp(project.updated)], [P.t("exportedOn"), P.today()], [P.t("progressName"), summary(project)],
      [P.t("field:notes"), project.notes], [P.t("field:answers"), project.answers_text.map(function (a) { return a.question + " → " + a.answer; }).join(" ／ ")],
      [], P.t("csvHeader").split(","));
    pointRows(project).concat(removedRows(project)).forEach(function (row) {
      var r = row.record;
      // The point's id last: read by a program that matches records, not by the person reading.
      rows.push([row.point.phase, row.point.level, row.point.title, P.statusText(r, row.point), r.reason || "", r.memo || "", r.date || "", row.point.id]);
    });
    return rows;
  }

  /* Scripts one after another (file:// cannot fetch, but it can load a script); then done(). */
  function loadScripts(sources, done) {
    if (!sources.length) return done();
    var script = P.el("script");
    script.src = sources[0];
    script.onload = function () { loadScripts(sources.slice(1), done); };
    script.onerror = done;
    document.head.appendChild(script);
  }

  /* 「名前（複製）」, then 「名前（複製2）」…: a copy of a copy is numbered, not 「（複製）（複製）」
   * (the name shortened to leave room: a name holds 100 characters). */
  function copyName(name) {
    var base = name.replace(/（複製\d*）$/, "").slice(0, 90), taken = {}, n = 1, copy;
    P.list().forEach(function (p) { taken[p.name] = 1; });
    do copy = P.t("copyName", { name: base, n: n > 1 ? n : "" }); while (taken[copy] && ++n);
    return copy;
  }

  /* Where `node` is, to find it again after the list is drawn again: for a project's link or button,
   * a selector; anything else as it is. */
  function whereIs(node) {
    var item = node && node.closest && node.closest("[data-project]"), action = item && node.getAttribute("data-ag-do");
    if (!item) return node;
    return '[data-project="' + item.getAttribute("data-project") + '"] ' + (action ? '[data-ag-do="' + action + '"]' : "[data-ag-open]");
  }

  /* A project from a file that is the same, record for record, as the one stored here. */
  function unchanged(stored, project) { return !!stored && JSON.stringify(stored) === JSON.stringify(project); }

  function answerSteps(answers) {
    var walked = global.AgTree && global.AG_QUESTIONNAIRE && global.AgTree.walk(global.AG_QUESTIONNAIRE, answers);
    return walked && walked.option ? walked.steps.map(function (s) { return { question: s.question.text, answer: s.option.label }; }) : null;
  }

  function Page(root) {
    this.root = root;
    this.message = find("message");
    this.list = find("list");
  }

  Page.prototype.say = function (text, undo) {
    this.message.textContent = text;
    this.message.focus();  // where keyboard and screen reader users are told what happened
    if (undo) {
      var button = P.el("button", P.t("undo"), "md-button");
      button.type = "button";
      button.addEventListener("click", undo);
      this.message.append(" ", button);
    }
  };

  Page.prototype.init = function () {
    var self = this, query = new URLSearchParams(global.location.search), cell = query.get("new"), answers = query.get("a");
    function on(name, event, handler) {
      document.querySelectorAll("[data-ag-" + name + "]").forEach(function (node) { node.addEventListener(event, handler); });
    }
    this.root.hidden = false;
    var migrated = P.migrate(DATA);
    if (migrated) this.say(P.t("migrated", { n: migrated }));
    this.render();
    on("show-new", "click", function (e) {
      e.preventDefault();
      self.opener = e.target;
      self.message.textContent = "";  // what the last action said is not about the form
      self.showNew({});
    });
    on("new-form", "submit", function (e) { e.preventDefault(); self.create(e.target); });
    on("new-form", "change", function (e) { if (e.target.name === "cell") self.showCell(self.preset || {}); });
    on("form-cancel", "click", function () { self.closeForm(); });
    // Projects changed in another tab (a cell page, or this page opened twice) are shown as they are now.
    global.addEventListener("storage", function (e) {
      if (!/^aiguide:project/.test(e.key || "")) return;
      self.render();
      self.refreshSheet();
    });
    global.addEventListener("beforeprint", function () { self.refreshSheet(); });
    on("export-all", "click", function () {
      var all = P.list();
      if (!all.length) return self.say(P.t("nothingToExport"));
      var text = P.fileText(all), name = P.t("allFile", { date: P.today() });
      P.download(name, text, "application/json");
      // Import takes up to 500 projects and 2 MB a file: say so now, not when a colleague reads it.
      self.say(all.length > 500 || new Blob([text]).size > 2 * 1024 * 1024 ? P.t("exportTooBig") : P.t("exported", { file: name }));
    });
    on("import", "change", function (e) { self.read(e.target); });
    on("import-confirm", "click", function () { self.importPending(); });
    on("import-cancel", "click", function () { self.closePreview(P.t("importCancelled")); });
    on("sheet-close", "click", function () { self.closeSheet(); });
    // Escape closes the sheet, as it closes a dialog.
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !find("sheet").hidden) self.closeSheet(); });
    on("sheet-print", "click", function () { global.print(); });
    this.list.addEventListener("click", function (e) {
      var button = e.target.closest("[data-ag-do]");
      if (button) self.act(button.getAttribute("data-ag-do"), button.closest("[data-project]").getAttribute("data-project"));
    });
    if (cell && P.SLUG.test(cell)) {
      var preset = { cell: cell, tier: query.get("tier"), answers: answers && /^[a-z0-9.-]+$/.test(answers) ? answers.split(".") : null };
      // The questionnaire's tree, to show and keep the answers, is loaded only for such a start.
      var tree = find("tree-scripts");
      if (preset.answers && tree) loadScripts(tree.getAttribute("data-src").split(" "), function () { self.showNew(preset); });
      else this.showNew(preset);
    }
  };

  Page.prototype.cellUrl = function (cell) {
    return this.root.getAttribute("data-cells-root").replace(/index\.html$/, "") + cell.page;
  };

  Page.prototype.render = function () {
    var self = this, projects = P.list().sort(function (a, b) { return a.updated < b.updated ? 1 : -1; });
    var focused = this.list.contains(document.activeElement) && whereIs(document.activeElement);
    var items = document.createDocumentFragment();  // put in the page at once: one layout, not one per project
    find("empty").hidden = projects.length > 0;
    projects.forEach(function (project) {
      var item = clone("ag-project-item"), cell = DATA.cells[project.cell];
      function put(name, text) {
        var node = item.querySelector("[data-ag-" + name + "]");
        node.textContent = text;
        return node;
      }
      item.setAttribute("data-project", project.id);
      var open = put("open", project.name);
      if (cell) open.href = self.cellUrl(cell) + "?project=" + project.id + "#points";
      put("cell", cellName(project) + (project.department ? "・" + project.department : "") + (project.owner ? "・" + project.owner : ""));
      put("progress", P.t("progressLabel", { summary: summary(project) }));
      put("updated", P.t("updated", { date: P.jaDate(project.updated.slice(0, 10)), version: project.guideline_version }));
      // Each button names its project: a list of buttons would otherwise say 「削除」 once per project.
      item.querySelectorAll("[data-ag-do]").forEach(function (button) { button.append(P.el("span", "（" + project.name + "）", "ag-visually-hidden")); });
      if (cell && project.guideline_version !== DATA.version) {
        var rev = P.revision(project, cell);
        var changes = ["added", "changed", "removed"].filter(function (k) { return rev[k].length; }).map(function (k) {
          return P.t("revision:" + k) + " " + rev[k].length + "件";
        });
        put("revision", P.t("revisionNote", { version: DATA.version, changes: changes.join("、") || P.t("revisionNone") })).hidden = false;
      }
      items.appendChild(item);
    });
    this.list.replaceChildren(items);
    if (focused) this.focusBack(focused);  // drawn again because another tab saved: the focus stays
  };

  /* The form for a new project (`preset`: a cell, maybe the questionnaire's answers) or, given
   * `project`, for editing its details. A project's cell never changes: its records belong to it. */
  Page.prototype.showNew = function (preset, project) {
    var section = find("new"), form = section.querySelector("form"), box = find("new-answers");
    this.preset = preset;
    this.editing = project || null;
    this.steps = !project && preset.answers ? answerSteps(preset.answers) : null;
    FACTS.concat("notes").forEach(function (key) { form[key].value = project ? project[key] : ""; });
    if (!project) form.started.value = P.today();
    form.cell.value = project ? project.cell : DATA.cells[preset.cell] ? preset.cell : "";
    var fixed = !!(project || this.steps);
    form.cell.hidden = fixed;
    find("cell-fixed").hidden = !fixed;
    // Which cells cannot be chosen is said only where a cell is chosen.
    if (find("cell-watch")) find("cell-watch").hidden = fixed;
    this.showCell(project || preset);
    find("cell-hint").textContent = project ? P.t("cellFixed") : this.steps ? P.t("cellFromAnswers") : "";
    find("form-title").textContent = P.t(project ? "editTitle" : "newTitle");
    find("form-submit").textContent = P.t(project ? "editSubmit" : "newSubmit");
    find("new-error").textContent = "";
    box.textContent = "";
    if (this.steps) {
      var list = P.el("ul");
      this.steps.forEach(function (s) { list.appendChild(P.el("li", s.question + " → " + s.answer)); });
      box.append(P.el("p", P.t("answersIntro")), list);
      // The description typed into 「業務内容から探す」 in this tab, as a first note the person can edit.
      var described = "";
      try { described = global.sessionStorage.getItem(DESCRIBED) || ""; } catch (e) { /* storage off */ }
      if (described) {
        form.notes.value = P.t("describedNote", { text: described }).slice(0, 2000);
        box.appendChild(P.el("p", P.t("describedCopied")));
      }
    }
    section.hidden = false;
    (form.cell.value ? form.name : form.cell).focus();  // the first required field still to fill
  };

  /* The cell, as text: shown when it cannot change, and always read with 案件名 (its aria-describedby),
   * where the focus lands when the cell is already chosen. */
  Page.prototype.showCell = function (chosen) {
    var form = find("new-form");
    find("cell-fixed").textContent = form.cell.value ? cellName({ cell: form.cell.value, tier: chosen.cell === form.cell.value ? chosen.tier : null }) : "";
  };

  Page.prototype.hideForm = function () {
    find("new").hidden = true;
    this.editing = null;
    // Opened from a questionnaire result (?new=…): a reload does not open it again.
    try { global.history.replaceState(null, "", global.location.pathname); } catch (e) { /* file:// in some browsers */ }
  };

  Page.prototype.closeForm = function () {
    this.hideForm();
    if (this.opener) this.focusBack(this.opener); else this.say(P.t("formClosed"));
  };

  /* The same control after the list is drawn again: its buttons are then new ones. */
  Page.prototype.focusBack = function (place) {
    var node = typeof place === "string" ? document.querySelector(place) : place;
    (node && node.isConnected ? node : this.message).focus();
  };

  Page.prototype.create = function (form) {
    var error = find("new-error"), name = form.name.value.trim(), preset = this.preset || {}, editing = this.editing;
    if (!form.cell.value || !name) {
      error.textContent = P.t(form.cell.value ? "nameMissing" : "chooseCell");
      (form.cell.value ? form.name : form.cell).focus();
      return;
    }
    var fields = {};
    FACTS.concat("notes").forEach(function (key) { fields[key] = form[key].value.trim(); });
    if (editing) {
      var stored = P.load(editing.id);  // as stored now: another tab may have recorded points, or deleted it
      if (!stored) {
        error.textContent = P.t("editGone", { name: editing.name });
        return;
      }
      error.textContent = P.save(Object.assign(stored, fields));
      if (error.textContent) return;
      this.hideForm();
      return this.done("", P.t("edited", { name: name }));
    }
    var twin = P.list().some(function (p) { return p.cell === form.cell.value && p.name === name; });
    if (twin && !global.confirm(P.t("sameName", { name: name }))) return;
    var project = P.create(Object.assign(fields, {
      cell: form.cell.value, tier: preset.cell === form.cell.value ? preset.tier : null,
      answers: this.steps ? preset.answers : null, answers_text: this.steps || []
    }), DATA);
    error.textContent = P.save(project);
    if (error.textContent) return;
    // Used once: a later project in this tab does not get the same description.
    try { global.sessionStorage.removeItem(DESCRIBED); } catch (e) { /* storage off */ }
    // The cell page's points, with a word that the project was made and the first phase opened. The
    // form leaves the history: 「戻る」 does not offer to make the same project again.
    global.location.replace(this.cellUrl(DATA.cells[project.cell]) + "?project=" + project.id + "&created=1#points");
  };

  Page.prototype.act = function (action, id) {
    var self = this, project = P.load(id);
    if (!project) return;
    var file = safeName(project.name) + "_" + P.today();  // dated: two copies sent on different days differ
    if (action === "json") P.download(file + ".json", P.fileText([project]), "application/json");
    if (action === "csv") P.download(file + ".csv", global.AgCsv.text(csvRows(project)), "text/csv;charset=utf-8");
    if (action === "json" || action === "csv") this.say(P.t("exported", { file: file + "." + action }));
    if (action === "sheet") {
      this.opener = whereIs(document.activeElement);
      this.showSheet(project);
    }
    if (action === "edit") {
      this.opener = whereIs(document.activeElement);
      this.message.textContent = "";
      this.showNew({}, project);
    }
    if (action === "copy") {
      var copy = JSON.parse(JSON.stringify(project));
      copy.id = P.newId();
      copy.name = copyName(project.name);
      copy.created = new Date().toISOString();
      this.done(P.save(copy), P.t("copied", { name: project.name, copy: copy.name }));
    }
    if (action === "delete" && global.confirm(P.t("confirmDelete", { name: project.name }))) {
      var removed = P.remove(id);
      if (removed.error) return this.say(removed.error);
      this.render();
      this.say(P.t("deleted", { name: project.name }), function () { self.done(P.save(removed.project, true), P.t("undeleted", { name: project.name })); });
    }
  };

  Page.prototype.done = function (problem, message) {
    this.say(problem || message);
    this.render();
  };

  Page.prototype.read = function (input) {
    var self = this, file = input.files && input.files[0], reader = new FileReader();
    input.value = "";
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) return this.closePreview(P.t("refused", { error: P.t("tooBig") }));
    reader.onload = function () {
      var parsed = P.parseFile(String(reader.result)), list = find("preview-list");
      if (parsed.error) return self.closePreview(P.t("refused", { error: parsed.error }));
      self.pending = parsed.projects;
      list.textContent = "";
      parsed.projects.forEach(function (p) {
        var item = P.el("li", P.t("previewItem", { name: p.name, cell: cellName(p), department: p.department || "—", owner: p.owner || "—",
          updated: when(p.updated), version: p.guideline_version, progress: summary(p) }));
        // The same project in this browser: whether the file changes it, and which of the two is newer, on its own line.
        var here = P.load(p.id), same = unchanged(here, p);
        if (here) item.appendChild(P.el(same || here.updated <= p.updated ? "span" : "strong", P.t(same ? "replacesSame" : here.updated > p.updated ? "replacesNewer" : "replaces",
          { here: when(here.updated), file: when(p.updated) }), "ag-projects__replaces"));
        list.appendChild(item);
      });
      find("preview").hidden = false;
      self.say(P.t("importable", { n: parsed.projects.length }));
      find("import-confirm").focus();
    };
    reader.onerror = function () { self.say(P.t("readError")); };
    reader.readAsText(file, "utf-8");
  };

  Page.prototype.importPending = function () {
    var self = this, pending = this.pending || [];
    var before = pending.map(function (p) { return P.load(p.id); });  // what the file replaces, for 「元に戻す」
    // A file identical to what is stored changes nothing: said so, with nothing to undo.
    if (pending.every(function (p, i) { return unchanged(before[i], p); })) {
      return this.closePreview(P.t("importSame"));
    }
    var problems = pending.map(function (p) { return P.save(p, true); }).filter(Boolean);
    this.closePreview(problems[0] || P.t("imported", { n: pending.length }), problems.length ? null : function () {
      var undone = pending.map(function (p, i) { return before[i] ? P.save(before[i], true) : P.remove(p.id).error; }).filter(Boolean);
      self.done(undone[0], P.t("importUndone"));
    });
    this.render();
  };

  Page.prototype.closePreview = function (message, undo) {
    this.pending = null;
    find("preview").hidden = true;
    this.say(message, undo);
  };

  /* One table of the sheet (a phase, or the records of removed points), if it has rows. */
  function sheetPart(body, heading, rows) {
    var part = clone("ag-sheet-phase");
    part.querySelector("h3").textContent = heading;
    rows.forEach(function (row) {
      var tr = clone("ag-sheet-row").rows[0], r = row.record;  // a row alone is not valid HTML: it comes in a table
      ["［" + P.statusText(r, row.point) + "］", row.point.level, row.point.title,
        [r.reason && P.t("reasonIs", { reason: r.reason }), r.memo && P.t("memoIs", { memo: r.memo })].filter(Boolean).join("\n"), P.jaDate(r.date)].forEach(function (text, i) {
        tr.cells[i].textContent = text;
      });
      part.querySelector("tbody").appendChild(tr);
    });
    if (rows.length) body.appendChild(part);
  }

  Page.prototype.showSheet = function (project) {
    this.fillSheet(project);
    find("sheet").hidden = false;
    document.body.classList.add("ag-printing-sheet");
    find("sheet-title").focus();
  };

  /* An open sheet shows the project as stored now (another tab may have recorded points). */
  Page.prototype.refreshSheet = function () {
    var project = !find("sheet").hidden && P.load(this.sheetId);
    if (project) this.fillSheet(project);
  };

  Page.prototype.fillSheet = function (project) {
    var sheet = find("sheet"), body = find("sheet-body"), answers = find("sheet-answers"), rows = pointRows(project);
    var facts = { cell: cellName(project), guideline: P.t("sheetEdition", { edition: edition(), version: project.guideline_version }),
      updated: when(project.updated), printed: P.jaDate(P.today()), started: P.jaDate(project.started), progress: summary(project) };
    sheet.querySelectorAll("[data-ag-fact]").forEach(function (dd) {
      var key = dd.getAttribute("data-ag-fact");
      dd.textContent = (key in facts ? facts[key] : project[key]) || "—";
    });
    find("sheet-title").textContent = P.t("sheetTitle", { name: project.name });
    answers.querySelector("ul").textContent = "";
    project.answers_text.forEach(function (a) { answers.querySelector("ul").appendChild(P.el("li", a.question + " → " + a.answer)); });
    answers.hidden = !project.answers_text.length;
    body.textContent = "";
    DATA.phases.forEach(function (phase) {
      sheetPart(body, P.t("phase", { phase: phase }), rows.filter(function (r) { return r.point.phase === phase; }));
    });
    sheetPart(body, P.t("removedPhase"), removedRows(project));
    P.printHeader(P.t("sheetTitle", { name: project.name }));
    this.sheetId = project.id;
  };

  Page.prototype.closeSheet = function () {
    find("sheet").hidden = true;
    P.printHeader("");
    document.body.classList.remove("ag-printing-sheet");
    this.focusBack(this.opener);
  };

  var root = find("projects");
  if (root && P && DATA) {
    var started = global.performance.now();
    new Page(root).init();
    // What this page's own code costs (read by benchmarks/bench_projects.py).
    global.AG_PROJECTS_INIT_MS = global.performance.now() - started;
  }
})(window);
