/* A cell page working for one project: choose the project (?project=… or the list), then record
 * each point's state (未対応 / 対応済 / 該当しない with a reason), a memo and the date. After a
 * revision of the guideline, added and changed points are flagged and removed ones listed. */
(function (global) {
  "use strict";

  var P = global.AgProjects;
  var ACTIVE = "aiguide:active-project:";

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Recorder(root) {
    this.root = root;
    this.cellId = root.getAttribute("data-cell");
    this.version = root.getAttribute("data-version");
    this.phases = root.getAttribute("data-phases").split(",");
    this.items = Array.prototype.slice.call(document.querySelectorAll("[data-global-id]"));
    // The cell as ag-projects.js sees it, read from the page itself.
    this.cell = { points: this.items.map(function (li) {
      return { id: li.getAttribute("data-global-id"), phase: li.getAttribute("data-phase"), mandatory: li.hasAttribute("data-mandatory"),
        fingerprint: li.getAttribute("data-fingerprint"), title: li.querySelector(".ag-point__title").textContent };
    }) };
    this.data = { version: this.version, cells: {} };
    this.data.cells[this.cellId] = this.cell;
    this.select = root.querySelector("[data-ag-project-select]");
    this.project = null;
  }

  Recorder.prototype.init = function () {
    var self = this;
    var mine = P.list().filter(function (p) { return p.cell === self.cellId; });
    this.root.querySelector("[data-ag-project-bar]").hidden = false;
    mine.forEach(function (p) {
      var option = el("option", p.name + (p.department ? "（" + p.department + "）" : ""));
      option.value = p.id;
      self.select.appendChild(option);
    });
    var wanted = new URLSearchParams(global.location.search).get("project");
    var remembered = null;
    try { remembered = global.localStorage.getItem(ACTIVE + this.cellId); } catch (e) { /* storage off */ }
    var first = mine.filter(function (p) { return p.id === wanted; })[0] || mine.filter(function (p) { return p.id === remembered; })[0];
    this.select.addEventListener("change", function () { self.choose(self.select.value); });
    document.addEventListener("change", function (e) { if (self.project && e.target.closest(".ag-record")) self.record(e.target.closest("[data-global-id]")); });
    document.addEventListener("input", function (e) { if (self.project && e.target.closest(".ag-record")) self.record(e.target.closest("[data-global-id]")); });
    document.addEventListener("click", function (e) {
      var button = e.target.closest("[data-ag-acknowledge], [data-ag-acknowledge-all]");
      if (button && self.project) self.acknowledge(button.closest("[data-global-id]"));
    });
    if (first) { this.select.value = first.id; this.choose(first.id); }
    if (first && new URLSearchParams(global.location.search).get("created")) {
      this.root.querySelector("[data-ag-message]").textContent = "案件「" + first.name + "」を作りました。ポイントごとに「対応済」「該当しない（理由）」を記録してください。記録はこのブラウザに保存されます。";
    }
  };

  Recorder.prototype.choose = function (id) {
    var self = this;
    // A text still being edited is saved to the project it belongs to before switching.
    var editing = document.activeElement;
    if (editing && editing.closest && editing.closest(".ag-record")) editing.blur();
    this.project = id ? P.load(id) : null;
    try { global.localStorage.setItem(ACTIVE + this.cellId, id || ""); } catch (e) { /* storage off */ }
    this.root.classList.toggle("ag-checklist--project", !!this.project);
    document.body.classList.toggle("ag-project-mode", !!this.project);
    this.root.querySelectorAll("[data-ag-plain-only]").forEach(function (n) { n.hidden = !!self.project; });
    this.items.forEach(function (li) {
      var box = li.querySelector(".ag-record");
      if (box) box.remove();
      if (self.project) li.querySelector(".ag-point__body").appendChild(self.recordBox(li));
    });
    this.showRevision();
    if (this.project) this.render(); else if (this.root.checklist) this.root.checklist.render();
  };

  Recorder.prototype.recordBox = function (li) {
    var id = li.getAttribute("data-global-id");
    var record = this.project.points[id] || { status: "todo", reason: "", memo: "", date: "" };
    var box = document.getElementById("ag-point-record").content.cloneNode(true).firstElementChild;
    box.querySelectorAll("[data-ag-status]").forEach(function (radio) {
      radio.name = "status-" + id;
      radio.checked = radio.value === record.status;
    });
    box.querySelector("[data-ag-reason]").value = record.reason;
    box.querySelector("[data-ag-memo]").value = record.memo;
    this.decorate(li, box, record);
    return box;
  };

  Recorder.prototype.decorate = function (li, box, record) {
    box.querySelector("[data-ag-reason-field]").hidden = record.status !== "na";
    box.querySelector("[data-ag-reason-error]").textContent = record.status === "na" && !record.reason.trim() ? "該当しない理由を書いてください（書くまで「未対応」として数えます）。" : "";
    box.querySelector("[data-ag-date]").textContent = record.date ? "最終更新: " + record.date : "";
    var point = this.cell.points.filter(function (p) { return p.id === li.getAttribute("data-global-id"); })[0];
    var rev = P.revision(this.project, this.cell);
    var flag = rev.changed.indexOf(point) !== -1 ? "この版で内容が変わりました。記録した状態を確認してください。" : rev.added.indexOf(point) !== -1 ? "この版で追加された項目です。" : "";
    box.querySelector("[data-ag-flag]").hidden = !flag;
    box.querySelector("[data-ag-flag-text]").textContent = flag;
    li.classList.toggle("ag-point--flagged", !!flag);
  };

  Recorder.prototype.record = function (li) {
    var box = li.querySelector(".ag-record");
    var checked = box.querySelector("[data-ag-status]:checked");
    var point = this.cell.points.filter(function (p) { return p.id === li.getAttribute("data-global-id"); })[0];
    P.setPoint(this.project, point, { status: checked ? checked.value : "todo", reason: box.querySelector("[data-ag-reason]").value, memo: box.querySelector("[data-ag-memo]").value }, this.data);
    this.decorate(li, box, this.project.points[point.id]);
    this.persist();
  };

  Recorder.prototype.persist = function () {
    var problem = P.save(this.project);
    this.root.querySelector("[data-ag-message]").textContent = problem || "";
    this.render();
  };

  /* A flagged point was read again: its record now refers to this version's text. */
  Recorder.prototype.acknowledge = function (li) {
    var self = this;
    var points = li ? this.cell.points.filter(function (p) { return p.id === li.getAttribute("data-global-id"); }) : this.cell.points;
    points.forEach(function (point) {
      var r = self.project.points[point.id];
      if (r) { r.fingerprint = point.fingerprint; r.version = self.version; }
      if (self.project.known.indexOf(point.id) === -1) self.project.known.push(point.id);
    });
    if (!li) this.project.guideline_version = this.version;
    this.persist();
    this.choose(this.project.id);
  };

  Recorder.prototype.showRevision = function () {
    var box = this.root.querySelector("[data-ag-revision]");
    box.textContent = "";
    box.hidden = true;
    if (!this.project || this.project.guideline_version === this.version) return;
    var rev = P.revision(this.project, this.cell);
    box.appendChild(el("p", "この案件は第" + this.project.guideline_version + "版で記録しました。現在は第" + this.version + "版です。"));
    [["この版で追加された項目", rev.added.map(function (p) { return p.title; })], ["内容が変わった項目", rev.changed.map(function (p) { return p.title; })],
      ["削除された項目（記録は残しています）", rev.removed]].forEach(function (pair) {
      if (!pair[1].length) return;
      box.appendChild(el("p", pair[0] + "（" + pair[1].length + "件）: " + pair[1].join("、")));
    });
    var button = el("button", "すべて確認して第" + this.version + "版にそろえる");
    button.type = "button";
    button.className = "md-button";
    button.setAttribute("data-ag-acknowledge-all", "");
    box.appendChild(button);
    box.hidden = false;
  };

  Recorder.prototype.render = function () {
    var p = P.progress(this.project, this.cell, this.phases);
    this.root.querySelector("[data-ag-progress]").textContent = "案件「" + this.project.name + "」の進み具合: " +
      this.root.getAttribute("data-mandatory") + " " + p.mustDone + "/" + p.mustTotal + "（全体 " + p.done + "/" + p.total + "）・" +
      p.phases.map(function (ph) { return ph.name + " " + ph.done + "/" + ph.total; }).join("・");
    document.querySelectorAll(".ag-phase").forEach(function (phase) {
      var counts = p.phases.filter(function (ph) { return ph.name === phase.getAttribute("data-phase"); })[0];
      phase.querySelector("[data-ag-phase-progress]").textContent = counts ? "（" + counts.done + "件 対応済・該当しない）" : "";
    });
  };

  var root = document.querySelector("[data-ag-checklist]");
  if (root && P && root.querySelector("[data-ag-project-select]")) new Recorder(root).init();
})(window);
