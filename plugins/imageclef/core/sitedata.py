"""The loaded data of the site: what ``loader.load_data`` returns and every page is rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import provenance
from .errors import DataIssue
from .models import Board, Edition, Event, Person, Series, SiteConfig, Task
from .yamlsrc import SourceMap

if TYPE_CHECKING:
    from .bibliography import Publication

Stamp = tuple[int, int]
"""(modification time in ns, size) of a file, taken before it was read."""


@dataclass
class Located:
    """A validated value with the source map of the file it came from."""

    value: Any
    source: SourceMap


@provenance.tracked
@dataclass
class EditionData:
    edition: Edition
    source: SourceMap
    tasks: dict[str, Task]  # in the edition's order
    task_sources: dict[str, SourceMap]
    boards: dict[str, list[Board]]  # by task slug, each task's boards in subtask order
    board_sources: dict[str, SourceMap]  # by "task/board"

    @property
    def year(self) -> int:
        return self.edition.year


@provenance.tracked
@dataclass
class EventData:
    """An event file: its slug (the file name) and content."""

    slug: str
    event: Event
    source: SourceMap


@dataclass
class SiteData:
    root: Path  # file names in messages are relative to it
    data_dir: Path
    site: SiteConfig
    people: dict[str, Person]
    series: dict[str, Series]
    editions: dict[int, EditionData]  # newest first
    publications: dict[str, Publication]
    events: list[EventData] = field(default_factory=list)
    warnings: list[DataIssue] = field(default_factory=list)
    files: dict[str, Stamp] = field(default_factory=dict)  # every file read (runs included) -> its stamp
    scores: dict = field(default_factory=dict)  # computed scores of archived runs (results.archive.Scores)

    @property
    def current_year(self) -> int:
        return self.site.current_edition or max(self.editions)
