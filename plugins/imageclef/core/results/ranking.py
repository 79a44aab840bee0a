"""Leaderboards: a board's rows ranked by its own rules, with computed values reconciled against published ones.

A board's values are *published* (copied from a paper) or *computed* by the scoring engine from archived
runs. Where both exist they are compared at the published precision; a published value that the archived
run does not reproduce stays published, is marked so, and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .. import provenance
from ...scoring.result import LIBRARIES
from ..models import Board, Column, ResultRow

_LIBRARIES = set(LIBRARIES.values())


class Cell(NamedTuple):  # a tuple: boards have tens of thousands of cells
    value: float | None
    origin: Literal["computed", "published", "missing"] | None
    published: float | None = None
    signature: str | None = None
    reproduced: bool | None = None  # for published values of a computed column: did the run reproduce it?
    note: str | None = None  # why a published table leaves the cell empty
    interval: tuple[float, float] | None = None  # 95% bootstrap interval of a computed primary value
    p_value: float | None = None  # adjusted p of the paired test against the leader (original archives)


class RankedRow(NamedTuple):
    rank: int | None  # None: unranked (baseline, or no primary value)
    row: ResultRow
    cells: dict[str, Cell]
    best: frozenset[str]  # keys of the columns where this row holds the best value


@dataclass(frozen=True)
class RankConflict:
    """A published rank that the row's values do not give."""

    row: int  # index of the row in the board
    team: str
    published: int
    implied: int | None


@dataclass(frozen=True)
class Mismatch:
    board: str
    team: str
    run: str | None
    metric: str
    published: float
    computed: float

    def __str__(self) -> str:
        return (f"{self.board}: {self.team} run {self.run or '-'}: {self.metric} published {self.published} "
                f"but the archived run scores {self.computed}")


@dataclass(frozen=True)
class Confidence:
    """What a computed board says about the uncertainty of its primary metric."""

    intervals: int  # rows with an interval
    tested: bool  # paired tests against the leader were made (original runs)
    comparisons: int = 0  # runs compared with the leader
    indistinguishable: int = 0  # of them, runs the test cannot tell apart from the leader
    overlapping: int = 0  # runs below the leader whose interval overlaps the leader's
    reason: str | None = None  # why there are no intervals: "per-item" (the scorer gives none) or "small"
    items: int | None = None
    alpha: float = 0.0  # the level of the paired tests


@provenance.tracked
@dataclass
class Leaderboard:
    board: Board
    rows: list[RankedRow]  # every run, in ranked order
    team_best: list[RankedRow] | None  # each team's best run, when the board ranks teams and a team has several
    signatures: dict[str, str] = field(default_factory=dict)  # column key -> scoring signature
    rank_conflicts: list[RankConflict] = field(default_factory=list)  # published ranks the values do not give
    confidence: Confidence | None = None  # intervals and tests of the primary metric (computed boards)

    @property
    def published_ranks(self) -> bool:
        """Whether the ranks shown are those of the published table."""
        return any(r.row.rank is not None for r in self.rows)

    @property
    def primary(self) -> Column:
        return self.board.primary

    @property
    def columns_shown(self) -> list[Column]:
        """The columns in the order a page shows them: the primary first (next to rank and team), then the others."""
        return [self.primary] + [c for c in self.board.columns if not c.primary]

    @property
    def best_participant(self) -> RankedRow | None:
        """The best ranked row of a participating team (not an organiser run, not a baseline)."""
        return next((r for r in self.ranked if r.rank is not None and not r.row.organiser and not r.row.baseline),
                    None)

    @property
    def ranked(self) -> list[RankedRow]:
        """The view that carries the official ranking."""
        return self.team_best if self.team_best is not None else self.rows

    @property
    def unreproduced(self) -> bool:
        """Whether a computed column shows a published value its archived run does not reproduce (or lacks)."""
        return any(cell.origin == "published" and key in self.signatures
                   for r in self.rows for key, cell in r.cells.items())

    @property
    def leaders(self) -> list[RankedRow]:
        return [r for r in self.ranked if r.rank == 1]


def shown(value: float | None, decimals: int) -> float | None:
    """A value as a board shows it: rounded to the column's decimals (ranks compare these; downloads give them)."""
    return None if value is None else round(value, decimals)


