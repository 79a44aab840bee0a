"""`imageclef import-results`: a platform's leaderboard export as a board, with nothing lost silently."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from imageclef.core.importer import ExportError, Options, board_from_export
from imageclef.core.loader import load_data

# The first three rows of the final ImageCLEFmedical Caption 2026 caption-prediction leaderboard (AI4MediaBench),
# with three of its nine columns, as republished in results/official_leaderboard_top8.md of the participant
# repository quytsua/UIT_HighDefinition_ImageCLEFmedical_Caption_2026. The platform names rows by account.
AI4MEDIABENCH = """\
Rank,Owner,Run ID,Overall,Relevance,Factuality
1,AIstatLab,937,0.3755,0.5786,0.1724
2,mendesheitor,977,0.3603,0.5527,0.1679
3,b_wang94,990,0.3571,0.5365,0.1777
"""

# A made-up table in the shape of a Codalab-style leaderboard: a rank, the account, bookkeeping columns, an
# optional team name, and scores printed with their column rank and a sort mark in the header.
CODALAB_STYLE = """\
#,User,Entries,Date of Last Entry,Team Name,F1 \u25b2,Error rate,Method
1,ada,5,05/07/30,Team Aurora,0.5888 (1),12.50 (2),ensemble
2,bob,3,05/06/30,,0.5766 (2),10.25 (1),CNN
3,cyd,1,05/01/30,Borealis,-,nan,
"""


def board(text: str, **options) -> tuple[dict, list[str]]:
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    imported = board_from_export(frame, Options(board="b", title="B", **options))
    return imported.board, imported.notes


def test_an_ai4mediabench_export_keeps_every_published_value_and_says_rows_are_accounts():
    imported, notes = board(AI4MEDIABENCH)
    assert [c["key"] for c in imported["columns"]] == ["overall", "relevance", "factuality"]
    assert [c.get("primary", False) for c in imported["columns"]] == [True, False, False]
    assert {c["decimals"] for c in imported["columns"]} == {4}
    assert [(r["rank"], r["team"], r["run"]) for r in imported["rows"]] == [
        (1, "AIstatLab", "937"), (2, "mendesheitor", "977"), (3, "b_wang94", "990")]
    assert imported["rows"][1]["values"] == {"overall": 0.3603, "relevance": 0.5527, "factuality": 0.1679}
    assert notes == ["rows are named by the account column 'Owner': replace them with team names"]


def test_team_names_win_over_accounts_and_bookkeeping_columns_are_not_metrics():
    imported, notes = board(CODALAB_STYLE)
    assert [r["team"] for r in imported["rows"]] == ["Team Aurora", "bob", "Borealis"]
    assert [(c["key"], c["label"], c["direction"], c["decimals"]) for c in imported["columns"]] == [
        ("f1", "F1", "higher", 4), ("error_rate", "Error rate", "lower", 2)]
    first, _, last = imported["rows"]
    assert first["values"] == {"f1": 0.5888, "error_rate": 12.5}  # "0.5888 (1)": the column rank is dropped
    assert last["values"] == {} and last["missing"] == {"f1": "empty in the export", "error_rate": "empty in the export"}
    assert notes == [
        "left out 'Entries': it is about the submitting, not a score",
        "left out 'Date of Last Entry': it is about the submitting, not a score",
        "left out 'Method': not every cell is a number",
        "1 row(s) have no 'Team Name' and are named by their account ('User')",
    ]


def test_a_column_with_one_missing_marker_is_still_a_metric():
    imported, notes = board("team,MAP\nA,0.31\nB,N/A\nC,\u2014\n")
    assert [c["key"] for c in imported["columns"]] == ["map"] and notes == []
    empty = {"map": "empty in the export"}
    assert [r.get("missing") for r in imported["rows"]] == [None, empty, empty]


def test_a_row_without_a_name_is_an_error_not_dropped():
    with pytest.raises(ExportError, match=r"line\(s\) 3 name no team and no account \('User'\)"):
        board("User,Team,F1\nada,A,0.5\n,,0.4\n")


def test_no_metric_and_an_unknown_primary_are_errors():
    with pytest.raises(ExportError, match="no column of numbers"):
        board("team,method\nA,CNN\n")
    with pytest.raises(ExportError, match="--primary 'bleu' is none of the metric keys f1"):
        board("team,F1\nA,0.5\n", primary="bleu")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "imageclef.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_write_creates_a_results_file_that_validates_and_never_overwrites(fixture_data):
    export = fixture_data.parent / "leaderboard.csv"
    export.write_text(CODALAB_STYLE, encoding="utf-8")
    args = ("import-results", str(export), "--task", "beta", "--year", "2030", "--board", "main",
            "--title", "Main", "--source", "TestBench leaderboard, 14 May 2030", "--write")
    first = run(fixture_data.parent, *args)
    assert first.returncode == 0, first.stderr
    assert "wrote data/editions/2030/results/beta.yml: 3 rows, 2 columns" in first.stdout
    assert "left out 'Entries'" in first.stdout
    written = fixture_data / "editions/2030/results/beta.yml"
    assert written.read_text(encoding="utf-8").startswith("# Imported by `imageclef import-results`")
    assert "# 1 row(s) have no 'Team Name'" in written.read_text(encoding="utf-8")
    [main] = load_data(fixture_data).editions[2030].boards["beta"]
    assert [row.team for row in main.rows] == ["Team Aurora", "bob", "Borealis"]
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["sources"] == [
        {"title": "TestBench leaderboard, 14 May 2030"}]
    before = written.read_bytes()
    again = run(fixture_data.parent, *args)
    assert again.returncode == 2 and "exists" in again.stderr
    assert written.read_bytes() == before
