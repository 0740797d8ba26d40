"""Finishing rendered parts with pikepdf: page-number stamps, and joining parts into one PDF.

Joining keeps the parts' tags: each part's structure elements are moved under the
first part's Document element and its parent-tree keys are shifted, so the whole
guideline stays a tagged PDF that screen readers can follow. No library merges
structure trees (pypdf, qpdf and PyMuPDF all drop them), hence this small module.
"""

from __future__ import annotations

from pathlib import Path

from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name, NumberTree

from . import structure
from .html import CELL_LINK_SCHEME, PAGE_LINK_SCHEME, ContentsEntry


def stamp_pages(pdf: pikepdf.Pdf, stamps: pikepdf.Pdf) -> None:
    """Lay stamp page i over page i, marked as an artifact (page numbers are not content)."""
    for page, stamp in zip(pdf.pages, stamps.pages):
        form = pdf.copy_foreign(stamp.as_form_xobject())
        name = page.add_resource(form, Name.XObject, prefix="Stamp")
        placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.mediabox))
        # The rendered content may leave its coordinate system changed: isolate it first.
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"\nQ\n/Artifact BMC\n" + placement + b"\nEMC\n")


def finish_cell(body: Path, stamps: Path, fonts: list[Path], target: Path) -> None:
    """A cell's own PDF: its rendered pages numbered "n / N", one subset per font file."""
    with pikepdf.open(body) as pdf, pikepdf.open(stamps) as numbers:
        stamp_pages(pdf, numbers)
        share_font_programs(pdf, fonts)
        structure.finish_part(structure.document_element(pdf))
        structure.build_id_tree(pdf)
        structure.open_with_bookmarks(pdf)
        _resolve_cell_links(pdf, lambda cell: Dictionary(S=Name.URI, URI=pikepdf.String(f"{cell}.pdf")),
                            lambda cell: f"分類の説明（別のPDF: {cell}.pdf）")
        # Object streams pack the many small structure objects (as for the whole guideline).
        pdf.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def join(parts: list[Path], shifts: list[int], stamps: Path, outline: list[ContentsEntry], fonts: list[Path],
         cell_pages: dict[str, int], target: Path) -> None:
    """The whole guideline: parts in order, one structure tree (each part's headings shifted by its
    entry in `shifts`, ids made unique), contents links and links between cells (`cell_pages`: each
    cell's first page), outline, numbers, and (given the font files the parts were set in) one
    shared program per font file."""
    with pikepdf.open(parts[0]) as whole:
        opened = []
        try:
            first = structure.document_element(whole)
            structure.finish_part(first, shifts[0], "p0-")
            structure.contents_as_toc(first)
            for number, (part, shift) in enumerate(zip(parts[1:], shifts[1:]), start=1):
                source = pikepdf.open(part)
                opened.append(source)
                structure.finish_part(structure.document_element(source), shift, f"p{number}-")
                _append_tagged(whole, source)
            structure.build_id_tree(whole)
            structure.open_with_bookmarks(whole)
            _resolve_page_links(whole)
            _resolve_cell_links(whole, lambda cell: Dictionary(S=Name.GoTo, D=Array([whole.pages[cell_pages[cell] - 1].obj, Name.Fit])),
                                lambda cell: f"分類の説明（{cell_pages[cell]}ページ）")
            _replace_outline(whole, outline)
            with pikepdf.open(stamps) as numbers:
                stamp_pages(whole, numbers)
            share_font_programs(whole, fonts)
            # Object streams pack the many small structure objects: about 30 % smaller.
            whole.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        finally:
            for source in opened:
                source.close()


