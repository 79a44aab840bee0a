"""The one policy for spreading independent work over the machine's cores (rendering pages, scoring runs).

Workers are forked, so they start at once with the parent's data (loaded models, compiled templates, loaded
gold files) and send back only their results. Forking is used only on Linux and only while the process runs
a single thread (``mkdocs build``, ``imageclef build``, ``imageclef validate``): a fork taken while other
threads run (``mkdocs serve``'s server) may copy a lock another thread holds. Elsewhere the work runs in this
process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any

_job: Callable[[Any], Any] | None = None  # what forked workers run: set while they are forked


def _run(items: list) -> list:
    assert _job is not None
    return [_job(item) for item in items]


def workers_available() -> int:
    """How many processes may work at once: 1 where forking is unsafe or impossible."""
    if sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


class Batch:
    """``job(item)`` for every item, computed in forked workers while the caller goes on with other work;
    ``results()`` waits for them and returns them in the order of the items.

    Items are sent in chunks: by default one chunk per worker (least overhead, for many small items); with
    ``chunk_size`` in chunks of that size, which balances uneven items and reports progress as they finish.
    """

    def __init__(self, job: Callable[[Any], Any], items: Sequence, *, min_items_per_worker: int = 2,
                 max_workers: int | None = None, chunk_size: int | None = None):
        global _job
        self._job, self._items = job, list(items)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Future, list[int]] = {}
        workers = min(workers_available(), len(self._items) // min_items_per_worker, max_workers or 1 << 16)
        if workers < 2:
            return
        if chunk_size is None:
            chunks = [list(range(i, len(self._items), workers)) for i in range(workers)]
        else:
            chunks = [list(range(i, min(i + chunk_size, len(self._items))))
                      for i in range(0, len(self._items), chunk_size)]
        _job = job
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        try:  # the workers are forked by the first submit, all of them
            self._futures = {self._pool.submit(_run, [self._items[i] for i in chunk]): chunk for chunk in chunks}
        except BaseException:
            self._pool.shutdown(cancel_futures=True)
            raise
        finally:
            _job = None

    def results(self, on_done: Callable[[int, Any], None] | None = None) -> list:
        """Every result, in item order; ``on_done(index, result)`` is called as each one arrives."""
        found: list[Any] = [None] * len(self._items)
        if self._pool is None:
            for index, item in enumerate(self._items):
                found[index] = self._job(item)
                if on_done is not None:
                    on_done(index, found[index])
            return found
        try:
            for future in as_completed(self._futures):
                for index, result in zip(self._futures[future], future.result()):
                    found[index] = result
                    if on_done is not None:
                        on_done(index, result)
            return found
        finally:
            self._pool.shutdown(cancel_futures=True)
