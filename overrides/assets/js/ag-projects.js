/* 「自分の案件」: project records kept in this browser's localStorage (nothing is sent anywhere).
 * Format: project.schema.json ("aiguide-projects", version 1). One key per project plus an index, so a
 * failed write leaves every stored project as it was. Points are keyed by their global id
 * (cell/phase/point) and keep the fingerprint of the text they were recorded against. The wording
 * is the page's #ag-project-text (templates/pages/_macros.j2). */
(function (global) {
  "use strict";

  var INDEX = "aiguide:projects", PREFIX = "aiguide:project:", MIGRATED = "aiguide:migrated-checklists";
  var ID = /^p-[a-z0-9]{6,24}$/, SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/, GLOBAL = /^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/;
  var DATE = /^(\d{4}-\d{2}-\d{2})?$/, ANY = /./, MAX_FILE = 2 * 1024 * 1024;
  // A record's text fields: [key, longest, pattern, required].
  var FIELDS = [["id", 40, ID, 1], ["name", 100, /\S/, 1], ["cell", 40, SLUG, 1], ["department", 100], ["owner", 100],
    ["reviewer", 100], ["notes", 2000], ["started", 10, DATE], ["guideline_version", 20, ANY, 1], ["created", 40, ANY, 1],
    ["updated", 40, ANY, 1], ["tier", 10]];
  var POINT_FIELDS = [["reason", 2000], ["memo", 2000], ["date", 10, DATE], ["fingerprint", 40], ["version", 20], ["title", 300]];
  var words;

  /* The page's wording for `key`, with {placeholders} filled from `values`. */
  function t(key, values) {
    if (!words) {
      var node = document.getElementById("ag-project-text");
      words = node ? JSON.parse(node.textContent) : {};
    }
    return String(words[key] || key).replace(/\{(\w+)\}/g, function (m, name) { return values && name in values ? values[name] : m; });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
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

  function storage() {
    try { return global.localStorage; } catch (e) { return null; }
  }

  function today() { return stamp(Date.now()).slice(0, 10); }

  /* A time (ISO text or milliseconds) as local 「2026-11-27 09:05」: how a CSV writes every date, so
   * Excel reads them all. */
  function stamp(time) {
    var d = new Date(time), two = function (n) { return String(n).padStart(2, "0"); };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  /* 「2026-11-27」 → 「2026年11月27日」, as the rest of the site writes dates (files and CSV keep ISO). */
  function jaDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(T|$)/.exec(text || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : text || "";
  }

  /* The project's name atop every printed page (projects.css: @page's top right reads this property). */
  function printHeader(text) {
    document.documentElement.style.setProperty("--ag-print-project", JSON.stringify(text));
  }

  function newId() { return "p-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }

  /* A write that failed (quota, private mode, storage off) becomes a message; nothing is lost. */
  function write(key, value) {
    var store = storage();
    if (!store) return t("storageOff");
    try { store.setItem(key, value); return ""; } catch (e) {
      return /quota/i.test(e && e.name) || (e && e.code === 22) ? t("storageFull") : t("storageError", { name: e && e.name });
    }
  }

  function ids() {
    try { return JSON.parse(storage().getItem(INDEX) || "[]").filter(function (i) { return ID.test(i); }); } catch (e) { return []; }
  }

  function load(id) {
    try { return clean(JSON.parse(storage().getItem(PREFIX + id))).project || null; } catch (e) { return null; }
  }

  function list() { return ids().map(load).filter(Boolean); }

  /* `keep`: the record comes back as it was (an import, an undo), with its own time of last change. */
  function save(project, keep) {
    if (!keep) project.updated = new Date().toISOString();
    var all = ids(), error = write(PREFIX + project.id, JSON.stringify(project));
    if (!error && all.indexOf(project.id) === -1) error = write(INDEX, JSON.stringify(all.concat([project.id])));
    return error;
  }

  function remove(id) {
    var project = load(id), error = write(INDEX, JSON.stringify(ids().filter(function (i) { return i !== id; })));
    if (!error) storage().removeItem(PREFIX + id);
    return { project: project, error: error };
  }

  function create(fields, data) {
    var now = new Date().toISOString();
    return {
      id: newId(), name: fields.name, department: fields.department || "", owner: fields.owner || "",
      started: fields.started || today(), reviewer: fields.reviewer || "", notes: fields.notes || "",
      cell: fields.cell, tier: fields.tier || null, answers: fields.answers || null, answers_text: fields.answers_text || [],
      guideline_version: data.version, known: data.cells[fields.cell].points.map(function (p) { return p.id; }),
      created: now, updated: now, points: {}
    };
  }

  /* A reason is kept only with 「該当しない」: a point set back to 未対応 must not print as justified. */
  function setPoint(project, point, record, data) {
    project.points[point.id] = {
      status: record.status, reason: record.status === "na" && record.reason || "", memo: record.memo || "", date: today(),
      fingerprint: point.fingerprint, version: data.version, title: point.title || ""
    };
  }

  function text(value, max) { return typeof value === "string" && value.length <= max; }

  /* Copies the fields of `spec` from `source` into `out` (a missing optional one as ""); the key of
   * the first wrong one, or "". */
  function copyFields(source, spec, out) {
    for (var i = 0; i < spec.length; i++) {
      var key = spec[i][0], value = source[key];
      if (value == null && !spec[i][3]) value = "";
      if (!text(value, spec[i][1]) || (spec[i][2] && !spec[i][2].test(value))) return key;
      out[key] = value;
    }
    return "";
  }

  function list10(value, check) { return Array.isArray(value) && value.length <= 10 && value.every(check); }

  /* Strict check of one record (from storage or a file): {project} or {error}. Text only, bounded. */
  function clean(p) {
    if (!p || typeof p !== "object" || Array.isArray(p)) return { error: t("notProject") };
    var project = {}, answersText = p.answers_text || [], known = p.known || [];
    var bad = copyFields(p, FIELDS, project) ||
      (p.answers != null && !list10(p.answers, function (a) { return text(a, 40) && SLUG.test(a); }) && "answers") ||
      (!list10(answersText, function (a) { return a && text(a.question, 300) && text(a.answer, 300); }) && "answers") ||
      (!(Array.isArray(known) && known.length <= 400 && known.every(function (k) { return text(k, 130) && GLOBAL.test(k); })) && "known") ||
      ((!p.points || typeof p.points !== "object" || Array.isArray(p.points) || Object.keys(p.points).length > 400) && "points");
    if (bad) return { error: t("badField", { field: t("field:" + bad) }) };
    project.points = {};
    for (var id in p.points) {
      var r = p.points[id], record = { status: r && r.status };
      if (!GLOBAL.test(id) || ["todo", "done", "na"].indexOf(record.status) === -1 || copyFields(r, POINT_FIELDS, record)) {
        return { error: t("badPoint", { id: id.slice(0, 60) }) };
      }
      if (record.status !== "na") record.reason = "";
      project.points[id] = record;
    }
    project.name = project.name.trim();
    project.tier = project.tier || null;
    project.answers = p.answers || null;
    project.answers_text = answersText.map(function (a) { return { question: a.question, answer: a.answer }; });
    project.known = known.slice();
    return { project: project };
  }

  /* A file's text → {projects} or {error}: the whole file is refused if any record is wrong. */
  function parseFile(content) {
    if (content.length > MAX_FILE) return { error: t("tooBig") };
    var data, projects = [], seen = {};
    try { data = JSON.parse(content.replace(/^\uFEFF/, "")); } catch (e) { return { error: t("notJson") }; }
    if (!data || data.format !== "aiguide-projects" || data.format_version !== 1 || !Array.isArray(data.projects) ||
        !data.projects.length) return { error: t("notOurs") };
    if (data.projects.length > 500) return { error: t("tooMany") };
    for (var i = 0; i < data.projects.length; i++) {
      var checked = clean(data.projects[i]);
      if (checked.error) return { error: t("nth", { n: i + 1, error: checked.error }) };
      if (seen[checked.project.id]) return { error: t("twice", { name: checked.project.name }) };
      seen[checked.project.id] = projects.push(checked.project);
    }
    return { projects: projects };
  }

  function fileText(projects) {
    return JSON.stringify({ format: "aiguide-projects", format_version: 1, exported: new Date().toISOString(), projects: projects }, null, 2);
  }

  function changed(record, point) { return !!(record.fingerprint && point.fingerprint && record.fingerprint !== point.fingerprint); }

  /* A point this version added: not among the points the project was started or last read with. */
  function added(project, point) { return project.known.length > 0 && project.known.indexOf(point.id) === -1; }

  function progress(project, cell, phases) {
    var result = { mustDone: 0, mustTotal: 0, mustNa: 0, done: 0, total: 0, phases: phases.map(function (name) { return { name: name, done: 0, total: 0 }; }) };
    cell.points.forEach(function (point) {
      // Closed: done, or not applicable with its reason written down; and not recorded against a
      // wording that a revision has since changed (that needs checking again).
      var r = project.points[point.id], closed = r && !changed(r, point) && (r.status === "done" || (r.status === "na" && !!r.reason.trim())) ? 1 : 0;
      var phase = result.phases.filter(function (ph) { return ph.name === point.phase; })[0];
      result.total += 1;
      result.done += closed;
      if (phase) { phase.total += 1; phase.done += closed; }
      if (point.mandatory) { result.mustTotal += 1; result.mustDone += closed; result.mustNa += closed && r.status === "na" ? 1 : 0; }
    });
    return result;
  }

  /* A record's status in words: 「該当しない」 without its reason counts as open (progress) and is shown
   * so; one recorded against a wording a revision has changed is open until checked again. */
  function statusText(record, point) {
    var text = t(record.status === "na" && !record.reason.trim() ? "status:na-open" : "status:" + record.status);
    return record.status !== "todo" && changed(record, point) ? t("status:recheck", { status: text }) : text;
  }

  /* 「必須 2/5件完了（うち該当しない 1件）、全体 3/12件／フェーズ別 企画 2/4・…」: a 必須 point set aside
   * is said. `short`: without the phases (a cell page shows them on each phase's heading). */
  function summary(project, cell, phases, mandatory, short) {
    var p = progress(project, cell, phases);
    return t("progress", { mandatory: mandatory, must: p.mustDone + "/" + p.mustTotal, all: p.done + "/" + p.total,
      waived: p.mustNa ? t("waived", { n: p.mustNa }) : "",
      phases: short ? "" : t("byPhase", { phases: p.phases.map(function (ph) { return ph.name + " " + ph.done + "/" + ph.total; }).join("・") }) });
  }

  /* What a revision of the guideline changed for this project. */
  function revision(project, cell) {
    var now = {}, addedPoints = [], changedPoints = [], removed = [];
    cell.points.forEach(function (p) {
      var r = project.points[p.id];
      now[p.id] = p;
      if (added(project, p)) addedPoints.push(p);
      else if (r && changed(r, p)) changedPoints.push(p);
    });
    Object.keys(project.points).forEach(function (id) { if (!now[id]) removed.push(id); });
    return { added: addedPoints, changed: changedPoints, removed: removed };
  }

  /* Once: the per-cell checklists of the past (key "aiguide:<version>:<cell>") become projects. */
  function migrate(data) {
    var store = storage(), made = 0, keys = [];
    if (!store || store.getItem(MIGRATED)) return 0;
    for (var i = 0; i < store.length; i++) keys.push(store.key(i) || "");
    keys.forEach(function (key) {
      var match = /^aiguide:([^:]+):([a-z0-9-]+)$/.exec(key), cell = match && data.cells[match[2]], ticked;
      if (!cell || match[1] === "project") return;
      try { ticked = JSON.parse(store.getItem(key)); } catch (e) { return; }
      if (!Array.isArray(ticked) || !ticked.length) return;
      var project = create({ cell: match[2], name: t("migratedName", { cell: cell.full_name, version: match[1] }) }, data);
      project.guideline_version = match[1];
      cell.points.forEach(function (p) {
        if (ticked.indexOf(p.id.split("/")[2]) !== -1) setPoint(project, p, { status: "done" }, data);
      });
      if (!save(project)) made += 1;
    });
    write(MIGRATED, today());
    return made;
  }

  global.AgProjects = {
    list: list, load: load, save: save, remove: remove, create: create, setPoint: setPoint, clean: clean, parseFile: parseFile,
    fileText: fileText, changed: changed, added: added, statusText: statusText, progress: progress, summary: summary, revision: revision, migrate: migrate, today: today, stamp: stamp, jaDate: jaDate, printHeader: printHeader, newId: newId,
    t: t, el: el, download: download, SLUG: SLUG, PREFIX: PREFIX
  };
})(window);
