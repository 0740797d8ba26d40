"""Text stays text: plain-text fields are shown as written; Markdown fields are checked.

Plain-text fields (names, features, points, questions …) are inserted into page sources
that MkDocs reads as Markdown. `page_text` writes every ASCII punctuation mark of such a
value as a numeric character reference: browsers show the same characters, but neither
Markdown (`[x](javascript:…)`, `# 見出し`, `{: onclick=… }`, `|` in tables) nor HTML
(`<script>`) can act on them.

Markdown is allowed only in chapter sections' `body` (content/README.md says so).
`markdown_problems` parses a body with the same Markdown extensions as the site and
refuses what could run script or reach outside the intranet: raw HTML, attribute
lists, links other than relative pages, http(s) and mailto, images from other hosts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup, escape

from .nodes import SLUG

_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_WHITESPACE = re.compile(r"\s+")
# A line break between Japanese characters, also where emphasis (`**` or `*`) starts the next line.
_CJK_LINE_BREAK = re.compile(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[*_]*[^\x00-\x7f\s])")


def join_cjk_lines(markdown: str) -> str:
    """A line break inside a Japanese sentence is not a space: browsers would show one."""
    return _CJK_LINE_BREAK.sub("", markdown)


def page_text(value):
    """Jinja `finalize` for page sources: plain strings become inert text (see module doc).
    Ids (slugs, checked by the loader) stay as they are: they are used inside `{#id}`."""
    if not isinstance(value, str) or isinstance(value, Markup) or SLUG.fullmatch(value):
        return value
    single_line = _WHITESPACE.sub(" ", join_cjk_lines(value))
    return Markup(_ASCII_PUNCTUATION.sub(lambda m: f"&#{ord(m.group(0))};", single_line))


def html_text(value: str) -> str:
    """For values MkDocs or the theme print without escaping (page titles, navigation)."""
    return str(escape(value))


# --- Markdown fields ------------------------------------------------------------------

# The extensions of mkdocs.yml that change what Markdown can produce.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "def_list", "pymdownx.details"]
_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_ATTRIBUTE_LIST = re.compile(r"\{\s*[:#.]|\{[^}\n]*=")
_RAW_HTML = re.compile(r"<[A-Za-z!/?]")
_SAFE_ATTRIBUTES = {"href", "src", "alt", "title", "class", "style", "id"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip()
            if name not in _SAFE_ATTRIBUTES or (name == "style" and tag not in ("th", "td")):
                self.found.append(f"属性「{name}」")
            elif name == "href" and not (_is_relative(value) or value.lower().startswith(_ALLOWED_SCHEMES)):
                self.found.append(f"リンク先「{value[:40]}」")
            elif name == "href" and _is_relative(value) and not _PAGE_LINK.fullmatch(value):
                # 「www.…」 or 「/cells/…」 would become a link to nowhere on the intranet or from a file share.
                self.found.append(f"リンク先「{value[:40]}」（サイト内のページは ../cells/citizen-3.md のような .md の相対パス、ほかのサイトは https:// から書きます）")
            elif name == "src" and not _is_relative(value):
                self.found.append(f"ほかのサーバーの画像「{value[:40]}」")


_PAGE_LINK = re.compile(r"#[^#\s]*|[^/#\s][^#\s]*\.md(#[^#\s]*)?")


def _is_relative(url: str) -> bool:
    return not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", url.replace("\\", "/").strip())


def markdown_problems(text: str) -> list[tuple[int, str]]:
    """(line within the text, what was found) for each construct a body must not use."""
    import markdown

    problems: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _RAW_HTML.search(line):
            problems.append((number, "HTML のタグ（< で始まる書き方）"))
        if _ATTRIBUTE_LIST.search(line):
            problems.append((number, "属性リスト（{: … } などの書き方）"))
    if problems:
        return problems
    elements = _Elements()
    elements.feed(markdown.markdown(text, extensions=EXTENSIONS))
    return [(0, found) for found in dict.fromkeys(elements.found)]


def relative_page_links(text: str) -> list[str]:
    """Targets of Markdown links to other pages of the site (`../index.md#matrix`)."""
    links = re.findall(r"\]\(\s*<?([^)\s>]+\.md(?:#[^)\s>]*)?)>?", text)
    return [link for link in links if _is_relative(link)]
