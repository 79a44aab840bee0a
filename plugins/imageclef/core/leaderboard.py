"""Leaderboards: result boards ranked by their own rules, with computed values reconciled against published ones.

A board's values are *published* (copied from a paper) or *computed* by the scoring engine from archived
runs. Where both exist they are compared at the published precision; a published value that the archived
run does not reproduce stays published, is marked so, and is reported.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..scoring import RunValidationError, ScoreJob, score_many
from .errors import DataError, DataIssue
from .models import Board, Column, ResultRow

if TYPE_CHECKING:
    from .loader import EditionData, SiteData


SCORE_CACHE = Path(".cache") / "scores"
"""Cache of computed scores, relative to the project root (next to mkdocs.yml; git-ignored)."""


class Cell(NamedTuple):  # a tuple: boards have tens of thousands of cells
    value: float | None
    origin: Literal["computed", "published"] | None
    published: float | None = None
    signature: str | None = None
    reproduced: bool | None = None  # for published values of a computed column: did the run reproduce it?


class RankedRow(NamedTuple):
    rank: int | None  # None: unranked (baseline, or no primary value)
    row: ResultRow
    cells: dict[str, Cell]
    best: frozenset[str]  # keys of the columns where this row holds the best value


@dataclass(frozen=True)
class Mismatch:
    board: str
    team: str
    run: str | None
    metric: str
    published: float
    computed: float
    year: int | None = None

    def __str__(self) -> str:
        return (f"{self.board}: {self.team} run {self.run or '-'}: {self.metric} published {self.published} "
                f"but the archived run scores {self.computed}")


@dataclass
class Leaderboard:
    board: Board
    rows: list[RankedRow]  # every run, in ranked order
    team_best: list[RankedRow] | None  # each team's best run, when the board ranks teams and a team has several
    signatures: dict[str, str] = field(default_factory=dict)  # column key -> scoring signature

    @property
    def primary(self) -> Column:
        return next(c for c in self.board.columns if c.primary)

    @property
    def ranked(self) -> list[RankedRow]:
        """The view that carries the official ranking."""
        return self.team_best if self.team_best is not None else self.rows

    @property
    def leaders(self) -> list[RankedRow]:
        return [r for r in self.ranked if r.rank == 1]


def _rounded(value: float | None, column: Column) -> float | None:
    return None if value is None else round(value, column.decimals)


def rank_rows(board: Board, rows: list[tuple[ResultRow, dict[str, Cell]]]) -> list[RankedRow]:
    """Order and rank rows by the board's rules (direction, ties, tie-breaks, baselines)."""
    columns = board.columns
    by_key = {c.key: c for c in columns}
    primary = next(c for c in columns if c.primary)
    ordering = [(c.key, -1 if c.direction == "higher" else 1) for c in [primary] + [by_key[k] for k in board.tie_break]]
    # values at published precision, once per cell: ranks, ties and best values are decided on them
    items = [(i, row, cells, {c.key: _rounded(cells[c.key].value, c) for c in columns})
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
    values = row.values
    return {c.key: Cell(values[c.key], "published", values[c.key]) if c.key in values else _EMPTY
            for c in board.columns}


def run_file(board: Board, row: ResultRow, data_dir: Path) -> Path | None:
    if board.computed is None or (row.file is None and row.run is None):
        return None
    suffix = Path(board.computed.gold).suffix
    return data_dir / board.computed.runs / (row.file or f"{row.run}{suffix}")


def build_leaderboard(board: Board, scores: dict[int, object] | None = None) -> tuple[Leaderboard, list[Mismatch]]:
    """Combine published values with computed scores (by row index) and rank the rows."""
    mismatches: list[Mismatch] = []
    signatures: dict[str, str] = {}
    rows: list[tuple[ResultRow, dict[str, Cell]]] = []
    for index, row in enumerate(board.rows):
        cells = _published_cells(board, row)
        score = (scores or {}).get(index)
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

    ranked_runs = rank_rows(board, rows)
    team_best = None
    if board.ranking == "teams":
        first_per_team: dict[str, RankedRow] = {}
        for ranked in ranked_runs:  # already in ranked order: a team's first row is its best run
            first_per_team.setdefault(ranked.row.team if not ranked.row.baseline else f"\0{id(ranked)}", ranked)
        if len(first_per_team) < len(ranked_runs):
            team_best = rank_rows(board, [(r.row, r.cells) for r in first_per_team.values()])
    return Leaderboard(board, ranked_runs, team_best, signatures), mismatches


@dataclass
class Leaderboards:
    by_task: dict[tuple[int, str], list[Leaderboard]]  # (year, task slug) -> boards in data order
    mismatches: list[Mismatch]
    participation: dict[tuple[int, str], "Participation"] = field(default_factory=dict)


Scores = dict[tuple[int, str, int], dict[int, object]]
"""Computed scores of archived runs: (year, task, board index) -> row index -> score."""


def _editions(data: SiteData, years: Iterable[int] | None) -> dict[int, EditionData]:
    wanted = None if years is None else set(years)
    return {year: ed for year, ed in data.editions.items() if wanted is None or year in wanted}


def compute_leaderboards(data: SiteData, *, cache_dir: Path | None, workers: int = 2,
                         years: Iterable[int] | None = None) -> Leaderboards:
    """Score every archived run of computed boards (cached) and rank every board of the editions of
    ``years`` (default: all)."""
    years = None if years is None else list(years)
    return rank_leaderboards(data, score_archived_runs(data, cache_dir=cache_dir, workers=workers, years=years), years)


def score_archived_runs(data: SiteData, *, cache_dir: Path | None, workers: int = 2,
                        years: Iterable[int] | None = None) -> Scores:
    """Score the archived runs of the computed boards of ``years`` (default: all editions), through the
    cache; raise DataError for missing or malformed run files."""
    data_dir = data.data_dir
    editions = _editions(data, years)
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
                    path = run_file(board, row, data_dir)
                    if path is None:
                        continue
                    if not path.exists():
                        source = ed.board_sources[f"{slug}/{board.id}"]
                        loc = ("boards", b, "rows", r)
                        line, col = source.locate(loc)
                        issues.append(DataIssue(source.file, line, col, ".".join(map(str, loc)),
                                                f"run file {path.relative_to(data.root).as_posix()} does not exist"))
                        continue
                    jobs.append(ScoreJob(board.computed.scorer, gold, path, language=board.computed.language,
                                         gold_secondary=secondary))
                    where.append((year, slug, b, r))
    results = score_many(jobs, cache_dir=cache_dir, workers=workers) if jobs else []
    scores: Scores = {}
    for (year, slug, b, r), result in zip(where, results):
        if isinstance(result, RunValidationError):
            issues.append(DataIssue(_display(result.path, data.root), result.line, 1, "", result.message))
        else:
            scores.setdefault((year, slug, b), {})[r] = result
    if issues:
        raise DataError(issues)
    return scores


def rank_leaderboards(data: SiteData, scores: Scores, years: Iterable[int] | None = None) -> Leaderboards:
    """Every board of the editions of ``years`` (default: all), with the computed ``scores``, ranked."""
    editions = _editions(data, years)
    by_task: dict[tuple[int, str], list[Leaderboard]] = {}
    mismatches: list[Mismatch] = []
    for year, ed in editions.items():
        for slug, boards in ed.boards.items():
            for b, board in enumerate(boards):
                board_view, found = build_leaderboard(board, scores.get((year, slug, b)))
                by_task.setdefault((year, slug), []).append(board_view)
                mismatches += [Mismatch(f"{year}/{slug}/{m.board}", m.team, m.run, m.metric, m.published, m.computed,
                                        year)
                               for m in found]
    result = Leaderboards(by_task, mismatches)
    result.participation = participation(data, result)
    return result


@dataclass(frozen=True)
class Participation:
    """Teams and runs counted from a task's result rows, next to the figures its organisers declared."""

    task: str
    teams: int
    runs: int
    declared_teams: int | None
    declared_runs: int | None

    @property
    def disagrees(self) -> bool:
        return (self.declared_teams is not None and self.declared_teams != self.teams) or (
            self.declared_runs is not None and self.declared_runs != self.runs)

    def __str__(self) -> str:
        return (f"{self.task}: the result tables list {self.teams} teams and {self.runs} runs; "
                f"declared: {self.declared_teams} teams, {self.declared_runs} runs")


def participation(data: "SiteData", boards: Leaderboards) -> dict[tuple[int, str], Participation]:
    found = {}
    for (year, slug), lbs in boards.by_task.items():
        rows = [(lb.board.id, r.row) for lb in lbs for r in lb.rows if not r.row.baseline]
        declared = data.editions[year].tasks[slug].participation
        # a run id seen on several boards is one submission scored on several sets; rows without a real run
        # id (none, or just the team name) are one submission each
        runs = {("run", r.team, r.run) if r.run and r.run != r.team else ("row", board, r.team, i)
                for i, (board, r) in enumerate(rows)}
        found[(year, slug)] = Participation(
            f"{year}/{slug}", len({r.team for _, r in rows}), len(runs),
            declared.teams if declared else None, declared.runs if declared else None)
    return found


def result_warnings(boards: Leaderboards, year: int | None = None) -> list[str]:
    """What organisers should look at (in one edition, or all): published values the archived runs do not
    reproduce, and result tables whose teams and runs differ from the declared participation figures."""
    found = [f"results do not reconcile: {m}" for m in boards.mismatches if year is None or m.year == year]
    return found + [str(p) for (y, _), p in boards.participation.items() if p.disagrees and year in (None, y)]


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- page and downloads


_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "*_`[]\\~|"})


