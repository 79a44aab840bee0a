"""The page kinds of the site: for each, where its pages live, what they show, their side files and navigation.

``render.render_site`` renders every page of every kind in ``PAGE_KINDS`` (in this order, which is also the
order of the navigation). A new kind of page is a template and an entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import bibliography, events, paths, schedule
from .results import downloads
from .view import SiteView


@dataclass(frozen=True)
class Page:
    """One page of a kind: its address, navigation entry, what its template is given, and its side files."""

    path: str
    title: str
    """Its entry in the navigation."""
    section: tuple[str, ...]
    """The navigation sections it sits in, outermost first."""
    context: dict[str, Any] = field(default_factory=dict)
    files: Callable[[], dict[str, str]] | None = None
    """Side files (calendars, BibTeX, downloads) that belong to the page, made with it."""
    group: int | None = None
    """Pages of one group (an edition) are rendered together: they share ranked boards."""
    warnings: Callable[[], list[str]] | None = None
    """What organisers should look at, found while making the page (shown in the build's output)."""
    nav_first: bool = False
    """Put the page first in its navigation section (an index page)."""


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    pages: Callable[[SiteView], Iterable[Page]]


def _home(view: SiteView) -> Iterable[Page]:
    data = view.data
    yield Page(paths.HOME, "Home", (), dict(edition=data.editions[data.current_year]))


def edition_section(view: SiteView, year: int) -> tuple[str, ...]:
    """The current edition is a tab of its own; the others are under "Editions", whatever their number."""
    return (str(year),) if year == view.data.current_year else ("Editions", str(year))


def _edition(view: SiteView) -> Iterable[Page]:
    data = view.data
    for year in _years(view):
        ed = data.editions[year]

        def files(ed=ed, year=year) -> dict[str, str]:
            found = {paths.calendar_file(year): schedule.edition_calendar(data.site.name, ed)}
            keys = bibliography.edition_citations(ed)
            if keys:
                found[paths.edition_bib(year, data.site.name)] = bibliography.bib_text(data.publications, keys)
            return found

        yield Page(paths.edition_page(year), "Overview", edition_section(view, year),
                   dict(ed=ed, year=year, sessions=events.lab_sessions(data.events, year)), files, year)


def _years(view: SiteView) -> list[int]:
    """The editions, the current one first, then the others newest first."""
    current = view.data.current_year
    return [current] + [year for year in sorted(view.data.editions, reverse=True) if year != current]


def _task(view: SiteView) -> Iterable[Page]:
    data = view.data
    for year in _years(view):
        ed = data.editions[year]
        section = edition_section(view, year)
        for task in view.top_level(ed):
            children = view.children(ed, task)
            title = task.name
            if children:
                yield _task_page(view, ed, task, children, "About", section + (title,))
                for child in children:
                    yield _task_page(view, ed, child, [], child.name, section + (title,))
            else:
                yield _task_page(view, ed, task, [], title, section)


def _task_page(view: SiteView, ed, task, children: list, title: str, section: tuple[str, ...]) -> Page:
    data, year = view.data, ed.edition.year

    def files() -> dict[str, str]:
        found: dict[str, str] = {}
        for lb in view.results(year).by_task.get(task.slug, []):
            found[paths.board_download(year, task, lb.board.id, "csv")] = downloads.to_csv(lb)
            found[paths.board_download(year, task, lb.board.id, "json")] = downloads.to_json(lb)
        if not children:
            found[paths.calendar_file(year, task)] = schedule.task_calendar(data.site.name, ed, task)
        keys = bibliography.task_citations(ed.edition, task)
        if keys:
            found[paths.task_bib(year, task)] = bibliography.bib_text(data.publications, keys)
        return found

    return Page(paths.task_page(year, task), title, section, dict(ed=ed, year=year, task=task, children=children),
                files, year)


def _results(view: SiteView) -> Iterable[Page]:
    """A results page for each edition with result boards, or whose results are still to come (the page then says
    so); an edition that is over and keeps no tables has none, rather than an empty page in the navigation."""
    for year in _years(view):
        if not (view.has_results(year) or view.results_due(view.data.editions[year])):
            continue
        yield Page(paths.results_page(year), "Results", edition_section(view, year),
                   dict(ed=view.data.editions[year], year=year), None, year,
                   lambda year=year: view.results(year).warnings())


def _kept_series(view: SiteView) -> list[str]:
    """The series with a task in a kept edition, in data order."""
    return [sid for sid in view.data.series if view.series_tasks(sid)]


def _series_index(view: SiteView) -> Iterable[Page]:
    series = [view.data.series[sid] for sid in _kept_series(view)]
    yield Page(paths.SERIES_INDEX, "All tasks", ("Tasks",), dict(series=series), nav_first=True)


def _series(view: SiteView) -> Iterable[Page]:
    """One page per series, in the navigation under the current edition's tasks or the earlier ones, A to Z."""
    data = view.data
    current = data.current_year
    running = {task.series for task in data.editions[current].tasks.values()}
    for sid in sorted(_kept_series(view), key=lambda sid: data.series[sid].name.casefold()):
        group = f"Tasks of {current}" if sid in running else "Earlier tasks"
        yield Page(paths.series_page(sid), data.series[sid].name, ("Tasks", group), dict(series=data.series[sid]))


def _events_index(view: SiteView) -> Iterable[Page]:
    if view.data.events:
        yield Page(paths.EVENTS, "All events", ("Events",), dict(events=view.data.events), nav_first=True)


def _events(view: SiteView) -> Iterable[Page]:
    for ev in view.data.events:
        files = (lambda ev=ev: {paths.event_calendar(ev.slug): events.event_calendar(ev)}) if events.has_calendar(ev) else None
        yield Page(paths.event_page(ev.slug), ev.event.title, ("Events",), dict(ev=ev, e=ev.event), files)


def _archive(view: SiteView) -> Iterable[Page]:
    years = sorted(view.data.editions, reverse=True)
    yield Page(paths.ARCHIVE, "All editions", ("Editions",), dict(years=years, editions=view.data.editions),
               nav_first=True)


def _publications(view: SiteView) -> Iterable[Page]:
    data = view.data
    ordered = bibliography.by_year(data.publications)

    def files() -> dict[str, str]:
        return {paths.ALL_BIB: bibliography.bib_text(data.publications, [p.key for p in ordered])} if ordered else {}

    yield Page(paths.PUBLICATIONS, "Publications", (), dict(publications=ordered), files)


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home", "home.md.j2", _home),
    PageKind("edition", "edition.md.j2", _edition),
    PageKind("task", "task.md.j2", _task),
    PageKind("results", "results.md.j2", _results),
    PageKind("archive", "archive.md.j2", _archive),
    PageKind("series-index", "series_index.md.j2", _series_index),
    PageKind("series", "series.md.j2", _series),
    PageKind("events", "events.md.j2", _events_index),
    PageKind("event", "event.md.j2", _events),
    PageKind("publications", "publications.md.j2", _publications),
)
