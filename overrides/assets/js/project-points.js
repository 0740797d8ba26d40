/* A cell page working for one project: choose the project (?project=… or the list), then record
 * each point's state (未対応 / 対応済 / 該当しない with a reason), a memo and the date. After a
 * revision of the guideline, added and changed points are flagged and removed ones listed. */
(function (global) {
  "use strict";

  var P = global.AgProjects, ACTIVE = "aiguide:active-project:";

  /* A project as the list of 記録先 names it. */
  function choice(project) { return project.name + (project.department ? "（" + project.department + "）" : ""); }

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
    this.message = root.querySelector("[data-ag-message]");
  }

  Recorder.prototype.find = function (name) { return this.root.querySelector("[data-ag-" + name + "]"); };

  Recorder.prototype.current = function () { return this.project ? this.project.id : ""; };

  Recorder.prototype.point = function (li) {
    return this.cell.points[this.items.indexOf(li)];
  };

  Recorder.prototype.init = function () {
    var self = this, query = new URLSearchParams(global.location.search), remembered = null;
    var mine = P.list().filter(function (p) { return p.cell === self.cellId; });
    this.find("project-bar").hidden = false;
    // Reached from a questionnaire result (?a=…&tier=…): a project started here keeps those answers.
    var link = this.find("new-project"), start = new URLSearchParams(link.search);
    ["a", "tier"].forEach(function (key) { if (query.get(key)) start.set(key, query.get(key)); });
    link.search = start;
    mine.forEach(function (p) {
      var option = P.el("option", choice(p));
      option.value = p.id;
      self.select.appendChild(option);
    });
    try { remembered = global.localStorage.getItem(ACTIVE + this.cellId); } catch (e) { /* storage off */ }
    var first = mine.filter(function (p) { return p.id === query.get("project"); })[0] || mine.filter(function (p) { return p.id === remembered; })[0];
    // A switch is said by the progress line, which names the project; pressed without a change, it says so.
    this.find("project-switch").addEventListener("click", function () {
      if (self.select.value !== self.current()) self.choose(self.select.value);
      else self.message.textContent = P.t("switchUnchanged", { name: self.select.selectedOptions[0].textContent });
    });
    // Left without 「切り替える」: the list shows the project records go to again, never another one.
    document.addEventListener("focusin", function (e) {
      if (self.select.value !== self.current() && !self.find("project-bar").contains(e.target)) self.select.value = self.current();
    });
    // Texts are saved as they are typed; a status once, when it changes (a radio fires both events).
    ["change", "input"].forEach(function (type) {
      document.addEventListener(type, function (e) {
        if (!self.project || !e.target.closest(".ag-record") || (type === "input" && e.target.type === "radio")) return;
        var li = e.target.closest("[data-global-id]");
        self.record(li, e.target);
        // A text is saved at each letter, and said once, when it is left (its change event).
        if (type === "change" && e.target.tagName === "TEXTAREA" && !self.failed) {
          self.message.textContent = P.t("textSaved", { title: self.point(li).title, field: e.target.hasAttribute("data-ag-memo") ? P.t("field:memo") : P.t("field:reason") });
        }
      });
    });
    // The focus leaves a point's record: a reason still missing there is now an error.
    document.addEventListener("focusout", function (e) {
      var li = self.filling;
      if (!li || li.contains(e.relatedTarget)) return;
      self.filling = null;
      if (self.project && li.querySelector(".ag-record")) self.fill(li, li.querySelector(".ag-record"));
    });
    document.addEventListener("click", function (e) {
      var button = e.target.closest("[data-ag-acknowledge], [data-ag-acknowledge-all]");
      if (button && self.project) self.acknowledge(button.closest("[data-global-id]"));
    });
    // The same project changed in another tab (the list, or this page opened twice): show its records.
    global.addEventListener("storage", function (e) { if (self.project && e.key === P.PREFIX + self.project.id) self.refresh(); });
    if (first) {
      this.select.value = first.id;
      this.choose(first.id);
      if (query.get("created")) {
        // Read once, as the focused element: not also as a live status (role="status" comes back
        // when the focus leaves, for the messages that follow).
        var message = this.message;
        message.removeAttribute("role");
        message.addEventListener("blur", function () { message.setAttribute("role", "status"); }, { once: true });
        message.textContent = P.t("created", { name: first.name });
        // Focused once the page has loaded: the browser's jump to #points would take the focus away.
        var focus = function () { message.focus(); };
        if (document.readyState === "complete") focus(); else global.addEventListener("load", focus);
        // Said once: a reload or a bookmark of this page does not say it again.
        try { global.history.replaceState(null, "", global.location.href.replace("&created=1", "")); } catch (e) { /* file:// in some browsers */ }
      }
      if (query.get("project")) this.openWhereWorkIs();
    }
  };

  /* Opened from 「自分の案件」 (or just made): the first phase with open points is opened, below the
   * project's progress (#points). */
  Recorder.prototype.openWhereWorkIs = function () {
    var open = P.progress(this.project, this.cell, this.phases).phases.filter(function (ph) { return ph.done < ph.total; })[0];
    var phase = open && document.querySelector('.ag-phase[data-phase="' + open.name + '"]');
    var toggle = phase && document.querySelector('[aria-controls="' + phase.id + '"]');
    if (toggle && phase.hidden) toggle.click();
  };

  Recorder.prototype.choose = function (id) {
    var self = this, editing = document.activeElement;
    // A text still being edited is saved to the project it belongs to before switching.
    if (editing && editing.closest && editing.closest(".ag-record")) editing.blur();
    this.project = id ? P.load(id) : null;
    this.find("switch-hint").textContent = P.t("switchHint", { name: this.project ? choice(this.project) : this.select.options[0].textContent });
    try { global.localStorage.setItem(ACTIVE + this.cellId, id || ""); } catch (e) { /* storage off */ }
    this.root.classList.toggle("ag-checklist--project", !!this.project);
    this.find("progress").setAttribute("aria-live", this.project ? "off" : "polite");
    document.body.classList.toggle("ag-project-mode", !!this.project);
    P.printHeader(this.project ? P.t("printedProject", { name: this.project.name }) : "");
    this.root.querySelectorAll("[data-ag-plain-only]").forEach(function (n) { n.hidden = !!self.project; });
    this.root.querySelectorAll("[data-ag-project-only]").forEach(function (n) { n.hidden = !self.project; });
    // The cell's own tick boxes are not the project's: a click on a point's title must not tick one.
    document.querySelectorAll(".ag-point__box").forEach(function (box) { box.disabled = !!self.project; });
    this.items.forEach(function (li) {
      var box = li.querySelector(".ag-record");
      if (box) box.remove();
      if (self.project) li.querySelector(".ag-point__body").appendChild(self.recordBox(li));
    });
    this.showRevision();
    this.find("project-facts").hidden = !this.project;
    if (this.project) this.render(); else if (this.root.checklist) this.root.checklist.render();
  };

  Recorder.prototype.recordBox = function (li) {
    var id = li.getAttribute("data-global-id");
    var box = document.getElementById("ag-point-record").content.cloneNode(true).firstElementChild;
    box.querySelectorAll("[data-ag-status]").forEach(function (radio) { radio.name = "status-" + id; });
    // Each control's name also names its point: in a list of the page's fields, or moving field to
    // field, a screen reader user knows which point each one belongs to.
    var title = "（" + this.point(li).title + "）", error = box.querySelector("[data-ag-reason-error]");
    box.querySelectorAll("legend, [data-ag-acknowledge]").forEach(function (node) { node.append(P.el("span", title, "ag-visually-hidden")); });
    box.querySelectorAll("textarea").forEach(function (text) { text.before(P.el("span", title, "ag-visually-hidden")); });
    // A missing reason is said where the reason is written (read with the field, not shouted at once).
    error.id = "reason-error-" + id.split("/")[2];
    box.querySelector("[data-ag-reason]").setAttribute("aria-describedby", error.id);
    this.fill(li, box);
    return box;
  };

  /* The box shows the point's record as stored, except the control being used right now. */
  Recorder.prototype.fill = function (li, box) {
    var record = this.project.points[this.point(li).id] || { status: "todo", reason: "", memo: "", date: "" }, active = document.activeElement;
    box.querySelectorAll("[data-ag-status]").forEach(function (radio) { if (radio !== active) radio.checked = radio.value === record.status; });
    [["reason", record.reason], ["memo", record.memo]].forEach(function (pair) {
      var text = box.querySelector("[data-ag-" + pair[0] + "]");
      // A reason set aside with 未対応 stays in its hidden box, to come back with 該当しない.
      if (text !== active && (pair[1] || pair[0] === "memo")) text.value = pair[1];
    });
    this.decorate(li, box, record);
  };

  Recorder.prototype.decorate = function (li, box, record) {
    var point = this.point(li);
    var flag = P.added(this.project, point) ? P.t("flagAdded") : P.changed(record, point) ? P.t("flagChanged") : "";
    box.querySelector("[data-ag-reason-field]").hidden = record.status !== "na";
    // A reason still to write: a hint while the point's record is being filled in, an error once
    // it is left without one (or found so).
    var missing = record.status === "na" && !record.reason.trim(), hint = missing && this.filling === li;
    var error = box.querySelector("[data-ag-reason-error]");
    error.textContent = missing ? P.t("reasonMissing") : "";
    error.classList.toggle("ag-record__error--hint", hint);
    box.querySelector("[data-ag-reason]").setAttribute("aria-invalid", missing && !hint);
    // Written when a point is first saved on a day, not at every letter typed in its memo.
    var saved = box.querySelector("[data-ag-date]"), said = record.date ? P.t("pointSaved", { date: P.jaDate(record.date) }) : "";
    if (saved.textContent !== said) saved.textContent = said;
    box.querySelector("[data-ag-flag]").hidden = !flag;
    box.querySelector("[data-ag-flag-text]").textContent = flag;
    li.classList.toggle("ag-point--flagged", !!flag);
  };

  /* The project as stored now: another tab may have changed it since this page read it. Only what
   * this page changes is written over it. */
  Recorder.prototype.fresh = function () {
    this.project = P.load(this.project.id) || this.project;
    return this.project;
  };

  /* What another tab recorded is shown in every box (fill() leaves the control in use alone). */
  Recorder.prototype.refresh = function () {
    var self = this, stored = P.load(this.project.id);
    if (!stored) {  // deleted in another tab
      this.message.textContent = P.t("goneElsewhere", { name: this.project.name });
      this.select.value = "";
      return this.choose("");
    }
    this.project = stored;
    this.items.forEach(function (li) {
      var box = li.querySelector(".ag-record");
      if (box) self.fill(li, box);
    });
    var option = this.select.querySelector('option[value="' + stored.id + '"]');
    if (option) option.textContent = choice(stored);
    this.showRevision();
    this.render();
  };

  /* Only what `control` changed is written over the record as stored (another tab may have
   * recorded the other fields meanwhile); with 「該当しない」 comes the reason in its box. */
  Recorder.prototype.record = function (li, control) {
    var box = li.querySelector(".ag-record"), point = this.point(li);
    var stored = this.fresh().points[point.id] || { status: "todo", reason: "", memo: "" };
    var record = { status: stored.status, reason: stored.reason, memo: stored.memo };
    if (control.hasAttribute("data-ag-status")) record.status = control.value;
    if (record.status === "na") this.filling = li;
    if (control.hasAttribute("data-ag-memo")) record.memo = control.value;
    if (control.hasAttribute("data-ag-reason") || record.status === "na") record.reason = box.querySelector("[data-ag-reason]").value;
    P.setPoint(this.project, point, record, this.data);
    this.fill(li, box);
    this.persist();
  };

  /* A failed save is said (and stays said until a save succeeds); other messages, such as that the
   * project was just made, are left alone. */
  Recorder.prototype.persist = function () {
    var error = P.save(this.project);
    if (error || this.failed) this.message.textContent = error;
    this.failed = !!error;
    this.render();
  };

  /* A flagged point was read again: its record now refers to this version's text. */
  Recorder.prototype.acknowledge = function (li) {
    var self = this;
    if (!li && !global.confirm(P.t("acknowledgeConfirm", { version: this.version }))) return;
    this.fresh();
    (li ? [this.point(li)] : this.cell.points).forEach(function (point) {
      var r = self.project.points[point.id];
      if (r) { r.fingerprint = point.fingerprint; r.version = self.version; }
      if (self.project.known.indexOf(point.id) === -1) self.project.known.push(point.id);
    });
    if (!li) this.project.guideline_version = this.version;
    this.persist();
    if (this.failed) return;  // not saved: said, and nothing is shown as read again
    this.refresh();
    // The button pressed is gone with its flag: the focus goes on to the point's status, or (all
    // read again) to the word that the project is now of this version.
    this.message.textContent = li ? P.t("acknowledged", { title: this.point(li).title }) : P.t("acknowledgedAll", { version: this.version });
    var status = li && (li.querySelector(".ag-record input:checked") || li.querySelector(".ag-record input"));
    (status || this.message).focus();
  };

  Recorder.prototype.showRevision = function () {
    var self = this, box = this.find("revision"), project = this.project;
    box.textContent = "";
    box.hidden = !project || project.guideline_version === this.version;
    if (box.hidden) return;
    var rev = P.revision(project, this.cell);
    box.appendChild(P.el("p", P.t("revisionIntro", { old: project.guideline_version, version: this.version })));
    // Added and changed points link to themselves (the link opens their phase); a removed one shows its record.
    function links(points) {
      return points.map(function (point) {
        var link = P.el("a", point.title);
        link.href = "#" + self.items[self.cell.points.indexOf(point)].id;
        return link;
      });
    }
    var records = rev.removed.map(function (id) {
      var r = project.points[id];
      return (r.title || id) + "（" + P.statusText(r, {}) + (r.memo ? "・" + r.memo : "") + "）";
    });
    // Every added and changed point read again, and none removed: only the version is left to update.
    if (!rev.added.length && !rev.changed.length && !records.length) box.appendChild(P.el("p", P.t("revisionAllRead")));
    [["added", links(rev.added)], ["changed", links(rev.changed)], ["removed", records]].forEach(function (pair) {
      if (!pair[1].length) return;
      var line = P.el("p", P.t("revisionList", { label: P.t("revision:" + pair[0]), n: pair[1].length }));
      pair[1].forEach(function (item, i) { line.append(i ? "、" : "", item); });
      box.appendChild(line);
    });
    var button = P.el("button", P.t("acknowledgeAll", { version: this.version }), "md-button");
    button.type = "button";
    button.setAttribute("data-ag-acknowledge-all", "");
    box.appendChild(button);
  };

  Recorder.prototype.render = function () {
    var p = P.progress(this.project, this.cell, this.phases), progress = this.find("progress");
    var said = P.t("projectProgress", { name: this.project.name,
      summary: P.summary(this.project, this.cell, this.phases, this.root.getAttribute("data-mandatory"), true) });
    // Shown at once; read out (aria-live) short, when it changes and the changes pause: not at every
    // letter typed in a memo, nor for each status an arrow key passes.
    if (progress.textContent !== said) progress.textContent = said;
    var self = this, voice = this.find("progress-said");
    if (this.spoken === undefined) this.spoken = said;  // not read on arriving at the page
    clearTimeout(this.saying);
    this.saying = setTimeout(function () { if (self.spoken !== said) voice.textContent = self.spoken = said; }, 600);
    var project = this.project;
    this.find("project-facts").textContent = ["department", "owner", "reviewer", "started"].map(function (key) {
      return P.t("field:" + key) + ": " + ((key === "started" ? P.jaDate(project[key]) : project[key]) || "—");
    }).concat(P.t("recordedIn", { version: project.guideline_version }), P.t("lastChange", { date: P.jaDate(project.updated.slice(0, 10)) }),
      P.t("countedAs")).join(" ／ ");
    document.querySelectorAll(".ag-phase").forEach(function (phase) {
      var counts = p.phases.filter(function (ph) { return ph.name === phase.getAttribute("data-phase"); })[0];
      phase.querySelector("[data-ag-phase-progress]").textContent = counts ? P.t("phaseProgress", { n: counts.done }) : "";
    });
  };

  var root = document.querySelector("[data-ag-checklist]");
  if (root && P && root.querySelector("[data-ag-project-select]")) new Recorder(root).init();
})(window);
