"""Pages speak of where an edition stands on the build date: before registration, while it is open, while the
tasks run, and once the edition is over. Golden pages of the fixture edition at four dates.

The fixture's schedule: registration opens 10 Jan 2030 and closes 15 Apr, runs are due 7 May (the alpha task:
14 May), results come on 20 May, the conference is 16-19 Sep 2030.

After an intended change of output, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from imageclef.core.loader import load_data
from imageclef.core.phase import Phase
from imageclef.core.render import render_site
from imageclef.core.view import SiteView

from .conftest import FIXTURE_DATA, ROOT

GOLDEN = ROOT / "tests" / "golden" / "phases"
DATES = {
    Phase.upcoming: dt.date(2029, 12, 1),
    Phase.registration: dt.date(2030, 2, 1),
    Phase.running: dt.date(2030, 5, 10),
    Phase.finished: dt.date(2030, 10, 1),
}
PAGES = ("2030/index.md", "2030/beta/index.md", "2030/results.md", "index.md")


PHASE_EDITION = {  # the fixture edition with a full cycle of registration, results and news that expire
    "news:\n  - text: Registration is open.\n": "news:\n  - text: Registration is open.\n    until: registration-closes\n"
                                                "  - date: 2030-01-02\n    text: The fixture edition is announced.\n",
    "  - kind: run-submission\n": "  - kind: registration-closes\n    date: 2030-04-15\n  - kind: run-submission\n",
    "  - kind: conference\n": "  - kind: results\n    date: 2030-05-20\n  - kind: conference\n",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phases") / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    edition = folder / "editions/2030/edition.yml"
    text = edition.read_text(encoding="utf-8")
    for old, new in PHASE_EDITION.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    edition.write_text(text + "sources:\n  - title: The fixture's own page\n    url: https://example.org/fixture-2030\n",
                       encoding="utf-8")
    return load_data(folder, root=folder.parent)


@pytest.fixture(scope="module")
def pages(data):
    return {phase: render_site(data, today=day).pages for phase, day in DATES.items()}


@pytest.mark.parametrize("phase", list(DATES))
def test_phase_is_computed_from_the_schedule(data, phase):
    assert SiteView(data, DATES[phase]).phase(data.editions[2030]) is phase


@pytest.mark.parametrize("phase", list(DATES))
def test_golden_pages_at_each_phase(pages, phase):
    for page in PAGES:
        path = GOLDEN / phase.value / page
        if os.environ.get("UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(pages[phase][page], encoding="utf-8")
        assert pages[phase][page] == path.read_text(encoding="utf-8"), f"{path.relative_to(ROOT)} differs"


def test_registration_wording_follows_the_phase(pages):
    edition = {phase: pages[phase]["2030/index.md"] for phase in DATES}
    assert "Registration opens on Thu 10 Jan 2030 (tentative), on [TestBench]" in edition[Phase.upcoming]  # as its milestone
    assert "Register on [TestBench](https://example.org/bench) until Mon 15 Apr 2030." in edition[Phase.registration]  # firm
    assert "1. Create an account." in edition[Phase.registration]
    for phase in (Phase.running, Phase.finished):
        assert "Registration closed on Mon 15 Apr 2030" in edition[phase]
        assert "Create an account" not in edition[phase]


def test_news_expire_with_their_milestone(pages):
    assert "Registration is open." in pages[Phase.registration]["2030/index.md"]
    assert "Registration is open." not in pages[Phase.running]["2030/index.md"]
    assert "The fixture edition is announced." in pages[Phase.running]["2030/index.md"]


def test_tense_tentative_and_calendar_follow_the_phase(pages):
    live, over = pages[Phase.running]["2030/index.md"], pages[Phase.finished]["2030/index.md"]
    assert "ImageCLEF 2030 proposes 2 main tasks:" in live and "ImageCLEF 2030 proposed 2 main tasks:" in over
    assert "and all its tasks are part of CLEF 2030" in live and "and its tasks were part of CLEF 2030" in over
    assert "Add these dates to your calendar" in live and "Add these dates to your calendar" not in over
    assert "Next deadline" not in over
    assert "Registration opens *(tentative)*" in pages[Phase.upcoming]["2030/index.md"]
    assert "(tentative)" not in pages[Phase.registration]["2030/index.md"]  # the tentative date has passed
    assert "runs 2 main tasks" in pages[Phase.running]["index.md"] and "ran 2 main tasks" in pages[Phase.finished]["index.md"]
    assert "Runs are submitted on" not in pages[Phase.finished]["2030/parent/alpha.md"]
    assert "Runs were submitted on" in pages[Phase.finished]["2030/parent/alpha.md"]


def test_results_wording_follows_the_results_date(data, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.data_dir, folder)
    (folder / "editions/2030/results/alpha.yml").unlink()
    data = load_data(folder, root=tmp_path)
    before = render_site(data, today=dt.date(2030, 5, 19)).pages["2030/results.md"]
    assert "No results have been published for 2030 yet." in before
    after = render_site(data, today=dt.date(2030, 5, 21))  # results date passed, no tables kept: no empty page
    assert "2030/results.md" not in after.pages
    assert "2030/results.md" not in repr(after.nav.to_mkdocs())


def test_results_page_names_the_tasks_without_a_table(data):
    """Fixture 2030: `parent` only groups `alpha`, which has a board; `beta` has none. Results are due on 20 May."""
    due = render_site(data, today=dt.date(2030, 5, 19)).pages["2030/results.md"]
    done = render_site(data, today=dt.date(2030, 5, 21)).pages["2030/results.md"]
    assert "No result table is on this site yet for [Beta: a task with a colon](beta/index.md)." in due
    assert "No result table is on this site for [Beta: a task with a colon](beta/index.md)." in done
    assert "Alpha" not in due.split("No result table")[1].split("\n")[0]
