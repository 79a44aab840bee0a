"""A submission platform's leaderboard export (CSV or TSV) as a results board: ``imageclef import-results``.

Platforms (AI4MediaBench, Codabench, AIcrowd) export a table with a team or user column, often a submission id
and a rank, and one column per metric. pandas reads it (separator sniffed, every cell kept as text so that the
number of decimals shown is the number written); the team, run and rank columns are recognised by name, every
other numeric column becomes a metric. The board is written as YAML for the organiser to review: labels,
directions and the primary column are guesses they confirm.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .text import slugify

TEAM_NAMES = ("team", "team name", "team_name", "participant", "participant team", "username", "user")
RUN_NAMES = ("run", "run id", "run_id", "submission", "submission id", "submission_id", "id")
RANK_NAMES = ("rank", "#", "position", "place")
LOWER_IS_BETTER = re.compile(r"(error|loss|wer|_er$|\ber\b|fid|distance|mae|mse|rmse)", re.IGNORECASE)


class ExportError(ValueError):
    """The export cannot be turned into a board (no team column, no metric, unreadable file)."""


@dataclass(frozen=True)
class Options:
    board: str
    title: str
    team_column: str | None = None
    run_column: str | None = None
    primary: str | None = None
    lower: tuple[str, ...] = ()
    source: str | None = None
    partial: str | None = None


def read_export(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as exc:
        raise ExportError(f"{path}: cannot read it as CSV or TSV ({exc})") from None


def _find(frame: pd.DataFrame, given: str | None, names: tuple[str, ...], what: str, required: bool) -> str | None:
    if given is not None:
        if given not in frame.columns:
            raise ExportError(f"no column {given!r} in the export (columns: {', '.join(frame.columns)})")
        return given
    for column in frame.columns:
        if column.strip().lower() in names:
            return column
    if required:
        raise ExportError(f"no {what} column found (columns: {', '.join(frame.columns)}); name it with "
                           f"--{what}-column")
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _decimals(texts: list[str]) -> int:
    return max((len(t.split(".", 1)[1]) if "." in t else 0 for t in texts if _number(t) is not None), default=0)


def board_from_export(frame: pd.DataFrame, options: Options) -> dict[str, Any]:
    """The board (plain values, ready for YAML) that the export describes."""
    team = _find(frame, options.team_column, TEAM_NAMES, "team", True)
    run = _find(frame, options.run_column, RUN_NAMES, "run", False)
    rank = _find(frame, None, RANK_NAMES, "rank", False)
    metrics = [c for c in frame.columns if c not in (team, run, rank)
               and all(_number(v) is not None for v in frame[c] if v.strip())
               and any(v.strip() for v in frame[c])]
    if not metrics:
        raise ExportError("no column of numbers found: which metrics does the export hold?")
    keys = {c: slugify(c).replace("-", "_") or f"metric_{i}" for i, c in enumerate(metrics)}
    primary = options.primary or keys[metrics[0]]
    if primary not in keys.values():
        raise ExportError(f"--primary {primary!r} is none of the metric keys {', '.join(keys.values())}")
    columns = []
    for column in metrics:
        key = keys[column]
        lower = key in options.lower or (not options.lower and bool(LOWER_IS_BETTER.search(column)))
        entry: dict[str, Any] = {"key": key, "label": column.strip(), "direction": "lower" if lower else "higher",
                                 "decimals": _decimals(list(frame[column]))}
        if key == primary:
            entry["primary"] = True
        columns.append(entry)
    rows = []
    for _, record in frame.iterrows():
        name = record[team].strip()
        if not name:
            continue
        row: dict[str, Any] = {"team": name}
        if run is not None and record[run].strip():
            row["run"] = record[run].strip()
        if rank is not None and record[rank].strip().isdigit():
            row["rank"] = int(record[rank])
        row["values"] = {keys[c]: _number(record[c]) for c in metrics if record[c].strip()}
        missing = {keys[c]: "not in the export" for c in metrics if not record[c].strip()}
        if missing:
            row["missing"] = missing
        rows.append(row)
    board: dict[str, Any] = {"id": options.board, "title": options.title}
    if options.source:
        board["source"] = options.source
    if options.partial:
        board["partial"] = options.partial
    board.update(ranking="runs", columns=columns, rows=rows)
    return board
