"""A Content-Security-Policy for every page: only the site's own files may load, and of the
inline scripts only the theme's own (allowed by their hashes) may run.

Content is escaped and Markdown is checked when it is read; this is the second line: a script
that reached a page from content anyway, an event handler attribute, or an image or stylesheet
from another host is refused by the browser. It works the same over http and from a file share.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def _hashes(html: str) -> list[str]:
    return sorted(
        {"'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'" for script in _INLINE_SCRIPT.findall(html)}
    )


def policy(theme_html: str) -> str:
    scripts = " ".join(["'self'", *_hashes(theme_html)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'"
    )


def add_policy(output: str, content: str) -> str:
    """Insert the policy into a page; `content` is the page's own (content-made) part, whose inline
    scripts are never allowed."""
    theme_html = output.replace(content, "") if content else output
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_html)}">'
    return output.replace("<head>", f"<head>\n{meta}", 1)
