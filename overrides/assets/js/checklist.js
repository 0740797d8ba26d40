/* A cell page's points: phases that open and close, and the plain checklist (no project chosen).
 *
 * Without JavaScript every phase is open and the checkboxes work for printing. With it, phases
 * start closed (a link or a search hit into a phase opens it), ticks persist in localStorage (key:
 * guideline version + cell), progress is shown, and the list can be exported (CSV for Excel, JSON)
 * and imported again. With a project chosen, project-points.js records instead (class
 * ag-checklist--project). Only text (never HTML) from the page or a file is written.
 */
(function () {
  "use strict";

  var FORMAT = "aiguide-checklist";
  var MAX_IMPORT = 1024 * 1024;

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function download(filename, content, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function Checklist(root) {
    this.root = root;
    this.key = root.getAttribute("data-storage-key");
    this.cellId = root.getAttribute("data-cell");
    this.cellName = root.getAttribute("data-cell-name");
    this.version = root.getAttribute("data-version");
    // The toolbar is the root; the phases follow it on the page (each under its own heading).
    this.points = Array.prototype.slice.call(document.querySelectorAll("[data-point-id]"));
    this.phases = Array.prototype.slice.call(document.querySelectorAll(".ag-phase"));
    this.message = root.querySelector("[data-ag-message]");
    this.progress = root.querySelector("[data-ag-progress]");
  }

  Checklist.prototype.projectMode = function () {
    return this.root.classList.contains("ag-checklist--project");
  };

  Checklist.prototype.init = function () {
    var self = this;
    this.expand = this.root.querySelector("[data-ag-action=expand]");
    this.phases.forEach(function (phase) { self.addToggle(phase); });
    this.showExpand();
    this.applyChecked(this.load());
    this.root.querySelector(".ag-checklist__toolbar").hidden = false;
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches(".ag-point__box")) {
        self.save();
        self.render();
      } else if (target.matches("[data-ag-action=import-json]")) {
        self.importJson(target.files && target.files[0]);
        target.value = "";
      }
    });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-ag-action]");
      if (!button || self.projectMode() && button.getAttribute("data-ag-action") !== "expand") return;
      var action = button.getAttribute("data-ag-action");
      if (action === "export-csv") self.exportCsv();
      if (action === "export-json") self.exportJson();
      if (action === "reset") self.reset();
      if (action === "expand") self.toggleAll();
    });
    window.addEventListener("hashchange", function () { self.land(); });
    this.land();
    this.render();
  };

  /* A button in each phase heading opens and closes it. The heading is named by its own words only
   * (not 「企画フェーズ閉じる」), and the button says which phase (「企画フェーズ、閉じる」). */
  Checklist.prototype.addToggle = function (phase) {
    var heading = phase.previousElementSibling;
    var button = document.createElement("button"), name = document.createElement("span"), said = document.createElement("span");
    button.type = "button";
    button.className = "ag-phase__toggle";
    button.setAttribute("aria-controls", phase.id);
    said.className = "ag-visually-hidden";
    button.append(said, document.createElement("span"));
    if (heading) {
      name.id = heading.id + "-name";
      name.textContent = said.textContent = heading.textContent;
      said.textContent += "、";
      heading.replaceChildren(name);
      heading.setAttribute("aria-labelledby", name.id);
    }
    var self = this;
    button.addEventListener("click", function () {
      setOpen(phase, phase.hidden);
      self.showExpand();
    });
    phase.toggle = button;
    if (heading) heading.appendChild(button);
    // A closed phase still says what it holds (「4件（1件チェック済み）」, in a project 「5件中2件完了」):
    // the count inside it, copied beside the button whenever it changes.
    var count = phase.querySelector(".ag-phase__count");
    if (heading && count) {
      var copy = document.createElement("span");
      copy.className = "ag-phase__closed-count";
      var mirror = function () { copy.textContent = count.textContent; };
      new MutationObserver(mirror).observe(count, { childList: true, characterData: true, subtree: true });
      mirror();
      heading.appendChild(copy);
      phase.countCopy = copy;
    }
    setOpen(phase, opened().indexOf(phase.id) !== -1);
  };

  // The phases open in this tab, so that a reload (or coming back) shows the one being worked on.
  var OPENED = "aiguide:open-phases:" + window.location.pathname;

  function opened() {
    try { return JSON.parse(window.sessionStorage.getItem(OPENED) || "[]"); } catch (error) { return []; }
  }

  function setOpen(phase, open) {
    phase.hidden = !open;
    phase.toggle.setAttribute("aria-expanded", String(open));
    phase.toggle.lastChild.textContent = open ? "閉じる" : "対応のポイントを表示";
    if (phase.countCopy) phase.countCopy.hidden = open;
    var ids = opened().filter(function (id) { return id !== phase.id; });
    try { window.sessionStorage.setItem(OPENED, JSON.stringify(open ? ids.concat([phase.id]) : ids)); } catch (error) { /* storage off: phases start closed */ }
  }

  /* A link or search hit into a phase (#phase-… or #pt-…) opens that phase and shows the target. */
  Checklist.prototype.land = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var phase = target.closest(".ag-phase") || (target.nextElementSibling && target.nextElementSibling.classList.contains("ag-phase") ? target.nextElementSibling : null);
    if (!phase) return;
    setOpen(phase, true);
    this.showExpand();
    target.scrollIntoView({ block: "start" });
    document.dispatchEvent(new CustomEvent("ag:landed", { detail: { target: target } }));
  };

  Checklist.prototype.load = function () {
    try {
      var stored = JSON.parse(window.localStorage.getItem(this.key) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  };

  Checklist.prototype.box = function (point) { return point.querySelector(".ag-point__box"); };

  Checklist.prototype.checkedIds = function () {
    var self = this;
    return this.points.filter(function (p) { return self.box(p).checked; }).map(function (p) { return p.getAttribute("data-point-id"); });
  };

  Checklist.prototype.save = function () {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.checkedIds()));
    } catch (error) {
      this.say("このブラウザではチェックの状態を保存できません（印刷や書き出しは利用できます）。");
    }
  };

  Checklist.prototype.applyChecked = function (ids) {
    var self = this;
    this.points.forEach(function (point) { self.box(point).checked = ids.indexOf(point.getAttribute("data-point-id")) !== -1; });
  };

  Checklist.prototype.render = function () {
    if (this.projectMode()) return;
    var self = this;
    function count(points) { return { done: points.filter(function (p) { return self.box(p).checked; }).length, total: points.length }; }
    var all = count(this.points);
    var must = count(this.points.filter(function (p) { return p.hasAttribute("data-mandatory"); }));
    var phases = this.phases.map(function (phase) {
      var c = count(Array.prototype.slice.call(phase.querySelectorAll("[data-point-id]")));
      phase.querySelector("[data-ag-phase-progress]").textContent = "（" + c.done + "件チェック済み）";
      return phase.getAttribute("data-phase") + " " + c.done + "/" + c.total;
    });
    this.progress.textContent = "進み具合: " + this.root.getAttribute("data-mandatory") + " " + must.done + "/" + must.total +
      "（全体 " + all.done + "/" + all.total + "）・" + phases.join("・");
  };

  Checklist.prototype.say = function (message) { this.message.textContent = message; };

  Checklist.prototype.rows = function () {
    var self = this;
    return this.points.map(function (point) {
      return {
        id: point.getAttribute("data-point-id"),
        phase: point.getAttribute("data-phase"),
        level: point.getAttribute("data-level"),
        title: text(point.querySelector(".ag-point__title")),
        details: Array.prototype.map.call(point.querySelectorAll(".ag-point__details li"), text),
        tags: Array.prototype.map.call(point.querySelectorAll(".ag-tag"), function (t) { return text(t).replace(/[【】]/g, ""); }),
        checked: self.box(point).checked
      };
    });
  };

  Checklist.prototype.fileName = function (extension) {
    return "チェックリスト_" + this.cellName.replace(/[\s\/\\:*?"<>|]+/g, "") + "_第" + this.version + "版." + extension;
  };

  Checklist.prototype.exportCsv = function () {
    var cellName = this.cellName;
    var rows = [["分類", "フェーズ", "必須・推奨", "対応のポイント", "内容", "関連する留意事項", "チェック"]].concat(this.rows().map(function (row) {
      return [cellName, row.phase, row.level, row.title, row.details.join(" / "), row.tags.join("・"), row.checked ? "済" : "未"];
    }));
    download(this.fileName("csv"), window.AgCsv.text(rows), "text/csv;charset=utf-8");
    this.say("CSV ファイルを書き出しました。");
  };

  Checklist.prototype.exportJson = function () {
    var data = { format: FORMAT, guideline_version: this.version, category: this.cellId, category_name: this.cellName, exported_at: new Date().toISOString(), points: this.rows() };
    download(this.fileName("json"), JSON.stringify(data, null, 2), "application/json");
    this.say("JSON ファイルを書き出しました。");
  };

  Checklist.prototype.importJson = function (file) {
    var self = this;
    if (!file) return;
    if (file.size > MAX_IMPORT) { this.say("読み込めませんでした: ファイルが大きすぎます（1 MB まで）。"); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(String(reader.result).replace(/^\uFEFF/, "")); } catch (error) {
        self.say("読み込めませんでした: JSON の形式ではありません。");
        return;
      }
      if (data && data.format === "aiguide-projects") {
        self.say("これは「自分の案件」で書き出した案件のファイルです。「自分の案件」のページの「JSONを読み込む」で読み込んでください。");
        return;
      }
      if (!data || data.format !== FORMAT || !Array.isArray(data.points) || typeof data.category !== "string") {
        self.say("読み込めませんでした: このサイトで書き出したチェックリストの JSON ではありません。");
        return;
      }
      if (data.category !== self.cellId) {
        self.say("読み込めませんでした: 別の分類のチェックリストです。");
        return;
      }
      var known = self.points.map(function (p) { return p.getAttribute("data-point-id"); });
      var ids = {};
      data.points.forEach(function (p) { if (p && p.checked === true && typeof p.id === "string" && known.indexOf(p.id) !== -1) ids[p.id] = true; });
      self.applyChecked(Object.keys(ids));
      self.save();
      self.render();
      var other = typeof data.guideline_version === "string" && data.guideline_version !== self.version;
      self.say("読み込みました: " + Object.keys(ids).length + "件のチェックを反映しました。" + (other ? "（別の版で書き出したファイルです。現在の版にある項目だけを反映しました）" : ""));
    };
    reader.onerror = function () { self.say("ファイルを読み込めませんでした。"); };
    reader.readAsText(file, "utf-8");
  };

  Checklist.prototype.reset = function () {
    if (!window.confirm("この分類のチェックをすべて外します。よろしいですか？")) return;
    this.applyChecked([]);
    this.save();
    this.render();
    this.say("チェックをリセットしました。");
  };

  Checklist.prototype.toggleAll = function () {
    var open = this.phases.some(function (phase) { return phase.hidden; });
    this.phases.forEach(function (phase) { setOpen(phase, open); });
    this.showExpand();
  };

  /* 「すべて開く」 while any phase is closed, else 「すべて閉じる」. */
  Checklist.prototype.showExpand = function () {
    var open = !this.phases.some(function (phase) { return phase.hidden; });
    if (!this.expand || !this.phases.length) return;
    this.expand.setAttribute("aria-expanded", String(open));
    this.expand.textContent = open ? "すべて閉じる" : "すべて開く";
  };

  // Printing shows every phase, opened or not (print.css does the same without JavaScript).
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(document.querySelectorAll(".ag-phase"), function (p) { return p.hidden; });
    reopened.forEach(function (p) { p.hidden = false; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (p) { p.hidden = true; });
    reopened = [];
  });

  document.querySelectorAll("[data-ag-checklist]").forEach(function (root) {
    var checklist = new Checklist(root);
    root.checklist = checklist;
    checklist.init();
  });
})();
