"""Where generated pages and their side files live in the site: the addressing rules, in one place."""

from __future__ import annotations

from .models import Task


def task_page(year: int, task: Task) -> str:
    """``2026/topicto/index.md`` for a task, ``2026/medical/caption.md`` for a task inside a parent task."""
    if task.parent:
        return f"{year}/{task.parent}/{task.slug}.md"
    return f"{year}/{task.slug}/index.md"


def task_dir(year: int, task: Task) -> str:
    """Where a task page's ``index.html`` ends up: ``2026/topicto``, ``2026/medical/caption``."""
    page = task_page(year, task)
    return page.removesuffix("/index.md") if page.endswith("/index.md") else page.removesuffix(".md")
