"""Result boards: scoring the archived runs (``archive``), ranking (``ranking``), teams and runs counted from
the tables (``participation``), and downloads (``downloads``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import provenance
from ..sitedata import SiteData
from .archive import SCORE_CACHE, ArchivedBoard, Scores, score_archives
from .participation import TableCounts, table_counts
from .ranking import Leaderboard, Mismatch, RankedRow, build_leaderboard

__all__ = ["SCORE_CACHE", "ArchivedBoard", "EditionResults", "Leaderboard", "Mismatch", "RankedRow", "Scores",
           "TableCounts", "build_leaderboard", "rank_edition", "score_archives"]


@provenance.tracked
@dataclass
class EditionResults:
    """Every board of one edition, ranked, with what organisers should look at."""

    year: int
    by_task: dict[str, list[Leaderboard]] = field(default_factory=dict)  # task slug -> boards in data order
    mismatches: list[Mismatch] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)  # task slug -> teams and runs in its tables

    def warnings(self) -> list[str]:
        """Published values the archived runs do not reproduce, and result tables whose teams and runs differ
        from the declared participation figures."""
        rank_conflicts = [f"{self.year}/{slug}/{lb.board.id}: {c.team} is ranked {c.published} as published, but its "
                          f"values rank it {c.implied}" for slug, lbs in self.by_task.items() for lb in lbs
                          for c in lb.rank_conflicts]
        return [f"results do not reconcile: {m}" for m in self.mismatches] + rank_conflicts + [
            str(c) for c in self.counts.values() if c.disagrees]


def rank_edition(data: SiteData, year: int) -> EditionResults:
    """Every board of the edition of ``year``, with the scores of its archived runs, ranked."""
    results = EditionResults(year)
    for slug, boards in data.editions[year].boards.items():
        for b, board in enumerate(boards):
            leaderboard, found = build_leaderboard(board, data.scores.get((year, slug, b)))
            results.by_task.setdefault(slug, []).append(leaderboard)
            results.mismatches += [Mismatch(f"{year}/{slug}/{m.board}", m.team, m.run, m.metric, m.published,
                                            m.computed) for m in found]
    tasks = data.editions[year].tasks
    results.counts = {slug: table_counts(year, tasks[slug], lbs) for slug, lbs in results.by_task.items()}
    # which task has boards changes with the result files only
    provenance.register(results, {ed_source.file for ed_source in data.editions[year].board_sources.values()})
    return results
