"""Render the validated data as Markdown pages and side files, plus the navigation that links them.

Every page of every kind in ``pages.PAGE_KINDS`` is rendered from its template. The result is a plain mapping
from page path to Markdown: the MkDocs plugin adds those pages to a build, and ``imageclef render --out DIR``
writes them, with the hand-written pages, as a docs tree any Markdown engine can build.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import chart, events, paths, provenance, schedule, text
from .bibliography import format_reference, paper_link
from .navigation import Navigation
from .pages import PAGE_KINDS, Page
from ..parallel import Batch
from .results.ranking import describe_computation, shows_runs
from .sitedata import SiteData
from .view import SiteView


@dataclass
class RenderedSite:
    pages: dict[str, str] = field(default_factory=dict)  # "2026/index.md" -> Markdown
    files: dict[str, str] = field(default_factory=dict)  # side files: "2026/imageclef-2026.bib" -> text
    nav: Navigation = field(default_factory=Navigation)
    warnings: list[str] = field(default_factory=list)  # found while rendering (reconciliation, participation)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment per process, so templates are compiled once (also across `mkdocs serve` rebuilds)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("imageclef", "templates"),
        autoescape=False,  # templates produce Markdown; data text is escaped with the `plain` filter
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        plain=text.plain,
        plain_wrappable=text.plain_wrappable,
        title_text=text.title_text,
        fence=text.fence,
        html_text=text.html_text,
        ordinal=text.ordinal,
        with_year=text.with_year,
        long_date=text.long_date,
        email=text.obfuscated_email,
        number=text.number,
        repr=repr,
        reference=format_reference,
        paper_link=paper_link,
        shows_runs=shows_runs,
        computed_text=describe_computation,
        capitalize_first=lambda text: text[:1].upper() + text[1:],
    )
    env.globals.update(
        url=paths,
        date_range=text.date_range,
        deadline_text=events.deadline_text,
        upcoming_dates=events.upcoming_dates,
        times=events.times,
        event_groups=events.event_groups,
        kind_label=events.EVENT_KIND_LABELS,
        slot_kind_label=events.KIND_LABELS,
        series_chart=chart.series_chart,
    )
    for name in env.list_templates():  # compiled now, once: not again in each worker process
        env.get_template(name)
    return env


def board_table(lb, rows, caption: str) -> str:
    """A leaderboard's HTML table (the template the task pages include), e.g. for tests and other engines."""
    return _environment().get_template("board_table.html.j2").render(lb=lb, rows=rows, caption=caption).rstrip("\n")


def build_date(configured: str | None = None) -> dt.date:
    """The date schedules are shown relative to: configured, else $IMAGECLEF_TODAY, else today."""
    value = configured or os.environ.get("IMAGECLEF_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"the build date {value!r} is not a date (YYYY-MM-DD)") from None


@dataclass
class _Output:
    """What rendering one page gave: its Markdown, its side files, warnings, and what it read."""

    markdown: str
    files: dict[str, str]
    warnings: list[str]
    record: frozenset = frozenset()


class RenderMemo:
    """Pages rendered by earlier calls of ``render_site`` in this process (``mkdocs serve`` rebuilds).

    Each page keeps what it read while it rendered (``provenance``); a page is rendered again when one of those
    files changed, when a value derived from many files that it used changed, or when the build date, the set
    of data files or the templates changed.
    """

    def __init__(self) -> None:
        self.outputs: dict[str, _Output] = {}
        self.files: dict[str, tuple] = {}
        self.setting: tuple | None = None
        self.rendered: list[str] = []  # the pages the last call rendered (the others were reused)


def render_site(data: SiteData, *, today: dt.date, memo: RenderMemo | None = None) -> RenderedSite:
    """All pages and side files. ``today`` decides which milestones are past; pass a fixed date for
    reproducible output. ``memo`` keeps rendered pages between calls, for rebuilds after an edit (and records
    what each page reads to know when to redo it)."""
    env = _environment()
    view = SiteView(data, today)
    pages = [(page, kind.template) for kind in PAGE_KINDS for page in kind.pages(view)]

    reused: dict[str, _Output] = {}
    if memo is not None:
        setting = (today, _template_stamps(env))
        if setting == memo.setting and data.files.keys() == memo.files.keys():
            changed = {f for f in data.files if memo.files.get(f) != data.files[f]}
            reused = {page.path: memo.outputs[page.path] for page, _ in pages if page.path in memo.outputs
                      and provenance.still_valid(memo.outputs[page.path].record, changed, view)}
        memo.setting, memo.files = setting, dict(data.files)
    stale = [(page, template) for page, template in pages if page.path not in reused]

    # Pages of an edition render together (they share its ranked boards), in worker processes when the machine
    # has cores to spare; the other pages meanwhile here.
    groups: dict[int, list[tuple[Page, str]]] = {}
    for page, template in stale:
        if page.group is not None:
            groups.setdefault(page.group, []).append((page, template))
    record = memo is not None
    ordered = list(groups.values())  # workers get indexes: they inherit the pages when forked
    batch = Batch(lambda i: [_render(env, view, page, template, today, record) for page, template in ordered[i]],
                  range(len(ordered)))
    outputs = {page.path: _render(env, view, page, template, today, record)
               for page, template in stale if page.group is None}
    for group, rendered in zip(ordered, batch.results()):
        outputs.update((page.path, output) for (page, _), output in zip(group, rendered))
    outputs.update(reused)
    if memo is not None:
        memo.outputs = outputs
        memo.rendered = [page.path for page, _ in stale]

    site = RenderedSite()
    for page, _ in pages:
        output = outputs[page.path]
        site.pages[page.path] = output.markdown
        site.files.update(output.files)
        site.warnings += output.warnings
        site.nav.add(page.section, page.title, page.path, first=page.nav_first)
    return site


def _render(env: jinja2.Environment, view: SiteView, page: Page, template: str, today: dt.date,
            record: bool) -> _Output:
    if not record:
        return _render_page(env, view, page, template, today)
    with provenance.recording() as read:
        output = _render_page(env, view, page, template, today)
    output.record = frozenset(read)
    return output


def _render_page(env: jinja2.Environment, view: SiteView, page: Page, template: str, today: dt.date) -> _Output:
    data = view.data
    markdown = env.get_template(template).render(
        view=view, site=data.site, people=data.people, today=today,
        link=lambda target: paths.relative(page.path, target), **page.context,
    )
    files = page.files() if page.files is not None else {}
    return _Output(markdown, files, page.warnings() if page.warnings is not None else [])


def _template_stamps(env: jinja2.Environment) -> tuple:
    loader = env.loader
    assert isinstance(loader, jinja2.PackageLoader)
    folder = Path(loader._template_root)  # noqa: SLF001 - where the package's templates are
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.rglob("*.j2")))
