"""Spread independent pieces of work over the machine's cores, when that pays and is safe.

Workers are forked, so they start at once with the parent's data (loaded models, compiled templates) and
send back only their results. Forking is used only on Linux and only while the process runs a single thread
(``mkdocs build``, ``imageclef build``): ``mkdocs serve``'s server threads make forking unsafe, and serve
rebuilds render little anyway. Elsewhere the work runs in this process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_job: Callable[[Any], Any] | None = None  # what forked workers run: set while they are forked


def _run(items: list) -> list:
    assert _job is not None
    return [_job(item) for item in items]


def _workers() -> int:
    if sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


class Batch:
    """``job(item)`` for every item, computed in forked workers while the caller goes on with other work;
    ``results()`` waits for them and returns them in the order of the items."""

    def __init__(self, job: Callable[[Any], Any], items: Sequence, *, min_items_per_worker: int = 2):
        global _job
        self._job, self._items = job, list(items)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []
        workers = min(_workers(), len(self._items) // min_items_per_worker)
        if workers < 2:
            return
        self._chunks = [list(range(i, len(self._items), workers)) for i in range(workers)]
        _job = job
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        try:  # the workers are forked by the first submit, all of them
            self._futures = [self._pool.submit(_run, [self._items[i] for i in chunk]) for chunk in self._chunks]
        except BaseException:
            self._pool.shutdown(cancel_futures=True)
            raise
        finally:
            _job = None

    def results(self) -> list:
        if self._pool is None:
            return [self._job(item) for item in self._items]
        try:
            found: list[Any] = [None] * len(self._items)
            for chunk, future in zip(self._chunks, self._futures):
                for index, result in zip(chunk, future.result()):
                    found[index] = result
            return found
        finally:
            self._pool.shutdown(cancel_futures=True)
