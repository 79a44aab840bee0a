"""Data errors that point at a file, line and column, collected so a run reports all of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataIssue:
    """One problem found in the data: where it is, which field, and what is wrong."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data cannot be built into a site; carries every error found in the run."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = sorted(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


def display_path(path: Path, root: Path) -> str:
    """A path as organisers see it in the repository (relative to the project root when possible)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
