"""The MkDocs glue: a thin plugin that hands YAML-built pages and files to MkDocs.

All real work lives in plain functions (content, site, printing, exports, judge)
that tests call directly; this class wires them to MkDocs events and owns what is
built and when, whichever command runs it (`aiguide build`, `mkdocs build`,
`mkdocs serve`): a dirty build rebuilds only the pages whose source changed, and
only when nothing every page shows has changed (site/incremental.py).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import browser_data, urls
from .content.loader import load_guideline
from .content.model import Guideline
from .content.problems import ContentError, EnvironmentProblem
from .exports import checklist_xlsx, guideline_json, project_data, questionnaire_json
from .exports.summary import cell_summaries
from .judge import finder
from .printing import pdf
from .site import body_links, csp, incremental, pages
from .site import search as site_search
from .site.locks import CacheLock

log = logging.getLogger("mkdocs.plugins.aiguide")
SHARED_TEMPLATES = Path(__file__).parent / "templates" / "shared"
TIERS_CSS = "assets/css/tiers.css"


class BuildFailure(PluginError):
    """A build stopped for a reason `aiguide` reports with its own exit code (see cli.py)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


class AiguideConfig(base.Config):
    content_dir = opt.Type(str, default="content")
    pdf = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".aiguide-cache")


def _skip_target_focusable(html: str) -> str:
    """The theme's 「コンテンツにスキップ」 link leads to the page's first heading: focusable, the
    focus lands on it and a screen reader reads it (otherwise the focus stays on the page itself)."""
    return re.sub(r'<h1 id="([^"]+)">', r'<h1 id="\1" tabindex="-1">', html, count=1)


