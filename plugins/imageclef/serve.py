"""``mkdocs serve --dirty`` rebuilds that redo only what an edit changed (used by the MkDocs plugin).

- Unchanged data files are not parsed again (the loader's cache) and pages whose inputs did not change are not
  rendered again (``core.render.RenderMemo``).
- Generated files whose text is what the site folder already holds report "not modified", so MkDocs skips
  them; when the navigation, the page list, ``mkdocs.yml`` or the theme overrides change, every page is
  rebuilt (every page shows the navigation).
- Material's search plugin merges a dirty build's index only when a single page was rebuilt: the complete
  list of entries (fresh ones for rebuilt pages, the last known ones for the others) is handed to it.
- MkDocs' warning that dirty builds give inaccurate navigation is dropped: it does not apply (see above), and
  it would fail a strict build.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data


class GeneratedFile(File):
    """A page or side file rendered from the data; ``unchanged`` when a dirty rebuild may skip it."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class _DirtyBuildNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyBuildNotice()


def _always_modified() -> bool:
    return True


class DirtyBuilds:
    """What a rebuild needs to know about the last one: generated files as written, layout, search entries."""

    def __init__(self) -> None:
        logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)
        self.written: dict[str, str] = {}  # generated file -> content, as in the site folder after the last build
        self.generated: dict[str, str] = {}  # generated file -> content, in this build
        self.layout: tuple | None = None  # navigation, pages, config and theme stamps of the last build
        self.rebuilt: set[str] = set()  # URLs of the pages built in this build
        self.search_entries: dict[str, list] = {}  # page URL -> its search index entries

    def add_files(self, files: Files, config, generated: dict[str, str], page_list: list[str]) -> None:
        """Add the generated files, marking those a rebuild may skip."""
        self.rebuilt, self.generated = set(), generated
        everything = self._layout_changed(files, config, page_list)
        if everything:  # also the Markdown files of docs_dir: their HTML shows the navigation
            for file in files.documentation_pages():
                file.is_modified = _always_modified  # type: ignore[method-assign]
        for path, content in generated.items():
            file = GeneratedFile.generated(config, path, content=content)
            file.unchanged = not everything and self.written.get(path) == content and Path(file.abs_dest_path).exists()
            files.append(file)

    def _layout_changed(self, files: Files, config, page_list: list[str]) -> bool:
        """Whether what every page shows around its content changed since the last build: the navigation
        (with the titles docs_dir pages give themselves), the set of pages, mkdocs.yml, the theme overrides."""
        pages = [(f.src_uri, _title(f)) for f in files.documentation_pages()] + sorted(page_list)
        theme = Path(config.theme.custom_dir).rglob("*") if config.theme.custom_dir else []
        layout = (json.dumps(config.nav), pages, _stamps([Path(config.config_file_path)]), _stamps(theme))
        changed, self.layout = layout != self.layout, layout
        return changed

    def titles_for_skipped_pages(self, config, files: Files) -> None:
        """A page MkDocs skips has no title unless the navigation gives one; the other pages show it."""
        for file in files.documentation_pages():
            if file.page is not None and file.page.markdown is None and file.page.title is None:
                file.page.read_source(config)

    def finish(self, config, files: Files | None) -> None:
        self._complete_search_index(config, files)
        self.written = self.generated

    def failed(self) -> None:
        self.written, self.layout, self.search_entries = {}, None, {}  # the next build starts afresh

    def _complete_search_index(self, config, files: Files | None) -> None:
        """Give Material's search plugin the entries of every page: fresh ones for the pages rebuilt now, the
        last known ones for the others."""
        search = next((p for p in config.plugins.values() if type(p).__module__.startswith("material.plugins.search")),
                      None)
        if search is None or getattr(search, "search_index", None) is None:
            return
        fresh: dict[str, list] = {url: [] for url in self.rebuilt}
        for entry in search.search_index.entries:
            fresh.setdefault(entry["location"].partition("#")[0], []).append(entry)
        known = {**self.search_entries, **fresh}
        urls = [f.page.url for f in files.documentation_pages() if f.page is not None] if files is not None else []
        self.search_entries = {url: known[url] for url in urls if url in known}
        search.search_index.entries = [entry for entries in self.search_entries.values() for entry in entries]
        search.search_index_prev = None  # nothing for it to merge: the list above is complete


def _title(file: File) -> str | None:
    """The title a Markdown file of docs_dir gives itself (front matter, else first heading), as MkDocs reads
    it: the navigation of every page shows it."""
    markdown, meta = get_data(file.content_string)
    return meta.get("title") or get_markdown_title(markdown)


def _stamps(paths) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()))
