"""Ranking rules, reconciliation and downloads of leaderboards.

Expected orders and ranks are those printed in the Overview of ImageCLEF 2025 (seed 002), table by table.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from imageclef.core.render import board_table as to_html
from imageclef.core.results import build_leaderboard
from imageclef.core.results.downloads import to_csv, to_json
from imageclef.core.loader import load_data
from imageclef.core.models import Board

from .conftest import ROOT


@pytest.fixture(scope="module")
def boards():
    data = load_data(ROOT / "data", root=ROOT)
    return {f"{slug}/{b.id}": b for slug, bs in data.editions[2025].boards.items() for b in bs}


def ranking(board: Board, *, attr: str = "team", teams: bool = False) -> list[tuple]:
    lb, _ = build_leaderboard(board)
    rows = lb.ranked if teams else lb.rows
    return [(r.rank, getattr(r.row, attr)) for r in rows]


def test_gans_subtask1_runs_in_table4_order(boards):
    # Table 4: every run ranked; equal kappa ordered by precision, then run id (1803/1804/1873 share 0.136).
    table4 = [1878, 1803, 1804, 1873, 1802, 1801, 1880, 1359, 1367, 1696, 1364, 1881, 1360, 1877, 1366, 1872,
              1288, 1368, 1811, 1427, 1879, 1882, 1355, 1160, 1779, 1492, 1330, 1794, 1369, 1778, 1356, 1776, 1777]
    assert ranking(boards["gans/subtask1"], attr="run") == [(i + 1, str(run)) for i, run in enumerate(table4)]


def test_gans_subtask2_runs_in_table5_order(boards):
    table5 = [1396, 1782, 1871, 1883, 1426, 1425, 1287, 1268, 1269, 1271, 1267]
    assert ranking(boards["gans/subtask2"], attr="run") == [(i + 1, str(run)) for i, run in enumerate(table5)]


@pytest.mark.parametrize("board,expected", [
    # Table 13: equal scores share a rank, tied teams alphabetically; the paper numbers its baseline too.
    ("bulgarian", [(1, "heavyhelium"), (1, "stormhunter44"), (2, "ymgclef"), (3, "bingezzzleep"),
                   (3, "seifahmed"), (4, "plutohbj"), (5, "baseline"), (6, "elenat")]),
    ("italian", [(1, "seifahmed"), (2, "bingezzzleep"), (2, "plutohbj"), (3, "ymgclef"), (4, "baseline")]),
    ("urdu", [(1, "seifahmed"), (2, "ymgclef"), (3, "bingezzzleep"), (3, "yaozihang"), (4, "baseline")]),
    ("multilingual", [(1, "seifahmed"), (2, "ymgclef"), (3, "lekshmiscopovit"), (4, "bingezzzleep"),
                      (5, "plutohbj"), (6, "deng113abc"), (7, "mhl2001"), (8, "yaozihang"), (9, "baseline"),
                      (10, "elenat")]),
])
def test_multimodal_reasoning_ranks_as_in_table13(boards, board, expected):
    assert ranking(boards[f"multimodal-reasoning/{board}"]) == expected


def test_caption_concept_detection_best_run_per_team_table2(boards):
    expected = ["AUEB NLP Group", "DeepLens", "mapan", "UIT-Oggy", "DS4DH", "sakthiii", "JJ-VMed", "UMUTeam",
                "LekshmiscopeVIT"]
    assert ranking(boards["caption/concept-detection"], teams=True) == [(i + 1, t) for i, t in enumerate(expected)]


def test_caption_prediction_baseline_shown_unranked_table3(boards):
    ranks = ranking(boards["caption/caption-prediction"])
    assert [t for r, t in ranks if r is not None] == [
        "UMUTeam", "DS4DH", "AI Stat Lab", "UIT-Oggy", "AUEB NLP Group", "JJ-VMed", "sakthiii", "CS_Morgan"]
    assert [r for r, t in ranks if r is not None] == list(range(1, 9))
    assert (None, "Llama 4 Scout") in ranks


def test_topicto_lower_is_better_column_keeps_its_direction_table14(boards):
    lb, _ = build_leaderboard(boards["topicto/text-to-picto"])
    assert [(r.rank, r.row.team) for r in lb.rows] == [(1, "majahj"), (2, "sudharshan07"), (3, "indira"), (4, "indira")]
    # the best PictoER is the lowest (13.48), bold on majahj's row only
    assert [r.row.team for r in lb.rows if "picto_er" in r.best] == ["majahj"]


def board_of(rows, **options) -> Board:
    return Board.model_validate({
        "id": "b", "title": "B",
        "columns": [{"key": "er", "label": "ER", "direction": "lower", "decimals": 2, "primary": True},
                    {"key": "acc", "label": "Acc", "decimals": 3}],
        "rows": rows, **options,
    })


def test_lower_is_better_primary_shared_ties_alphabetical_and_baseline_unranked():
    board = board_of([
        {"team": "zeta", "values": {"er": 10.0, "acc": 0.5}},
        {"team": "Alpha", "values": {"er": 10.004, "acc": 0.4}},  # equal to zeta at the published 2 decimals
        {"team": "base", "baseline": True, "values": {"er": 5.0, "acc": 0.9}},
        {"team": "mid", "values": {"er": 12.0, "acc": 0.7}},
    ])
    lb, _ = build_leaderboard(board)
    assert [(r.rank, r.row.team) for r in lb.rows] == [(None, "base"), (1, "Alpha"), (1, "zeta"), (2, "mid")]
    # best values ignore the baseline: lowest ER 10.00 (two rows), highest acc 0.7
    assert {r.row.team: sorted(r.best) for r in lb.rows} == {"base": [], "Alpha": ["er"], "zeta": ["er"], "mid": ["acc"]}


def test_team_best_view_ranks_each_teams_best_run():
    board = board_of([
        {"team": "A", "run": "1", "values": {"er": 20.0}},
        {"team": "B", "run": "2", "values": {"er": 15.0}},
        {"team": "A", "run": "3", "values": {"er": 11.0}},
    ], ranking="teams")
    lb, _ = build_leaderboard(board)
    assert [(r.rank, r.row.team, r.row.run) for r in lb.team_best] == [(1, "A", "3"), (2, "B", "2")]
    assert [(r.rank, r.row.run) for r in lb.rows] == [(1, "3"), (2, "2"), (3, "1")]


def test_html_is_accessible_and_escapes_team_names():
    board = board_of([{"team": "<script>alert(1)</script>", "values": {"er": 1.0}}])
    lb, _ = build_leaderboard(board)
    table = to_html(lb, lb.rows, "Caption <b>")
    assert "<caption>Caption &lt;b&gt;</caption>" in table
    assert '<th scope="col" data-sort-method="number"' in table
    assert '<th scope="row" class="lb-team">&lt;script&gt;' in table
    assert "<script>" not in table


class FakeScore:
    def __init__(self, values, signature="scorer:test|v:1"):
        self.values, self.signature = values, signature
        self.replicates, self.items = None, None


def test_reconciliation_keeps_unreproduced_published_values_and_reports_them():
    board = board_of([
        {"team": "A", "run": "1", "values": {"er": 10.0, "acc": 0.5}},
        {"team": "B", "run": "2", "values": {"er": 11.0}},
    ])
    # run 1 reproduces er (10.001 → 10.00) but not acc (0.512 → 0.512 ≠ 0.500); run 2's acc is computed only
    lb, mismatches = build_leaderboard(board, {0: FakeScore({"er": 10.001, "acc": 0.512}), 1: FakeScore({"acc": 0.25})})
    cells = {r.row.team: r.cells for r in lb.rows}
    assert cells["A"]["er"].origin == "computed" and cells["A"]["er"].reproduced is True
    assert cells["A"]["acc"].origin == "published" and cells["A"]["acc"].value == 0.5 and cells["A"]["acc"].reproduced is False
    assert cells["B"]["acc"].origin == "computed" and cells["B"]["acc"].value == 0.25
    assert [str(m) for m in mismatches] == ["b: A run 1: acc published 0.5 but the archived run scores 0.512"]
    table = to_html(lb, lb.rows, "c")
    # A's acc (best, so bold) is not reproduced; B's ER was not recomputed at all: both are marked
    assert '<strong>0.500</strong><sup title="published value; the archived run does not reproduce it">†</sup>' in table
    assert '11.00<sup title="published value; no archived run">†</sup>' in table
    assert table.count("<sup") == 2


def test_downloads_carry_origin_precision_and_the_signature_once():
    board = board_of([{"team": "A", "run": "1", "values": {"er": 10.0}}])
    lb, _ = build_leaderboard(board, {0: FakeScore({"er": 10.000400000000001, "acc": 0.14800000000000002}, "sig-1")})
    rows = list(csv.DictReader(io.StringIO(to_csv(lb))))
    # values as the board shows them (er: 2 decimals, acc: 3), no floating-point noise, no signature per row
    assert rows == [{"rank": "1", "team": "A", "run": "1", "flags": "", "er": "10.00", "er_origin": "computed",
                     "acc": "0.148", "acc_origin": "computed"}]
    document = json.loads(to_json(lb))
    assert [c["signature"] for c in document["columns"]] == ["sig-1", "sig-1"]
    assert document["rows"][0]["values"]["er"] == {"value": 10.0, "origin": "computed", "exact": 10.000400000000001,
                                                   "published": 10.0, "reproduced": True}
    assert document["rows"][0]["values"]["acc"]["value"] == 0.148


def test_unreproducible_published_value_is_marked_kazakh_baseline_table13(boards):
    # Table 13 gives the Kazakh baseline 0.2738 of 243 questions; no whole number of correct answers rounds to it
    # (66/243 = 0.2716, 67/243 = 0.2757), so the archive has no run for it and the value stays published.
    board = boards["multimodal-reasoning/kazakh"]
    row = next(i for i, r in enumerate(board.rows) if r.baseline)
    scores = {i: FakeScore({"accuracy": r.values["accuracy"]}) for i, r in enumerate(board.rows) if i != row}
    lb, mismatches = build_leaderboard(board, scores)
    assert mismatches == []
    table = to_html(lb, lb.rows, "Kazakh")
    assert '0.2738<sup title="published value; no archived run">†</sup>' in table
    assert table.count("<sup") == 1


@pytest.mark.parametrize("partial,teams,runs,disagrees", [
    (False, 3, 3, True),    # a full table listing fewer teams than declared: organisers should look
    (False, 13, 75, False),
    (True, 3, 3, False),    # a top-3 table lists fewer teams by design
    (True, 14, 3, True),    # ...but never more than were declared
])
def test_participation_counts_of_partial_tables_only_disagree_when_they_exceed_the_declared(
        partial, teams, runs, disagrees):
    from imageclef.core.results import TableCounts

    assert TableCounts("2021/vqa-med", teams, runs, 13, 75, partial).disagrees is disagrees


def test_participation_counts_explained_by_a_note_are_not_reported():
    from imageclef.core.results import TableCounts

    assert TableCounts("2025/arguments", 3, 5, 2, 4).disagrees
    assert not TableCounts("2025/arguments", 3, 5, 2, 4, explained=True).disagrees
    assert not TableCounts("2025/arguments", 2, 5, 2, 4, explained=True).disagrees  # runs alone differ
