"""Gold files are read once per process and kept while they are unchanged: many runs share one gold file."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any


def cached_gold(loader: Callable[[Path], Any]) -> Callable[[Path], Any]:
    """Memoise a gold loader per (path, modification time, size) of the file or of a folder's files."""

    @lru_cache(maxsize=16)
    def cached(path: str, stamp: tuple) -> Any:
        return loader(Path(path))

    def load(path: Path) -> Any:
        path = Path(path)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        return cached(str(path.resolve()), stamp)

    return load
