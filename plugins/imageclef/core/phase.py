"""Where an edition or a task stands on a given day, computed from its schedule: never typed.

- ``upcoming``: registration has not opened yet (or, without a registration date, nothing has happened yet);
- ``registration``: registration is open;
- ``running``: registration has closed (or has no dates) and the conference is not over;
- ``finished``: the conference is over (without its dates: the last milestone, else the year, is over).

Pages word themselves by it: tense, registration instructions, calendar buttons, "tentative", "no results yet".
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from .models import Conference, Milestone, MilestoneKind

K = MilestoneKind


class Phase(str, Enum):
    upcoming = "upcoming"
    registration = "registration"
    running = "running"
    finished = "finished"

    @property
    def over(self) -> bool:
        return self is Phase.finished


def end_of(milestones: list[Milestone], conference: Conference | None, year: int) -> dt.date:
    """The last day of an edition: its conference's, else its last milestone's, else the end of its year."""
    if conference is not None and conference.end is not None:
        return conference.end
    if milestones:
        return max(m.last_day for m in milestones)
    return dt.date(year, 12, 31)


def phase_of(milestones: list[Milestone], conference: Conference | None, year: int, today: dt.date) -> Phase:
    if today > end_of(milestones, conference, year):
        return Phase.finished
    opens = first_date(milestones, K.registration_opens)
    closes = first_date(milestones, K.registration_closes)
    if opens is not None:
        if today < opens:
            return Phase.upcoming
        return Phase.registration if closes is None or today <= closes else Phase.running
    if milestones and today < min(m.date for m in milestones):
        return Phase.upcoming
    return Phase.running if closes is None or today > closes else Phase.registration


def first_date(milestones: list[Milestone], kind: MilestoneKind) -> dt.date | None:
    """The day of the first milestone of ``kind`` (its last day for a range), or None."""
    days = [m.last_day for m in milestones if m.kind is kind]
    return min(days) if days else None


def results_due(milestones: list[Milestone], phase: Phase, today: dt.date) -> bool:
    """Whether results are still to come: before the results milestone (or, without one, before the end)."""
    released = first_date(milestones, K.results)
    return (today <= released) if released is not None else not phase.over


def future_dates(milestones: list[Milestone], today: dt.date) -> bool:
    """Whether any milestone is still to come (a calendar file is then worth adding)."""
    return any(m.last_day >= today for m in milestones)
