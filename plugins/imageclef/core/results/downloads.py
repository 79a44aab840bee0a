"""A board's values as downloads: JSON (with origins and signatures) and CSV."""

from __future__ import annotations

import csv
import io
import json

from ..models import ResultRow
from .ranking import Leaderboard


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula (as OWASP recommends for
    CSV injection: a cell starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


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
        line = ["" if r.rank is None else r.rank, spreadsheet_safe(r.row.team), spreadsheet_safe(r.row.run or ""),
                ";".join(_flags(r.row))]
        for c in lb.board.columns:
            cell = r.cells[c.key]
            line += ["" if cell.value is None else repr(cell.value), cell.origin or "",
                     cell.signature if cell.origin == "computed" else ""]
        writer.writerow(line)
    return out.getvalue()