def rank_rows(board: Board, rows: list[tuple[ResultRow, dict[str, Cell]]]) -> list[RankedRow]:
    """Order and rank rows by the board's rules (direction, ties, tie-breaks, baselines)."""
    columns = board.columns
    by_key = {c.key: c for c in columns}
    primary = board.primary
    ordering = [(c.key, -1 if c.direction == "higher" else 1) for c in [primary] + [by_key[k] for k in board.tie_break]]
    # values at published precision, once per cell: ranks, ties and best values are decided on them
    items = [(i, row, cells, {c.key: shown(cells[c.key].value, c.decimals) for c in columns})
             for i, (row, cells) in enumerate(rows)]

    def order(item: tuple) -> tuple:
        """Each ordering column's value in its direction (missing last), then team, run and data order."""
        index, row, _, rounded = item
        parts = []
        for key, sign in ordering:
            value = rounded[key]
            parts.append((True, 0.0) if value is None else (False, sign * value))
        return (*parts, row.team.casefold(), row.run or "", index)

    items.sort(key=order)
    ranks: list[int | None] = []
    rank, previous = 0, object()
    for _, row, _, rounded in items:
        value = rounded[primary.key]
        if value is None or (row.baseline and not board.rank_baselines):
            ranks.append(None)
            continue
        if board.ties == "ordered" or value != previous:
            rank += 1
        previous = value
        ranks.append(rank)

    best: dict[str, float] = {}
    for column in columns:
        values = [rounded[column.key] for _, row, _, rounded in items if not row.baseline]
        values = [v for v in values if v is not None]
        if values:
            best[column.key] = max(values) if column.direction == "higher" else min(values)
    return [
        RankedRow(r, row, cells, frozenset(() if row.baseline else
                                           (key for key, value in best.items() if rounded[key] == value)))
        for (_, row, cells, rounded), r in zip(items, ranks)
    ]


_EMPTY = Cell(None, None)


def _published_cells(board: Board, row: ResultRow) -> dict[str, Cell]:
    values, missing = row.values, row.missing
    return {c.key: Cell(values[c.key], "published", values[c.key]) if c.key in values
            else Cell(None, "missing", note=missing[c.key]) if c.key in missing else _EMPTY
            for c in board.columns}


def _as_published(board: Board, ranked: list[RankedRow]) -> tuple[list[RankedRow], list[RankConflict]]:
    """The rows with the ranks of the published table, in its order (rows without a rank after, in data order),
    and the published ranks that the values, ranked by the board's rules, do not give."""
    index = {id(row): i for i, row in enumerate(board.rows)}
    conflicts = [RankConflict(index[id(r.row)], r.row.team, r.row.rank, r.rank) for r in ranked
                 if r.row.rank is not None and r.rank is not None and r.row.rank != r.rank]
    rows = sorted(ranked, key=lambda r: (r.row.rank is None, r.row.rank or 0, index[id(r.row)]))
    return [r._replace(rank=r.row.rank) for r in rows], conflicts


def _cells(board: Board, scores: dict[int, object]) -> tuple[list[tuple[ResultRow, dict[str, Cell]]], dict[str, str],
                                                                list[Mismatch]]:
    """Each row with its cells (published values, replaced by computed scores where they reproduce or are new),
    the scoring signature of each computed column, and the published values the scores do not reproduce."""
    mismatches: list[Mismatch] = []
    signatures: dict[str, str] = {}
    rows: list[tuple[ResultRow, dict[str, Cell]]] = []
    for index, row in enumerate(board.rows):
        cells = _published_cells(board, row)
        score = scores.get(index)
        if score is not None:
            for column in board.columns:
                if column.key not in score.values:
                    continue
                computed = score.values[column.key]
                signatures[column.key] = score.signature
                published = row.values.get(column.key)
                if published is None:
                    cells[column.key] = Cell(computed, "computed", None, score.signature)
                elif round(computed, column.decimals) == round(published, column.decimals):
                    cells[column.key] = Cell(computed, "computed", published, score.signature, True)
                else:
                    mismatches.append(Mismatch(board.id, row.team, row.run, column.key, published, computed))
                    cells[column.key] = Cell(published, "published", published, score.signature, False)
        rows.append((row, cells))
    return rows, signatures, mismatches


def rank_conflicts(board: Board, scores: dict[int, object] | None = None) -> list[RankConflict]:
    """The published ranks that the board's values (published and computed) would give otherwise."""
    if not any(row.rank is not None for row in board.rows):
        return []
    rows, _, _ = _cells(board, scores or {})
    return _as_published(board, rank_rows(board, rows))[1]


