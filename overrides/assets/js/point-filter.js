/* Filter a cell's points by 担当 (who does it) and 適用条件 (when it applies).
 *
 * Without JavaScript the filter stays hidden and every point is shown. Roles: none ticked =
 * every point; otherwise points involving a ticked role. Conditions start ticked; a point
 * whose conditions are all unticked is hidden (a point without conditions always shows). */
(function () {
  "use strict";

  function PointFilter(root, list) {
    this.root = root;
    this.points = Array.prototype.slice.call(list.querySelectorAll("[data-global-id]"));
    this.status = root.querySelector("[data-ag-filter-status]");
  }

  PointFilter.prototype.init = function () {
    var self = this;
    this.root.hidden = false;
    this.root.addEventListener("change", function () { self.apply(); });
    this.root.querySelector("[data-ag-filter-reset]").addEventListener("click", function () { self.reset(); });
    // A link to a point the filter hides (a search hit, a point a revision changed) shows every point again.
    document.addEventListener("ag:landed", function (e) {
      var point = e.detail.target.closest("[data-global-id]");
      if (!point || !point.hidden) return;
      self.reset();
      e.detail.target.scrollIntoView({ block: "start" });
    });
    this.apply();
  };

  PointFilter.prototype.reset = function () {
    this.root.querySelectorAll("input[name=who]").forEach(function (box) { box.checked = false; });
    this.root.querySelectorAll("input[name=when]").forEach(function (box) { box.checked = true; });
    this.apply();
  };

  PointFilter.prototype.ticked = function (name) {
    return Array.prototype.map.call(this.root.querySelectorAll("input[name=" + name + "]:checked"), function (box) { return box.value; });
  };

  PointFilter.prototype.apply = function () {
    var roles = this.ticked("who");
    var conditions = this.ticked("when");
    var shown = 0;
    this.points.forEach(function (point) {
      var who = point.getAttribute("data-who").split(" ").filter(Boolean);
      var when = point.getAttribute("data-when").split(" ").filter(Boolean);
      var byRole = !roles.length || who.some(function (r) { return roles.indexOf(r) !== -1; });
      var byCondition = !when.length || when.some(function (c) { return conditions.indexOf(c) !== -1; });
      point.hidden = !(byRole && byCondition);
      if (!point.hidden) shown += 1;
    });
    var filtered = shown !== this.points.length;
    this.status.textContent = filtered ? "（" + this.points.length + "件中" + shown + "件を表示）" : "";
    // Each phase says what the filter left of it: a phase with nothing left would look empty.
    document.querySelectorAll(".ag-phase").forEach(function (phase) {
      var left = phase.querySelectorAll("[data-global-id]:not([hidden])").length, note = phase.querySelector("[data-ag-phase-filtered]");
      if (note) note.textContent = !filtered ? "" : left ? "・絞り込みで" + left + "件を表示" : "・絞り込みで表示するポイントはありません";
    });
    document.dispatchEvent(new CustomEvent("ag:points-filtered", { detail: { shown: shown } }));
  };

  var root = document.querySelector("[data-ag-point-filter]");
  if (root) new PointFilter(root, document).init();
})();
