"""Render the validated data as Markdown pages and side files, plus the navigation that links them.

The result is a plain mapping from page path to Markdown: the MkDocs plugin adds those pages to a build,
and ``imageclef render --out DIR`` writes them to a folder for any other Markdown engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2

from . import bibliography, events, leaderboard, paths, schedule, text
from .bibliography import Publication, format_reference
from .loader import EditionData, SiteData
from .models import Milestone, Task
from .parallel import Batch


@dataclass
class RenderedSite:
    pages: dict[str, str] = field(default_factory=dict)  # "2026/index.md" -> Markdown
    files: dict[str, str] = field(default_factory=dict)  # side files: "2026/imageclef-2026.bib" -> text
    nav: list = field(default_factory=list)  # MkDocs nav structure (of one edition: its section)
    warnings: list[str] = field(default_factory=list)  # found while rendering (reconciliation, participation)


class SiteView:
    """Derived facts about the data that pages show: ordinals, counts, page addresses, inherited schedules."""

    def __init__(self, data: SiteData):
        self.data = data

    @cached_property
    def series_years(self) -> dict[str, list[int]]:
        years: dict[str, set[int]] = {sid: set(s.earlier_editions) for sid, s in self.data.series.items()}
        for year, ed in self.data.editions.items():
            for task in ed.tasks.values():
                years.setdefault(task.series, set()).add(year)
        return {sid: sorted(ys) for sid, ys in years.items()}

    def task_ordinal(self, task: Task, year: int) -> int:
        return self.series_years[task.series].index(year) + 1

    def lab_ordinal(self, year: int) -> int:
        return year - self.data.site.first_year + 1

    task_path = staticmethod(paths.task_page)
    task_dir = staticmethod(paths.task_dir)

    @staticmethod
    def top_level(ed: EditionData) -> list[Task]:
        return [t for t in ed.tasks.values() if t.parent is None]

    @staticmethod
    def children(ed: EditionData, parent: Task) -> list[Task]:
        return [t for t in ed.tasks.values() if t.parent == parent.slug]

    @staticmethod
    def task_schedule(ed: EditionData, task: Task) -> list[Milestone]:
        return schedule.task_schedule(ed.edition, task)

    @cached_property
    def _citing_tasks(self) -> dict[str, list[tuple[int, Task]]]:
        found: dict[str, list[tuple[int, Task]]] = {}
        for year in sorted(self.data.editions, reverse=True):
            for task in self.data.editions[year].tasks.values():
                for key in dict.fromkeys(k.lower() for k in task.citations):
                    found.setdefault(key, []).append((year, task))
        return found

    def citing_tasks(self, key: str) -> list[tuple[int, Task]]:
        """The tasks that list ``key`` among their further papers, newest edition first."""
        return self._citing_tasks.get(key.lower(), [])

    def publication(self, key: str | None) -> Publication | None:
        return self.data.publications.get(key.lower()) if key else None


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
        ordinal=text.ordinal,
        long_date=text.long_date,
        email=text.obfuscated_email,
        number=text.number,
        reference=format_reference,
    )
    env.globals.update(
        date_range=text.date_range,
        milestone_label=schedule.milestone_label,
        calendar_path=schedule.calendar_path,
        bib_path=bibliography.bib_path,
        lb_html=leaderboard.to_html,
        lb_unreproduced=lambda lb: any(
            cell.origin == "published" and key in lb.signatures for r in lb.rows for key, cell in r.cells.items()
        ),
    )
    for name in env.list_templates():  # compiled now, once: not again in each worker process
        env.get_template(name)
    return env


def relative(from_page: str, to_page: str) -> str:
    """A relative link between two generated pages (MkDocs resolves links between .md sources)."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


