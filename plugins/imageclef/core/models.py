"""The data model: one pydantic class per kind of thing organisers describe in ``data/``.

Every model forbids unknown keys, so a typo in a key is an error, not a silently ignored value.
Descriptions are written for organisers: they appear in the JSON Schema their editor uses.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from pathlib import PurePosixPath
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from . import calendar, provenance
from .text import SLUG_PATTERN

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="Lower-case identifier: letters, digits and single hyphens, e.g. `medvqa-gi`."),
]
PersonId = Annotated[str, Field(description="Id of a person in `data/people.yml`.")]
BibKey = Annotated[str, Field(description="Key of a BibTeX entry in `data/publications/*.bib`.")]
Markdown = Annotated[str, Field(description="Markdown text.")]

WEB_URL_PATTERN = r"^(https?://[^\s/]+[^\s]*|mailto:[^\s@]+@[^\s@]+)$"


def _web_url(value: str) -> str:
    if not re.match(WEB_URL_PATTERN, value):
        raise ValueError(f'a link must start with http://, https:// or mailto: (got "{value}")')
    return value


WebUrl = Annotated[str, AfterValidator(_web_url), Field(json_schema_extra={"pattern": WEB_URL_PATTERN})]
"""An address on the web (`https://...`) or an e-mail link (`mailto:...`); nothing that runs a script."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text that may not be empty."""
Score = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number."""


@provenance.tracked
class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --------------------------------------------------------------------------- site and registries


class Link(Model):
    title: str
    """Text of the link."""
    url: WebUrl
    """Address the link points to."""
    description: Markdown | None = None
    """Optional sentence shown next to the link."""


class Source(Model):
    """A public source of the facts in a data file: a web page or a publication."""

    title: str
    """What it is, e.g. `Overview of ImageCLEF 2019, abstract` or `imageclef.org/2019`."""
    url: WebUrl | None = None
    """Where it can be read."""


Sources = Annotated[list[Source], Field(description="The public sources of the facts in this file, shown at the "
                                                     "foot of its page.")]


class SiteConfig(Model):
    """`data/site.yml`: facts about the lab as a whole."""

    name: str = "ImageCLEF"
    """Name of the lab."""
    first_year: int
    """Year of the first edition; the lab's edition ordinal is counted from it (one edition a year)."""
    tagline: str
    """One sentence shown under the title on the home page."""
    about: Markdown
    """What the lab is, shown on the home page."""
    current_edition: int | None = None
    """Year the home page leads to; defaults to the latest edition in `data/editions/`."""
    social: list[Link] = []
    """Social media accounts, listed on edition pages."""
    clef_url: WebUrl | None = None
    """Address of the CLEF Initiative."""


class Affiliation(Model):
    """Where a person worked in a range of years."""

    affiliation: str
    country: str | None = None
    since: int | None = Field(default=None, alias="from")
    """First year (leave out: from the start)."""
    until: int | None = Field(default=None, alias="to")
    """Last year (leave out: up to now)."""

    @property
    def first(self) -> int:
        return self.since if self.since is not None else 0

    @property
    def last(self) -> int:
        return self.until if self.until is not None else 9999

    @property
    def span(self) -> str:
        return f"{self.since or '…'}–{self.until or '…'}"

    @model_validator(mode="after")
    def _in_order(self) -> "Affiliation":
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(f"the range ends ({self.until}) before it starts ({self.since})")
        return self


