"""A board computed from an original archive shows intervals and the runs that cannot be told apart from the
leader; a reconstructed archive shows intervals only, and says why. Golden board of a synthetic original archive.

After an intended change of output, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import shutil

import pytest

from imageclef.core.loader import load_data
from imageclef.core.render import render_site

from .conftest import FIXTURE_DATA, ROOT

GOLDEN = ROOT / "tests" / "golden" / "confidence" / "beta-board.md"
ITEMS = 300
# run -> questions answered wrongly (the first N): 30 wrong is 0.900; 32 differs from it on 2 items, 60 on 30
RUNS = {"r1": 30, "r2": 32, "r3": 45, "r4": 60}
BOARD = """\
task: beta
sources:
  - title: Synthetic archive of the tests
boards:
  - id: choices
    title: Multiple choice
    computed:
      scorer: multiple-choice
      gold: runs/beta/gold.json
      runs: runs/beta/runs
      archive: {archive}
    columns:
      - {{key: accuracy, label: Accuracy, decimals: 3, primary: true}}
    rows:
      - {{team: Alpha, run: "r1"}}
      - {{team: Beta, run: "r2"}}
      - {{team: Gamma, run: "r3"}}
      - {{team: Delta, run: "r4"}}
"""


def project(tmp_path, archive: str):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    runs = data / "runs" / "beta" / "runs"
    runs.mkdir(parents=True)
    gold = [{"id": str(i), "answer_key": "A", "language": "en"} for i in range(ITEMS)]
    (data / "runs" / "beta" / "gold.json").write_text(json.dumps(gold, indent=1))
    for run, wrong in RUNS.items():
        answers = [{**g, "answer_key": "B" if i < wrong else "A"} for i, g in enumerate(gold)]
        (runs / f"{run}.json").write_text(json.dumps(answers, indent=1))
    (data / "editions/2030/results/beta.yml").write_text(BOARD.format(archive=archive))
    return render_site(load_data(data, root=tmp_path), today=dt.date(2030, 5, 10))


def board_section(page: str) -> str:
    return page.split("## Results\n", 1)[1].split("\n## ", 1)[0]


def test_original_archive_shows_intervals_and_the_leaders_group(tmp_path):
    site = project(tmp_path, "original")
    section = board_section(site.pages["2030/beta/index.md"])
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(section, encoding="utf-8")
    assert section == GOLDEN.read_text(encoding="utf-8")
    rows = section.split("<tbody>", 1)[1].split("</tr>")
    assert "≈" in rows[1] and "≈" not in rows[0] + rows[2] + rows[3]  # only r2 (2 items apart) joins the leader
    assert "≈ marks the 1 of the 3 runs below the leader that a paired bootstrap test cannot tell apart" in section
    low, high = (float(x) for x in re.search(r"\[([0-9.]+), ([0-9.]+)\]", rows[0]).groups())
    # 0.900 on 300 items: a normal approximation gives 0.9 ± 1.96·sqrt(0.9·0.1/300) = 0.9 ± 0.034
    assert low < 0.9 < high and abs((high - low) / 2 - 1.96 * math.sqrt(0.09 / 300)) < 0.007
    document = json.loads(site.files["2030/beta/choices.json"])
    values = [row["values"]["accuracy"] for row in document["rows"]]
    assert values[0]["interval"][0] < 0.9 < values[0]["interval"][1] and "p_value" not in values[0]
    assert values[1]["p_value"] >= 0.05 > values[3]["p_value"]
    table = list(csv.DictReader(io.StringIO(site.files["2030/beta/choices.csv"])))
    assert (table[0]["accuracy_low"], table[0]["accuracy_high"]) == (f"{low:.3f}", f"{high:.3f}")
    assert table[0]["accuracy_p_vs_leader"] == "" and float(table[3]["accuracy_p_vs_leader"]) < 0.05


def test_reconstructed_archive_shows_intervals_only_and_says_why(tmp_path):
    site = project(tmp_path, "reconstructed")
    section = board_section(site.pages["2030/beta/index.md"])
    assert "≈" not in section.split("</table>", 1)[0]
    assert "reconstructed from the published numbers" in section and "none is made" in section
    assert section.count("95% interval") == 4


def test_the_real_reconstructed_boards_say_whether_the_leader_stands_out():
    data = load_data(ROOT / "data", root=ROOT)
    pages = render_site(data, today=dt.date(2026, 3, 1)).pages
    gans = board_section(pages["2025/medical/gans.md"])
    assert "The leader's interval overlaps those of" in gans and "cannot say whether it is ahead" in gans
    assert re.search(r"0\.148(</strong>)?<span class=\"lb-ci\"><span class=\"lb-sr\">, 95% interval </span>\[0\.065, 0\.232\]", gans)
    mmr = board_section(pages["2025/multimodal-reasoning/index.md"])
    assert mmr.count("95% bootstrap interval") >= 14
