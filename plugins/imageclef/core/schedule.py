"""Schedules: a task's milestones inherited from its edition, checks of impossible dates, calendar files.

A milestone's own facts (its last day, whether it is a deadline, its moment in time, its status on a
day) live on ``models.Milestone``, so pages and calendars agree on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import CalendarFile
from .errors import DataIssue, issue_at
from .models import Conference, Edition, Milestone, MilestoneKind, Task
from .text import long_date, slugify

if TYPE_CHECKING:
    from .sitedata import EditionData
    from .yamlsrc import SourceMap

K = MilestoneKind

MILESTONE_WORDING = {
    K.registration_opens: "Registration opens",
    K.registration_closes: "Registration closes",
    K.development_data: "Development data released",
    K.test_data: "Test data released",
    K.run_submission: "Deadline for submitting runs",
    K.results: "Results released",
    K.working_notes: "Working-notes papers due",
    K.notification: "Notification of acceptance",
    K.camera_ready: "Camera-ready working notes due",
    K.conference: "Conference",
    K.custom: "",
}

# Kinds that follow one another in every edition; a later one dated before an earlier one is wrong.
CHAIN = [K.test_data, K.run_submission, K.results, K.working_notes, K.notification, K.camera_ready]


def milestone_label(m: Milestone, conference: Conference | None = None) -> str:
    """What a milestone is called: its label, else the wording of its kind; the conference milestone is named
    after the edition's conference (``CLEF 2027``, with its place once known)."""
    if m.label:
        return m.label
    if m.kind is K.conference and conference is not None:
        return ", ".join(part for part in (conference.name, conference.place) if part)
    return MILESTONE_WORDING[m.kind]


def _order(m: Milestone) -> tuple[dt.date, dt.date]:
    return (m.date, m.last_day)


def task_schedule(edition: Edition, task: Task) -> list[Milestone]:
    """The edition's schedule with the task's milestones replacing those of the same kind."""
    overridden = {m.kind for m in task.schedule if m.kind is not K.custom}
    merged = [m for m in edition.schedule if m.kind not in overridden] + list(task.schedule)
    return sorted(merged, key=_order)


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class _Entry:
    """A milestone with the file and index it was written at; ``inherited`` in a task's merged schedule."""

    m: Milestone
    source: "SourceMap"
    index: int
    inherited: bool = False

    def issue(self, message: str, *, field: tuple = ("date",), warning: bool = False) -> DataIssue:
        return issue_at(self.source, ("schedule", self.index, *field), message,
                        severity="warning" if warning else "error")

    def where(self) -> str:
        line, _ = self.source.locate(("schedule", self.index, "date"))
        return f"{self.source.file}:{line}"

    def says(self) -> str:
        """``results 2026-05-14 (file:line)``: the milestone as a message cites it."""
        return f"{self.m.kind.value} {_iso(self.m)} ({self.where()})"


def _iso(m: Milestone) -> str:
    return m.date.isoformat() if m.last_day == m.date else f"{m.date}..{m.last_day}"


def check_edition(ed: "EditionData") -> tuple[list[DataIssue], list[DataIssue]]:
    """Errors (impossible schedules) and warnings (disagreeing pages) of one edition, with positions.

    Errors, in the edition's schedule and in each task's schedule as merged with the edition's:
    the same kind twice with different values; an extended deadline whose earlier date is not earlier;
    registration closing before it opens; test data before development data; any milestone but a
    custom one ending after the conference starts; and, among milestones of one file, a step of
    ``CHAIN`` (test data, runs, results, working notes, notification, camera-ready) before the one it
    follows. Issues between two milestones of the edition are reported once, on the edition.

    Warnings: the same kind twice with identical values; a task step of ``CHAIN`` out of order with a
    milestone it inherits from the edition (e.g. runs due after the edition's results release, which
    the task does not override: the task page would show both); the conference milestone disagreeing
    with the conference section; a schedule on a task with subtasks (no page shows it: subtasks inherit
    from the edition). A task repeating the edition's milestone with the same values is no issue.
    Dates written in prose are not read.
    """
    errors: list[DataIssue] = []
    warnings: list[DataIssue] = []
    edition = ed.edition
    own = [_Entry(m, ed.source, i) for i, m in enumerate(edition.schedule)]
    _check(own, edition, errors, warnings)
    for slug, task in ed.tasks.items():
        mine = [_Entry(m, ed.task_sources[slug], i) for i, m in enumerate(task.schedule)]
        kinds = {e.m.kind for e in mine}
        inherited = [_Entry(e.m, e.source, e.index, True) for e in own if e.m.kind not in kinds]
        _check(sorted(inherited + mine, key=lambda e: _order(e.m)), edition, errors, warnings)
        if mine and any(t.parent == slug for t in ed.tasks.values()):
            warnings.append(issue_at(mine[0].source, ("schedule",), "this task has subtasks, so no page shows its "
                                     "schedule (subtasks inherit the edition's): move these milestones to the "
                                     "subtasks", severity="warning", key=True))
    return errors, warnings


