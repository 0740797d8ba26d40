"""Closed intranet and file share: no outside request, every page parses, every link and anchor resolves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib

PAGE_TYPES = [
    "index.html",
    "cells/citizen-3.html",
    "cells/citizen-5.html",
    "chapters/04-process.html",
    "search.html?q=%E8%AD%B0%E4%BA%8B%E9%8C%B2",
    "about.html",
    "revisions.html",
    "questionnaire/index.html#a=citizen.recommend",
    "projects.html",
    "questionnaire/q-ops-role.html",
    "questionnaire/r-internal-role-writing.html",
    "questionnaire/how.html",
]


def visit_all(page, base: str, allowed) -> list[str]:
    outside: list[str] = []

    def on_request(route):
        url = route.request.url
        if allowed(url):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", on_request)
    for path in PAGE_TYPES:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return outside


def test_no_outside_request_over_http(page, base_url):
    origin = re.match(r"https?://[^/]+", base_url).group(0)
    outside = visit_all(page, base_url, lambda url: url.startswith(origin) or url.startswith(("data:", "blob:")))
    assert outside == []


def test_everything_works_from_a_file_share(page, site_dir):
    base = site_dir.as_uri() + "/"
    outside = visit_all(page, base, lambda url: url.startswith(("file:", "data:", "blob:")))
    assert outside == []
    # search works on file://
    page.goto(base + "search.html")
    page.fill("#ag-q", "議事録")
    page.press("#ag-q", "End")
    page.wait_for_selector("#ag-search-results > li")
    # the questionnaire and the finder work on file://
    page.goto(base + "questionnaire/index.html#a=staff.internal.checked.writing")
    page.wait_for_selector(".ag-result__title")
    page.goto(base + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill("会議の録音から議事録を作りたい")
    page.wait_for_selector(".ag-finder__result")
    # the checklist persists on file://
    page.goto(base + "cells/internal-1.html")
    page.locator("#phase-planning .ag-phase__toggle").click()
    page.locator("#point-purpose").check()
    page.reload()
    assert page.locator("#point-purpose").is_checked()
    # so do projects (Chromium shares one storage among the pages of a file share)
    page.goto(base + "projects.html?new=internal-1")
    page.fill("#ag-new-name", "議事録作成の効率化")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/internal-1.html?project=*")
    page.goto(base + "projects.html")
    assert "議事録作成の効率化" in page.locator("[data-ag-list]").inner_text()


def html_files(site_dir: Path) -> list[Path]:
    # 404.html is served at any depth, so MkDocs gives it root-absolute links (see README: site_url).
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


def test_every_page_parses_without_errors(site_dir):
    files = html_files(site_dir)
    assert len(files) >= 20
    for file in files:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(file.read_bytes())
        errors = [e for e in parser.errors]
        assert not errors, (file.relative_to(site_dir), errors[:5])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for key in ("href", "src"):
            value = attributes.get(key)
            if value and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.links.append(value)


def test_every_internal_link_and_anchor_resolves(site_dir):
    parsed = {}
    for file in html_files(site_dir):
        links = _Links()
        links.feed(file.read_text(encoding="utf-8"))
        parsed[file] = links
    broken = []
    for file, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                broken.append((str(file.relative_to(site_dir)), link, "outside host"))
                continue
            if parts.scheme or link.startswith("//"):
                continue
            target = (file.parent / unquote(parts.path)).resolve() if parts.path else file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(file.relative_to(site_dir)), link, "missing"))
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if unquote(parts.fragment) not in ids:
                    broken.append((str(file.relative_to(site_dir)), link, "no such anchor"))
    assert not broken, broken[:20]
