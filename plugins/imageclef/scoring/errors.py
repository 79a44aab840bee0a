"""The one error a caller of the engine has to handle: an invalid run (or gold) file."""

from __future__ import annotations

from pathlib import Path


class RunValidationError(Exception):
    """A run or gold file that does not follow its task's format.

    ``problems`` holds every (line, message) found in the file, in file order: a reader goes on past a bad
    record, so that a run with many bad lines is reported at once. ``line`` and ``message`` are the first
    problem's. A line is the 1-based text line (for a JSON record, the line it starts on), and 0 for folder
    formats where no line applies (``path`` is then the offending file).
    """

    def __init__(self, path: Path | str, line: int, message: str, more: tuple[tuple[int, str], ...] = ()):
        self.path = Path(path)
        self.problems = [(int(line), message), *((int(n), text) for n, text in more)]
        super().__init__(self.path, line, message)

    @property
    def line(self) -> int:
        return self.problems[0][0]

    @property
    def message(self) -> str:
        return self.problems[0][1]

    def lines(self) -> list[str]:
        """One ``path:line: message`` per problem."""
        return [f"{self.path}:{line}: {message}" for line, message in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __reduce__(self):  # picklable across the process pool
        return (type(self), (str(self.path), self.line, self.message, tuple(self.problems[1:])))
