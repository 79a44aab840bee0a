"""Data errors that point at a file, line and column, collected so a run reports all of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .text import line_column

if TYPE_CHECKING:
    from .yamlsrc import SourceMap


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

    def github(self) -> str:
        """The issue as a GitHub Actions workflow command, which shows it on its line of a pull request's diff."""
        title = f",title={_escape(self.field, in_property=True)}" if self.field else ""
        return (f"::{'warning' if self.severity == 'warning' else 'error'} file={_escape(self.file, in_property=True)},"
                f"line={self.line},col={self.column}{title}::{_escape(self.message)}")


def _escape(text: str, *, in_property: bool = False) -> str:
    """Text escaped for a workflow command: its message, or (``in_property``) a value before the ``::``."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def dotted(loc: tuple) -> str:
    """``schedule.0.date`` for the path ``("schedule", 0, "date")``."""
    return ".".join(str(part) for part in loc)


def issue_at(source: SourceMap, loc: tuple, message: str, *, severity: str = "error", key: bool = False,
             field: str | None = None) -> DataIssue:
    """The one way a position in a YAML file becomes a message: ``file:line:column: field.path: message``.

    ``loc`` is the path of the value (or, with ``key``, of its mapping key) in the file; the nearest existing
    ancestor is used when the path itself is absent. ``field`` replaces the dotted path in the message."""
    line, column = source.locate(loc, prefer_key=key)
    return DataIssue(source.file, line, column, dotted(loc) if field is None else field, message, severity)


def not_utf8(file: str, data: bytes, exc: UnicodeDecodeError) -> DataIssue:
    """The issue of a file that is not UTF-8, at the line and column of its first bad byte."""
    line, column = line_column(data, exc.start)
    return DataIssue(file, line, column, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}: {exc.reason}); "
                                             "save the file as UTF-8")


class DataError(Exception):
    """Raised when the data cannot be built into a site; carries every error found in the run."""

    def __init__(self, issues: list[DataIssue]):
        # by place; issues at one place keep the order they were found in (a cause before its consequences)
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.column))
        super().__init__("\n".join(str(i) for i in self.issues))


def display_path(path: Path, root: Path) -> str:
    """A path as organisers see it in the repository (relative to the project root when possible)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
