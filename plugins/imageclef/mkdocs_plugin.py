"""MkDocs plugin: adds the pages rendered from ``data/`` to the build. It only adapts; the core does the work.

Events used:
- ``on_config``: remember where ``data/`` is and watch it, so ``mkdocs serve`` rebuilds when YAML changes;
- ``on_pre_build``: load, check and render the data *before* MkDocs cleans the site folder, so a data
  error fails the build (PluginError, one message listing every problem) without deleting a good site;
- ``on_files``: add the rendered pages and side files with ``File.generated`` and set the navigation.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .core.errors import DataError
from .core.leaderboard import SCORE_CACHE
from .core.loader import load_data
from .core.render import RenderedSite, build_date, render_site

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
        self.user_nav: list = []
        self.cache_dir: Path | None = None

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
            self.rendered = render_site(data, today=today, cache_dir=self.cache_dir)
        except DataError as exc:
            raise PluginError(f"The archived runs have {len(exc.issues)} error(s):\n{exc}") from None
        for warning in self.rendered.warnings:
            log.info(f"data warning: {warning}")

    def on_files(self, files: Files, *, config) -> Files:
        assert self.rendered is not None
        for path, content in {**self.rendered.pages, **self.rendered.files}.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} clashes with a page generated from data/; rename it")
            files.append(File.generated(config, path, content=content))
        config.nav = self.rendered.nav + self.user_nav
        return files
