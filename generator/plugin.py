"""The MkDocs glue: a thin plugin that hands YAML-built pages and files to MkDocs.

All real work lives in plain functions (loader, pages, export, search, pdf …)
that tests call directly; this class only wires them to MkDocs events.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from pathlib import Path

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import export, finder, incremental, pages, pdf, questionnaire, site_search
from .loader import load_guideline
from .model import Guideline
from .problems import ContentError, EnvironmentProblem

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
        self.search_documents: dict[str, list[dict]] = {}  # page src_uri → its search sections
        self.files: Files | None = None
        self._background_pdfs: threading.Thread | None = None
        self._pdf_run = None
        self.preloaded: Guideline | None = None  # set by `aiguide build`, which has loaded it already

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
            self.guideline = self.preloaded or load_guideline(content)
        except ContentError as error:
            raise PluginError(error.report()) from None
        self.preloaded = None  # `mkdocs serve` rebuilds must read the edited files
        if self.config.pdf:
            try:
                pdf.require_font()
            except EnvironmentProblem as problem:
                raise PluginError(str(problem)) from None
        config.nav = pages.navigation(self.guideline)
        if self.config.pdf and not self.serving:
            # Start the PDFs now (into the cache): they render while MkDocs builds the pages.
            self._pdf_run = pdf.start_rendering(self.guideline, self.cache_path(config), self.config.progress)
        if str(content) not in config.watch:
            config.watch.append(str(content))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        # Sources go to files that keep their modification time while unchanged: a dirty
        # build (see incremental.py) then rebuilds only the pages whose source changed.
        sources = pages.generated_pages(self.guideline, with_pdf=self.config.pdf)
        for path, source_file in incremental.write_sources(sources, self.cache_root(config) / "pages").items():
            files.append(File.generated(config, path, abs_src_path=str(source_file)))
        self.files = files
        return files

    def on_pre_build(self, *, config) -> None:
        self.search_documents = {}

    def on_page_content(self, html, *, page, config, files):
        # The per-question fallback pages would drown real results: only the app page is indexed.
        generated_steps = page.file.src_uri.startswith(("questionnaire/q-", "questionnaire/r-"))
        documents = []
        if page.file.src_uri != pages.SEARCH and not generated_steps:
            title = page.meta.get("title") or page.title  # nav titles are short ("3 判断支援")
            documents = site_search.page_documents(page.url, title, html)
        self.search_documents[page.file.src_uri] = documents
        return html

    def cache_root(self, config) -> Path:
        path = Path(os.environ.get("AIGUIDE_CACHE_DIR") or self.config.cache_dir)
        if not path.is_absolute():
            path = Path(config.config_file_path).parent / path
        return path

    def cache_path(self, config) -> Path:
        return self.cache_root(config) / "pdf"

    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        pdf_paths = pdf.pdf_paths(self.guideline) if self.config.pdf else {}
        export.write_export(self.guideline, site_dir, pdf_paths)
        questionnaire.write_compiled(self.guideline, site_dir)
        finder.write_index(self.guideline, site_dir)
        # The search index first: it is built while the PDF workers are still busy.
        page_uris = [file.src_uri for file in self.files.documentation_pages()]
        documents = incremental.all_search_documents(self.cache_root(config), page_uris, self.search_documents)
        site_search.write_index(documents, site_dir)
        if self.config.pdf:
            self._build_pdfs(site_dir, self.cache_path(config))
        # lunr.js 2.3.9 from the installed MkDocs package: never a CDN.
        shutil.copyfile(LUNR_JS, site_dir / "assets" / "js" / "lunr.js")

    def _build_pdfs(self, site_dir: Path, cache_dir: Path) -> None:
        if not self.serving:
            try:
                report = self._pdf_run.result()
            except Exception as error:  # a worker's failure: a message, not a traceback from another process
                raise PluginError(f"PDF の作成に失敗しました（{type(error).__name__}: {error}）。") from None
            pdf.publish(report, site_dir)
            if self.config.progress:
                print(report.summary(), file=sys.stderr)
            return
        # mkdocs serve: never wait for PDFs on a keystroke. The last finished PDFs are copied
        # at once; changed ones render once in the background and replace them when done.
        pdf.publish_previous(site_dir, cache_dir)
        if self._background_pdfs and self._background_pdfs.is_alive():
            log.info("PDF: 前回の作成が終わっていないため、今回の変更分は次の保存時に作成します。")
            return
        guideline = self.guideline

        def render() -> None:
            report = pdf.render_all(guideline, cache_dir, progress=False)
            if report.rendered:
                pdf.publish(report, site_dir)
                log.info(report.summary())

        self._background_pdfs = threading.Thread(target=render, name="aiguide-pdf", daemon=True)
        self._background_pdfs.start()
