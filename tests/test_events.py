"""Event pages: computed programme times, programme checks with positions, calendars, the workshop of seed 004."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar

import shutil

from imageclef.core import events
from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.render import render_site

from .conftest import FIXTURE_DATA, ROOT

UTC = dt.timezone.utc
WORKSHOP = "medical-foundation-models-2026"

# A lab session written for these tests; the line numbers in the expected messages refer to it.
LAB_SESSION = """\
title: ImageCLEF 2030 lab session
summary: The lab's session at CLEF 2030.
kind: lab-session
edition: 2030
host: CLEF 2030
venue: Fixture City
date: 2030-09-10
timezone: Europe/Madrid
length: half-day
scope: Results of the tasks.
organisers: [ada-lovelace]
tracks:
  - name: Working notes
    review: single-blind
    submit: CEUR
    deadline: 2030-06-01
programme:
  - start: "09:00"
    duration: 15
    kind: opening
    title: Welcome
  - duration: 60
    kind: oral
    title: Task overviews
  - start: "10:30"
    duration: 30
    kind: break
    title: Coffee
  - duration: 45
    kind: poster
    title: Posters
    speaker: tba
"""
LAB_FILE = "data/events/lab.yml"


def data_folder(tmp_path: Path, text: str = LAB_SESSION, old: str = "", new: str = "", *extra: Path) -> Path:
    """The fixture data (edition 2030, person ada-lovelace) with the lab session (``old`` replaced by ``new``)
    and the ``extra`` event files."""
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "events").mkdir()
    (data / "events" / "lab.yml").write_text(text, encoding="utf-8")
    for path in extra:
        shutil.copy(path, data / "events" / path.name)
    return data


def load(tmp_path: Path, text: str = LAB_SESSION, old: str = "", new: str = ""):
    """(events, errors, warnings of event files) of the fixture data with the lab session."""
    data = data_folder(tmp_path, text, old, new)
    try:
        site = load_data(data, root=tmp_path)
    except DataError as exc:
        return [], exc.issues, []
    return site.events, [], [w for w in site.warnings if w.file.startswith("data/events/")]


def errors(tmp_path: Path, old: str, new: str) -> list[str]:
    return [str(issue) for issue in load(tmp_path, LAB_SESSION, old, new)[1]]


def workshop():
    site = load_data(ROOT / "data", root=ROOT)
    return next(ev for ev in site.events if ev.slug == WORKSHOP), site.warnings


# --------------------------------------------------------------------------- times and checks


def test_end_times_are_computed_and_a_slot_without_start_follows_the_previous(tmp_path):
    (ev,), errs, _ = load(tmp_path)
    assert errs == []
    assert [(t.slot.title, events._hhmm(t.start), events._hhmm(t.end)) for t in events.times(ev)] == [
        ("Welcome", "09:00", "09:15"),
        ("Task overviews", "09:15", "10:15"),  # no start given: begins when the welcome ends
        ("Coffee", "10:30", "11:00"),  # a gap is allowed
        ("Posters", "11:00", "11:45"),
    ]


def test_overlapping_slot_is_an_error_at_its_start(tmp_path):
    assert errors(tmp_path, 'start: "10:30"', 'start: "10:00"') == [
        f"{LAB_FILE}:25:12: programme.2.start: 'Coffee' starts at 10:00, "
        "while the previous slot 'Task overviews' runs 09:15–10:15"
    ]


def test_out_of_order_slot_is_an_error_at_its_start(tmp_path):
    assert errors(tmp_path, 'start: "10:30"', 'start: "09:10"') == [
        f"{LAB_FILE}:25:12: programme.2.start: 'Coffee' starts at 09:10, "
        "before the previous slot 'Task overviews' (09:15): list the slots in time order"
    ]


def test_programme_longer_than_declared_length(tmp_path):
    assert errors(tmp_path, "duration: 45", "duration: 200") == [
        f"{LAB_FILE}:9:9: length: the programme runs 09:00–14:20 (5 h 20 min), "
        "longer than a half-day (at most 4 h)"
    ]
    text = LAB_SESSION.replace("length: half-day", "length: full-day")
    assert load(tmp_path / "full", text, "duration: 45", "duration: 200")[1] == []  # fits in 8 hours


def test_full_day_limit_is_eight_hours(tmp_path):
    text = LAB_SESSION.replace("length: half-day", "length: full-day")
    assert [str(i) for i in load(tmp_path, text, "duration: 45", "duration: 420")[1]] == [
        f"{LAB_FILE}:9:9: length: the programme runs 09:00–18:00 (9 h), longer than a full-day (at most 8 h)"
    ]


def test_deadline_after_the_event(tmp_path):
    assert errors(tmp_path, "deadline: 2030-06-01", "deadline: 2030-09-11") == [
        f"{LAB_FILE}:16:15: tracks.0.deadline: the deadline 2030-09-11 is after the event (2030-09-10)"
    ]


def test_reference_and_shape_errors(tmp_path):
    assert errors(tmp_path, "organisers: [ada-lovelace]", "organisers: [bob]\nedition_year: 1") == [
        f"{LAB_FILE}:12:1: edition_year: unknown key 'edition_year' (did you mean 'edition'?)"
    ]
    assert errors(tmp_path / "b", "organisers: [ada-lovelace]", "organisers: [bob]") == [
        f"{LAB_FILE}:11:14: organisers.0: unknown person 'bob'"
    ]
    assert errors(tmp_path / "c", "edition: 2030", "edition: 2031") == [
        f"{LAB_FILE}:4:10: edition: no edition 2031 in data/editions/"
    ]
    assert errors(tmp_path / "d", "date: 2030-09-10", "date: 2030-02-31") == [
        f'{LAB_FILE}:7:7: date: invalid date "2030-02-31" (expected YYYY-MM-DD)'
    ]
    assert errors(tmp_path / "e", "kind: break", "kind: lunch") == [
        f"{LAB_FILE}:27:11: programme.2.kind: Input should be 'opening', 'keynote', 'poster', 'oral', "
        "'break', 'panel' or 'closing' (got \"lunch\")"
    ]


def test_speakers_to_be_announced_are_warnings(tmp_path):
    _, _, warns = load(tmp_path)
    assert [str(w) for w in warns] == [
        f"{LAB_FILE}:32:14: programme.3.speaker: the speaker of 'Posters' (11:00) is still to be announced"
    ]
    assert warns[0].severity == "warning"


# --------------------------------------------------------------------------- calendars and edition section


def rendered(data: Path, today: dt.date = dt.date(2030, 9, 1)):
    return render_site(load_data(data, root=data.parent), today=today)


def test_calendar_has_deadlines_in_utc_and_the_sessions_once_dated(tmp_path):
    data = data_folder(tmp_path)
    files = rendered(data).files
    assert files["events/lab.ics"] == rendered(data, dt.date(2031, 1, 1)).files["events/lab.ics"]  # deterministic
    cal = icalendar.Calendar.from_ical(files["events/lab.ics"])
    items = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    deadline = items["imageclef-event-lab-deadline-working-notes"]
    assert deadline.decoded("dtstart") == dt.datetime(2030, 6, 2, 11, 59, tzinfo=UTC)  # 23:59 AoE = 11:59 UTC next day
    welcome = items["imageclef-event-lab-slot-welcome"]
    # 09:00 in Madrid in September is CEST (UTC+2): 07:00 UTC; the computed end 09:15 is 07:15 UTC.
    assert (welcome.decoded("dtstart"), welcome.decoded("dtend")) == (
        dt.datetime(2030, 9, 10, 7, 0, tzinfo=UTC), dt.datetime(2030, 9, 10, 7, 15, tzinfo=UTC))
    assert str(items["imageclef-event-lab-slot-posters"]["description"]) == "Speaker to be announced."
    assert len(items) == 1 + 4


def test_workshop_calendar_has_only_the_two_aoe_deadlines():
    cal = icalendar.Calendar.from_ical(rendered(ROOT / "data").files[f"events/{WORKSHOP}.ics"])
    got = {str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend")) for e in cal.walk("VEVENT")}
    # Seed: "Jun 10'26 11:59 PM (AoE)" and "Jun 17'26 11:59 PM (AoE)"; the date is to be announced, so no sessions.
    assert got == {
        "Medical Foundation Models and Benchmarking: Full papers submission deadline":
            (dt.datetime(2026, 6, 11, 11, 59, tzinfo=UTC),) * 2,
        "Medical Foundation Models and Benchmarking: Already-published papers submission deadline":
            (dt.datetime(2026, 6, 18, 11, 59, tzinfo=UTC),) * 2,
    }


def test_edition_programme_only_with_a_lab_session_of_that_edition(tmp_path):
    page = rendered(data_folder(tmp_path)).pages["2030/index.md"]
    section = page.split("## Programme of ImageCLEF at the CLEF 2030 conference\n", 1)[1].split("\n## ", 1)[0]
    assert "[ImageCLEF 2030 lab session](../events/lab.md): Tue 10 Sep 2030, Fixture City." in section
    assert "| 9:00 AM – 9:15 AM<br>15 min | **Welcome** | Opening |" in section
    assert "## Programme of" not in rendered(FIXTURE_DATA).pages["2030/index.md"]
    # a workshop is not the lab's CLEF session
    assert "## Programme of" not in rendered(ROOT / "data").pages["2026/index.md"]


# --------------------------------------------------------------------------- the workshop of seed 004

# The seed's programme: start, minutes, kind, speaker to be announced; it ends at 6:00 PM.
SEED_PROGRAMME = [
    ("2:00 PM", 10, "Opening", False),
    ("2:10 PM", 30, "Keynote", True),
    ("2:40 PM", 30, "Keynote", True),
    ("3:10 PM", 60, "Poster", False),
    ("4:10 PM", 20, "Oral", False),
    ("4:30 PM", 30, "Keynote", True),
    ("5:00 PM", 30, "Keynote", True),
    ("5:30 PM", 30, "Panel", False),
]
SEED_END = "6:00 PM"


def test_workshop_page_matches_the_seed_programme():
    _, warns = workshop()
    page = rendered(ROOT / "data", dt.date(2026, 5, 1)).pages[f"events/{WORKSHOP}.md"]
    rows = re.findall(r"^\| (\S+ [AP]M) – (\S+ [AP]M)<br>(\d+) min \| (.*) \| (\w+) \|$", page, re.M)
    ends = [start for start, *_ in SEED_PROGRAMME[1:]] + [SEED_END]
    assert [(s, e, int(d), k, "***to be announced***" in cell) for s, e, d, cell, k in rows] == [
        (start, end, minutes, kind, tba) for (start, minutes, kind, tba), end in zip(SEED_PROGRAMME, ends)
    ]
    assert "A half-day programme from 2:00 PM to 6:00 PM" in page
    assert '!!! warning "To be announced"' in page
    for title, start in [("Invited talk 1", "2:10 PM"), ("Invited talk 2", "2:40 PM"),
                         ("Invited talk 3", "4:30 PM"), ("Invited talk 4", "5:00 PM")]:
        assert f"    - {title} ({start})\n" in page
    assert "- **Deadline:** Wed 10 Jun 2026, 23:59 AoE (UTC−12)\n" in page
    assert "- **Deadline:** Wed 17 Jun 2026, 23:59 AoE (UTC−12)\n" in page
    assert "- **Date:** to be announced, half-day" in page
    assert "## Organisers" not in page  # the seed names none
    assert [w.field for w in warns if w.file.endswith(f"{WORKSHOP}.yml")] == [
        "programme.1.speaker", "programme.2.speaker", "programme.5.speaker", "programme.6.speaker"]


def test_an_undated_event_is_upcoming_while_its_call_is_open():
    """The seed workshop has no date; its last deadline is 17 Jun 2026 (seed 004)."""
    def section(today: dt.date) -> str:
        """The heading the workshop is listed under on ``today``."""
        index = rendered(ROOT / "data", today).pages["events/index.md"]
        return re.findall(r"^## .+$", index.split(f"]({WORKSHOP}.md)")[0], re.M)[-1]
    assert section(dt.date(2026, 6, 17)) == "## Upcoming"
    assert section(dt.date(2026, 6, 18)) == "## Date not announced"


def test_events_index_and_escaping(tmp_path):
    data = data_folder(tmp_path, LAB_SESSION.replace("title: Welcome", "title: Welcome <b>*all*</b>"), "", "",
                       ROOT / "data" / "events" / f"{WORKSHOP}.yml")
    pages = rendered(data).pages
    assert sorted(p for p in pages if p.startswith("events/")) == ["events/index.md", "events/lab.md",
                                                                   f"events/{WORKSHOP}.md"]
    index = pages["events/index.md"]
    # On 1 Sep 2030 the lab session is upcoming; the undated workshop, whose call closed in June 2026, is not.
    upcoming, undated = index.split("## Upcoming")[1].split("## Date not announced")
    assert "[ImageCLEF 2030 lab session](lab.md)" in upcoming and WORKSHOP not in upcoming
    assert f"]({WORKSHOP}.md)" in undated and "Their calls for papers have closed" in undated
    lab = pages["events/lab.md"]
    assert r"**Welcome &lt;b&gt;\*all\*&lt;/b&gt;**" in lab
    assert "- **Deadline:** Sat 1 Jun 2030, 23:59 AoE (UTC−12) (closed)" in lab
    assert "## Organisers\n\n- **Ada Lovelace**" in lab
    assert not [p for p in rendered(FIXTURE_DATA).pages if p.startswith("events/")]  # no events, no pages
