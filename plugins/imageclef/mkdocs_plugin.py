"""MkDocs plugin: adds the pages rendered from ``data/`` to the build. It only adapts; the core does the work.

Events used:
- ``on_config``: remember where ``data/`` is and watch it, so ``mkdocs serve`` rebuilds when YAML changes;
- ``on_pre_build``: load, check and render the data *before* MkDocs cleans the site folder, so a data
  error fails the build (PluginError, one message listing every problem) without deleting a good site;
- ``on_files``: add the rendered pages and side files with ``File.generated`` and set the navigation;
- ``on_startup``, ``on_env``, ``on_page_context``, ``on_post_build``, ``on_build_error``: serve rebuilds (below).

Under ``mkdocs serve --dirty`` (``make serve``) a rebuild after an edit does only what the edit changed:
unchanged data files are not read again, unchanged editions are not rendered again (``RenderMemo``), and
MkDocs skips every page whose Markdown is what it wrote last time. When the navigation, the page list,
``mkdocs.yml`` or the theme overrides change, every page is rebuilt. The search index keeps the entries of
the pages that were not rebuilt (Material's own dirty-build merge expects a single rebuilt page).
"""

from __future__ import annotations

import gc
import json
import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from .core.errors import DataError
from .core.leaderboard import SCORE_CACHE
from .core.loader import load_data
from .core.render import RenderedSite, RenderMemo, build_date, render_site

log = logging.getLogger("mkdocs.plugins.imageclef")


class ImageClefConfig(base.Config):
    data_dir = opt.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    today = opt.Optional(opt.Type(str))
    """Date (YYYY-MM-DD) that schedules are shown relative to; default: $IMAGECLEF_TODAY, else the build date."""


class _GeneratedFile(File):
    """A page or side file rendered from the data; ``unchanged`` when a dirty rebuild may skip it."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class _DirtyBuildNotice(logging.Filter):
    """Drops MkDocs' warning that dirty builds give inaccurate navigation: this plugin rebuilds every page
    when the navigation changes (and the warning would fail a strict build)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyBuildNotice()


class ImageClefPlugin(BasePlugin[ImageClefConfig]):
    # MkDocs keeps a plugin that has `on_startup` across `mkdocs serve` rebuilds: the state below lives as long
    # as the server.
    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.data_dir: Path | None = None
        self.user_nav: list = []
        self.cache_dir: Path | None = None
        self.command: str | None = None  # build, gh-deploy or serve (None when MkDocs does not say)
        self.dirty = False
        self.memo = RenderMemo()
        self.generated: dict[str, str] = {}  # generated file -> content, in this build
        self.written: dict[str, str] = {}  # generated file -> content, as in the site folder after the last build
        self.layout: tuple | None = None  # navigation, pages, config and theme stamps of the last build
        self.rebuilt: set[str] = set()  # URLs of the pages built in this build
        self.files: Files | None = None
        self.search_entries: dict[str, list] = {}  # page URL -> its search index entries (dirty builds)

    def on_startup(self, *, command, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.data_dir = root / self.config.data_dir
        config.watch.append(str(self.data_dir))
        self.cache_dir = root / SCORE_CACHE
        self.user_nav = list(config.nav or [])
        return config

    def on_pre_build(self, *, config) -> None:
        assert self.data_dir is not None
        self.rebuilt = set()
        try:
            data = load_data(self.data_dir, root=self.data_dir.parent)
        except DataError as exc:
            raise PluginError(f"The data has {len(exc.issues)} error(s):\n{exc}") from None
        for warning in data.warnings:  # shown, but not MkDocs warnings: those would fail a strict build
            log.info(f"data warning: {warning}")
        try:
            today = build_date(self.config.today)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        try:
            self.rendered = render_site(data, today=today, cache_dir=self.cache_dir,
                                        memo=self.memo if self.dirty else None)
        except DataError as exc:
            raise PluginError(f"The archived runs have {len(exc.issues)} error(s):\n{exc}") from None
        for warning in self.rendered.warnings:
            log.info(f"data warning: {warning}")
        if self.command in ("build", "gh-deploy"):
            # What exists now (data, rendered pages, MkDocs' config) lives until the build ends: spare the
            # garbage collector from walking it again and again while MkDocs renders (one build per process).
            gc.freeze()

    def on_files(self, files: Files, *, config) -> Files:
        assert self.rendered is not None
        self.generated = generated = {**self.rendered.pages, **self.rendered.files}
        config.nav = self.rendered.nav + self.user_nav
        everything = not self.dirty or self._layout_changed(files, config)
        if self.dirty and everything:  # also the Markdown files of docs_dir: their HTML shows the navigation
            for file in files.documentation_pages():
                file.is_modified = _always  # type: ignore[method-assign]
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} clashes with a page generated from data/; rename it")
            file = _GeneratedFile.generated(config, path, content=content)
            file.unchanged = not everything and self.written.get(path) == content and Path(file.abs_dest_path).exists()
            files.append(file)
        self.files = files
        return files

    def _layout_changed(self, files: Files, config) -> bool:
        """Whether what every page shows around its content changed since the last build: the navigation
        (with the titles docs_dir pages give themselves), the set of pages, mkdocs.yml, the theme overrides."""
        pages = [(f.src_uri, _title(f)) for f in files.documentation_pages()] + sorted(self.rendered.pages)
        theme = Path(config.theme.custom_dir).rglob("*") if config.theme.custom_dir else []
        layout = (json.dumps(config.nav), pages, _stamps([Path(config.config_file_path)]), _stamps(theme))
        changed, self.layout = layout != self.layout, layout
        return changed

    def on_env(self, env, *, config, files: Files):
        if self.dirty:  # a page MkDocs skips has no title unless the navigation gives one; other pages show it
            for file in files.documentation_pages():
                if file.page is not None and file.page.markdown is None and file.page.title is None:
                    file.page.read_source(config)
        return env

    def on_page_context(self, context, *, page, config, nav):
        self.rebuilt.add(page.url)
        return context

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config) -> None:
        if self.dirty:
            self._complete_search_index(config)
        self.written = self.generated

    @property
    def page_urls(self) -> list[str]:
        """Every page of this build, in the order of the files (the order of a full search index)."""
        pages = self.files.documentation_pages() if self.files is not None else []
        return [file.page.url for file in pages if file.page is not None]

    def on_build_error(self, *, error) -> None:
        self.written, self.layout, self.search_entries = {}, None, {}  # the next build starts afresh

    def _complete_search_index(self, config) -> None:
        """Give Material's search plugin the entries of every page: fresh ones for the pages rebuilt now,
        the last known ones for the others."""
        search = next((p for p in config.plugins.values() if type(p).__module__.startswith("material.plugins.search")),
                      None)
        if search is None or getattr(search, "search_index", None) is None:
            return
        fresh: dict[str, list] = {url: [] for url in self.rebuilt}
        for entry in search.search_index.entries:
            fresh.setdefault(entry["location"].partition("#")[0], []).append(entry)
        known = {**self.search_entries, **fresh}
        self.search_entries = {url: known[url] for url in self.page_urls if url in known}
        search.search_index.entries = [entry for entries in self.search_entries.values() for entry in entries]
        search.search_index_prev = None  # nothing for it to merge: the list above is complete


def _always() -> bool:
    return True


def _title(file: File) -> str | None:
    """The title a Markdown file of docs_dir gives itself (front matter, else first heading), as MkDocs reads
    it: the navigation of every page shows it."""
    markdown, meta = get_data(file.content_string)
    return meta.get("title") or get_markdown_title(markdown)


def _stamps(paths) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()))