class AiguidePlugin(BasePlugin[AiguideConfig]):
    """Turns content/*.yml into pages, guideline.json and the other build outputs."""

    def __init__(self) -> None:
        self.guideline: Guideline | None = None
        self.serving = False
        self.dirty = False
        self.site_key = ""
        self.search_documents: dict[str, list[list[str]]] = {}  # page src_uri → its search documents
        self.files: Files | None = None
        self.lock: CacheLock | None = None
        self._background_pdfs: threading.Thread | None = None
        self._pdf_run = None

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def content_path(self, config) -> Path:
        return self._project_path(config, self.config.content_dir)

    def _project_path(self, config, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else Path(config.config_file_path).parent / path

    def cache_root(self, config) -> Path:
        """This content folder's own cache (page sources, search sections): builds of other
        content never share it. PDFs are content-addressed and shared (pdf_cache)."""
        return incremental.content_cache(self.cache_base(config), self.content_path(config))

    def cache_base(self, config) -> Path:
        return self._project_path(config, os.environ.get("AIGUIDE_CACHE_DIR") or self.config.cache_dir)

    def pdf_cache(self, config) -> Path:
        return self.cache_base(config) / "pdf"

    def on_config(self, config):
        try:
            self.guideline = load_guideline(self.content_path(config))
            if self.config.pdf:
                pdf.require_font()
        except ContentError as error:
            raise BuildFailure(error.report(), exit_code=1) from None
        except EnvironmentProblem as problem:
            raise BuildFailure(str(problem), exit_code=3) from None
        incremental.refuse_foreign_site_dir(Path(config.site_dir), BuildFailure)
        config.nav = pages.navigation(self.guideline)
        config.extra["aiguide"] = pages.footer(self.guideline)  # version and date on every page
        if TIERS_CSS not in config.extra_css:
            config.extra_css.insert(0, TIERS_CSS)  # the tier colours, shared with the PDFs
        if self.lock is None:
            self.lock = CacheLock(self.cache_root(config))
        self.lock.acquire()  # two builds of one content folder take turns
        if self.config.pdf and not self.serving:
            # Start the PDFs now (into the cache): they render while MkDocs builds the pages.
            self._pdf_run = pdf.start_rendering(self.guideline, self.pdf_cache(config))
        content = str(self.content_path(config))
        if content not in config.watch:
            config.watch.append(content)
        return config

    def on_pre_build(self, *, config) -> None:
        self.search_documents = {}
        self.site_key = incremental.site_key(
            Path(config.config_file_path), Path(config.docs_dir), _theme_dir(config),
            [config.nav, config.extra["aiguide"]], list(pages.page_renderers(self.guideline, with_pdf=self.config.pdf)),
            self.config.pdf,
        )
        site_dir = Path(config.site_dir)
        if self.dirty and incremental.built_with(site_dir) != self.site_key:
            # Something every page shows has changed: a dirty build would leave stale pages.
            utils.clean_directory(str(site_dir))
        if site_dir.is_dir():
            incremental.mark_built(site_dir, None)

    def on_files(self, files: Files, *, config) -> Files:
        # Sources go to files that keep their modification time while unchanged: a dirty
        # build then rebuilds only the pages whose source changed.
        sources = pages.generated_pages(self.guideline, with_pdf=self.config.pdf)
        for path, source_file in incremental.write_sources(sources, self.cache_root(config) / "pages").items():
            files.append(File.generated(config, path, abs_src_path=str(source_file)))
        files.append(File.generated(config, TIERS_CSS, abs_src_path=str(SHARED_TEMPLATES / "tiers.css")))
        self.files = files
        self._check_body_links(files)
        return files

    def _check_body_links(self, files: Files) -> None:
        """A link in a chapter's Markdown to a page that does not exist is a content mistake."""
        problems = body_links.broken(self.guideline, {file.src_uri for file in files.documentation_pages()})
        if problems:
            raise BuildFailure(ContentError(problems).report(), exit_code=1)

    def _check_body_anchors(self, site_dir: Path) -> None:
        """A link in a chapter's Markdown to a place the page does not have (`#…`) is a content mistake."""

        def page_html(src_uri: str) -> str | None:
            file = self.files.get_file_from_path(src_uri)
            try:
                return (site_dir / file.dest_uri).read_text(encoding="utf-8") if file else None
            except OSError:
                return None

        problems = body_links.missing_anchors(self.guideline, page_html)
        if problems:
            raise BuildFailure(ContentError(problems).report(), exit_code=1)

    def on_page_content(self, html, *, page, config, files):
        # The per-question fallback pages would drown real results: only the app page is indexed.
        generated_steps = page.file.src_uri.startswith(("questionnaire/q-", "questionnaire/r-"))
        documents = []
        if page.file.src_uri != urls.SEARCH and not generated_steps:
            title = page.meta.get("title") or page.title  # nav titles are short ("3 判断支援")
            documents = site_search.page_documents(page.url, title, html)
        self.search_documents[page.file.src_uri] = documents
        return _skip_target_focusable(html)

    def on_post_page(self, output, *, page, config):
        return csp.add_policy(output, page.content or "")

    def on_post_template(self, output_content, *, template_name, config):
        return csp.add_policy(output_content, "") if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        self._check_body_anchors(site_dir)
        pdfs = urls.pdf_paths(self.guideline) if self.config.pdf else {}
        summaries = cell_summaries(self.guideline, pdfs)
        guideline_json.write_export(self.guideline, site_dir, pdfs)
        checklist_xlsx.write_all(self.guideline, site_dir)
        questionnaire_json.write(self.guideline, summaries, site_dir)
        project_data.write(self.guideline, summaries, site_dir)
        browser_data.write_data(site_dir, urls.FINDER_INDEX, "AG_FINDER", finder.browser_data(self.guideline))
        # The search index first: it is built while the PDF workers are still busy.
        page_uris = [file.src_uri for file in self.files.documentation_pages()]
        documents = incremental.all_search_documents(self.cache_root(config), page_uris, self.search_documents)
        related = [{"words": list(g.words), "means": list(g.means)} for g in self.guideline.related_terms]
        site_search.write_index(documents, related, site_dir)
        if self.config.pdf:
            self._build_pdfs(site_dir, self.pdf_cache(config))
        incremental.mark_built(site_dir, self.site_key)
        self.lock.release()

    def on_build_error(self, *, error) -> None:
        if self.lock is not None:
            self.lock.release()

    def on_shutdown(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def _build_pdfs(self, site_dir: Path, cache_dir: Path) -> None:
        if not self.serving:
            try:
                report = self._pdf_run.result()
            except Exception as error:  # a worker's failure: a message, not a traceback from another process
                raise BuildFailure(f"PDF の作成に失敗しました（{type(error).__name__}: {error}）。", exit_code=4) from None
            pdf.publish(report, site_dir)
            log.info(report.summary())
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


def _theme_dir(config) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None
