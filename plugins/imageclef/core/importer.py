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

TEAM_NAMES = ("team", "team name", "team_name", "participant team", "participant")
ACCOUNT_NAMES = ("owner", "username", "user", "user name", "account")
"""Platforms name a row by its account; a team name, where the export has one, is preferred."""
RUN_NAMES = ("run", "run id", "run_id", "submission", "submission id", "submission_id", "id")
RANK_NAMES = ("rank", "#", "position", "place")
BOOKKEEPING = re.compile(r"^(entries|submissions|(date|time)( of)?( last)?( entry| submission)?|last (entry|submission)"
                         r"|created( at)?|updated( at)?|submitted( at)?|timestamp)$", re.IGNORECASE)
"""Columns about the submitting (how many entries, when), which are numbers or dates but not scores."""
MISSING = ("", "-", "\u2013", "\u2014", "n/a", "na", "nan", "none", "null")
"""Cells that hold no value."""
SCORE = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?:\s*\(\d+\))?$")
"""A number, optionally followed by the column rank some platforms print after it: `0.6123 (1)`."""
SORT_MARKS = re.compile(r"\s*[\u25b2\u25bc\u2191\u2193]+\s*")
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
    """The column named `given`, else the first column whose name is in `names`, in the order of `names`."""
    if given is not None:
        if given not in frame.columns:
            raise ExportError(f"no column {given!r} in the export (columns: {', '.join(frame.columns)})")
        return given
    by_name = {column.strip().lower(): column for column in reversed(frame.columns)}
    for name in names:
        if name in by_name:
            return by_name[name]
    if required:
        raise ExportError(f"no {what} column found (columns: {', '.join(frame.columns)}); name it with "
                           f"--{what}-column")
    return None


def _empty(text: str) -> bool:
    return text.strip().lower() in MISSING


def _score(text: str) -> str | None:
    """The number a cell holds, as written (`0.6123 (1)` -> `0.6123`), or None."""
    match = SCORE.match(text.strip())
    return match.group(1) if match and math.isfinite(float(match.group(1))) else None


def _decimals(texts: list[str]) -> int:
    mantissas = [re.split("[eE]", n)[0] for n in map(_score, texts) if n is not None]
    return max((len(m.split(".", 1)[1]) if "." in m else 0 for m in mantissas), default=0)


@dataclass(frozen=True)
class Imported:
    board: dict[str, Any]
    """The board as plain values, ready for YAML."""
    notes: list[str]
    """What the organiser should know: columns left out, rows named by their account."""


def board_from_export(frame: pd.DataFrame, options: Options) -> Imported:
    """The board that the export describes, and what was not taken from it."""
    team = _find(frame, options.team_column, TEAM_NAMES, "team", False)
    account = _find(frame, None, ACCOUNT_NAMES, "account", False)
    if team is None and account is None:
        raise ExportError(f"no team or account column found (columns: {', '.join(frame.columns)}); name it with "
                          "--team-column")
    run = _find(frame, options.run_column, RUN_NAMES, "run", False)
    rank = _find(frame, None, RANK_NAMES, "rank", False)
    named = {team, account, run, rank} - {None}
    metrics, notes = [], []
    for column in frame.columns:
        cells = [v for v in frame[column] if not _empty(v)]
        if column in named or not cells:
            continue
        if BOOKKEEPING.match(column.strip()):
            notes.append(f"left out {column.strip()!r}: it is about the submitting, not a score")
        elif all(_score(v) is not None for v in cells):
            metrics.append(column)
        else:
            notes.append(f"left out {column.strip()!r}: not every cell is a number")
    if not metrics:
        raise ExportError("no column of numbers found: which metrics does the export hold?")
    keys = {c: slugify(SORT_MARKS.sub(" ", c)).replace("-", "_") or f"metric_{i}" for i, c in enumerate(metrics)}
    primary = options.primary or keys[metrics[0]]
    if primary not in keys.values():
        raise ExportError(f"--primary {primary!r} is none of the metric keys {', '.join(keys.values())}")
    columns = []
    for column in metrics:
        key = keys[column]
        label = SORT_MARKS.sub(" ", column).strip()
        lower = key in options.lower or (not options.lower and bool(LOWER_IS_BETTER.search(label)))
        entry: dict[str, Any] = {"key": key, "label": label, "direction": "lower" if lower else "higher",
                                 "decimals": _decimals(list(frame[column]))}
        if key == primary:
            entry["primary"] = True
        columns.append(entry)
    rows, unnamed, by_account = [], [], 0
    for line, (_, record) in enumerate(frame.iterrows(), start=2):
        name = record[team].strip() if team is not None else ""
        if not name and account is not None:
            name = record[account].strip()
            if name and team is not None:
                by_account += 1
        if not name:
            unnamed.append(line)
            continue
        row: dict[str, Any] = {"team": name}
        if run is not None and not _empty(record[run]):
            row["run"] = record[run].strip()
        if rank is not None and record[rank].strip().isdigit():
            row["rank"] = int(record[rank])
        row["values"] = {keys[c]: float(_score(record[c])) for c in metrics if not _empty(record[c])}
        missing = {keys[c]: "empty in the export" for c in metrics if _empty(record[c])}
        if missing:
            row["missing"] = missing
        rows.append(row)
    if unnamed:
        raise ExportError(f"line(s) {', '.join(map(str, unnamed))} name no team"
                          + (f" and no account ({account!r})" if account is not None else "")
                          + ": fill them in, or name the team column with --team-column")
    if team is None:
        notes.append(f"rows are named by the account column {account.strip()!r}: replace them with team names")
    elif by_account:
        notes.append(f"{by_account} row(s) have no {team.strip()!r} and are named by their account "
                     f"({account.strip()!r})")
    board: dict[str, Any] = {"id": options.board, "title": options.title}
    if options.source:
        board["source"] = options.source
    if options.partial:
        board["partial"] = options.partial
    board.update(ranking="runs", columns=columns, rows=rows)
    return Imported(board, notes)
