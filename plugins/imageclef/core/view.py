"""Facts derived from the data that pages show: ordinals, task groups, inherited schedules, ranked boards."""

from __future__ import annotations

from . import provenance, schedule
from .bibliography import Publication
from .models import Milestone, Task
from .results import EditionResults, rank_edition
from .sitedata import EditionData, SiteData


class SiteView:
    """The data with what pages derive from it. Work shared by many pages is done once per view and not recorded
    as theirs (see ``provenance``): each page records what it reads of the result."""

    def __init__(self, data: SiteData):
        self.data = data
        self._results: dict[int, EditionResults] = {}

    @provenance.derived
    def series_years(self) -> dict[str, list[int]]:
        years: dict[str, set[int]] = {sid: set(s.earlier_editions) for sid, s in self.data.series.items()}
        for year, ed in self.data.editions.items():
            for task in ed.tasks.values():
                years.setdefault(task.series, set()).add(year)
        return {sid: sorted(ys) for sid, ys in years.items()}

    def task_ordinal(self, task: Task, year: int) -> int:
        return self.series_years()[task.series].index(year) + 1

    def lab_ordinal(self, year: int) -> int:
        return year - self.data.site.first_year + 1

    @provenance.derived
    def task_tree(self, year: int) -> list[tuple[str, list[str]]]:
        """The slugs of an edition's top-level tasks, each with the slugs of its subtasks, in the edition's order."""
        tasks = self.data.editions[year].tasks.values()
        return [(t.slug, [c.slug for c in tasks if c.parent == t.slug]) for t in tasks if t.parent is None]

    def top_level(self, ed: EditionData) -> list[Task]:
        return [ed.tasks[slug] for slug, _ in self.task_tree(ed.year)]

    def children(self, ed: EditionData, parent: Task) -> list[Task]:
        return [ed.tasks[slug] for top, children in self.task_tree(ed.year) if top == parent.slug for slug in children]

    @staticmethod
    def task_schedule(ed: EditionData, task: Task) -> list[Milestone]:
        return schedule.task_schedule(ed.edition, task)

    @provenance.derived
    def citing_tasks(self, key: str) -> list[tuple[int, str]]:
        """(year, task slug) of the tasks that list ``key`` among their further papers, newest edition first."""
        folded = key.lower()
        return [(year, task.slug) for year in sorted(self.data.editions, reverse=True)
                for task in self.data.editions[year].tasks.values()
                if folded in (k.lower() for k in task.citations)]

    def publication(self, key: str | None) -> Publication | None:
        return self.data.publications.get(key.lower()) if key else None

    def results(self, year: int) -> EditionResults:
        """Every board of the edition, ranked (computed once per view)."""
        if year not in self._results:
            with provenance.unrecorded():
                self._results[year] = rank_edition(self.data, year)
        return self._results[year]
