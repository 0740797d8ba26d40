"""Compare two built sites: which outputs differ (pages and data byte for byte, PDFs by their text).

Used when a change should not alter what users see (e.g. moving code around):

    .venv/bin/python scripts/compare_sites.py /tmp/site-before site

Prints one line per differing file and exits 1 if any differ.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def compare(before: Path, after: Path) -> list[str]:
    differences = []
    old, new = files(before), files(after)
    differences += [f"only before: {name}" for name in sorted(old - new)]
    differences += [f"only after:  {name}" for name in sorted(new - old)]
    for name in sorted(old & new):
        a, b = before / name, after / name
        if name.endswith(".pdf"):
            if pdf_text(a) != pdf_text(b):
                differences.append(f"PDF text differs: {name}")
        elif a.read_bytes() != b.read_bytes():
            differences.append(f"differs: {name}")
    return differences


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    differences = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(differences) if differences else "identical (pages, data; PDFs by text)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
