"""One Jinja2 set-up for page sources and print HTML."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from . import urls
from .content.markup import html_text, page_text

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def environment(folder: str) -> jinja2.Environment:
    """Templates under generator/templates/<folder> (and shared/, markup both use),
    HTML-escaped, strict about missing values."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES / folder, TEMPLATES / "shared"]),
        # Page sources are Markdown: plain text must not act as Markdown either (content/markup.py).
        finalize=page_text if folder == "pages" else None,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Markdown heading ids are written `{#id}`: keep that free of Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.globals["urls"] = urls  # paths come from one place (templates never spell them out)
    env.filters["html_text"] = html_text
    return env
