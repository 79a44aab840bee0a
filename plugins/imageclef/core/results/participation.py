"""Teams and runs counted from the result tables, next to the participation figures organisers declared."""

from __future__ import annotations

from dataclasses import dataclass

from .. import provenance
from ..models import Task
from .ranking import Leaderboard


@provenance.tracked
@dataclass(frozen=True)
class TableCounts:
    """Teams and runs counted from a task's result rows, next to the figures its organisers declared."""

    task: str
    teams: int
    runs: int
    declared_teams: int | None
    declared_runs: int | None
    partial: bool = False
    """Every board of the task is a partial table, so fewer teams and runs than declared is expected."""
    explained: bool = False
    """The declared figures carry a note on why the tables count differently."""

    @property
    def disagrees(self) -> bool:
        """The tables count other teams or runs than declared, and no note explains why."""
        differs = (_differs(self.teams, self.declared_teams, self.partial)
                   or _differs(self.runs, self.declared_runs, self.partial))
        return differs and not self.explained

    def __str__(self) -> str:
        return (f"{self.task}: the result tables list {self.teams} teams and {self.runs} runs; "
                f"declared: {self.declared_teams} teams, {self.declared_runs} runs")


def table_counts(year: int, task: Task, boards: list[Leaderboard]) -> TableCounts:
    """The teams and runs of a task's boards (baselines left out), next to what the task declares."""
    rows = [(lb.board.id, r.row) for lb in boards for r in lb.rows if not r.row.baseline]
    declared = task.participation
    # a run id seen on several boards is one submission scored on several sets; rows without a real run
    # id (none, or just the team name) are one submission each
    runs = {("run", r.team, r.run) if r.run and r.run != r.team else ("row", board, r.team, i)
            for i, (board, r) in enumerate(rows)}
    counts = TableCounts(f"{year}/{task.slug}", len({r.team for _, r in rows}), len(runs),
                         declared.teams if declared else None, declared.runs if declared else None,
                         all(lb.board.partial for lb in boards), bool(declared and declared.note))
    provenance.register(counts, provenance.origins(task).union(*(provenance.origins(lb) for lb in boards)))
    return counts


def _differs(counted: int, declared: int | None, partial: bool) -> bool:
    """A count disagrees with a declared figure; a partial table only when it lists more than declared."""
    if declared is None:
        return False
    return counted > declared if partial else counted != declared
