"""Shared fixtures: the shipped content, a scratch copy to break, the built site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.content.loader import load_guideline

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def guideline():
    return load_guideline(CONTENT)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


# --- the built site, served and opened in the real browser -------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SUB_PATH = "ai-guideline"


@pytest.fixture(scope="session")
def build_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def site_root(tmp_path_factory, build_cache) -> Path:
    """The site built once from the shipped content, at <root>/ai-guideline/ (a sub-path)."""
    root = tmp_path_factory.mktemp("served")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--quiet", "--site-dir", str(root / SUB_PATH)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "AIGUIDE_CACHE_DIR": str(build_cache)},
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def rendered_parts(site_root, build_cache, tmp_path) -> Path:
    """A PDF cache holding the laid-out parts of the shipped content (from the one site build of
    the run) but no finished PDFs: tests of stamping, joining and caching need no WeasyPrint run."""
    import json

    from generator.printing import cache

    target = tmp_path / "pdf-cache"
    shutil.copytree(build_cache / "pdf", target)
    manifest = json.loads((target / cache.MANIFEST).read_text(encoding="utf-8"))
    for name in manifest.values():
        (target / name).unlink()
    (target / cache.MANIFEST).unlink()
    return target


@pytest.fixture(scope="session")
def site_dir(site_root) -> Path:
    return site_root / SUB_PATH


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server configured as an intranet server would be: a missing address gets the site's
    own 404.html (Apache's ErrorDocument, nginx's error_page), whatever its depth."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUB_PATH / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site_root) -> str:
    """http://127.0.0.1:<port>/ai-guideline/ — served from a sub-path, like an intranet server."""
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()
    assert not errors, errors


def wait_until(page, expression: str, arg=None, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is truthy. Playwright's wait_for_function evaluates
    strings with eval(), which the site's Content-Security-Policy (rightly) refuses."""
    import time

    deadline = time.monotonic() + timeout
    function = expression if expression.lstrip().startswith(("(", "function")) or "=>" in expression else f"() => ({expression})"
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def serious_axe_violations(page) -> list:
    """axe-core's serious and critical findings on the page. axe is evaluated through the
    DevTools protocol: the site's Content-Security-Policy would refuse an injected script tag."""
    # Colours are measured once transitions end (Material fades the header's title in on scroll).
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
