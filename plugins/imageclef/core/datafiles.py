"""Every kind of data file: where it lives under ``data/`` and the model one file holds.

The loader reads them, ``imageclef schema`` writes a JSON Schema for each (editors validate as organisers
type), and ``.vscode/settings.json`` maps each pattern to its schema. A new kind of data file is a model in
``models.py`` and an entry here; the loader's ``load_data`` gives it its place in ``SiteData``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import models


@dataclass(frozen=True)
class DataFile:
    name: str
    """Short name, also the schema file's stem (`schemas/task.schema.json`)."""
    pattern: str
    """Where the files are, relative to `data/` (a glob)."""
    model: Any
    """What one file holds: a model class, or `list[...]` for a registry of entries with ids."""
    title: str
    """Title of the JSON Schema."""


DATA_FILES: tuple[DataFile, ...] = (
    DataFile("site", "site.yml", models.SiteConfig, "ImageCLEF site (data/site.yml)"),
    DataFile("people", "people.yml", list[models.Person], "ImageCLEF people (data/people.yml)"),
    DataFile("series", "series.yml", list[models.Series], "ImageCLEF task series (data/series.yml)"),
    DataFile("edition", "editions/*/edition.yml", models.Edition, "ImageCLEF edition"),
    DataFile("task", "editions/*/tasks/*.yml", models.Task, "ImageCLEF task"),
    DataFile("results", "editions/*/results/*.yml", models.ResultsFile, "ImageCLEF results"),
    DataFile("events", "events/*.yml", models.Event, "ImageCLEF event"),
)

KIND = {kind.name: kind for kind in DATA_FILES}
