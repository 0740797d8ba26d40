"""Finishing the tags WeasyPrint writes, so the PDFs are the PDF/UA-1 they declare.

WeasyPrint tags well but leaves a few things for us: header cells have ids but no /Scope and no
ID tree resolves them; <strong> and <nav> become generic NonStruct; list markup of the contents
page is a list, not a TOC. And when parts are joined, each part's ids and heading levels must
fit the whole: a cell's H1 is an H3 under its chapter (H1) and its 業務領域 (H2), as the
bookmarks nest. Each function here takes a structure element (a pikepdf Dictionary) and works
on it and its descendants.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, String

_INLINE = {"/Span", "/Link", "/Lbl", "/P", "/LBody", "/Reference", "/TD", "/TH", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


def kids(element: Dictionary) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def elements(element: Dictionary) -> Iterator[Dictionary]:
    """The element and its descendant structure elements, in reading order."""
    stack = [element]
    while stack:
        current = stack.pop()
        if isinstance(current, Dictionary) and "/S" in current:
            yield current
            stack.extend(reversed([k for k in kids(current) if isinstance(k, Dictionary)]))


def document_element(pdf: pikepdf.Pdf) -> Dictionary:
    k = pdf.Root.StructTreeRoot.K
    return k[0] if isinstance(k, Array) else k


def finish_part(root: Dictionary, shift: int = 0, prefix: str = "") -> None:
    """One pass over a rendered part, whichever PDF it ends up in:
    - no generic container where a standard type fits: emphasis inside text is a Span, a <nav>
      or other block wrapper a Div;
    - a header cell in a row of only header cells heads its column, otherwise its row (/Scope);
    - headings shifted by `shift` levels (H1 → H3 for a cell under its chapter and 業務領域);
    - ids (and the /Headers that cite them) prefixed, so they stay unique in a joined file."""
    for element in elements(root):
        kind = element.S
        if kind == Name.NonStruct:
            parent = element.get("/P")
            element.S = Name.Span if parent is not None and str(parent.get("/S")) in _INLINE else Name.Div
        elif kind == Name.TR:
            _header_scopes(element)
        elif shift and str(kind) in _HEADINGS:
            element.S = Name(f"/H{min(6, int(str(kind)[2]) + shift)}")
        if prefix:
            _prefix_ids(element, prefix)


_HEADINGS = {f"/H{level}" for level in range(1, 7)}


def _header_scopes(row: Dictionary) -> None:
    cells = [k for k in kids(row) if isinstance(k, Dictionary) and "/S" in k]
    only_headers = all(cell.S == Name.TH for cell in cells)
    for cell in cells:
        if cell.S == Name.TH:
            attributes = cell.get("/A") if isinstance(cell.get("/A"), Dictionary) else Dictionary()
            attributes.O = Name.Table
            attributes.Scope = Name.Column if only_headers else Name.Row
            cell.A = attributes


def _prefix_ids(element: Dictionary, prefix: str) -> None:
    if "/ID" in element:
        element.ID = String(prefix + bytes(element.ID).decode("latin-1"))
    attributes = element.get("/A")
    for group in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(group, Dictionary) and "/Headers" in group:
            group.Headers = Array([String(prefix + bytes(h).decode("latin-1")) for h in group.Headers])


def build_id_tree(pdf: pikepdf.Pdf) -> None:
    """The ID tree that resolves every element id (table headers cite their header cells by id)."""
    found = {}
    for element in elements(document_element(pdf)):
        if "/ID" in element:
            found[bytes(element.ID)] = element
    tree = pikepdf.NameTree.new(pdf)
    for key in sorted(found):
        tree[key.decode("latin-1")] = found[key]
    pdf.Root.StructTreeRoot.IDTree = tree.obj


def contents_as_toc(root: Dictionary) -> None:
    """The contents list (the list whose entries are links) as TOC / TOCI: each TOCI holds a
    Reference with its one Link, and the entries under it as a nested TOC."""
    lists = [e for e in elements(root) if e.S == Name.L and any(d.S == Name.Link for d in elements(e))]
    for element in [e for top in lists[:1] for e in elements(top)]:
        if element.S == Name.L:
            element.S = Name.TOC
        elif element.S == Name.LI:
            element.S = Name.TOCI
            new_kids = Array()
            for kid in kids(element):
                if not isinstance(kid, Dictionary) or kid.get("/S") not in (Name.LBody, Name.Lbl):
                    new_kids.append(kid)
                    continue
                nested = [k for k in kids(kid) if isinstance(k, Dictionary) and k.get("/S") in (Name.L, Name.TOC)]
                rest = [k for k in kids(kid) if not (isinstance(k, Dictionary) and k.get("/S") in (Name.L, Name.TOC))]
                kid.S = Name.Reference
                kid.K = Array(rest)
                new_kids.append(kid)
                for toc in nested:
                    toc.P = element
                    new_kids.append(toc)
            element.K = new_kids


def open_with_bookmarks(pdf: pikepdf.Pdf) -> None:
    pdf.Root.PageMode = Name.UseOutlines
