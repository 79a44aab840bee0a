"""A board's values as downloads: JSON (with origins and signatures) and CSV."""

from __future__ import annotations

import csv
import io
import json

from ..models import ResultRow
from .ranking import Leaderboard, shown


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula (as OWASP recommends for
    CSV injection: a cell starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _flags(row: ResultRow) -> list[str]:
    return [name for name, on in (("organiser", row.organiser), ("baseline", row.baseline)) if on]


def _json_cell(cell, decimals: int) -> dict:
    found = {"value": shown(cell.value, decimals), "origin": cell.origin}
    if cell.origin == "computed":
        found["exact"] = cell.value  # full precision of the computation
    if cell.published is not None and cell.origin == "computed":
        found["published"] = cell.published
    if cell.reproduced is not None:
        found["reproduced"] = cell.reproduced
    if cell.note is not None:
        found["note"] = cell.note
    if cell.interval is not None:
        found["interval"] = [round(bound, decimals + 1) for bound in cell.interval]  # 95% bootstrap interval
    if cell.p_value is not None:
        found["p_value"] = cell.p_value  # paired bootstrap test against the leader, Holm-adjusted
    return found


def to_json(lb: Leaderboard) -> str:
    """The board as JSON: values as shown (at the published precision), each computed value's full precision in
    ``exact``, each column's scoring signature once, ranks and flags."""
    board = lb.board
    decimals = {c.key: c.decimals for c in board.columns}
    document = {
        "board": board.id,
        "title": board.title,
        "subtask": board.subtask,
        "source": board.source,
        "partial": board.partial,
        "ranking": board.ranking,
        "ranks": "published" if lb.published_ranks else board.ties,
        "columns": [
            {"key": c.key, "label": c.label, "direction": c.direction, "decimals": c.decimals,
             "primary": c.primary, "signature": lb.signatures.get(c.key)}
            for c in board.columns
        ],
        "rows": [
            {
                "rank": r.rank, "team": r.row.team, "run": r.row.run, "flags": _flags(r.row),
                "values": {k: _json_cell(cell, decimals[k]) for k, cell in r.cells.items()},
            }
            for r in lb.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def to_csv(lb: Leaderboard) -> str:
    """The board as CSV, one row per run: rank, team, run, flags, and each column's value as shown (at the published
    precision) with its origin. Text that a spreadsheet would run is neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["rank", "team", "run", "flags"]
    confident = lb.confidence is not None and lb.confidence.intervals > 0
    for c in lb.board.columns:
        header += [c.key, f"{c.key}_origin"]
        if c.primary and confident:
            header += [f"{c.key}_low", f"{c.key}_high"] + ([f"{c.key}_p_vs_leader"] if lb.confidence.tested else [])
    writer.writerow(header)
    for r in lb.rows:
        line = ["" if r.rank is None else r.rank, spreadsheet_safe(r.row.team), spreadsheet_safe(r.row.run or ""),
                ";".join(_flags(r.row))]
        for c in lb.board.columns:
            cell = r.cells[c.key]
            line += ["" if cell.value is None else f"{cell.value:.{c.decimals}f}", cell.origin or ""]
            if c.primary and confident:
                line += ["", ""] if cell.interval is None else [f"{bound:.{c.decimals}f}" for bound in cell.interval]
                if lb.confidence.tested:
                    line.append("" if cell.p_value is None else f"{cell.p_value:.4f}")
        writer.writerow(line)
    return out.getvalue()
