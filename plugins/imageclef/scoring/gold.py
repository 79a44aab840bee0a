"""Files read once and kept while they are unchanged: a gold file shared by many runs, and a run read by both
the scores and the bootstrap of one job."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any


def _stamp(path: Path) -> tuple:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def cached_files(fn: Callable[..., Any], maxsize: int) -> Callable[..., Any]:
    """Memoise ``fn(*args)`` while the files among its arguments are unchanged: keyed by the arguments and the
    (name, modification time, size) of each path's file, or of a folder's files. Other arguments must be
    hashable (paths, options)."""

    @lru_cache(maxsize=maxsize)
    def cached(args: tuple, stamps: tuple) -> Any:
        return fn(*args)

    def call(*args: Any) -> Any:
        return cached(args, tuple(_stamp(a) for a in args if isinstance(a, Path)))

    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return call


def cached_gold(loader: Callable[[Path], Any]) -> Callable[[Path], Any]:
    """Memoise a gold loader per file (resolved, so that one file is one entry) while it is unchanged."""
    load = cached_files(loader, maxsize=16)
    return lambda path: load(Path(path).resolve())


_PER_JOB: list[Callable[..., Any]] = []


def per_job(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Memoise a scorer's reading of one job (gold, run, options): ``compute``, ``estimator`` and ``notes`` of the
    same job read and align the files once."""
    call = cached_files(fn, maxsize=1)
    _PER_JOB.append(call)
    return call


def forget_jobs() -> None:
    """Drop what ``per_job`` kept (a benchmark timing the same run twice measures the work, not the memo)."""
    for call in _PER_JOB:
        call.cache_clear()  # type: ignore[attr-defined]
