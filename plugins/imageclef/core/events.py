"""Events: the lab's session at the CLEF conference and workshops run by its community.

Each ``data/events/SLUG.yml`` is one event: its call (scope, topics), submission tracks with deadlines,
and a programme. Programme slots give a duration in minutes and a start time; only the first slot needs
a start, a slot without one begins when the slot before it ends. End times are computed, never typed,
so a programme that overlaps, runs out of order or outgrows its declared length is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal
import jinja2
from pydantic import Field, ValidationError, field_validator

from .calendar import CalendarFile, check_zone
from .calendar import zone as zone_of
from .errors import DataIssue, display_path
from .models import SLUG_PATTERN, Markdown, Model, PersonId
from .text import long_date, plain
from .yamlsrc import SourceMap, YamlSyntaxError, load_yaml

TBA = "tba"
LENGTH_MINUTES = {"half-day": 4 * 60, "full-day": 8 * 60}
_SLUG = re.compile(SLUG_PATTERN)


# --------------------------------------------------------------------------- the data


class EventKind(str, Enum):
    workshop = "workshop"
    lab_session = "lab-session"


class SlotKind(str, Enum):
    opening = "opening"
    keynote = "keynote"
    poster = "poster"
    oral = "oral"
    break_ = "break"
    panel = "panel"
    closing = "closing"


class Topic(Model):
    title: str
    """Short name of the theme, e.g. `Benchmarks and clinical deployment`."""
    text: Markdown
    """What the theme covers."""


class Track(Model):
    """A submission track of the call for papers. The deadline is 23:59 Anywhere on Earth unless told."""

    name: str
    """e.g. `Full papers`; must be unique within the event."""
    description: Markdown | None = None
    """Which papers the track takes."""
    format: str | None = None
    """Paper format, e.g. `ECCV format`."""
    review: str
    """How submissions are reviewed, e.g. `double-blind on OpenReview`."""
    submit: str
    """Where to submit, e.g. `the workshop's OpenReview page`."""
    url: str | None = None
    """Address of the submission site, once it is open."""
    deadline: dt.date
    """Day of the submission deadline (YYYY-MM-DD)."""
    time: dt.time = dt.time(23, 59)
    """Time of day of the deadline (HH:MM)."""
    timezone: str = "AoE"
    """`AoE` (Anywhere on Earth, UTC-12) or an IANA zone such as `Europe/Berlin`."""
    notes: Markdown | None = None
    """Further remarks, e.g. how accepted papers are presented."""

    @field_validator("timezone")
    @classmethod
    def _zone_ok(cls, value: str) -> str:
        return check_zone(value)

    @property
    def due(self) -> dt.datetime:
        return dt.datetime.combine(self.deadline, self.time, tzinfo=zone_of(self.timezone))


class Slot(Model):
    """One slot of the programme. Its end is computed: start plus duration."""

    title: str
    """e.g. `Invited talk 1`."""
    kind: SlotKind
    """opening, keynote, poster, oral, break, panel or closing."""
    start: dt.time | None = None
    """Local start time (HH:MM, 24-hour clock); leave out to start when the previous slot ends."""
    duration: int = Field(ge=1, le=24 * 60)
    """Length in minutes."""
    speaker: str | None = None
    """Who speaks; `tba` while the speaker is to be announced (the build lists those slots)."""
    description: str | None = None
    """One line shown under the title."""

    @property
    def speaker_tba(self) -> bool:
        return (self.speaker or "").strip().lower() == TBA


class Event(Model):
    """`data/events/SLUG.yml`: a workshop or the lab's session at a CLEF conference."""

    title: str
    summary: str
    """One sentence shown in the list of events."""
    kind: EventKind
    """`workshop` or `lab-session` (the lab's session at the CLEF conference of `edition`)."""
    edition: int | None = None
    """Year of the ImageCLEF edition the event belongs to; required for a lab session."""
    host: str | None = None
    """Conference the event is part of, e.g. `CLEF 2026`; leave out while it is to be announced."""
    venue: str | None = None
    """Place (city, building); leave out while it is to be announced."""
    url: str | None = None
    """The event's own website, if any."""
    date: dt.date | None
    """Day of the event (YYYY-MM-DD), or `tba` while it is to be announced."""
    timezone: str | None = None
    """IANA zone of the venue (e.g. `Europe/Madrid`): programme times are local times there. Required with a date."""
    length: Literal["half-day", "full-day"]
    """Declared length: the programme must fit in 4 hours (`half-day`) or 8 hours (`full-day`)."""
    scope: Markdown
    """What the event is about: the opening of the call for papers."""
    topics: list[Topic] = []
    """Themes of the call."""
    tracks: list[Track] = []
    """Submission tracks."""
    programme: list[Slot] = []
    """Slots in time order."""
    organisers: list[PersonId] = []

    @field_validator("date", mode="before")
    @classmethod
    def _tba_date(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() == TBA:
            return None
        if value is None:
            raise ValueError("give the day (YYYY-MM-DD), or `tba` while it is to be announced")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone_ok(cls, value: str | None) -> str | None:
        return check_zone(value)


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


@dataclass
class EventData:
    slug: str
    event: Event
    source: SourceMap

    @property
    def times(self) -> list[TimedSlot]:
        return timeline(self.event.programme)

    @property
    def page(self) -> str:
        return f"events/{self.slug}.md"

    @property
    def calendar(self) -> str:
        return f"events/{self.slug}.ics"

    @property
    def tba_slots(self) -> list[TimedSlot]:
        return [t for t in self.times if t.slot.speaker_tba]


# --------------------------------------------------------------------------- loading and checks


def load_events(data_dir: Path, root: Path, people: set[str]) -> tuple[list[EventData], list[DataIssue], list[DataIssue]]:
    """Every ``data_dir/events/*.yml``, sorted by slug, with the errors and warnings found in them."""
    events: list[EventData] = []
    errors: list[DataIssue] = []
    warnings: list[DataIssue] = []
    for path in sorted((data_dir / "events").glob("*.yml")):
        file = display_path(path, root)
        if not _SLUG.match(path.stem):
            errors.append(DataIssue(file, 1, 1, "", f"file name {path.stem!r} is not a slug (lower-case letters, digits, hyphens)"))
            continue
        try:
            raw, source = load_yaml(path.read_text(encoding="utf-8"), file)
        except YamlSyntaxError as exc:
            errors.append(DataIssue(file, exc.line, exc.column, "", exc.message))
            continue
        try:
            event = Event.model_validate(raw)
        except ValidationError as exc:
            errors += [_validation_issue(source, err) for err in exc.errors()]
            continue
        ev = EventData(path.stem, event, source)
        errors += check_event(ev, data_dir, people)
        warnings += [_issue(source, ("programme", t.index, "speaker"),
                            f"the speaker of {t.slot.title!r} ({_hhmm(t.start)}) is still to be announced", "warning")
                     for t in ev.tba_slots]
        events.append(ev)
    return events, errors, warnings


def _issue(source: SourceMap, loc: tuple, message: str, severity: str = "error", *, key: bool = False) -> DataIssue:
    line, column = source.locate(loc, prefer_key=key)
    return DataIssue(source.file, line, column, ".".join(str(p) for p in loc), message, severity)


def _validation_issue(source: SourceMap, err: dict) -> DataIssue:
    loc, kind = tuple(err["loc"]), err["type"]
    if kind == "extra_forbidden":
        return _issue(source, loc, f"unknown key {loc[-1]!r}", key=True)
    if kind == "missing":
        issue = _issue(source, loc[:-1], f"required key {loc[-1]!r} is missing")
        return DataIssue(issue.file, issue.line, issue.column, ".".join(map(str, loc)), issue.message)
    if kind.startswith(("date", "time")):
        what, shape = ("date", "YYYY-MM-DD") if kind.startswith("date") else ("time", "HH:MM")
        return _issue(source, loc, f'invalid {what} "{err.get("input")}" (expected {shape})')
    message = err["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "enum"):
        message += f' (got "{err.get("input")}")'
    return _issue(source, loc, message)


def check_event(ev: EventData, data_dir: Path, people: set[str]) -> list[DataIssue]:
    """Errors a valid file can still have: programme order, overlap and length, deadlines after the
    event, a lab session without its edition, a date without a time zone, unknown organisers."""
    e, src = ev.event, ev.source
    errors: list[DataIssue] = []
    times = ev.times
    if times and e.programme[0].start is None:
        errors.append(_issue(src, ("programme", 0), "the first slot needs a `start` time"))
    for prev, cur in zip(times, times[1:]):
        if cur.slot.start is None:
            continue
        if cur.start < prev.start:
            errors.append(_issue(src, ("programme", cur.index, "start"),
                                 f"{cur.slot.title!r} starts at {_hhmm(cur.start)}, before the previous slot "
                                 f"{prev.slot.title!r} ({_hhmm(prev.start)}): list the slots in time order"))
        elif cur.start < prev.end:
            errors.append(_issue(src, ("programme", cur.index, "start"),
                                 f"{cur.slot.title!r} starts at {_hhmm(cur.start)}, while the previous slot "
                                 f"{prev.slot.title!r} runs {_hhmm(prev.start)}–{_hhmm(prev.end)}"))
    for t in times:
        if t.end > 24 * 60:
            errors.append(_issue(src, ("programme", t.index, "duration"), f"{t.slot.title!r} runs past midnight"))
    if times:
        first, last = times[0].start, max(t.end for t in times)
        limit = LENGTH_MINUTES[e.length]
        if last - first > limit:
            errors.append(_issue(src, ("length",),
                                 f"the programme runs {_hhmm(first)}–{_hhmm(last)} ({_span(last - first)}), "
                                 f"longer than a {e.length} (at most {_span(limit)})"))
    if e.date is not None:
        if e.timezone is None:
            errors.append(_issue(src, ("date",), "an event with a date needs `timezone` (the venue's IANA zone)"))
        for i, track in enumerate(e.tracks):
            if track.deadline > e.date:
                errors.append(_issue(src, ("tracks", i, "deadline"),
                                     f"the deadline {track.deadline} is after the event ({e.date})"))
    names = [t.name for t in e.tracks]
    for i, name in enumerate(names):
        if name in names[:i]:
            errors.append(_issue(src, ("tracks", i, "name"), f"duplicate track name {name!r}"))
    if e.kind is EventKind.lab_session and e.edition is None:
        errors.append(_issue(src, ("kind",), "a lab session needs `edition`: the year of its CLEF conference"))
    if e.edition is not None and not (data_dir / "editions" / str(e.edition)).is_dir():
        errors.append(_issue(src, ("edition",), f"no edition {e.edition} in data/editions/"))
    for i, pid in enumerate(e.organisers):
        if pid not in people:
            errors.append(_issue(src, ("organisers", i), f"unknown person {pid!r}"))
    return errors


def _span(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m} min" if m else f"{h} h"


# --------------------------------------------------------------------------- pages


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


def programme_table(ev: EventData) -> str:
    """The programme as a Markdown table with computed end times; speakers to be announced are marked."""
    lines = ["| Time | Session | Kind |", "| --- | --- | --- |"]
    for t in ev.times:
        s = t.slot
        cell = f"**{plain(s.title)}**"
        if s.speaker_tba:
            cell += "<br>Speaker: ***to be announced***"
        elif s.speaker:
            cell += f"<br>{plain(s.speaker)}"
        if s.description:
            cell += f"<br>{plain(s.description)}"
        lines.append(f"| {t.start_clock} – {t.end_clock}<br>{s.duration} min | {cell} | {KIND_LABELS[s.kind]} |")
    return "\n".join(lines) + "\n"


def render_event_pages(events: list[EventData], env: jinja2.Environment, *, people: dict, today: dt.date,
                       lab: str = "ImageCLEF") -> dict[str, str]:
    """``events/index.md`` and ``events/SLUG.md`` for every event; nothing when there are no events."""
    if not events:
        return {}
    context = dict(people=people, today=today, lab=lab, deadline_text=deadline_text, programme_table=programme_table,
                   kind_label=EVENT_KIND_LABELS, has_calendar=has_calendar, utc_offset=utc_offset)
    pages = {ev.page: env.get_template("event.md.j2").render(ev=ev, e=ev.event, **context) for ev in events}
    upcoming = [ev for ev in events if ev.event.date is None or ev.event.date >= today]
    past = [ev for ev in events if ev not in upcoming]
    upcoming.sort(key=lambda ev: (ev.event.date is None, ev.event.date or dt.date.min, ev.slug))
    past.sort(key=lambda ev: (ev.event.date, ev.slug), reverse=True)
    pages["events/index.md"] = env.get_template("events.md.j2").render(upcoming=upcoming, past=past, **context)
    return pages


def nav(events: list[EventData]) -> list:
    """MkDocs navigation entries of the events section."""
    return [{"Overview": "events/index.md"}] + [{ev.event.title: ev.page} for ev in events]


def edition_programme(events: list[EventData], year: int, *, lab: str = "ImageCLEF",
                      from_page: str | None = None) -> str | None:
    """The section "Programme of LAB at the CLEF YEAR conference" of an edition page, or None when no
    lab-session event belongs to that edition. Links are relative to ``from_page`` (``YEAR/index.md``)."""
    sessions = [ev for ev in events if ev.event.kind is EventKind.lab_session and ev.event.edition == year]
    if not sessions:
        return None
    up = "../" * (from_page or f"{year}/index.md").count("/")
    parts = [f"## Programme of {plain(lab)} at the CLEF {year} conference\n"]
    for ev in sorted(sessions, key=lambda ev: (ev.event.date or dt.date.max, ev.slug)):
        e = ev.event
        when = long_date(e.date) if e.date else "date to be announced"
        where = f", {plain(e.venue)}" if e.venue else ""
        parts.append(f"[{plain(e.title)}]({up}{ev.page}): {when}{where}.\n")
        if e.programme:
            zone = f" Times are local time ({plain(e.timezone)})." if e.timezone else ""
            parts.append(programme_table(ev) + (f"\n{zone.strip()}\n" if zone else ""))
    return "\n".join(parts)


# --------------------------------------------------------------------------- calendar


def has_calendar(ev: EventData) -> bool:
    return bool(ev.event.tracks) or ev.event.date is not None


def _uid_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def calendar_files(events: list[EventData]) -> dict[str, str]:
    """``events/SLUG.ics`` for each event with deadlines or a date: every submission deadline and, once
    the date is known, every programme slot (or the whole day if there is no programme), all in UTC.
    UIDs come from the event slug and the track or slot title; DTSTAMP from the earliest date: no build time."""
    return {ev.calendar: _calendar(ev) for ev in events if has_calendar(ev)}


def _calendar(ev: EventData) -> str:
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
        add(f"{prefix}-deadline-{_uid_part(track.name)}", f"{e.title}: {track.name} submission deadline", due, due,
            f"At {track.time:%H:%M} {zone}. Submission: {track.submit}.", busy=False)
    if e.date is not None and e.timezone is not None:
        if not e.programme:
            add(f"{prefix}-day", e.title, e.date, e.date + dt.timedelta(days=1), e.summary, busy=True)
        for t in ev.times:
            start = _local(e.date, t.start, e.timezone)
            end = _local(e.date, t.end, e.timezone)
            speaker = "Speaker to be announced." if t.slot.speaker_tba else (f"Speaker: {t.slot.speaker}." if t.slot.speaker else "")
            add(f"{prefix}-slot-{_uid_part(t.slot.title)}", f"{e.title}: {t.slot.title}", start, end,
                " ".join(p for p in (speaker, t.slot.description or "") if p), busy=True)
    return cal.text()


def _local(day: dt.date, minutes: int, zone: str) -> dt.datetime:
    """The UTC moment of a local wall-clock time, ``minutes`` after midnight of ``day`` (24:00 is next day)."""
    days, rest = divmod(minutes, 24 * 60)
    local = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(rest // 60, rest % 60), tzinfo=zone_of(zone))
    return local.astimezone(dt.timezone.utc)
