"""Start a new edition from the previous one: ``imageclef new-edition YEAR --from PREVIOUS``.

What is carried over and what is not:

- the edition (motivation, registration, committee, task list) and every task, with its series, so
  edition ordinals advance by themselves;
- every date (schedule milestones of the edition and of the tasks, the conference) moves to the new
  year and is marked tentative; extended deadlines lose their earlier dates (``previously``); the
  conference keeps only its name and dates, and its milestone loses its label (they named the previous
  venue);
- news, participation figures, the teams that took part, the overview papers (edition and tasks),
  results and the tasks that were announced but not held are left out (a parent task not held whose
  own tasks were held is carried over with them, as held);
- in names, titles and labels, ``ImageCLEF PREVIOUS`` and ``CLEF PREVIOUS`` become the new year, and
  each replacement is reported; every other text that still names the previous year is kept as it is
  and reported as ``file:line: mentions PREVIOUS: "..."`` for the organisers to rewrite;
- sources and citations name documents that exist, so they are copied verbatim: a source's title is
  never advanced to the new year, and is not reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from .errors import display_path
from .loader import load_data
from .models import Conference, Edition, Milestone, MilestoneKind, Task
from .sitedata import SiteData
from .yamlsrc import SourceMap, load_yaml

RETITLED = ("name", "title", "short_title", "label")
"""Keys whose `ImageCLEF PREVIOUS` / `CLEF PREVIOUS` is advanced to the new year."""

REFERENCES = ("sources", "citations")
"""Keys that name existing documents (where the copied texts come from, papers to cite): copied verbatim."""

LINKS = ("links", "datasets", "joint_with")
"""Keys of links to existing pages: their titles keep the previous year, like their addresses, and are reported."""


class ScaffoldError(Exception):
    """The new edition cannot be created (no such previous edition, or the folder exists)."""


@dataclass
class Plan:
    """The files of a new edition, and what the organisers should review, before anything is written."""

    folder: Path
    files: dict[Path, str] = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)
    """`file:line: replaced "old" with "new"`, one per advanced title."""
    mentions: list[str] = field(default_factory=list)
    """`file:line: mentions PREVIOUS: "..."`, one per remaining mention of the previous year."""
    notes: list[str] = field(default_factory=list)


def plan_edition(data_dir: Path, year: int, previous: int, *, root: Path | None = None) -> Plan:
    """Everything ``new-edition`` would write; raises DataError if ``data_dir`` does not validate."""
    data, folder, root = _load_for_new(data_dir, year, root)
    if previous not in data.editions:
        raise ScaffoldError(f"no edition {previous} in {display_path(folder.parent, root)}/")
    if year <= previous:
        raise ScaffoldError(f"the new year ({year}) must come after {previous}; to add an earlier edition, use "
                            f"`imageclef new-edition {year} --past`")

    old = data.editions[previous]
    conference = old.edition.conference
    move = _Mover(year - previous)
    groups_held = {task.parent for task in old.tasks.values() if task.status == "held" and task.parent}
    not_held = [slug for slug, task in old.tasks.items() if task.status != "held" and slug not in groups_held]
    edition = old.edition.model_copy(update={
        "year": year,
        "tasks": [slug for slug in old.edition.tasks if slug not in not_held],
        "news": [],
        # CLEF moves every year: the new conference keeps only its name and (tentative) dates
        "conference": Conference(name=conference.name, start=move.date(conference.start) if conference.start else None,
                                 end=move.date(conference.end) if conference.end else None, tentative=True),
        "schedule": [move.milestone(m) for m in old.edition.schedule],
        "overview": None,
        "participation": None,
    })
    plan = Plan(folder)
    header = f"# Carried over from {previous} by `imageclef new-edition`: dates are tentative; review every text.\n"
    source = _add(plan, folder / "edition.yml", header, _plain(edition), previous, year, root)
    for slug, task in old.tasks.items():
        if slug in not_held:
            continue
        new = task.model_copy(update={
            "status": "held",  # a group not held itself whose tasks were held is carried with them
            "status_note": None,
            "schedule": [move.milestone(m) for m in task.schedule],
            "participation": None,
            "participants": [],
            "subtasks": [s.model_copy(update={"participation": None}) for s in task.subtasks],
            "overview": None,
        })
        _add(plan, folder / "tasks" / f"{slug}.yml", header, _plain(new), previous, year, root)
    where = f"{source.file}:{source.locate(('conference',), prefer_key=True)[0]}"
    plan.notes.append(f"{where}: the conference's host, city, country and website are left out, and its dates "
                      f"are those of CLEF {previous} a year on (`tentative: true`): fill them in when CLEF {year} is "
                      f"announced and remove `tentative` (the schedule's conference milestone takes its name and "
                      f"place from there)")
    plan.notes.append(f"{source.file}:1: no results/ folder, news, participation, participants or overview "
                      "papers yet")
    for slug in not_held:
        plan.notes.append(f"{slug}: not held in {previous}, so not carried over; start its file from "
                          f"data/editions/{previous}/tasks/{slug}.yml if it is proposed again")
    plan.notes.append(f"every file keeps the sources of {previous}, which back the copied texts; add those of "
                      f"{year} as you rewrite")
    return plan


PAST_EDITION = """\
# A past edition, started with `imageclef new-edition {year} --past`. Write what public sources say, name each
# source under `sources`, and leave out what is not known: a missing field is simply not shown (no placeholder).
# Then add a file in tasks/ for each task, list the task slugs under `tasks`, and remove {year} from the
# `earlier_editions` of their series in data/series.yml. The guide's "Back-filling the archive" page explains it.
year: {year}
conference:
  name: CLEF {year}