def html_text(value: object) -> str:
    """Text for generated HTML that may sit inside Markdown (e.g. content tabs): escaped for HTML, and
    Markdown punctuation written as entities so that `CS_Morgan_Lab` or `Team*` stay as they are."""
    return html.escape(str(value), quote=True).translate(_MARKDOWN_ENTITIES)


def to_html(lb: Leaderboard, rows: list[RankedRow], caption: str) -> str:
    """An accessible, sortable table: caption, column headers with scope, numeric sort values."""
    esc = html_text
    columns = lb.board.columns
    # the run column is left out when run ids carry nothing beyond the team name (one run per team)
    show_run = any(r.row.run and r.row.run != r.row.team for r in rows)
    head = ['<th scope="col" data-sort-method="number">Rank</th>', '<th scope="col">Team</th>']
    if show_run:
        head.append('<th scope="col">Run</th>')
    for c in columns:
        arrow = "higher is better" if c.direction == "higher" else "lower is better"
        default = ' data-sort-default' if c.primary and c.direction == "lower" else ""
        head.append(f'<th scope="col" data-sort-method="number"{default} title="{arrow}">{esc(c.label)} '
                    f'<span aria-hidden="true">{"↑" if c.direction == "higher" else "↓"}</span>'
                    f'<span class="lb-sr"> ({arrow})</span></th>')
    body = []
    for r in rows:
        team = esc(r.row.team) + ("&#42;" if r.row.organiser else "")
        if r.row.baseline:
            team += ' <span class="lb-flag">baseline</span>'
        rank = "" if r.rank is None else str(r.rank)
        cells = [f'<td data-sort="{rank or 9999}">{rank or "–"}</td>', f'<th scope="row">{team}</th>']
        if show_run:
            cells.append(f"<td>{esc(r.row.run or '')}</td>")
        for c in columns:
            cell = r.cells[c.key]
            shown = "" if cell.value is None else f"{cell.value:.{c.decimals}f}"
            if c.key in r.best:
                shown = f"<strong>{shown}</strong>"
            if cell.origin == "published" and c.key in lb.signatures:
                why = "the archived run does not reproduce it" if cell.reproduced is False else "no archived run"
                shown += f'<sup title="published value; {why}">†</sup>'
            sort = "" if cell.value is None else f' data-sort="{cell.value!r}"'
            css = f' class="lb-{cell.origin}"' if cell.origin else ""
            cells.append(f"<td{sort}{css}>{shown}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table data-sortable>\n<caption>{esc(caption)}</caption>\n'
            f'<thead><tr>{"".join(head)}</tr></thead>\n<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table>")


def _flags(row: ResultRow) -> list[str]:
    return [name for name, on in (("organiser", row.organiser), ("baseline", row.baseline)) if on]


def to_json(lb: Leaderboard) -> str:
    board = lb.board
    document = {
        "board": board.id,
        "title": board.title,
        "subtask": board.subtask,
        "source": board.source,
        "ranking": board.ranking,
        "columns": [
            {"key": c.key, "label": c.label, "direction": c.direction, "decimals": c.decimals,
             "primary": c.primary, "signature": lb.signatures.get(c.key)}
            for c in board.columns
        ],
        "rows": [
            {
                "rank": r.rank, "team": r.row.team, "run": r.row.run, "flags": _flags(r.row),
                "values": {
                    k: {"value": cell.value, "origin": cell.origin, "published": cell.published,
                        "reproduced": cell.reproduced}
                    for k, cell in r.cells.items()
                },
            }
            for r in lb.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: C encoder


def to_csv(lb: Leaderboard) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["rank", "team", "run", "flags"]
    for c in lb.board.columns:
        header += [c.key, f"{c.key}_origin", f"{c.key}_signature"]
    writer.writerow(header)
    for r in lb.rows:
        line = ["" if r.rank is None else r.rank, r.row.team, r.row.run or "", ";".join(_flags(r.row))]
        for c in lb.board.columns:
            cell = r.cells[c.key]
            line += ["" if cell.value is None else repr(cell.value), cell.origin or "",
                     cell.signature if cell.origin == "computed" else ""]
        writer.writerow(line)
    return out.getvalue()
