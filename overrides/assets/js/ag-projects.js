/* 「自分の案件」: project records kept in this browser's localStorage (nothing is sent anywhere).
 * Format: project.schema.json (format "aiguide-projects", version 1). One key per project, plus an
 * index: a failed write leaves every stored project as it was. Points are keyed by their global id
 * (cell/phase/point) and remember the fingerprint of the text they were recorded against. */
(function (global) {
  "use strict";

  var INDEX = "aiguide:projects", PREFIX = "aiguide:project:", MIGRATED = "aiguide:migrated-checklists";
  var STATUSES = ["todo", "done", "na"];
  var ID = /^p-[a-z0-9]{6,24}$/, SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/, GLOBAL = /^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/;
  var DATE = /^(\d{4}-\d{2}-\d{2})?$/;
  var MAX_FILE = 2 * 1024 * 1024;

  function storage() {
    try { return global.localStorage; } catch (e) { return null; }
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function newId() {
    return "p-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  /* A write that failed (quota, private mode, storage off) becomes a message; nothing is lost. */
  function write(key, value) {
    var store = storage();
    if (!store) return "このブラウザでは保存できません（保存が無効になっているか、プライベートモードです）。書き出して保管してください。";
    try { store.setItem(key, value); return ""; } catch (e) {
      return /quota/i.test(e && e.name) || (e && e.code === 22)
        ? "保存できませんでした: このブラウザの保存領域がいっぱいです。不要な案件を書き出してから削除してください。保存済みの内容はそのままです。"
        : "保存できませんでした（" + (e && e.name) + "）。保存済みの内容はそのままです。";
    }
  }

  function ids() {
    var store = storage();
    try { var list = JSON.parse(store && store.getItem(INDEX) || "[]"); return Array.isArray(list) ? list.filter(function (i) { return ID.test(i); }) : []; } catch (e) { return []; }
  }

  function load(id) {
    var store = storage();
    try { var p = clean(JSON.parse(store.getItem(PREFIX + id))); return p.error ? null : p.project; } catch (e) { return null; }
  }

  function list() { return ids().map(load).filter(Boolean); }

  function save(project) {
    project.updated = new Date().toISOString();
    var error = write(PREFIX + project.id, JSON.stringify(project));
    if (error) return error;
    var all = ids();
    if (all.indexOf(project.id) === -1) { all.push(project.id); error = write(INDEX, JSON.stringify(all)); }
    return error;
  }

  function remove(id) {
    var project = load(id);
    var error = write(INDEX, JSON.stringify(ids().filter(function (i) { return i !== id; })));
    if (!error) storage().removeItem(PREFIX + id);
    return { project: project, error: error };
  }

  function create(fields, data) {
    var now = new Date().toISOString();
    var cell = data.cells[fields.cell];
    return {
      id: newId(), name: fields.name, department: fields.department || "", owner: fields.owner || "",
      started: fields.started || today(), reviewer: fields.reviewer || "", notes: fields.notes || "",
      cell: fields.cell, tier: fields.tier || null, answers: fields.answers || null, answers_text: fields.answers_text || [],
      guideline_version: data.version, known: cell.points.map(function (p) { return p.id; }),
      created: now, updated: now, points: {}
    };
  }

  function setPoint(project, point, record, data) {
    project.points[point.id] = {
      status: record.status, reason: record.reason || "", memo: record.memo || "", date: today(),
      fingerprint: point.fingerprint, version: data.version
    };
  }

  /* Strict check of one record (from storage or a file): {project} or {error}. Text only, bounded. */
  function clean(p) {
    function str(v, max) { return typeof v === "string" && v.length <= max; }
    if (!p || typeof p !== "object" || Array.isArray(p)) return { error: "案件の形式ではありません" };
    if (!str(p.id, 40) || !ID.test(p.id)) return { error: "案件の識別子（id）が正しくありません" };
    if (!str(p.name, 100) || !p.name.trim()) return { error: "案件名がありません" };
    if (!str(p.cell, 40) || !SLUG.test(p.cell)) return { error: "分類（cell）が正しくありません" };
    var texts = ["department", "owner", "reviewer"];
    for (var i = 0; i < texts.length; i++) if (p[texts[i]] !== undefined && !str(p[texts[i]], 100)) return { error: texts[i] + " が正しくありません" };
    if (p.notes !== undefined && !str(p.notes, 2000)) return { error: "notes が長すぎます" };
    if (p.started !== undefined && !(str(p.started, 10) && DATE.test(p.started))) return { error: "開始日が正しくありません" };
    if (!str(p.guideline_version, 20) || !str(p.created, 40) || !str(p.updated, 40)) return { error: "版・日時が正しくありません" };
    if (p.tier !== null && p.tier !== undefined && !str(p.tier, 10)) return { error: "段階（tier）が正しくありません" };
    if (p.answers !== null && p.answers !== undefined && !(Array.isArray(p.answers) && p.answers.length <= 10 && p.answers.every(function (a) { return str(a, 40) && SLUG.test(a); }))) return { error: "判定の回答が正しくありません" };
    var answersText = p.answers_text === undefined ? [] : p.answers_text;
    if (!Array.isArray(answersText) || answersText.length > 10 || !answersText.every(function (a) { return a && str(a.question, 300) && str(a.answer, 300); })) return { error: "判定の回答の文言が正しくありません" };
    var known = p.known === undefined ? [] : p.known;
    if (!Array.isArray(known) || known.length > 400 || !known.every(function (k) { return str(k, 130) && GLOBAL.test(k); })) return { error: "known が正しくありません" };
    if (!p.points || typeof p.points !== "object" || Array.isArray(p.points)) return { error: "ポイントの記録（points）がありません" };
    var keys = Object.keys(p.points), points = {};
    if (keys.length > 400) return { error: "ポイントの記録が多すぎます" };
    for (var k = 0; k < keys.length; k++) {
      var r = p.points[keys[k]];
      if (!GLOBAL.test(keys[k]) || !r || typeof r !== "object" || STATUSES.indexOf(r.status) === -1) return { error: "ポイント " + keys[k].slice(0, 60) + " の記録が正しくありません" };
      if (!str(r.reason || "", 2000) || !str(r.memo || "", 2000) || !str(r.date || "", 10) || !DATE.test(r.date || "") || !str(r.fingerprint || "", 40) || !str(r.version || "", 20)) return { error: "ポイント " + keys[k] + " の記録が正しくありません" };
      points[keys[k]] = { status: r.status, reason: r.reason || "", memo: r.memo || "", date: r.date || "", fingerprint: r.fingerprint || "", version: r.version || "" };
    }
    return { project: {
      id: p.id, name: p.name.trim(), department: p.department || "", owner: p.owner || "", started: p.started || "",
      reviewer: p.reviewer || "", notes: p.notes || "", cell: p.cell, tier: p.tier || null, answers: p.answers || null,
      answers_text: answersText.map(function (a) { return { question: a.question, answer: a.answer }; }),
      guideline_version: p.guideline_version, known: known.slice(), created: p.created, updated: p.updated, points: points
    } };
  }

  /* A file's text → {projects} or {error}: the whole file is refused if any record is wrong. */
  function parseFile(text) {
    if (text.length > MAX_FILE) return { error: "ファイルが大きすぎます（2 MB まで）。" };
    var data;
    try { data = JSON.parse(text.replace(/^\uFEFF/, "")); } catch (e) { return { error: "JSON の形式ではありません。" }; }
    if (!data || data.format !== "aiguide-projects" || data.format_version !== 1 || !Array.isArray(data.projects) || !data.projects.length || data.projects.length > 500) {
      return { error: "このサイトの「自分の案件」で書き出したファイルではありません。" };
    }
    var projects = [], seen = {};
    for (var i = 0; i < data.projects.length; i++) {
      var checked = clean(data.projects[i]);
      if (checked.error) return { error: (i + 1) + " 件目: " + checked.error + "。" };
      if (seen[checked.project.id]) return { error: "同じ案件が2回含まれています（" + checked.project.name + "）。" };
      seen[checked.project.id] = true;
      projects.push(checked.project);
    }
    return { projects: projects };
  }

  function fileText(projects) {
    return JSON.stringify({ format: "aiguide-projects", format_version: 1, exported: new Date().toISOString(), projects: projects }, null, 2);
  }

  function progress(project, cell, phases) {
    var result = { mustDone: 0, mustTotal: 0, done: 0, total: 0, phases: [] };
    phases.forEach(function (name) { result.phases.push({ name: name, done: 0, total: 0 }); });
    cell.points.forEach(function (point) {
      // Closed: done, or not applicable with its reason written down.
      var r = project.points[point.id], closed = r && (r.status === "done" || (r.status === "na" && !!r.reason.trim()));
      var phase = result.phases.filter(function (ph) { return ph.name === point.phase; })[0];
      result.total += 1; result.done += closed ? 1 : 0;
      if (phase) { phase.total += 1; phase.done += closed ? 1 : 0; }
      if (point.mandatory) { result.mustTotal += 1; result.mustDone += closed ? 1 : 0; }
    });
    return result;
  }

  /* What a revision of the guideline changed for this project. */
  function revision(project, cell) {
    var now = {}, added = [], changed = [], removed = [];
    cell.points.forEach(function (p) {
      now[p.id] = p;
      var r = project.points[p.id];
      if (project.known.length && project.known.indexOf(p.id) === -1) added.push(p);
      else if (r && r.fingerprint && r.fingerprint !== p.fingerprint) changed.push(p);
    });
    Object.keys(project.points).forEach(function (id) { if (!now[id]) removed.push(id); });
    return { added: added, changed: changed, removed: removed };
  }

  /* Once: the per-cell checklists of the past (key "aiguide:<version>:<cell>") become projects. */
  function migrate(data) {
    var store = storage();
    if (!store || store.getItem(MIGRATED)) return 0;
    var made = 0, keys = [];
    for (var i = 0; i < store.length; i++) keys.push(store.key(i) || "");
    keys.forEach(function (key) {
      var match = /^aiguide:([^:]+):([a-z0-9-]+)$/.exec(key);
      var cell = match && data.cells[match[2]];
      if (!cell || match[1] === "project") return;
      var ticked;
      try { ticked = JSON.parse(store.getItem(key)); } catch (e) { return; }
      if (!Array.isArray(ticked) || !ticked.length) return;
      var project = create({ cell: match[2], name: cell.full_name + " のチェックリスト（第" + match[1] + "版）" }, data);
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
    list: list, load: load, save: save, remove: remove, create: create, setPoint: setPoint, clean: clean,
    parseFile: parseFile, fileText: fileText, progress: progress, revision: revision, migrate: migrate, today: today, newId: newId
  };
})(window);
