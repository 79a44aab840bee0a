"""The archived runs of computed boards, scored by the scoring engine (through its cache)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...scoring import RunValidationError, ScoreJob, score_many
from ..errors import DataError, DataIssue, display_path, issue_at
from ..sitedata import SiteData

SCORE_CACHE = Path(".cache") / "scores"
"""Cache of computed scores, relative to the project root (next to mkdocs.yml; git-ignored)."""

Scores = dict[tuple[int, str, int], dict[int, object]]
"""Computed scores of archived runs: (year, task, board index) -> row index -> score."""


def score_archived_runs(data: SiteData, *, cache_dir: Path | None, years: Iterable[int] | None = None) -> Scores:
    """Score the archived runs of the computed boards of ``years`` (default: all editions), through the
    cache; raise DataError for missing or malformed run files."""
    data_dir = data.data_dir
    wanted = None if years is None else set(years)
    editions = {year: ed for year, ed in data.editions.items() if wanted is None or year in wanted}
    jobs: list[ScoreJob] = []
    where: list[tuple[int, str, int, int]] = []  # (year, task, board index, row index) per job
    issues: list[DataIssue] = []
    for year, ed in editions.items():
        for slug, boards in ed.boards.items():
            for b, board in enumerate(boards):
                if board.computed is None:
                    continue
                gold = data_dir / board.computed.gold
                secondary = data_dir / board.computed.gold_secondary if board.computed.gold_secondary else None
                for r, row in enumerate(board.rows):
                    rel = board.run_file(row)
                    if rel is None:
                        continue
                    path = data_dir / rel
                    if not path.exists():
                        issues.append(issue_at(ed.board_sources[f"{slug}/{board.id}"], ("boards", b, "rows", r),
                                               f"run file {display_path(path, data.root)} does not exist"))
                        continue
                    jobs.append(ScoreJob(board.computed.scorer, gold, path, language=board.computed.language,
                                         gold_secondary=secondary))
                    where.append((year, slug, b, r))
    results = score_many(jobs, cache_dir=cache_dir) if jobs else []
    scores: Scores = {}
    for (year, slug, b, r), result in zip(where, results):
        if isinstance(result, RunValidationError):
            issues.append(DataIssue(display_path(result.path, data.root), result.line, 1, "", result.message))
        else:
            scores.setdefault((year, slug, b), {})[r] = result
    if issues:
        raise DataError(issues)
    return scores