def _append_tagged(whole: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """Append source's pages, moving its structure elements under whole's Document element."""
    first_new = len(whole.pages)
    whole.pages.extend(source.pages)
    if "/StructTreeRoot" not in source.Root:
        return
    parent_tree = dict(NumberTree(whole.Root.StructTreeRoot.ParentTree).items())
    offset = max(parent_tree, default=-1) + 1

    # Pages and link annotations find their structure through parent-tree keys: shift them.
    for page in whole.pages[first_new:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset

    document = structure.document_element(whole)
    if not isinstance(document.K, Array):
        document.K = Array([document.K])
    source_document = structure.document_element(source)
    kids = source_document.K if isinstance(source_document.K, Array) else [source_document.K]
    for kid in list(kids):
        if isinstance(kid, Dictionary):
            del kid.P  # copying the old parent would drag the source's whole tree along
        copied = whole.copy_foreign(kid) if kid.is_indirect else kid
        if isinstance(copied, Dictionary):
            copied.P = document
        document.K.append(copied)
    # Pages were copied first, so /Pg references in the copied elements land on the new pages.
    for key, value in NumberTree(source.Root.StructTreeRoot.ParentTree).items():
        if isinstance(value, Array):
            value = Array([whole.copy_foreign(item) if item.is_indirect else item for item in value])
        elif value.is_indirect:
            value = whole.copy_foreign(value)
        parent_tree[key + offset] = value
    # Written back as one flat /Nums array, the way WeasyPrint writes it.
    nums = Array()
    for key in sorted(parent_tree):
        nums.extend([key, parent_tree[key]])
    whole.Root.StructTreeRoot.ParentTree = whole.make_indirect(Dictionary(Nums=nums))
    whole.Root.StructTreeRoot.ParentTreeNextKey = max(parent_tree) + 1


def _links(pdf: pikepdf.Pdf, scheme: str):
    """(annotation, the rest of its URI) of each link rendered as "<scheme>:…", to be resolved here."""
    prefix = f"{scheme}:"
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is not None and action.get("/S") == Name.URI and str(action.URI).startswith(prefix):
                yield annotation, str(action.URI)[len(prefix):]


def _resolve_page_links(whole: pikepdf.Pdf) -> None:
    """Contents entries were rendered as "aiguide-page:N" links: point them at page N."""
    for annotation, rest in _links(whole, PAGE_LINK_SCHEME):
        target, _, query = rest.partition("?t=")
        number = int(target)
        annotation.A = Dictionary(S=Name.GoTo, D=Array([whole.pages[number - 1].obj, Name.Fit]))
        # Read out instead of the raw link: the entry it leads to, and its page.
        annotation.Contents = pikepdf.String(f"{unquote(query)}（{number}ページ）" if query else f"{number}ページ")


def _resolve_cell_links(pdf: pikepdf.Pdf, action, describe) -> None:
    """Links rendered as "aiguide-cell:<id>" get `action(id)` and, for screen readers, `describe(id)`
    (the link's own text names the cell; this says where it leads)."""
    for annotation, cell in _links(pdf, CELL_LINK_SCHEME):
        annotation.A = action(cell)
        annotation.Contents = pikepdf.String(describe(cell))


def _replace_outline(whole: pikepdf.Pdf, entries: list[ContentsEntry]) -> None:
    """Bookmarks = the contents: chapters, then the matrix with its 業務領域, cells and phases."""

    def item(entry: ContentsEntry) -> pikepdf.OutlineItem:
        node = pikepdf.OutlineItem(entry.title, entry.page - 1)
        node.children.extend(item(child) for child in entry.children)
        return node

    with whole.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(item(entry) for entry in entries)


def share_font_programs(pdf: pikepdf.Pdf, fonts: list[Path]) -> None:
    """share_font_program for each font file (Regular and Bold), then one subset name per program:
    readers (and PDF checkers) take two subsets with one name for the same font."""
    for font in fonts:
        # A face without a Bold file (IPAexGothic) draws bold with its one program.
        share_font_program(pdf, font, by_weight=len(fonts) > 1)
    _name_subsets(pdf)


def _is_bold(base_font: str) -> bool:
    return base_font.split("+")[-1].endswith("-Bold")


def share_font_program(pdf: pikepdf.Pdf, font: Path, by_weight: bool = True) -> None:
    """Each part embeds its own subset of the font: replace them all by one subset of the union.

    WeasyPrint subsets with retained glyph ids, so one subset holding every glyph any part
    uses serves all of them; each font's own widths and ToUnicode map stay as they are.
    Without this the joined guideline carries ~35 copies of the font (about 1 MB more).
    A Regular and a Bold file have the same glyph ids: fonts are matched to the file by weight too.
    """
    import uharfbuzz

    descriptors, glyphs = [], {0}
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(font)))
    advances = uharfbuzz.Font(face)
    bold = "bold" in font.name.lower()
    for cid_font in _cid_fonts(pdf):
        descriptor = cid_font.FontDescriptor
        if "/FontFile2" not in descriptor or (by_weight and _is_bold(str(cid_font.BaseFont)) != bold):
            continue
        widths = _widths(cid_font.get("/W", Array()))
        # Same glyph ids mean the same glyphs only if this part was set in this very font file.
        if any(round(advances.get_glyph_h_advance(gid) * 1000 / face.upem) != round(w) for gid, w in widths.items()):
            continue
        descriptors.append(descriptor)
        glyphs.update(widths)
    if len(descriptors) < 2:
        return
    request = uharfbuzz.SubsetInput()
    for gid in sorted(glyphs):
        request.glyph_set.add(gid)
    # The same choices WeasyPrint makes for its own subsets.
    request.flags = (
        uharfbuzz.SubsetFlags.RETAIN_GIDS
        | uharfbuzz.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | uharfbuzz.SubsetFlags.DESUBROUTINIZE
        | uharfbuzz.SubsetFlags.NO_HINTING
    )
    for tag in ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG "):
        request.drop_table_tag_set.add(int.from_bytes(tag.encode("ascii"), "big"))
    program = uharfbuzz.subset(face, request).blob.data
    shared = pikepdf.Stream(pdf, program)
    shared.Length1 = len(program)
    shared = pdf.make_indirect(shared)
    for descriptor in descriptors:
        descriptor.FontFile2 = shared