tasks: []
sources: []
"""


def plan_past_edition(data_dir: Path, year: int, *, root: Path | None = None) -> Plan:
    """The skeleton of an earlier edition: its year, its conference's name, no tasks yet."""
    data, folder, root = _load_for_new(data_dir, year, root)
    if year < data.site.first_year:
        raise ScaffoldError(f"{year} is before the lab's first edition ({data.site.first_year}, data/site.yml)")
    plan = Plan(folder)
    path = folder / "edition.yml"
    plan.files[path] = PAST_EDITION.format(year=year)
    plan.notes.append(f"{display_path(path, root)}:5: fill in the conference (city, country, dates) and the "
                      "tasks from the sources you name")
    return plan


def _load_for_new(data_dir: Path, year: int, root: Path | None) -> tuple[SiteData, Path, Path]:
    """The validated data, the new edition's folder (which must not exist yet) and the display root."""
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    data = load_data(data_dir, root=root)
    folder = data_dir / "editions" / str(year)
    if folder.exists():
        raise ScaffoldError(f"{display_path(folder, root)} already exists; remove it or pick another year")
    return data, folder, root


def write_plan(plan: Plan) -> None:
    for path, text in plan.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class _Mover:
    years: int

    def date(self, day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year + self.years)
        except ValueError:  # 29 February
            return day.replace(year=day.year + self.years, day=28)

    def milestone(self, m: Milestone) -> Milestone:
        end = self.date(m.end) if m.end else None
        # the conference's label names last year's venue ("CLEF 2026, Jena, Germany"): without it the milestone
        # is named after the new edition's conference
        label = None if m.kind is MilestoneKind.conference else m.label
        return m.model_copy(update={"date": self.date(m.date), "end": end, "previously": [], "tentative": True,
                                    "label": label})


# --------------------------------------------------------------------------- YAML


def _plain(model: Edition | Task) -> Any:
    """The model as YAML-ready values, keys in model order, default values left out."""
    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dt.time):
            return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
        return value
    return convert(model.model_dump(exclude_defaults=True))


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no anchors, long text as block scalars."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else (">" if len(text) > 90 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=96)


# --------------------------------------------------------------------------- review


def _add(plan: Plan, path: Path, header: str, value: dict, previous: int, year: int, root: Path) -> SourceMap:
    """Advance titles, emit the YAML, and record what names the previous year with its line."""
    changes: list[tuple[tuple, str, str]] = []
    value = _retitle(value, (), previous, year, changes)
    text = header + dump_yaml(value)
    file = display_path(path, root)
    raw, source = load_yaml(text, file)
    for loc, before, after in changes:
        plan.replaced.append(f'{file}:{source.locate(loc)[0]}: replaced "{before}" with "{after}"')
    year_re = re.compile(rf"(?<!\d){previous}(?!\d)")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for loc, string in _strings(raw, ()):
        found = list(year_re.finditer(string))
        if not found:
            continue
        line, col = source.values[loc]
        in_file = list(year_re.finditer(text, starts[line - 1] + col - 1))
        for match, at in zip(found, in_file):
            where = text.count("\n", 0, at.start()) + 1
            plan.mentions.append(f'{file}:{where}: mentions {previous}: "{_excerpt(string, match)}"')
    plan.files[path] = text
    return source


def _retitle(value: Any, loc: tuple, previous: int, year: int, changes: list) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in REFERENCES or key in LINKS:
                out[key] = item
            elif key in RETITLED and isinstance(item, str):
                new = re.sub(rf"\b((?:Image)?CLEF) {previous}(?!\d)", rf"\g<1> {year}", item)
                if new != item:
                    changes.append((loc + (key,), item, new))
                out[key] = new
            else:
                out[key] = _retitle(item, loc + (key,), previous, year, changes)
        return out
    if isinstance(value, list):
        return [_retitle(item, loc + (i,), previous, year, changes) for i, item in enumerate(value)]
    return value


def _strings(value: Any, loc: tuple):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in REFERENCES:
                yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value


def _excerpt(text: str, match: re.Match, width: int = 40) -> str:
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
