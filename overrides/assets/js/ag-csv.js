/* CSV for Excel, the browser twin of generator/csv_export.py (parity test: tests/test_parity.py).
 * UTF-8 with a BOM and CRLF line ends (Excel needs the BOM to read Japanese). A value that a
 * spreadsheet would take for a formula (starting with = + - @, a tab or a CR) gets a leading
 * apostrophe, as OWASP recommends: it is shown as text, never run. */
(function (global) {
  "use strict";

  function field(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function text(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(field).join(","); }).join("\r\n") + "\r\n";
  }

  global.AgCsv = { field: field, text: text };
})(window);