def build_date(configured: str | None = None) -> dt.date:
    """The date schedules are shown relative to: configured, else $IMAGECLEF_TODAY, else today."""
    value = configured or os.environ.get("IMAGECLEF_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"the build date {value!r} is not a date (YYYY-MM-DD)") from None


class RenderMemo:
    """Editions rendered by earlier calls of ``render_site`` in this process (``mkdocs serve``).

    An edition is rendered again only when something it shows may have changed: its own files (task, result
    and archived-run files), the shared files (site, people, series, BibTeX, events), the editions of its
    tasks' series (ordinals) or the build date. The data must come from files (``load_data``): the stamps
    say whether they changed.
    """

    def __init__(self) -> None:
        self.editions: dict[int, tuple[tuple, RenderedSite]] = {}
        self.rendered: list[int] = []  # the editions the last call rendered (the others were reused)


def render_site(data: SiteData, *, today: dt.date, cache_dir: Path | None = None,
                memo: RenderMemo | None = None) -> RenderedSite:
    """All pages and side files. ``today`` decides which milestones are past; pass a fixed date for
    reproducible output. ``cache_dir`` keeps computed scores between builds; ``memo`` keeps rendered
    editions between calls, for rebuilds after an edit."""
    env = _environment()
    view = SiteView(data)
    years = sorted(data.editions, reverse=True)
    shared = (data.stamps, tuple((sid, tuple(ys)) for sid, ys in sorted(view.series_years.items())), today, cache_dir)
    keys = {year: (shared, data.editions[year].stamps) for year in years}
    reused: dict[int, RenderedSite] = {}
    if memo is not None:
        reused = {year: output for year, (key, output) in memo.editions.items() if keys.get(year) == key}
    stale = [year for year in years if year not in reused]
    scores = leaderboard.score_archived_runs(data, cache_dir=cache_dir, years=stale)
    # the editions in worker processes (when the machine has cores to spare), the other pages meanwhile here
    batch = Batch(lambda year: _render_edition(data, view, env, year, scores, today), stale)

    out = RenderedSite()

    def page(path: str, template: str, **context) -> None:
        out.pages[path] = _page(env, view, path, template, today=today, **context)

    page("index.md", "home.md.j2", edition=data.editions[data.current_year], years=years, editions=data.editions)
    page("archive.md", "archive.md.j2", years=years, editions=data.editions)
    page("publications.md", "publications.md.j2", publications=sorted(data.publications.values(), key=lambda p: (-int(p.year or 0), p.key.lower())))
    event_pages = events.render_event_pages(data.events, env, people=data.people, today=today, lab=data.site.name)
    out.pages.update(event_pages)
    out.files.update(events.calendar_files(data.events))

    editions = {**reused, **dict(zip(stale, batch.results()))}
    if memo is not None:
        memo.editions = {year: (keys[year], output) for year, output in editions.items()}
        memo.rendered = stale
    out.nav = [{"Home": "index.md"}]
    for year in years:
        output = editions[year]
        out.pages.update(output.pages)
        out.files.update(output.files)
        out.warnings += output.warnings
        out.nav.append({str(year): output.nav})
    if event_pages:
        out.nav.append({"Events": events.nav(data.events)})
    out.nav += [{"Archive": "archive.md"}, {"Publications": "publications.md"}]
    out.files.update(bibliography.bib_files(data))
    return out


def _page(env: jinja2.Environment, view: SiteView, path: str, template: str, **context) -> str:
    data = view.data
    return env.get_template(template).render(
        view=view, site=data.site, people=data.people, link=lambda target: relative(path, target), page_path=path,
        **context,
    )


def _render_edition(data: SiteData, view: SiteView, env: jinja2.Environment, year: int,
                    scores: leaderboard.Scores, today: dt.date) -> RenderedSite:
    ed = data.editions[year]
    boards = leaderboard.rank_leaderboards(data, scores, [year])
    out = RenderedSite(warnings=leaderboard.result_warnings(boards, year))
    board_files: dict[tuple[int, str], dict[str, dict[str, str]]] = {}
    for slug, task in ed.tasks.items():
        folder = view.task_dir(year, task)
        files = board_files[(year, slug)] = {}
        for lb in boards.by_task.get((year, slug), []):
            files[lb.board.id] = {"csv": f"{folder}/{lb.board.id}.csv", "json": f"{folder}/{lb.board.id}.json"}
            out.files[files[lb.board.id]["csv"]] = leaderboard.to_csv(lb)
            out.files[files[lb.board.id]["json"]] = leaderboard.to_json(lb)

    def page(path: str, template: str, **context) -> None:
        out.pages[path] = _page(env, view, path, template, ed=ed, year=year, today=today, leaderboards=boards.by_task,
                                board_files=board_files, participation=boards.participation, **context)

    index = f"{year}/index.md"
    page(index, "edition.md.j2",
         programme=events.edition_programme(data.events, year, lab=data.site.name, from_page=index))
    page(f"{year}/results.md", "results.md.j2")
    out.nav.append({"Overview": index})
    for task in view.top_level(ed):
        children = view.children(ed, task)
        page(view.task_path(year, task), "task.md.j2", task=task, children=children)
        if children:
            entries: list = [{"About": view.task_path(year, task)}]
            for child in children:
                page(view.task_path(year, child), "task.md.j2", task=child, children=[])
                entries.append({child.short_title or child.title: view.task_path(year, child)})
            out.nav.append({task.short_title or task.title: entries})
        else:
            out.nav.append({task.short_title or task.title: view.task_path(year, task)})
    out.nav.append({"Results": f"{year}/results.md"})
    out.files.update(schedule.calendar_files(data, years=[year]))
    return out
