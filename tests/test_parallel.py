"""Work spread over forked workers gives exactly what the same work gives in one process."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys

import pytest

from imageclef import parallel
from imageclef.core.loader import load_data
from imageclef.core.render import render_site

from .conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setattr(parallel, "workers_available", lambda: 2)


def test_results_come_back_in_item_order_from_other_processes(two_workers):
    items = list(range(11))
    batch = parallel.Batch(lambda n: (n * n, os.getpid()), items)
    results = batch.results()
    assert [square for square, _ in results] == [n * n for n in items]
    assert {pid for _, pid in results} - {os.getpid()}, "no item was computed in a worker"


def test_a_failing_item_raises_in_the_caller(two_workers):
    def job(n):
        if n == 5:
            raise ValueError("item 5 is broken")
        return n

    batch = parallel.Batch(job, range(8))
    with pytest.raises(ValueError, match="item 5 is broken"):
        batch.results()


def test_one_worker_or_few_items_run_here(monkeypatch):
    monkeypatch.setattr(parallel, "workers_available", lambda: 1)
    assert {pid for pid in parallel.Batch(lambda n: os.getpid(), range(6)).results()} == {os.getpid()}


def test_a_site_rendered_by_workers_equals_the_site_rendered_here(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "benchmarks" / "bench_site.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_site", bench)
    spec.loader.exec_module(bench)
    scale = bench.Scale(editions=5, tasks=3, boards=2, rows=6, scored_boards=1, scored_runs=2, scored_items=20, people=30)
    bench.generate(tmp_path, scale)
    data = load_data(tmp_path / "data", root=tmp_path)

    monkeypatch.setattr(parallel, "workers_available", lambda: 1)
    here = render_site(data, today=dt.date(2026, 3, 1))
    monkeypatch.setattr(parallel, "workers_available", lambda: 2)
    spread = render_site(data, today=dt.date(2026, 3, 1))
    assert len(here.pages) > 5 * 3
    assert spread.pages == here.pages
    assert spread.files == here.files
    assert spread.nav == here.nav
    assert spread.warnings == here.warnings
