"""The one writer of data for the browser: `window.AG_<NAME> = {…};` scripts.

Scripts rather than JSON files, because pages opened from a file share (file://)
cannot fetch JSON but can load a script. JSON inside a script is safe as long as
it cannot close the <script> element or start a comment: `<`, `>`, `&` and the
line separators are written as \\u escapes.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import urls

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(payload, indent: int | None = None) -> str:
    separators = None if indent is not None else (",", ":")
    text = json.dumps(payload, ensure_ascii=False, indent=indent, separators=separators)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def write_data(site_dir: Path, site_path: str, name: str, payload, indent: int | None = None) -> Path:
    target = urls.inside(site_dir, site_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"window.{name}={script_json(payload, indent)};\n", encoding="utf-8")
    return target
