"""Where every generated page and side file lives in the site, and links between them: the one place.

Pages are Markdown paths relative to the docs folder (``2026/medical/caption.md``); side files are named
after the page they belong to. Templates and other modules ask these functions, never build a path.
"""

from __future__ import annotations

from .models import Task
from .text import slugify


def page(*parts: str) -> str:
    """The address of a page of its own, e.g. ``page("archive")`` -> ``archive.md``, ``page("tasks", "caption")``."""
    return "/".join(parts) + ".md"


HOME = "index.md"
ARCHIVE = page("archive")
PUBLICATIONS = page("publications")
EVENTS = "events/index.md"
SERIES_INDEX = "tasks/index.md"
ALL_BIB = "publications.bib"
SCORING = page("scoring")
"""A hand-written page (content/) that explains how computed results are obtained."""


def edition_page(year: int) -> str:
    return f"{year}/index.md"


def results_page(year: int) -> str:
    return f"{year}/results.md"


def task_page(year: int, task: Task) -> str:
    """``2026/topicto/index.md`` for a task, ``2026/medical/caption.md`` for a task inside a parent task."""
    if task.parent:
        return f"{year}/{task.parent}/{task.slug}.md"
    return f"{year}/{task.slug}/index.md"


def task_dir(year: int, task: Task) -> str:
    """Where a task page's ``index.html`` ends up: ``2026/topicto``, ``2026/medical/caption``."""
    page = task_page(year, task)
    return page.removesuffix("/index.md") if page.endswith("/index.md") else page.removesuffix(".md")


def series_page(series: str) -> str:
    """``tasks/caption.md``: a task series across its years."""
    return page("tasks", series)


def event_page(slug: str) -> str:
    return page("events", slug)


def event_calendar(slug: str) -> str:
    return f"events/{slug}.ics"


def calendar_file(year: int, task: Task | None = None) -> str:
    """``2026/imageclef-2026.ics`` for an edition, ``2026/topicto.ics``, ``2026/medical/caption.ics`` for tasks."""
    return f"{year}/imageclef-{year}.ics" if task is None else f"{task_dir(year, task)}.ics"


def edition_bib(year: int, lab: str) -> str:
    """``2026/imageclef-2026.bib``: every entry an edition and its tasks ask readers to cite."""
    return f"{year}/{slugify(lab)}-{year}.bib"


def task_bib(year: int, task: Task) -> str:
    """``2026/topicto/topicto.bib``, ``2026/medical/caption.bib``: the entries a task page asks readers to cite."""
    return f"{task_dir(year, task)}.bib" if task.parent else f"{task_dir(year, task)}/{task.slug}.bib"


def board_download(year: int, task: Task, board: str, extension: str) -> str:
    """``2025/medical/gans/subtask1.csv``: a board's values as CSV or JSON, next to its task page."""
    return f"{task_dir(year, task)}/{board}.{extension}"


def relative(from_page: str, to_page: str) -> str:
    """A relative link between two files of the docs folder (MkDocs resolves links between .md sources)."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