def build_leaderboard(board: Board, scores: dict[int, object] | None = None) -> tuple[Leaderboard, list[Mismatch]]:
    """Combine published values with computed scores (by row index) and rank the rows."""
    rows, signatures, mismatches = _cells(board, scores or {})
    ranked_runs = rank_rows(board, rows)
    published_ranks = any(row.rank is not None for row in board.rows)
    conflicts: list[RankConflict] = []
    if published_ranks:
        ranked_runs, conflicts = _as_published(board, ranked_runs)
    ranked_runs, confidence = _confidence(board, ranked_runs, scores or {})
    team_best = None
    if board.ranking == "teams" and not published_ranks:
        first_per_team: dict[str, RankedRow] = {}
        for ranked in ranked_runs:  # already in ranked order: a team's first row is its best run
            first_per_team.setdefault(ranked.row.team if not ranked.row.baseline else f"\0{id(ranked)}", ranked)
        if len(first_per_team) < len(ranked_runs):
            team_best = rank_rows(board, [(r.row, r.cells) for r in first_per_team.values()])
    leaderboard = Leaderboard(board, ranked_runs, team_best, signatures, conflicts, confidence)
    provenance.register(leaderboard, provenance.origins(board))
    return leaderboard, mismatches


def shows_runs(rows: list[RankedRow]) -> bool:
    """Whether run ids say more than the team name (they do not where each team has one run, named after it)."""
    return any(r.row.run and r.row.run != r.row.team for r in rows)


def describe_computation(lb: Leaderboard) -> str:
    """How a board's computed values were obtained, in words, with the signature once (per distinct signature)."""
    parts = []
    for signature in dict.fromkeys(lb.signatures.values()):
        fields = dict(part.split(":", 1) for part in signature.split("|") if ":" in part)
        scorer, version = fields.pop("scorer", "?"), fields.pop("v", "?")
        libraries = [f"{name} {value}" for name, value in fields.items() if name in _LIBRARIES]
        settings = [f"{name} {value}" for name, value in fields.items() if name not in _LIBRARIES]
        text = f"Recomputed from the archived runs by the scorer `{scorer}` (version {version})"
        if libraries:
            text += " with " + ", ".join(libraries)
        if settings:
            text += "; settings: " + ", ".join(settings)
        parts.append(text + f". Signature: `{signature}`.")
    return " ".join(parts)


def _confidence(board: Board, ranked: list[RankedRow], scores: dict) -> tuple[list[RankedRow], Confidence | None]:
    """Intervals of the computed primary values, and (original archives) which runs a paired bootstrap test cannot
    tell apart from the leader, Holm-corrected over the comparisons."""
    if board.computed is None:
        return ranked, None
    from ...scoring import bootstrap  # numpy: only for boards that have intervals

    primary = board.primary
    index = {id(row): i for i, row in enumerate(board.rows)}
    reps = {}
    items = None
    for r in ranked:
        score = scores.get(index[id(r.row)])
        if score is None:
            continue
        items = score.items if score.items is not None else items
        if score.replicates is not None and r.cells[primary.key].origin == "computed":
            reps[id(r.row)] = score.replicates
    if not reps:
        reason = "small" if items is not None and items < bootstrap.MIN_ITEMS else "per-item"
        return ranked, Confidence(0, False, reason=reason, items=items)
    leader = next((r for r in ranked if id(r.row) in reps and r.rank is not None), None)
    tested = board.computed.archive == "original" and leader is not None
    others = [r for r in ranked if id(r.row) in reps and leader is not None and r is not leader and r.rank is not None]
    adjusted = {}
    if tested and others:
        p_values = bootstrap.against_leader(reps[id(leader.row)], [reps[id(r.row)] for r in others],
                                            higher_is_better=primary.direction == "higher")
        adjusted = {id(r.row): p for r, p in zip(others, p_values)}
    lead_interval = bootstrap.interval(reps[id(leader.row)]) if leader is not None else None
    compared = {id(r.row) for r in others}
    out, overlapping = [], 0
    for r in ranked:
        if id(r.row) not in reps:
            out.append(r)
            continue
        low, high = bootstrap.interval(reps[id(r.row)])
        if lead_interval and id(r.row) in compared and low <= lead_interval[1] and high >= lead_interval[0]:
            overlapping += 1
        cell = r.cells[primary.key]._replace(interval=(low, high), p_value=adjusted.get(id(r.row)))
        out.append(r._replace(cells={**r.cells, primary.key: cell}))
    return out, Confidence(len(reps), tested, len(others), sum(p >= bootstrap.ALPHA for p in adjusted.values()),
                           overlapping, items=items, alpha=bootstrap.ALPHA)