class Person(Model):
    """One entry of `data/people.yml`; reused on every page that names the person."""

    id: Slug
    """Stable id used everywhere else, e.g. `bogdan-ionescu`."""
    name: str
    """Full name as it should be printed, with its accents (Henning Müller)."""
    email: str | None = None
    """Plain e-mail address; pages show it obfuscated against harvesters."""
    affiliation: str | None = None
    """Institution (the current one; see `affiliations` for earlier years)."""
    country: str | None = None
    affiliation_from: int | None = None
    """First year for which `affiliation` is known (leave out: every year). Pages of earlier years that no range
    of `affiliations` covers show no affiliation rather than a later one."""
    url: WebUrl | None = None
    """Personal or institutional page."""
    affiliations: list[Affiliation] = []
    """Affiliations of given years, where they differ from `affiliation`; the ranges may not overlap."""

    @model_validator(mode="after")
    def _ranges_apart(self) -> "Person":
        for i, a in enumerate(self.affiliations):
            for b in self.affiliations[:i]:
                if a.first <= b.last and b.first <= a.last:
                    raise ValueError(f"the years of affiliation {i + 1} ({a.span}) overlap those of another ({b.span})")
        return self

    def affiliation_in(self, year: int) -> tuple[str | None, str | None]:
        """(affiliation, country) of ``year``."""
        for a in self.affiliations:
            if a.first <= year <= a.last:
                return a.affiliation, a.country
        if self.affiliation_from is not None and year < self.affiliation_from:
            return None, None
        return self.affiliation, self.country

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is not None and (value.count("@") != 1 or value.startswith("@") or value.endswith("@")):
            raise ValueError(f'not an e-mail address: "{value}"')
        return value


class Series(Model):
    """One entry of `data/series.yml`: a task that recurs across years.

    The edition ordinal of a task ("10th edition") is computed from the years the series ran:
    the years declared here plus every edition in `data/` that has a task of this series.
    """

    id: Slug
    """Stable id of the series, e.g. `caption`; tasks name it in their `series` key."""
    name: str
    """Name of the task series, e.g. `ImageCLEFmedical Caption`."""
    description: Markdown | None = None
    """What the series is about, shown on its page."""
    earlier_editions: list[int] = []
    """Years the series ran that no edition in `data/` shows (with a task of the series); each year kept in
    `data/` with such a task must be left out of this list."""


# --------------------------------------------------------------------------- schedules


class MilestoneKind(str, Enum):
    registration_opens = "registration-opens"
    registration_closes = "registration-closes"
    development_data = "development-data"
    test_data = "test-data"
    run_submission = "run-submission"
    results = "results"
    working_notes = "working-notes"
    notification = "notification"
    camera_ready = "camera-ready"
    conference = "conference"
    custom = "custom"


class Milestone(Model):
    """One date of a schedule. Deadlines without a time default to 23:59 Anywhere on Earth."""

    DEADLINES: ClassVar[frozenset[MilestoneKind]] = frozenset(
        {MilestoneKind.registration_closes, MilestoneKind.run_submission, MilestoneKind.working_notes,
         MilestoneKind.camera_ready}
    )
    DEADLINE_TIME: ClassVar[dt.time] = dt.time(23, 59)

    kind: MilestoneKind
    """What happens; a task's milestone replaces the edition's milestone of the same kind."""
    label: str | None = None
    """Text to show instead of the default wording for the kind (required for `custom`)."""
    date: dt.date
    """Day of the milestone (YYYY-MM-DD), or first day of a range."""
    end: dt.date | None = None
    """Last day, for a milestone that spans several days (YYYY-MM-DD)."""
    time: dt.time | None = None
    """Time of day (HH:MM), for deadlines that are not 23:59."""
    timezone: str | None = None
    """`AoE` (Anywhere on Earth, UTC-12) or an IANA zone such as `Europe/Berlin`."""
    tentative: bool = False
    """The date may still change."""
    depends_on_task: bool = False
    """Each task sets its own date; see the task pages."""
    previously: list[dt.date] = []
    """Earlier dates of an extended deadline, shown struck through."""

    @model_validator(mode="after")
    def _consistent(self) -> "Milestone":
        if self.end is not None and self.end < self.date:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.date})")
        if self.kind is MilestoneKind.custom and not self.label:
            raise ValueError("a custom milestone needs a label")
        if self.time is not None and self.last_day != self.date:
            raise ValueError("a time of day belongs to a single day, not to a range: remove `time` or `end`")
        return self

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return calendar.check_zone(value)

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date

    @property
    def is_deadline(self) -> bool:
        return self.kind in self.DEADLINES

    @property
    def due(self) -> dt.datetime | None:
        """The moment of a milestone on one day with a time (given, or 23:59 for a deadline), in its zone
        (AoE unless given); None for an all-day milestone or a range."""
        time = self.time or (self.DEADLINE_TIME if self.is_deadline else None)
        if time is None or self.last_day != self.date:
            return None
        return dt.datetime.combine(self.date, time, tzinfo=calendar.zone(self.timezone))

    def status(self, today: dt.date, schedule: list["Milestone"]) -> Literal["past", "next", "upcoming"]:
        """`past` once its last day is over; `next` for the earliest milestones of ``schedule`` not past
        (a deadline is next on its own day: at 23:59 AoE it is still open everywhere); else `upcoming`."""
        if self.last_day < today:
            return "past"
        first = min((m.date for m in schedule if m.last_day >= today), default=self.date)
        return "next" if self.date == first else "upcoming"


