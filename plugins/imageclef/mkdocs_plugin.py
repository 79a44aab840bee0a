"""MkDocs plugin: adds the pages rendered from ``data/`` to the build. It only routes; the core does the work.

Events used, and why:
- ``on_startup``: note whether this is a ``mkdocs serve --dirty`` session (then ``serve.DirtyBuilds`` keeps what
  rebuilds need; MkDocs keeps a plugin with ``on_startup`` across rebuilds);
- ``on_config``: remember where ``data/`` is and watch it, so ``mkdocs serve`` rebuilds when YAML changes;
- ``on_pre_build``: load, check and render the data *before* MkDocs cleans the site folder, so a data error
  fails the build (PluginError, one message listing every problem) without deleting a good site;
- ``on_files``: add the rendered pages and side files (``File.generated``) and set the navigation;
- ``on_env``, ``on_page_context``, ``on_post_build``, ``on_build_error``: dirty rebuilds (``serve``).
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .core.errors import DataError
from .core.loader import load_data
from .core.render import RenderedSite, RenderMemo, build_date, render_site
from .core.results import SCORE_CACHE
from .serve import DirtyBuilds

log = logging.getLogger("mkdocs.plugins.imageclef")


class ImageClefConfig(base.Config):
    data_dir = opt.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    today = opt.Optional(opt.Type(str))
    """Date (YYYY-MM-DD) that schedules are shown relative to; default: $IMAGECLEF_TODAY, else the build date."""


class ImageClefPlugin(BasePlugin[ImageClefConfig]):
    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.data_dir: Path | None = None
        self.cache_dir: Path | None = None
        self.user_nav: list = []
        self.command: str | None = None  # build, gh-deploy or serve (None when MkDocs does not say)
        self.dirty: DirtyBuilds | None = None
        self.memo: RenderMemo | None = None
        self.files: Files | None = None

    def on_startup(self, *, command, dirty: bool) -> None:
        self.command = command
        if dirty:
            self.dirty, self.memo = DirtyBuilds(), RenderMemo()

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.data_dir = root / self.config.data_dir
        config.watch.append(str(self.data_dir))
        self.cache_dir = root / SCORE_CACHE
        self.user_nav = list(config.nav or [])
        return config

    def on_pre_build(self, *, config) -> None:
        assert self.data_dir is not None
        try:
            today = build_date(self.config.today)
            data = load_data(self.data_dir, root=self.data_dir.parent, cache_dir=self.cache_dir)
            self.rendered = render_site(data, today=today, memo=self.memo)
        except ValueError as exc:  # a bad build date
            raise PluginError(str(exc)) from None
        except DataError as exc:
            raise PluginError(f"The data has {len(exc.issues)} error(s):\n{exc}") from None
        for warning in [*data.warnings, *self.rendered.warnings]:  # INFO: MkDocs warnings would fail strict builds
            log.info(f"data warning: {warning}")
        if self.command in ("build", "gh-deploy"):
            # What exists now (data, rendered pages, MkDocs' config) lives until the build ends: spare the
            # garbage collector from walking it again and again while MkDocs renders (one build per process).
            gc.freeze()

    def on_files(self, files: Files, *, config) -> Files:
        assert self.rendered is not None
        generated = {**self.rendered.pages, **self.rendered.files}
        clash = next((path for path in generated if files.get_file_from_path(path) is not None), None)
        if clash is not None:
            raise PluginError(f"content/{clash} clashes with a page generated from data/; rename it")
        config.nav = self.rendered.nav.to_mkdocs() + self.user_nav
        if self.dirty is not None:
            self.dirty.add_files(files, config, generated, list(self.rendered.pages))
        else:
            for path, content in generated.items():
                files.append(File.generated(config, path, content=content))
        self.files = files
        return files

    def on_env(self, env, *, config, files: Files):
        if self.dirty is not None:
            self.dirty.titles_for_skipped_pages(config, files)
        return env

    def on_page_context(self, context, *, page, config, nav):
        if self.dirty is not None:
            self.dirty.rebuilt.add(page.url)
        return context

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config) -> None:
        if self.dirty is not None:
            self.dirty.finish(config, self.files)

    def on_build_error(self, *, error) -> None:
        if self.dirty is not None:
            self.dirty.failed()
