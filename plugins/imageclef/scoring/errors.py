"""The one error a caller of the engine has to handle: an invalid run (or gold) file."""

from __future__ import annotations

from pathlib import Path


class RunValidationError(Exception):
    """A run or gold file that does not follow its task's format.

    ``line`` is the 1-based text line (for a JSON record, the line it starts
    on), and 0 for folder formats where no line applies (``path`` is then the
    offending file).
    """

    def __init__(self, path: Path | str, line: int, message: str):
        self.path = Path(path)
        self.line = int(line)
        self.message = message
        super().__init__(self.path, self.line, message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __reduce__(self):  # picklable across the process pool
        return (type(self), (str(self.path), self.line, self.message))