# --------------------------------------------------------------------------- editions and tasks


class Participation(Model):
    """Participation figures as declared by the organisers (the overview paper)."""

    registered_teams: int | None = None
    """Teams that registered."""
    teams: int | None = None
    """Teams that submitted runs."""
    runs: int | None = None
    """Graded runs submitted."""
    working_notes: int | None = None
    """Working-notes papers submitted."""
    note: Markdown | None = None
    """Why the result tables count other teams or runs than these figures, shown with them (a difference
    explained here is not reported by `imageclef validate`)."""


class Conference(Model):
    """The CLEF conference of an edition; leave out what is not known (past editions)."""

    name: str
    """e.g. `CLEF 2026`."""
    host: str | None = None
    """Hosting institution."""
    city: str | None = None
    country: str | None = None
    start: dt.date | None = None
    """First day of the conference (YYYY-MM-DD)."""
    end: dt.date | None = None
    """Last day of the conference (YYYY-MM-DD)."""
    url: WebUrl | None = None
    """The conference's website."""
    online: bool = False
    """Held online only."""
    tentative: bool = False
    """The dates are a guess until CLEF announces them (``new-edition`` carries last year's a year on): pages say
    so while the edition is not over."""

    @model_validator(mode="after")
    def _range(self) -> "Conference":
        if (self.start is None) != (self.end is None):
            raise ValueError("give both `start` and `end`, or neither")
        if self.start is not None and self.end < self.start:
            raise ValueError(f"the conference ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def place(self) -> str | None:
        """``Jena, Germany`` (what is known of it)."""
        return ", ".join(p for p in (self.city, self.country) if p) or None


class Registration(Model):
    platform: str
    """Name of the registration platform."""
    url: WebUrl
    about: Markdown | None = None
    """What the platform offers."""
    steps: list[Markdown] = []
    """Numbered registration instructions."""
    notes: list[Markdown] = []
    """Further remarks, shown after the steps."""


class CommitteeGroup(Model):
    role: str
    """e.g. `Overall coordination`."""
    people: list[PersonId]


class NewsItem(Model):
    date: dt.date | None = None
    """Day of the news (YYYY-MM-DD), shown before the text."""
    text: Markdown
    until: dt.date | MilestoneKind | None = None
    """Last day the news is shown: a date, or a milestone of the edition's schedule (e.g.
    `registration-closes`: "Registration is open" disappears when registration closes)."""


class Edition(Model):
    """`data/editions/YEAR/edition.yml`."""

    year: int
    """Year of the edition; must match the folder name."""
    news: list[NewsItem] = []
    """Announcements, shown in the order written at the top of the edition page."""
    motivation: Markdown | None = None
    """Why the edition exists and whom it addresses."""
    conference: Conference
    registration: Registration | None = None
    """How to register (leave out for a past edition whose registration is not recorded)."""
    schedule: list[Milestone] = []
    """Global schedule; tasks inherit it and may override single milestones."""
    tasks: list[Slug]
    """Slugs of the edition's tasks, in the order they are shown (each has a file in `tasks/`)."""
    overview: BibKey | None = None
    """The lab overview paper of the edition."""
    committee: list[CommitteeGroup] = []
    participation: Participation | None = None
    """Figures from the lab overview paper, once published."""
    sources: Sources = []


class Subtask(Model):
    id: Slug
    """Identifier within the task; results boards name it in their `subtask` key."""
    title: str
    description: Markdown | None = None
    participation: Participation | None = None


class Metric(Model):
    name: str
    """Name as published, e.g. `F1` or `BLEU`."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether higher or lower values are better."""
    primary: bool = False
    """The metric that orders the ranking."""
    subtask: Slug | None = None
    """Subtask the metric belongs to, if not the whole task."""
    description: Markdown | None = None


class Participant(Model):
    """A team that took part in a task."""

    team: Text
    """Team name as in the result tables."""
    institution: str | None = None
    country: str | None = None
    paper: BibKey | None = None
    """The team's working-notes paper (a key in `data/publications/`)."""
    url: WebUrl | None = None
    """The paper or the team's page, when there is no BibTeX entry."""


class Submission(Model):
    platform: str | None = None
    url: WebUrl | None = None
    max_runs: int | None = Field(default=None, ge=1)
    """Maximum number of runs a team may submit."""
    rules: list[Markdown] = []
    """The submission rules (format, limits, what is allowed), one per item."""
    notes: Markdown | None = None


class Task(Model):
    """`data/editions/YEAR/tasks/SLUG.yml`: a task (or a parent task that groups others)."""

    slug: Slug
    """Identifier within the edition; also the page address."""
    series: Slug
    """Id in `data/series.yml` that links the task's editions across years."""
    title: str
    """Full title, e.g. `Automatic Image Captioning`."""
    short_title: str | None = None
    """Short name for navigation and tables, e.g. `Caption`."""
    parent: Slug | None = None
    """Slug of the parent task (e.g. `medical` for the ImageCLEFmedical subtasks)."""
    status: Literal["held", "cancelled"] = "held"
    """`cancelled` for a task that was announced but not held: shown as such, not counted in edition ordinals."""
    status_note: Markdown | None = None
    """Why the task was not held, or what became of it."""
    summary: Markdown
    """One paragraph shown on the edition page."""
    description: Markdown | None = None
    subtasks: list[Subtask] = []
    data: Markdown | None = None
    """The data set."""
    datasets: list[Link] = []
    """Where the data set can be found."""
    metrics: list[Metric] = []
    evaluation: Markdown | None = None
    submission: Submission | None = None
    schedule: list[Milestone] = []
    """Milestones that differ from the edition's schedule (matched by kind) and task-only ones."""
    links: list[Link] = []
    joint_with: list[Link] = []
    """Other labs or challenges that ran the task together with ImageCLEF (e.g. Touché, MediaEval)."""
    participation: Participation | None = None
    """Figures from the task overview paper, once published."""
    participants: list[Participant] = []
    """The teams that took part, as the overview paper lists them."""
    organisers: list[PersonId] = []
    """Ids of the task's organisers in `data/people.yml`."""
    overview: BibKey | None = None
    """The task overview paper."""
    citations: list[BibKey] = []
    """Further papers participants are asked to cite (data sets)."""
    sources: Sources = []

    @property
    def name(self) -> str:
        """What navigation, tables and calendars call the task: its short title, else its title."""
        return self.short_title or self.title


# --------------------------------------------------------------------------- results


class Column(Model):
    key: str
    """Metric key; for computed boards, a key the scorer produces."""
    label: str
    direction: Literal["higher", "lower"] = "higher"
    decimals: int = Field(ge=0, le=8)
    """Decimals shown, as published."""
    primary: bool = False
    """The column that orders the ranking (exactly one per board)."""
    min: Score | None = None
    """Smallest valid value; by default the scorer's (computed boards), else 0."""
    max: Score | None = None
    """Largest valid value; by default the scorer's (computed boards), else none."""


class ComputedFrom(Model):
    scorer: str
    """Scorer name, as listed by `imageclef score --help`."""
    gold: str
    """Gold file, relative to `data/`."""
    runs: str
    """Folder of run files, relative to `data/`."""
    language: str | None = None
    """Language filter for multiple-choice boards."""
    gold_secondary: str | None = None
    """Second gold file, relative to `data/`, for scorers that take one (`concept-detection`)."""
    archive: Literal["original", "reconstructed"]
    """`original`: the participants' own runs; `reconstructed`: runs rebuilt from published numbers, which fix how
    many items each run got right but not which ones (intervals are shown, tests between runs are not made)."""


class ResultRow(Model):
    team: Text
    """Team name as published."""
    run: Text | None = None
    """Run id of the submission platform."""
    file: str | None = None
    """Run file name in the runs folder, when it is not `<run>` plus the gold file's extension."""
    organiser: bool = False
    """Run of the organising team (marked with `*`)."""
    baseline: bool = False
    """Baseline run: shown, but not ranked."""
    rank: int | None = Field(default=None, ge=1)
    """The rank the published table gives the row: on a board with published ranks, ranks are shown as
    published, never computed."""
    values: dict[str, Score] = {}
    """Published values by column key."""
    missing: dict[str, str] = {}
    """Cells the published table leaves empty: column key -> why (may be empty); shown as "—"."""
    paper: BibKey | None = None
    """The team's working-notes paper (a key in `data/publications/`)."""
    description: Markdown | None = None
    """What the run did, in a sentence or two (shown on demand)."""


class Board(Model):
    id: Slug
    """Identifier of the board within the task, e.g. the subtask id."""
    title: str
    subtask: Slug | None = None
    """Id of the subtask the board belongs to."""
    source: str | None = None
    """Where the published values come from, e.g. `Overview of ImageCLEF 2025, Table 4`."""
    partial: str | None = None
    """Say so when the table is not every run, e.g. `teams with working notes only` or `top 5 as published`."""
    ranking: Literal["runs", "teams"] = "runs"
    """`runs`: every run is ranked; `teams`: each team's best run."""
    ties: Literal["shared", "ordered"] = "shared"
    """`shared`: equal primary scores share a rank (1, 1, 2); `ordered`: every row gets its own rank,
    equal scores ordered by `tie_break`."""
    tie_break: list[str] = []
    """Column keys that order rows with equal primary scores, each in its own direction; then team name."""
    rank_baselines: bool = False
    """Give baseline rows a rank number, as some published tables do."""
    note: Markdown | None = None
    columns: list[Column]
    computed: ComputedFrom | None = None
    rows: list[ResultRow] = Field(json_schema_extra={"minItems": 1})
    """One row per run (or per team), in any order: ranks are computed. A board without rows is left out until
    its results are published."""

    @property
    def primary(self) -> Column:
        """The column the board is ranked by (exactly one, checked on load)."""
        return next(c for c in self.columns if c.primary)

    def run_file(self, row: ResultRow) -> str | None:
        """The archived run of ``row`` (relative to `data/`), for a computed board: `file`, else the run id
        with the gold file's extension."""
        if self.computed is None or (row.file is None and row.run is None):
            return None
        suffix = PurePosixPath(self.computed.gold).suffix
        return f"{self.computed.runs}/{row.file or f'{row.run}{suffix}'}"

    @field_validator("rows")
    @classmethod
    def _has_rows(cls, rows: list[ResultRow]) -> list[ResultRow]:
        if not rows:
            raise ValueError("a board needs at least one row: leave the board out until its results are published")
        return rows

    @model_validator(mode="after")
    def _one_primary(self) -> "Board":
        primaries = [c.key for c in self.columns if c.primary]
        if len(primaries) != 1:
            raise ValueError(f"exactly one column must be primary (found {len(primaries)})")
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError("column keys must be unique")
        unknown = [k for k in self.tie_break if k not in keys]
        if unknown:
            raise ValueError(f"tie_break names unknown column(s): {', '.join(unknown)}")
        return self


class ResultsFile(Model):
    """`data/editions/YEAR/results/TASK.yml`: the result boards of one task."""

    task: Slug
    """Slug of the task the boards belong to."""
    boards: list[Board]
    sources: Sources = []


# --------------------------------------------------------------------------- events

TBA = "tba"


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
    url: WebUrl | None = None
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
        return calendar.check_zone(value)

    @property
    def due(self) -> dt.datetime:
        return dt.datetime.combine(self.deadline, self.time, tzinfo=calendar.zone(self.timezone))


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
    url: WebUrl | None = None
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
        return calendar.check_zone(value)
