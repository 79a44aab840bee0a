"""Schedules: a task's milestones inherited from its edition, checks of impossible dates, calendar files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import DataIssue
from .models import Edition, Milestone, MilestoneKind, Task

if TYPE_CHECKING:
    from .loader import EditionData, SiteData


MILESTONE_WORDING = {
    MilestoneKind.registration_opens: "Registration opens",
    MilestoneKind.registration_closes: "Registration closes",
    MilestoneKind.development_data: "Development data released",
    MilestoneKind.test_data: "Test data released",
    MilestoneKind.run_submission: "Deadline for submitting runs",
    MilestoneKind.results: "Results released",
    MilestoneKind.working_notes: "Working-notes papers due",
    MilestoneKind.notification: "Notification of acceptance",
    MilestoneKind.camera_ready: "Camera-ready working notes due",
    MilestoneKind.conference: "Conference",
    MilestoneKind.custom: "",
}


def milestone_label(m: Milestone) -> str:
    return m.label or MILESTONE_WORDING[m.kind]


def task_schedule(edition: Edition, task: Task) -> list[Milestone]:
    """The edition's schedule with the task's milestones replacing those of the same kind."""
    overridden = {m.kind for m in task.schedule if m.kind is not MilestoneKind.custom}
    merged = [m for m in edition.schedule if m.kind not in overridden] + list(task.schedule)
    return sorted(merged, key=lambda m: (m.date, m.end or m.date))


def check_edition(ed: "EditionData") -> tuple[list[DataIssue], list[DataIssue]]:
    """Errors (impossible schedules) and warnings (disagreeing pages) of one edition, with positions."""
    return [], []


def calendar_files(data: "SiteData") -> dict[str, str]:
    """The `.ics` side files, by path in the site."""
    return {}
