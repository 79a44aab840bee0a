"""Events: the lab's session at the CLEF conference and workshops run by its community.

Each ``data/events/SLUG.yml`` is one event (``models.Event``): its call (scope, topics), submission tracks with
deadlines, and a programme. Programme slots give a duration in minutes and a start time; only the first slot
needs a start, a slot without one begins when the slot before it ends. End times are computed, never typed,
so a programme that overlaps, runs out of order or outgrows its declared length is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from .calendar import CalendarFile
from .calendar import zone as zone_of
from .errors import DataIssue, issue_at
from .models import EventKind, Slot, SlotKind, Track
from .sitedata import EventData
from .text import long_date, slugify

LENGTH_MINUTES = {"half-day": 4 * 60, "full-day": 8 * 60}


# --------------------------------------------------------------------------- computed programme


@dataclass(frozen=True)
class TimedSlot:
    """A slot with its computed start and end, in minutes after midnight."""

    slot: Slot
    index: int
    start: int
    end: int

    @property
    def start_clock(self) -> str:
        return clock(self.start)

    @property
    def end_clock(self) -> str:
        return clock(self.end)


def clock(minutes: int) -> str:
    """``2:00 PM`` for 840 minutes after midnight."""
    h, m = divmod(minutes % (24 * 60), 60)
    return f"{(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def timeline(programme: list[Slot]) -> list[TimedSlot]:
    """Start and end of every slot: its own start, else the previous slot's end (00:00 for a first slot
    without a start, which the checks report)."""
    out: list[TimedSlot] = []
    for i, slot in enumerate(programme):
        start = slot.start.hour * 60 + slot.start.minute if slot.start else (out[-1].end if out else 0)
        out.append(TimedSlot(slot, i, start, start + slot.duration))
    return out


def times(ev: EventData) -> list[TimedSlot]:
    return timeline(ev.event.programme)


def lab_sessions(events: list[EventData], year: int) -> list[EventData]:
    """The lab's sessions at the CLEF conference of ``year``, by date."""
    sessions = [ev for ev in events if ev.event.kind is EventKind.lab_session and ev.event.edition == year]
    return sorted(sessions, key=lambda ev: (ev.event.date or dt.date.max, ev.slug))


class EventGroups(NamedTuple):
    upcoming: list[EventData]
    """Events still to come, soonest first; undated ones last, while their call is open or they have none."""
    undated: list[EventData]
    """Events without a date whose every deadline has passed: they may have taken place, or not yet."""
    past: list[EventData]
    """Dated events that are over, latest first."""


def event_groups(events: list[EventData], today: dt.date) -> EventGroups:
    """The events as the events page lists them on ``today``."""
    def call_closed(ev: EventData) -> bool:
        return bool(ev.event.tracks) and all(t.deadline < today for t in ev.event.tracks)

    dated = [ev for ev in events if ev.event.date is not None]
    undated = sorted((ev for ev in events if ev.event.date is None), key=lambda ev: ev.slug)
    upcoming = sorted((ev for ev in dated if ev.event.date >= today), key=lambda ev: (ev.event.date, ev.slug))
    past = sorted((ev for ev in dated if ev.event.date < today), key=lambda ev: (ev.event.date, ev.slug), reverse=True)
    return EventGroups(upcoming + [ev for ev in undated if not call_closed(ev)],
                       [ev for ev in undated if call_closed(ev)], past)


# --------------------------------------------------------------------------- checks


def check_event(ev: EventData, edition_years: set[int]) -> tuple[list[DataIssue], list[DataIssue]]:
    """Errors a valid file can still have (programme order, overlap and length, deadlines after the event, a
    lab session without its edition, a date without a time zone) and warnings (speakers still to be
    announced). Organisers are checked with every other reference to people, by the loader."""
    e, src = ev.event, ev.source
    errors: list[DataIssue] = []
    times = timeline(e.programme)
    if times and e.programme[0].start is None:
        errors.append(issue_at(src, ("programme", 0), "the first slot needs a `start` time"))
    for prev, cur in zip(times, times[1:]):
        if cur.slot.start is None:
            continue
        if cur.start < prev.start:
            errors.append(issue_at(src, ("programme", cur.index, "start"),
                                 f"{cur.slot.title!r} starts at {_hhmm(cur.start)}, before the previous slot "
                                 f"{prev.slot.title!r} ({_hhmm(prev.start)}): list the slots in time order"))
        elif cur.start < prev.end:
            errors.append(issue_at(src, ("programme", cur.index, "start"),
                                 f"{cur.slot.title!r} starts at {_hhmm(cur.start)}, while the previous slot "
                                 f"{prev.slot.title!r} runs {_hhmm(prev.start)}–{_hhmm(prev.end)}"))
    for t in times:
        if t.end > 24 * 60:
            errors.append(issue_at(src, ("programme", t.index, "duration"), f"{t.slot.title!r} runs past midnight"))
    if times:
        first, last = times[0].start, max(t.end for t in times)
        limit = LENGTH_MINUTES[e.length]
        if last - first > limit:
            errors.append(issue_at(src, ("length",),
                                 f"the programme runs {_hhmm(first)}–{_hhmm(last)} ({_span(last - first)}), "
                                 f"longer than a {e.length} (at most {_span(limit)})"))
    if e.date is not None:
        if e.timezone is None:
            errors.append(issue_at(src, ("date",), "an event with a date needs `timezone` (the venue's IANA zone)"))
        for i, track in enumerate(e.tracks):
            if track.deadline > e.date:
                errors.append(issue_at(src, ("tracks", i, "deadline"),
                                     f"the deadline {track.deadline} is after the event ({e.date})"))
    names = [t.name for t in e.tracks]
    for i, name in enumerate(names):
        if name in names[:i]:
            errors.append(issue_at(src, ("tracks", i, "name"), f"duplicate track name {name!r}"))
    if e.kind is EventKind.lab_session and e.edition is None:
        errors.append(issue_at(src, ("kind",), "a lab session needs `edition`: the year of its CLEF conference"))
    if e.edition is not None and e.edition not in edition_years:
        errors.append(issue_at(src, ("edition",), f"no edition {e.edition} in data/editions/"))
    warnings = [issue_at(src, ("programme", t.index, "speaker"),
                         f"the speaker of {t.slot.title!r} ({_hhmm(t.start)}) is still to be announced",
                         severity="warning") for t in times if t.slot.speaker_tba]
    return errors, warnings


