/* Tick-off checklist of a cell page.
 *
 * Without JavaScript the checkboxes still work for printing; with it the ticks
 * persist in localStorage (key: guideline version + cell), progress is shown,
 * and the list can be exported (CSV for Excel, JSON) and imported again.
 * Only text (never HTML) taken from the page or an imported file is written.
 */
(function () {
  "use strict";

  var FORMAT = "aiguide-checklist";

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function download(filename, content, type) {
    var blob = new Blob([content], { type: type });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function Checklist(root) {
    this.root = root;
    this.key = root.getAttribute("data-storage-key");
    this.cellName = root.getAttribute("data-cell-name");
    this.version = root.getAttribute("data-version");
    this.points = Array.prototype.slice.call(root.querySelectorAll("[data-point-id]"));
    this.message = root.querySelector("[data-ag-message]");
    this.progress = root.querySelector("[data-ag-progress]");
  }

  Checklist.prototype.cellId = function () {
    return this.key.split(":").pop();
  };

  Checklist.prototype.box = function (point) {
    return point.querySelector("input[type=checkbox]");
  };

  Checklist.prototype.init = function () {
    var self = this;
    this.applyChecked(this.load());
    this.root.querySelector(".ag-checklist__toolbar").hidden = false;
    this.root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("input[type=checkbox]")) {
        self.save();
        self.render();
      } else if (target.matches("[data-ag-action=import-json]")) {
        self.importJson(target.files && target.files[0]);
        target.value = "";
      }
    });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-ag-action]");
      if (!button) return;
      var action = button.getAttribute("data-ag-action");
      if (action === "export-csv") self.exportCsv();
      if (action === "export-json") self.exportJson();
      if (action === "reset") self.reset();
      if (action === "expand") self.toggleAll(button);
    });
    this.render();
  };

  Checklist.prototype.load = function () {
    try {
      var stored = JSON.parse(window.localStorage.getItem(this.key) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  };

  Checklist.prototype.checkedIds = function () {
    var self = this;
    return this.points
      .filter(function (point) { return self.box(point).checked; })
      .map(function (point) { return point.getAttribute("data-point-id"); });
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
    this.points.forEach(function (point) {
      self.box(point).checked = ids.indexOf(point.getAttribute("data-point-id")) !== -1;
    });
  };

  Checklist.prototype.count = function (points) {
    var self = this;
    return {
      done: points.filter(function (p) { return self.box(p).checked; }).length,
      total: points.length
    };
  };

  Checklist.prototype.render = function () {
    var self = this;
    var all = this.count(this.points);
    var must = this.count(this.points.filter(function (p) { return p.getAttribute("data-level") === "必須"; }));
    var phases = [];
    this.root.querySelectorAll("details[data-phase]").forEach(function (details) {
      var name = details.getAttribute("data-phase");
      var c = self.count(Array.prototype.slice.call(details.querySelectorAll("[data-point-id]")));
      var slot = details.querySelector("[data-ag-phase-progress]");
      if (slot) slot.textContent = "、" + c.done + "件チェック済み";
      phases.push(name + " " + c.done + "/" + c.total);
    });
    this.progress.textContent =
      "進み具合: 全体 " + all.done + "/" + all.total + "（必須 " + must.done + "/" + must.total + "）・" + phases.join("・");
  };

  Checklist.prototype.say = function (message) {
    this.message.textContent = message;
  };

  Checklist.prototype.rows = function () {
    var self = this;
    return this.points.map(function (point) {
      return {
        id: point.getAttribute("data-point-id"),
        phase: point.getAttribute("data-phase"),
        level: point.getAttribute("data-level"),
        title: text(point.querySelector(".ag-point__title")),
        details: Array.prototype.map.call(point.querySelectorAll(".ag-point__details li"), text),
        tags: Array.prototype.map.call(point.querySelectorAll(".ag-tag"), function (t) {
          return text(t).replace(/[【】]/g, "");
        }),
        checked: self.box(point).checked
      };
    });
  };

  Checklist.prototype.fileName = function (extension) {
    return "チェックリスト_" + this.cellName.replace(/[\s\/\\:*?"<>|]+/g, "") + "_第" + this.version + "版." + extension;
  };

  Checklist.prototype.exportCsv = function () {
    var header = ["分類", "フェーズ", "段階", "対応のポイント", "内容", "関連する留意事項", "チェック"];
    var cellName = this.cellName;
    var rows = [header].concat(this.rows().map(function (row) {
      return [cellName, row.phase, row.level, row.title, row.details.join(" / "), row.tags.join("・"), row.checked ? "済" : "未"];
    }));
    download(this.fileName("csv"), window.AgCsv.text(rows), "text/csv;charset=utf-8");
    this.say("CSV ファイルを書き出しました。");
  };

  Checklist.prototype.exportJson = function () {
    var data = {
      format: FORMAT,
      guideline_version: this.version,
      category: this.cellId(),
      category_name: this.cellName,
      exported_at: new Date().toISOString(),
      points: this.rows()
    };
    download(this.fileName("json"), JSON.stringify(data, null, 2), "application/json");
    this.say("JSON ファイルを書き出しました。");
  };

  Checklist.prototype.importJson = function (file) {
    var self = this;
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result).replace(/^\uFEFF/, ""));
      } catch (error) {
        self.say("読み込めませんでした: JSON の形式ではありません。");
        return;
      }
      if (!data || data.format !== FORMAT || !Array.isArray(data.points)) {
        self.say("読み込めませんでした: このサイトで書き出したチェックリストの JSON ではありません。");
        return;
      }
      if (data.category !== self.cellId()) {
        self.say("読み込めませんでした: 別の分類（" + String(data.category_name || data.category) + "）のチェックリストです。");
        return;
      }
      var known = self.points.map(function (p) { return p.getAttribute("data-point-id"); });
      var ids = data.points
        .filter(function (p) { return p && p.checked === true && known.indexOf(p.id) !== -1; })
        .map(function (p) { return p.id; });
      self.applyChecked(ids);
      self.save();
      self.render();
      var note = data.guideline_version !== self.version
        ? "（第" + String(data.guideline_version) + "版で書き出したファイルです。現在の版にある項目だけを反映しました）"
        : "";
      self.say("読み込みました: " + ids.length + "件のチェックを反映しました。" + note);
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

  Checklist.prototype.toggleAll = function (button) {
    var details = this.root.querySelectorAll("details.ag-phase");
    var open = button.getAttribute("aria-expanded") !== "true";
    details.forEach(function (d) { d.open = open; });
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "すべて閉じる" : "すべて開く";
  };

  // Printing shows every phase, opened or not.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(document.querySelectorAll("details.ag-phase"), function (d) { return !d.open; });
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  document.querySelectorAll("[data-ag-checklist]").forEach(function (root) {
    new Checklist(root).init();
  });
})();
