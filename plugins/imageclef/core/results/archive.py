"""The archived runs of computed boards, scored by the scoring engine (through its cache).

Scoring is part of loading the data: a run that does not follow its task's format is a data error, reported
with the others (``loader.load_data``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...scoring import RunValidationError, ScoreJob, score_many
from ..errors import DataIssue, display_path
from ..models import Board

SCORE_CACHE = Path(".cache") / "scores"
"""Cache of computed scores, relative to the project root (next to mkdocs.yml; git-ignored)."""

Scores = dict[tuple[int, str, int], dict[int, object]]
"""Computed scores of archived runs: (year, task, board index) -> row index -> score."""


@dataclass(frozen=True)
class ArchivedBoard:
    """A computed board whose files were checked: ``key`` is (year, task, index of the board in the task)."""

    key: tuple[int, str, int]
    board: Board


def score_archives(boards: list[ArchivedBoard], *, data_dir: Path, root: Path,
                   cache_dir: Path | None) -> tuple[Scores, list[DataIssue]]:
    """The scores of the boards' archived runs, and a located issue for each run that cannot be scored."""
    jobs: list[ScoreJob] = []
    where: list[tuple[tuple[int, str, int], int]] = []
    for item in boards:
        computed = item.board.computed
        assert computed is not None
        gold = data_dir / computed.gold
        secondary = data_dir / computed.gold_secondary if computed.gold_secondary else None
        primary = item.board.primary.key  # bootstrapped where the scorer can
        for r, row in enumerate(item.board.rows):
            rel = item.board.run_file(row)
            if rel is not None:
                jobs.append(ScoreJob(computed.scorer, gold, data_dir / rel, language=computed.language,
                                     gold_secondary=secondary, replicate=primary))
                where.append((item.key, r))
    scores: Scores = {}
    issues: list[DataIssue] = []
    for (key, r), result in zip(where, score_many(jobs, cache_dir=cache_dir) if jobs else []):
        if isinstance(result, RunValidationError):
            issues += [DataIssue(display_path(result.path, root), max(line, 1), 1, "", message)
                       for line, message in result.problems]
        else:
            scores.setdefault(key, {})[r] = result
    return scores, issues