def _check(entries: list[_Entry], edition: Edition, errors: list[DataIssue], warnings: list[DataIssue]) -> None:
    """Check one schedule; only milestones written in this file (not inherited) are reported."""
    first: dict[MilestoneKind, _Entry] = {}
    for e in entries:
        m = e.m
        if e.inherited:
            first.setdefault(m.kind, e)
            continue
        for j, old in enumerate(m.previously):
            if old >= m.date:
                errors.append(e.issue(f"{old} is not before {m.date}: `previously` lists the earlier dates "
                                      "of an extended deadline", field=("previously", j)))
        if m.kind is not K.conference and m.kind is not K.custom and m.last_day > edition.conference.start:
            errors.append(e.issue(f"{m.kind.value} {_iso(m)} falls after the conference starts "
                                  f"({edition.conference.start})"))
        if m.kind is K.conference and (m.date, m.last_day) != (edition.conference.start, edition.conference.end):
            warnings.append(e.issue(f"the conference milestone says {_iso(m)}, the conference section "
                                    f"{edition.conference.start}..{edition.conference.end}", warning=True))
        if m.kind in first and m.kind is not K.custom:
            other = first[m.kind]
            same = m.model_dump(exclude={"label"}) == other.m.model_dump(exclude={"label"})
            message = f"{m.kind.value} is given twice in this schedule (also {other.says()})"
            (warnings if same else errors).append(e.issue(message, warning=same))
            continue
        first.setdefault(m.kind, e)

    def before(late: MilestoneKind, early: MilestoneKind, what: str, *, hard: bool) -> None:
        a, b = first.get(early), first.get(late)
        if a is None or b is None or b.m.date >= a.m.date or (a.inherited and b.inherited):
            return
        target, other, relation = (a, b, "after") if b.inherited else (b, a, "before")
        cited = f"the edition's {other.says()}" if other.inherited else other.says()
        if other.inherited and not hard:
            cited += ", which this task does not override"
        message = f"{target.m.kind.value} {_iso(target.m)} is {relation} {cited}: {what}"
        warn = other.inherited and not hard
        (warnings if warn else errors).append(target.issue(message, warning=warn))

    before(K.registration_closes, K.registration_opens, "registration closes before it opens", hard=True)
    before(K.test_data, K.development_data, "test data cannot come before development data", hard=True)
    chain = [k for k in CHAIN if k in first]
    for early, late in zip(chain, chain[1:]):
        before(late, early, f"{late.value} should not come before {early.value}", hard=False)


# --------------------------------------------------------------------------- calendar files


def edition_calendar(lab: str, ed: "EditionData") -> str:
    """The `.ics` file of an edition's global schedule."""
    year = ed.edition.year
    return _calendar(f"{lab} {year}", f"{lab.lower()}-{year}", ed.edition.schedule, _stamp(ed), ed.edition.conference)


def task_calendar(lab: str, ed: "EditionData", task: Task) -> str:
    """The `.ics` file of a task's schedule (the edition's, with the task's own milestones)."""
    year = ed.edition.year
    title = f"{lab} {year} {task.name}"
    return _calendar(title, f"{lab.lower()}-{year}-{task.slug}", task_schedule(ed.edition, task), _stamp(ed),
                     ed.edition.conference)


def _stamp(ed: "EditionData") -> dt.date:
    """DTSTAMP of an edition's calendars: its first date, so that files depend on the data only."""
    return min((m.date for m in ed.edition.schedule), default=dt.date(ed.edition.year, 1, 1))


def _calendar(title: str, uid_prefix: str, milestones: list[Milestone], stamp: dt.date, conference: Conference) -> str:
    """An iCalendar text (CRLF lines, as RFC 5545 asks). Timed milestones are written in UTC, which every
    calendar app converts to the reader's zone; the others are all-day events with an exclusive end.
    UIDs come from the year, task and kind; DTSTAMP from the first date of the edition: no build time."""
    cal = CalendarFile(title, stamp, refresh_daily=True)
    for m in sorted(milestones, key=_order):
        uid = f"{uid_prefix}-{m.kind.value}"
        if m.kind is K.custom:
            uid += "-" + slugify(milestone_label(m))
        if m.due is not None:
            start, end = m.due.astimezone(dt.timezone.utc), m.due.astimezone(dt.timezone.utc)
        else:
            start, end = m.date, m.last_day + dt.timedelta(days=1)
        cal.add(
            uid, f"{title}: {milestone_label(m, conference)}" + (" (tentative)" if m.tentative else ""), start, end,
            sequence=len(m.previously),  # an extension is a new version of the event
            description=_description(m),
            status="TENTATIVE" if m.tentative else "CONFIRMED",
            transp="TRANSPARENT",  # a date to remember, not a busy slot
        )
    return cal.text()


def _description(m: Milestone) -> str:
    parts = []
    if m.due is not None:
        zone = "Anywhere on Earth (UTC-12)" if m.timezone in (None, "AoE") else m.timezone
        parts.append(f"At {m.due:%H:%M} {zone}.")
    if m.previously:
        parts.append("Extended; earlier: " + ", ".join(long_date(d) for d in m.previously) + ".")
    if m.depends_on_task:
        parts.append("Each task sets its own date: see the task pages.")
    if m.tentative:
        parts.append("Tentative: the date may still change.")
    return " ".join(parts)
