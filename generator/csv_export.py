"""CSV for Excel, the Python twin of overrides/assets/js/ag-csv.js.

UTF-8 with a BOM and CRLF line ends. A value a spreadsheet would take for a formula
(starting with = + - @, a tab or a CR) gets a leading apostrophe (OWASP's advice):
it is shown as text and never run.
"""

from __future__ import annotations

import csv
import io
import re

_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def field(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def text(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([field(value) for value in row])
    return "\ufeff" + buffer.getvalue()
