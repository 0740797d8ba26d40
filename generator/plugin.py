"""The MkDocs glue: a thin plugin that hands YAML-built pages and files to MkDocs.

All real work lives in plain functions (loader, pages, export, search, pdf …)
that tests call directly; this class only wires them to MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

import shutil

import mkdocs

from . import export, pages, site_search
from .loader import load_guideline
from .model import Guideline
from .problems import ContentError

log = logging.getLogger("mkdocs.plugins.aiguide")
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


class AiguideConfig(base.Config):
    content_dir = opt.Type(str, default="content")
    pdf = opt.Type(bool, default=True)
    progress = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".aiguide-cache")


class AiguidePlugin(BasePlugin[AiguideConfig]):
    """Turns content/*.yml into pages, guideline.json and the other build outputs."""

    def __init__(self) -> None:
        self.guideline: Guideline | None = None
        self.serving = False
        self.search_documents: list[dict] = []

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def content_path(self, config) -> Path:
        path = Path(self.config.content_dir)
        if not path.is_absolute():
            path = Path(config.config_file_path).parent / path
        return path

    def on_config(self, config):
        content = self.content_path(config)
        try:
            self.guideline = load_guideline(content)
        except ContentError as error:
            raise PluginError(error.report()) from None
        config.nav = pages.navigation(self.guideline)
        if str(content) not in config.watch:
            config.watch.append(str(content))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        for path, source in pages.generated_pages(self.guideline).items():
            files.append(File.generated(config, path, content=source))
        return files

    def on_pre_build(self, *, config) -> None:
        self.search_documents = []

    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri not in (pages.SEARCH,):
            title = page.meta.get("title") or page.title  # nav titles are short ("3 判断支援")
            self.search_documents += site_search.page_documents(page.url, title, html)
        return html

    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        export.write_export(self.guideline, site_dir)
        site_search.write_index(self.search_documents, site_dir)
        # lunr.js 2.3.9 from the installed MkDocs package: never a CDN.
        shutil.copyfile(LUNR_JS, site_dir / "assets" / "js" / "lunr.js")