def _name_subsets(pdf: pikepdf.Pdf) -> None:
    """Subset tags (the 「ABCDEF+」 of a font name) after the program they embed: one tag per
    program, so two different subsets never share a name."""
    import hashlib

    for cid_font in _cid_fonts(pdf):
        descriptor = cid_font.FontDescriptor
        if "/FontFile2" not in descriptor:
            continue
        digest = hashlib.sha256(descriptor.FontFile2.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        name = Name("/" + tag + "+" + str(cid_font.BaseFont).lstrip("/").split("+")[-1])
        cid_font.BaseFont = name
        descriptor.FontName = name
    for candidate in pdf.objects:
        if isinstance(candidate, Dictionary) and candidate.get("/Subtype") == Name.Type0 and "/DescendantFonts" in candidate:
            candidate.BaseFont = candidate.DescendantFonts[0].BaseFont


def _cid_fonts(pdf: pikepdf.Pdf):
    seen = set()
    for candidate in pdf.objects:
        if (
            isinstance(candidate, Dictionary)
            and candidate.get("/Type") == Name.Font
            and candidate.get("/Subtype") == Name.Type0
        ):
            for cid_font in candidate.DescendantFonts:
                if cid_font.objgen not in seen and "/FontDescriptor" in cid_font:
                    seen.add(cid_font.objgen)
                    yield cid_font


def _widths(w: Array) -> dict[int, float]:
    """A CID font's /W array: `first [w1 w2 …]` or `first last w` runs → {glyph id: width}."""
    widths, index = {}, 0
    items = list(w)
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], Array):
            for offset, width in enumerate(items[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            last, width = int(items[index + 1]), float(items[index + 2])
            widths.update({gid: width for gid in range(first, last + 1)})
            index += 3
    return widths
