"""Facts derived from the data that pages show: ordinals, phases, task groups, inherited schedules, ranked boards,
each series across its years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import paths, provenance, schedule
from .bibliography import Publication
from .models import Milestone, MilestoneKind, NewsItem, Task
from .phase import Phase, first_date, future_dates, phase_of, results_due
from .results import EditionResults, Leaderboard, build_leaderboard, rank_edition
from .sitedata import EditionData, SiteData


@dataclass(frozen=True)
class SeriesYear:
    """One year of a task series, as its page lists it."""

    year: int
    task: Task | None  # None: a year declared in `earlier_editions`, not described on this site
    ordinal: int | None  # None: announced but not held
    board: Leaderboard | None  # the task's first board, if it has results

    @property
    def leaders(self) -> list:
        return self.board.leaders if self.board is not None else []


class SiteView:
    """The data with what pages derive from it, on the day ``today``. Work shared by many pages is done once per
    view and not recorded as theirs (see ``provenance``): each page records what it reads of the result."""

    def __init__(self, data: SiteData, today: dt.date):
        self.data = data
        self.today = today
        self._results: dict[int, EditionResults] = {}
        self._first_boards: dict[tuple[int, str], Leaderboard | None] = {}

    # ----------------------------------------------------------------------- ordinals and groups

    @provenance.derived
    def series_years(self) -> dict[str, list[int]]:
        """The years each series ran: those declared before the kept editions, and each kept edition with a
        task of the series that was held."""
        years: dict[str, set[int]] = {sid: set(s.earlier_editions) for sid, s in self.data.series.items()}
        for year, ed in self.data.editions.items():
            for task in ed.tasks.values():
                if task.status == "held":
                    years.setdefault(task.series, set()).add(year)
        return {sid: sorted(ys) for sid, ys in years.items()}

    def task_ordinal(self, task: Task, year: int) -> int | None:
        """The edition of the task's series that ``year`` was (None for a task announced but not held)."""
        years = self.series_years().get(task.series, [])
        return years.index(year) + 1 if year in years else None

    def lab_ordinal(self, year: int) -> int:
        return year - self.data.site.first_year + 1

    @provenance.derived
    def task_tree(self, year: int) -> list[tuple[str, list[str]]]:
        """The slugs of an edition's top-level tasks, each with the slugs of its subtasks, in the edition's order."""
        tasks = self.data.editions[year].tasks.values()
        return [(t.slug, [c.slug for c in tasks if c.parent == t.slug]) for t in tasks if t.parent is None]

    def top_level(self, ed: EditionData) -> list[Task]:
        return [ed.tasks[slug] for slug, _ in self.task_tree(ed.year)]

    def held(self, ed: EditionData) -> list[Task]:
        """The top-level tasks that were held (or are planned), in the edition's order."""
        return [task for task in self.top_level(ed) if task.status == "held"]

    def cancelled(self, ed: EditionData) -> list[Task]:
        """The tasks announced but not held."""
        return [task for task in ed.tasks.values() if task.status == "cancelled"]

    def children(self, ed: EditionData, parent: Task) -> list[Task]:
        return [ed.tasks[slug] for top, children in self.task_tree(ed.year) if top == parent.slug for slug in children]

    @staticmethod
    def task_schedule(ed: EditionData, task: Task) -> list[Milestone]:
        return schedule.task_schedule(ed.edition, task)

    @provenance.derived
    def edition_years(self) -> list[int]:
        return sorted(self.data.editions)

    def neighbours(self, year: int) -> tuple[int | None, int | None]:
        """The kept editions before and after ``year``."""
        years = self.edition_years()
        i = years.index(year)
        return (years[i - 1] if i > 0 else None), (years[i + 1] if i + 1 < len(years) else None)

    # ----------------------------------------------------------------------- phases and what depends on them

    def phase(self, ed: EditionData, task: Task | None = None) -> Phase:
        milestones = ed.edition.schedule if task is None else self.task_schedule(ed, task)
        return phase_of(milestones, ed.edition.conference, ed.year, self.today)

    def results_due(self, ed: EditionData) -> bool:
        return results_due(ed.edition.schedule, self.phase(ed), self.today)

    def future_dates(self, milestones: list[Milestone]) -> bool:
        return future_dates(milestones, self.today)

    def conference_tentative(self, ed: EditionData) -> bool:
        """The conference's dates are still a guess, and it has not taken place."""
        return ed.edition.conference.tentative and not self.phase(ed).over

    def registration_closes(self, ed: EditionData):
        return first_date(ed.edition.schedule, MilestoneKind.registration_closes)

    def registration_opens(self, ed: EditionData):
        return first_date(ed.edition.schedule, MilestoneKind.registration_opens)

    def milestone_label(self, m: Milestone, year: int) -> str:
        """What a milestone of the edition ``year`` is called (its conference names the conference milestone)."""
        ed = self.data.editions.get(year)
        return schedule.milestone_label(m, ed.edition.conference if ed else None)

    @staticmethod
    def tentative(ed: EditionData, kind: str) -> bool:
        """The edition's milestones of ``kind`` (e.g. ``registration-opens``) are still tentative."""
        return any(m.tentative for m in ed.edition.schedule if m.kind.value == kind)

    def news(self, ed: EditionData) -> list[NewsItem]:
        """The news items of the day: from their date (if any) until their end (a date or a milestone of the
        edition), if any."""
        current = []
        for item in ed.edition.news:
            if item.date is not None and item.date > self.today:
                continue
            end = item.until
            if isinstance(end, MilestoneKind):
                end = first_date(ed.edition.schedule, end)
            if end is None or self.today <= end:
                current.append(item)
        return current

    # ----------------------------------------------------------------------- results, people, papers

    def results(self, year: int) -> EditionResults:
        """Every board of the edition, ranked (computed once per view)."""
        if year not in self._results:
            with provenance.unrecorded():
                self._results[year] = rank_edition(self.data, year)
        return self._results[year]

    def first_board(self, year: int, slug: str) -> Leaderboard | None:
        """A task's first board, ranked; only that board when its edition's boards are not ranked yet (a series
        page needs one board of each year)."""
        if year in self._results:
            return next(iter(self._results[year].by_task.get(slug, [])), None)
        if (year, slug) not in self._first_boards:
            boards = self.data.editions[year].boards.get(slug, [])
            with provenance.unrecorded():
                self._first_boards[year, slug] = \
                    build_leaderboard(boards[0], self.data.scores.get((year, slug, 0)))[0] if boards else None
        return self._first_boards[year, slug]

    @provenance.derived
    def has_results(self, year: int) -> bool:
        """Whether the edition has result boards (without ranking them)."""
        return any(self.data.editions[year].boards.values())

    def without_results(self, year: int) -> list[Task]:
        """The held tasks of ``year`` that have no board, other than those that only group subtasks."""
        ed = self.data.editions[year]
        groups = {top for top, children in self.task_tree(year) if children}
        return [task for task in ed.tasks.values()
                if task.status == "held" and task.slug not in groups and not ed.boards.get(task.slug)]

    @staticmethod
    def affiliation(person, year: int) -> str:
        """``Institution, Country`` of a person in ``year`` (what is known of it)."""
        return ", ".join(part for part in person.affiliation_in(year) if part)

    @provenance.derived
    def citation_index(self) -> dict[str, list[tuple[int, str]]]:
        """BibTeX key (lower case) -> (year, task slug) of the tasks that list it among their further papers,
        newest edition first."""
        found: dict[str, list[tuple[int, str]]] = {}
        for year in sorted(self.data.editions, reverse=True):
            for task in self.data.editions[year].tasks.values():
                for key in dict.fromkeys(k.lower() for k in task.citations):
                    found.setdefault(key, []).append((year, task.slug))
        return found

    def citing_tasks(self, key: str) -> list[tuple[int, str]]:
        return self.citation_index().get(key.lower(), [])

    def publication(self, key: str | None) -> Publication | None:
        return self.data.publications.get(key.lower()) if key else None

    # ----------------------------------------------------------------------- series

    @provenance.derived
    def series_tasks(self, series: str) -> list[tuple[int, str]]:
        """(year, task slug) of the kept tasks of a series, oldest first."""
        return [(year, task.slug) for year in sorted(self.data.editions)
                for task in self.data.editions[year].tasks.values() if task.series == series]

    def series_history(self, series: str) -> list[SeriesYear]:
        """Every year of a series: declared earlier years and kept tasks, oldest first."""
        kept = {year: self.data.editions[year].tasks[slug] for year, slug in self.series_tasks(series)}
        found = []
        for year in sorted(set(self.series_years().get(series, [])) | set(kept)):
            task = kept.get(year)
            board = self.first_board(year, task.slug) if task is not None else None
            ordinal = self.task_ordinal(task, year) if task is not None else \
                self.series_years()[series].index(year) + 1
            found.append(SeriesYear(year, task, ordinal, board))
        return found

    @provenance.derived
    def series_pages(self, series: str) -> list[tuple[int, str, str]]:
        """(year, page, title) of the kept tasks of a series, newest first: what "this task in other years" lists
        (a page reads only these, not the other years' files)."""
        return [(year, paths.task_page(year, task), task.title) for year, slug in reversed(self.series_tasks(series))
                for task in [self.data.editions[year].tasks[slug]]]

    def other_years(self, task: Task, year: int) -> list[tuple[int, str, str]]:
        """(year, page, title) of the other kept years of a task's series, newest first."""
        return [entry for entry in self.series_pages(task.series) if entry[0] != year]
