"""Schedules: inheritance, status on a given day, data checks with positions, calendar files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
from pydantic import ValidationError

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.models import Milestone, MilestoneKind
from imageclef.core.render import render_site
from imageclef.core.schedule import task_schedule

from .conftest import FIXTURE_DATA, ROOT

K = MilestoneKind
UTC = dt.timezone.utc

# The 2026 global schedule as the 2026 edition page gives it (seed 000): day, kind, depends on the task.
# The page lists the conference as 21.09.2026; CLEF 2026 ran 21-24 September 2026.
SEED_2026 = [
    (dt.date(2026, 1, 26), K.registration_opens, False),
    (dt.date(2026, 2, 2), K.development_data, True),
    (dt.date(2026, 3, 9), K.test_data, True),
    (dt.date(2026, 4, 23), K.registration_closes, False),
    (dt.date(2026, 5, 7), K.run_submission, False),
    (dt.date(2026, 5, 14), K.results, True),
    (dt.date(2026, 5, 28), K.working_notes, False),
    (dt.date(2026, 6, 30), K.notification, False),
    (dt.date(2026, 9, 21), K.conference, False),
]
DEADLINE_KINDS = {K.registration_closes, K.run_submission, K.working_notes}


def fixture_site(data: Path = FIXTURE_DATA):
    return load_data(data, root=data.parent)


def real_2026():
    if not (ROOT / "data/editions/2026/edition.yml").exists():
        pytest.skip("data/editions/2026/edition.yml is not written yet")
    return load_data(ROOT / "data", root=ROOT)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def errors_for(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_data(data, root=data.parent)
    return [str(issue) for issue in info.value.issues]


def warnings_for(data: Path) -> list[str]:
    return [str(w) for w in load_data(data, root=data.parent).warnings]


EDITION = "data/editions/2030/edition.yml"
ALPHA = "data/editions/2030/tasks/alpha.yml"
BETA = "data/editions/2030/tasks/beta.yml"


# --------------------------------------------------------------------------- inheritance


def test_task_inherits_the_edition_schedule_and_overrides_by_kind():
    ed = fixture_site().editions[2030]
    alpha = task_schedule(ed.edition, ed.tasks["alpha"])
    # alpha replaces the edition's run deadline (2030-05-07) by 2030-05-14 and keeps the rest.
    assert [(m.kind, m.date) for m in alpha] == [
        (K.registration_opens, dt.date(2030, 1, 10)),
        (K.run_submission, dt.date(2030, 5, 14)),
        (K.conference, dt.date(2030, 9, 16)),
    ]
    assert alpha[1].previously == [dt.date(2030, 5, 7)] and not alpha[1].depends_on_task
    assert task_schedule(ed.edition, ed.tasks["beta"]) == sorted(ed.edition.schedule, key=lambda m: m.date)


def test_custom_milestones_add_to_the_schedule(fixture_data):
    edit(fixture_data / "editions/2030/tasks/beta.yml", "organisers:",
         "schedule:\n  - kind: custom\n    label: Kick-off webinar\n    date: 2030-02-01\norganisers:")
    ed = fixture_site(fixture_data).editions[2030]
    beta = task_schedule(ed.edition, ed.tasks["beta"])
    assert [m.kind for m in beta] == [K.registration_opens, K.custom, K.run_submission, K.conference]


# --------------------------------------------------------------------------- status and time


@pytest.mark.parametrize(
    "today,expected",
    [
        # before anything: registration opening is next
        (dt.date(2026, 1, 1), ["next"] + ["upcoming"] * 8),
        # on the run deadline's own day it is still open (23:59 AoE): next
        (dt.date(2026, 5, 7), ["past"] * 4 + ["next"] + ["upcoming"] * 4),
        # the day after, the results release is next
        (dt.date(2026, 5, 8), ["past"] * 5 + ["next"] + ["upcoming"] * 3),
        # during the conference (21-24 Sept) it is next, not past
        (dt.date(2026, 9, 24), ["past"] * 8 + ["next"]),
        (dt.date(2026, 9, 25), ["past"] * 9),
    ],
)
def test_status_on_a_day(today, expected):
    schedule = real_2026().editions[2026].edition.schedule
    assert [m.status(today, schedule) for m in sorted(schedule, key=lambda m: m.date)] == expected


def test_deadline_moment_defaults_to_2359_aoe_and_converts_zones():
    deadline = Milestone(kind=K.run_submission, date=dt.date(2026, 5, 7))
    assert deadline.due.astimezone(UTC) == dt.datetime(2026, 5, 8, 11, 59, tzinfo=UTC)
    berlin = Milestone(kind=K.run_submission, date=dt.date(2026, 5, 7), time=dt.time(14), timezone="Europe/Berlin")
    assert berlin.due.astimezone(UTC) == dt.datetime(2026, 5, 7, 12, 0, tzinfo=UTC)  # CEST = UTC+2
    assert Milestone(kind=K.results, date=dt.date(2026, 5, 14)).due is None  # not a deadline: all-day
    assert Milestone(kind=K.conference, date=dt.date(2026, 9, 21), end=dt.date(2026, 9, 24)).due is None


def test_timeline_marks_status_and_links_the_calendar():
    pages = render_site(fixture_site(), today=dt.date(2030, 5, 10)).pages
    alpha = pages["2030/parent/alpha.md"]
    assert ('| <span class="ic-status ic-next">Next</span> | ~~Tue 7 May 2030~~ Tue 14 May 2030, 23:59 AoE '
            "| Deadline for submitting runs |") in alpha
    # a past date is no longer "tentative"
    assert '| <span class="ic-status ic-past">Past</span> | Thu 10 Jan 2030 | Registration opens |' in alpha
    assert "Status on Fri 10 May 2030." in alpha
    assert "(alpha.ics){ .md-button }" in alpha
    edition = pages["2030/index.md"]
    # an unlabelled conference milestone is named after the edition's conference
    assert ('| <span class="ic-status ic-next">Next</span> | Mon 16 – Thu 19 Sep 2030 | CLEF 2030, Testville, '
            'Testland |') in edition
    assert "(imageclef-2030.ics){ .md-button }" in edition


def test_schedule_is_shown_in_date_order(fixture_data):
    # the edition file lists the conference first; the page still shows registration first
    edit(fixture_data / "editions/2030/edition.yml", "schedule:\n",
         "schedule:\n  - kind: conference\n    date: 2030-09-16\n    end: 2030-09-19\n")
    edit(fixture_data / "editions/2030/edition.yml", "  - kind: conference\n    date: 2030-09-16\n    end: 2030-09-19\ntasks",
         "tasks")
    page = render_site(fixture_site(fixture_data), today=dt.date(2030, 5, 10)).pages["2030/index.md"]
    assert page.index("Registration opens") < page.index("Deadline for submitting runs") < page.index("| CLEF 2030,")


def test_next_deadline_callout_on_edition_and_home_pages():
    pages = render_site(fixture_site(), today=dt.date(2030, 5, 1)).pages
    callout = ("!!! tip \"Next deadline\"\n\n    **Deadline for submitting runs**: Tue 7 May 2030, 23:59 AoE (in 6 days). "
               "Each task sets its own date: see the task's page.\n\n")
    assert callout + "    [Full schedule](#schedule) · [Add the dates to your calendar](imageclef-2030.ics)\n" in pages["2030/index.md"]
    assert callout + "    [Full schedule](2030/index.md#schedule) · [Add the dates to your calendar](2030/imageclef-2030.ics)\n" in pages["index.md"]
    on_the_day = render_site(fixture_site(), today=dt.date(2030, 5, 7)).pages["index.md"]
    assert "Tue 7 May 2030, 23:59 AoE (today)." in on_the_day
    after = render_site(fixture_site(), today=dt.date(2030, 5, 8)).pages  # no deadline left in 2030
    assert "Next deadline" not in after["2030/index.md"] and "Next deadline" not in after["index.md"]


# --------------------------------------------------------------------------- checks


def test_registration_closing_before_it_opens(fixture_data):
    edit(fixture_data / "editions/2030/edition.yml", "  - kind: run-submission\n",
         "  - kind: registration-closes\n    date: 2030-01-05\n  - kind: run-submission\n")
    assert errors_for(fixture_data) == [
        f"{EDITION}:24:11: schedule.1.date: registration-closes 2030-01-05 is before registration-opens 2030-01-10 "
        f"({EDITION}:21): registration closes before it opens"
    ]


def test_task_closing_registration_before_the_edition_opens_it(fixture_data):
    edit(fixture_data / "editions/2030/tasks/beta.yml", "organisers:",
         "schedule:\n  - kind: registration-closes\n    date: 2030-01-05\norganisers:")
    assert errors_for(fixture_data) == [
        f"{BETA}:7:11: schedule.0.date: registration-closes 2030-01-05 is before the edition's registration-opens "
        f"2030-01-10 ({EDITION}:21): registration closes before it opens"
    ]


def test_test_data_before_development_data(fixture_data):
    edit(fixture_data / "editions/2030/tasks/beta.yml", "organisers:",
         "schedule:\n  - kind: development-data\n    date: 2030-03-01\n"
         "  - kind: test-data\n    date: 2030-02-01\norganisers:")
    assert errors_for(fixture_data) == [
        f"{BETA}:9:11: schedule.1.date: test-data 2030-02-01 is before development-data 2030-03-01 ({BETA}:7): "
        "test data cannot come before development data"
    ]


def test_deadline_after_the_conference(fixture_data):
    edit(fixture_data / "editions/2030/tasks/alpha.yml", "date: 2030-05-14", "date: 2030-09-20")
    assert errors_for(fixture_data) == [
        f"{ALPHA}:15:11: schedule.0.date: run-submission 2030-09-20 falls after the conference starts (2030-09-16)"
    ]


def test_same_kind_twice_in_one_schedule(fixture_data):
    edit(fixture_data / "editions/2030/tasks/alpha.yml", "submission:",
         "  - kind: run-submission\n    date: 2030-05-21\nsubmission:")
    assert errors_for(fixture_data) == [
        f"{ALPHA}:18:11: schedule.1.date: run-submission is given twice in this schedule "
        f"(also run-submission 2030-05-14 ({ALPHA}:15))"
    ]


def test_same_kind_twice_with_identical_values_is_a_warning(fixture_data):
    edit(fixture_data / "editions/2030/edition.yml", "tasks: [",
         "  - kind: registration-opens\n    date: 2030-01-10\n    tentative: true\ntasks: [")
    assert warnings_for(fixture_data) == [
        f"{EDITION}:30:11: schedule.3.date: registration-opens is given twice in this schedule "
        f"(also registration-opens 2030-01-10 ({EDITION}:21))"
    ]


def test_results_before_runs_in_one_file_is_an_error(fixture_data):
    edit(fixture_data / "editions/2030/edition.yml", "  - kind: conference\n",
         "  - kind: results\n    date: 2030-05-01\n  - kind: conference\n")
    issues = errors_for(fixture_data)
    assert issues == [
        f"{EDITION}:27:11: schedule.2.date: results 2030-05-01 is before run-submission 2030-05-07 ({EDITION}:24): "
        "results should not come before run-submission"
    ]


def test_task_run_deadline_after_the_edition_results_is_a_warning(fixture_data):
    # the edition releases results on 10 May; alpha moves its run deadline to 14 May without moving results
    edit(fixture_data / "editions/2030/edition.yml", "  - kind: conference\n",
         "  - kind: results\n    date: 2030-05-10\n  - kind: conference\n")
    assert warnings_for(fixture_data) == [
        f"{ALPHA}:15:11: schedule.0.date: run-submission 2030-05-14 is after the edition's results 2030-05-10 "
        f"({EDITION}:27), which this task does not override: results should not come before run-submission"
    ]
    # overriding results too settles it
    edit(fixture_data / "editions/2030/tasks/alpha.yml", "submission:",
         "  - kind: results\n    date: 2030-05-21\nsubmission:")
    assert warnings_for(fixture_data) == []


def test_repeating_the_edition_milestone_is_no_disagreement(fixture_data):
    edit(fixture_data / "editions/2030/tasks/beta.yml", "organisers:",
         "schedule:\n  - kind: run-submission\n    date: 2030-05-07\n    depends_on_task: true\norganisers:")
    assert warnings_for(fixture_data) == []


def test_conference_milestone_disagreeing_with_the_conference(fixture_data):
    edit(fixture_data / "editions/2030/edition.yml", "    end: 2030-09-19\ntasks", "tasks")
    assert warnings_for(fixture_data) == [
        f"{EDITION}:27:11: schedule.2.date: the conference milestone says 2030-09-16, "
        "the conference section 2030-09-16..2030-09-19"
    ]


def test_extension_must_come_from_an_earlier_date(fixture_data):
    edit(fixture_data / "editions/2030/tasks/alpha.yml", "previously: [2030-05-07]", "previously: [2030-05-20]")
    assert errors_for(fixture_data) == [
        f"{ALPHA}:16:18: schedule.0.previously.0: 2030-05-20 is not before 2030-05-14: "
        "`previously` lists the earlier dates of an extended deadline"
    ]


def test_schedule_of_a_task_with_subtasks_is_a_warning(fixture_data):
    edit(fixture_data / "editions/2030/tasks/parent.yml", "summary:",
         "schedule:\n  - kind: results\n    date: 2030-05-20\nsummary:")
    assert warnings_for(fixture_data) == [
        "data/editions/2030/tasks/parent.yml:5:1: schedule: this task has subtasks, so no page shows its schedule "
        "(subtasks inherit the edition's): move these milestones to the subtasks"
    ]


def test_unknown_time_zone_and_time_on_a_range(fixture_data):
    edit(fixture_data / "editions/2030/tasks/alpha.yml", "    previously: [2030-05-07]\n",
         "    previously: [2030-05-07]\n    time: 12:00\n    timezone: Europe/Jena\n")
    edit(fixture_data / "editions/2030/edition.yml", "    end: 2030-09-19\n", "    end: 2030-09-19\n    time: 09:00\n")
    assert errors_for(fixture_data) == [
        f"{EDITION}:26:5: schedule.2: a time of day belongs to a single day, not to a range: remove `time` or `end`",
        f'{ALPHA}:18:15: schedule.0.timezone: unknown time zone "Europe/Jena" '
        "(use AoE or an IANA name such as Europe/Berlin)",
    ]


def test_the_real_data_has_no_schedule_issues():
    data = real_2026()
    assert [str(w) for w in data.warnings if w.field.startswith("schedule")] == []


# --------------------------------------------------------------------------- calendar files


def calendar_files(data) -> dict[str, str]:
    """The calendars among the side files of a render (their content does not depend on the build date)."""
    return {path: text for path, text in render_site(data, today=dt.date(2030, 1, 1)).files.items()
            if path.endswith(".ics") and not path.startswith("events/")}


def events(ics: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_2026_calendar_matches_the_seed_schedule():
    files = calendar_files(real_2026())
    evs = events(files["2026/imageclef-2026.ics"])
    assert len(evs) == len(SEED_2026)
    for ev, (day, kind, depends) in zip(evs, SEED_2026):
        assert str(ev["UID"]) == f"imageclef-2026-{kind.value}"
        assert str(ev["STATUS"]) == "TENTATIVE" and str(ev["SUMMARY"]).endswith(" (tentative)")
        assert ("Each task sets its own date" in str(ev.get("DESCRIPTION", ""))) == depends
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        if kind in DEADLINE_KINDS:  # 23:59 AoE (UTC-12) is 11:59 UTC the next day
            assert start == end == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(11, 59), tzinfo=UTC)
            assert ev["DTSTART"].to_ical() == (day + dt.timedelta(days=1)).strftime("%Y%m%dT115900Z").encode()
        elif kind is K.conference:  # all-day, 21-24 Sept, exclusive end
            assert (start, end) == (day, dt.date(2026, 9, 25))
        else:  # all-day, one day, exclusive end
            assert (start, end) == (day, day + dt.timedelta(days=1))
    summaries = [str(ev["SUMMARY"]) for ev in evs]
    assert summaries[4] == "ImageCLEF 2026: Deadline for submitting runs (tentative)"
    assert summaries[-1] == "ImageCLEF 2026: CLEF 2026, Jena, Germany (tentative)"


def test_task_calendar_has_the_task_schedule():
    files = calendar_files(fixture_site())
    # one per edition and per task page with a schedule; the parent (with subtasks) has none
    assert sorted(files) == ["2030/beta.ics", "2030/imageclef-2030.ics", "2030/parent/alpha.ics"]
    run = events(files["2030/parent/alpha.ics"])[1]
    assert str(run["UID"]) == "imageclef-2030-alpha-run-submission"
    assert run.decoded("DTSTART") == dt.datetime(2030, 5, 15, 11, 59, tzinfo=UTC)
    assert run["SEQUENCE"] == 1 and str(run["STATUS"]) == "CONFIRMED"
    assert "Extended; earlier: Tue 7 May 2030." in str(run["DESCRIPTION"])


def test_calendar_is_byte_identical_across_builds_and_build_dates():
    data = fixture_site()
    first = render_site(data, today=dt.date(2030, 1, 1)).files
    again = render_site(fixture_site(), today=dt.date(2031, 6, 30)).files
    ics = {path: text for path, text in first.items() if path.endswith(".ics")}
    assert ics and ics == {path: again[path] for path in ics}
    assert all(text.endswith("END:VCALENDAR\r\n") for text in ics.values())
    assert "DTSTAMP:20300110T000000Z" in ics["2030/imageclef-2030.ics"]  # the edition's first date, not the clock


def test_every_calendar_link_points_to_a_calendar_file():
    rendered = render_site(fixture_site(), today=dt.date(2030, 5, 1))
    seen = 0
    for path, page in rendered.pages.items():
        for target in re.findall(r"\]\(([^)]+\.ics)\)", page):
            resolved = Path(path).parent.joinpath(target).as_posix()
            while "/../" in resolved or resolved.startswith("../"):
                resolved = re.sub(r"[^/]+/\.\./", "", resolved, count=1)
            assert resolved in rendered.files, f"{path} links {target}"
            seen += 1
    assert seen >= 4  # edition page (timeline and callout), home callout, alpha and beta timelines


def test_a_range_that_ends_before_it_starts_is_rejected():
    with pytest.raises(ValidationError, match=r"the range ends \(2026-09-01\) before it starts \(2026-09-21\)"):
        Milestone(kind=K.conference, date=dt.date(2026, 9, 21), end=dt.date(2026, 9, 1))
