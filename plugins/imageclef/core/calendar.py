"""Time zones and iCalendar files, shared by schedules and events."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

AOE = dt.timezone(dt.timedelta(hours=-12), "AoE")
"""Anywhere on Earth: a deadline at 23:59 AoE has passed once its day is over everywhere."""


def zone(name: str | None) -> dt.tzinfo:
    """``AoE`` (also when no zone is given) or an IANA zone such as ``Europe/Berlin``."""
    return AOE if name in (None, "AoE") else ZoneInfo(name)


def check_zone(value: str | None) -> str | None:
    """Validator for a time-zone field: the value unchanged, or a ValueError organisers can act on."""
    if value is not None:
        try:
            zone(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f'unknown time zone "{value}" (use AoE or an IANA name such as Europe/Berlin)') from None
    return value


class CalendarFile:
    """An iCalendar file whose output depends on the data only: stable unique event ids, a DTSTAMP taken
    from the data (never the build time), CRLF lines as RFC 5545 asks."""

    def __init__(self, name: str, stamp: dt.date, *, refresh_daily: bool = False):
        self._calendar = icalendar.Calendar()
        self._calendar.add("prodid", "-//ImageCLEF//imageclef site generator//EN")
        self._calendar.add("version", "2.0")
        self._calendar.add("calscale", "GREGORIAN")
        self._calendar.add("method", "PUBLISH")
        self._calendar.add("x-wr-calname", name)
        if refresh_daily:  # subscribers fetch changes (e.g. an extended deadline) once a day
            self._calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
            self._calendar.add("x-published-ttl", "P1D")
        self._stamp = dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.timezone.utc)
        self._used: set[str] = set()

    def add(self, uid: str, summary: str, start: Any, end: Any, **properties: Any) -> None:
        """One event; a repeated ``uid`` gets a numeric suffix. Empty properties are left out."""
        base, n = uid, 1
        while uid in self._used:
            n += 1
            uid = f"{base}-{n}"
        self._used.add(uid)
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", self._stamp)
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", end)
        for key, value in properties.items():
            if value not in (None, ""):
                event.add(key, value)
        self._calendar.add_component(event)

    def text(self) -> str:
        return self._calendar.to_ical().decode("utf-8")