def _span(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m} min" if m else f"{h} h"


# --------------------------------------------------------------------------- shown on pages


def utc_offset(moment: dt.datetime) -> str:
    """``UTC−12``, ``UTC+2``, ``UTC+5:30`` (with a real minus sign)."""
    minutes = int(moment.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    h, m = divmod(abs(minutes), 60)
    return f"UTC{'−' if minutes < 0 else '+'}{h}" + (f":{m:02d}" if m else "")


def deadline_text(track: Track) -> str:
    """``Wed 10 Jun 2026, 23:59 AoE (UTC−12)``."""
    return f"{long_date(track.deadline)}, {track.time:%H:%M} {track.timezone} ({utc_offset(track.due)})"


KIND_LABELS = {k: k.value.capitalize() for k in SlotKind}
EVENT_KIND_LABELS = {EventKind.workshop: "Workshop", EventKind.lab_session: "Lab session"}


# --------------------------------------------------------------------------- calendar


def upcoming_dates(ev: EventData, today: dt.date) -> bool:
    """Whether a deadline or the event itself is still to come."""
    return any(t.deadline >= today for t in ev.event.tracks) or (ev.event.date is not None and ev.event.date >= today)


def has_calendar(ev: EventData) -> bool:
    return bool(ev.event.tracks) or ev.event.date is not None


def event_calendar(ev: EventData) -> str:
    """``events/SLUG.ics`` of an event with deadlines or a date: every submission deadline and, once the date is
    known, every programme slot (or the whole day if there is no programme), all in UTC. UIDs come from the
    event slug and the track or slot title; DTSTAMP from the earliest date: no build time."""
    e = ev.event
    days = [t.deadline for t in e.tracks] + ([e.date] if e.date else [])
    cal = CalendarFile(e.title, min(days))

    def add(uid: str, summary: str, start: Any, end: Any, description: str, busy: bool) -> None:
        cal.add(uid, summary, start, end, description=description, location=e.venue,
                transp="OPAQUE" if busy else "TRANSPARENT")

    prefix = f"imageclef-event-{ev.slug}"
    for track in sorted(e.tracks, key=lambda t: t.due):
        due = track.due.astimezone(dt.timezone.utc)
        zone = "Anywhere on Earth (UTC−12)" if track.timezone == "AoE" else f"{track.timezone} ({utc_offset(track.due)})"
        add(f"{prefix}-deadline-{slugify(track.name)}", f"{e.title}: {track.name} submission deadline", due, due,
            f"At {track.time:%H:%M} {zone}. Submission: {track.submit}.", busy=False)
    if e.date is not None and e.timezone is not None:
        if not e.programme:
            add(f"{prefix}-day", e.title, e.date, e.date + dt.timedelta(days=1), e.summary, busy=True)
        for t in times(ev):
            start = _local(e.date, t.start, e.timezone)
            end = _local(e.date, t.end, e.timezone)
            speaker = "Speaker to be announced." if t.slot.speaker_tba else (f"Speaker: {t.slot.speaker}." if t.slot.speaker else "")
            add(f"{prefix}-slot-{slugify(t.slot.title)}", f"{e.title}: {t.slot.title}", start, end,
                " ".join(p for p in (speaker, t.slot.description or "") if p), busy=True)
    return cal.text()


def _local(day: dt.date, minutes: int, zone: str) -> dt.datetime:
    """The UTC moment of a local wall-clock time, ``minutes`` after midnight of ``day`` (24:00 is next day)."""
    days, rest = divmod(minutes, 24 * 60)
    local = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(rest // 60, rest % 60), tzinfo=zone_of(zone))
    return local.astimezone(dt.timezone.utc)
