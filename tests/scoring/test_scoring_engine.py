"""score_many: order, invalid runs returned, content-hash cache, process pool."""

from __future__ import annotations

import json
import os

import pytest

from imageclef.scoring import RunValidationError, Score, ScoreJob, score, score_many
from imageclef.scoring import engine, get_scorer

GOLD = "a,1\nb,0\nc,1\nd,0\n"


@pytest.fixture
def archive(write):
    gold = write("gold.csv", GOLD)
    runs = [write(f"runs/r{i}.csv", text) for i, text in enumerate(["a,1\nb,0\nc,1\nd,0\n", "a,0\nb,1\nc,1\nd,0\n",
                                                                     "a,1\nb,1\nc,1\nd,9\n", "a,1\nb,0\nc,0\nd,0\n"])]
    return gold, runs


def _count_computations(monkeypatch):
    calls = []
    real = engine.run_job

    def counting(job):
        calls.append(job.run)
        return real(job)

    monkeypatch.setattr(engine, "run_job", counting)
    return calls


def _comparable(results: list) -> list:
    return [str(r) if isinstance(r, RunValidationError) else r for r in results]


def test_results_in_job_order_and_invalid_returned(archive, tmp_path):
    gold, runs = archive
    jobs = [ScoreJob("gans-membership", gold, r) for r in runs]
    results = score_many(jobs, cache_dir=None)
    assert [type(r) for r in results] == [Score, Score, RunValidationError, Score]
    assert results[2].line == 4 and results[2].path == runs[2]
    for job, result in zip(jobs, results):
        if isinstance(result, Score):
            assert result == score(job.scorer, job.gold, job.run)


def test_unchanged_archive_is_not_rescored_and_changed_run_is(archive, tmp_path, monkeypatch):
    gold, runs = archive
    cache = tmp_path / "cache"
    jobs = [ScoreJob("gans-membership", gold, r) for r in runs]
    calls = _count_computations(monkeypatch)
    first = score_many(jobs, cache_dir=cache, max_workers=1)
    assert len(calls) == 4 and len(list(cache.glob("*.json"))) == 4
    calls.clear()
    second = score_many(jobs, cache_dir=cache, max_workers=1)
    assert calls == []  # every job a cache hit
    assert _comparable(first) == _comparable(second)
    runs[1].write_text("a,1\nb,1\nc,1\nd,1\n")
    third = score_many(jobs, cache_dir=cache, max_workers=1)
    assert calls == [runs[1]]
    assert third[1].values["recall"] == 1.0


def test_an_entry_is_read_once_per_process_until_its_file_changes(archive, tmp_path, monkeypatch):
    """`mkdocs serve` asks for every archived run at each rebuild: an unchanged entry is not parsed and checked
    again, and an entry changed on disk (here made unsound) is read again and recomputed."""
    gold, runs = archive
    cache_dir = tmp_path / "cache"
    jobs = [ScoreJob("gans-membership", gold, r) for r in runs]
    score_many(jobs, cache_dir=cache_dir, max_workers=1)
    reads, real_read = [], engine.cache.read
    monkeypatch.setattr(engine.cache, "read", lambda d, key: reads.append(key) or real_read(d, key))
    calls = _count_computations(monkeypatch)
    first = _comparable(score_many(jobs, cache_dir=cache_dir, max_workers=1))
    assert len(reads) == 4 and calls == []  # read and checked once (the invalid run's entry each time: below)
    reads.clear()
    assert _comparable(score_many(jobs, cache_dir=cache_dir, max_workers=1)) == first
    assert len(reads) == 1  # only the entry of the invalid run, which is not kept (its message names its file)
    reads.clear()
    entry = cache_dir / f"{engine.cache_key(jobs[0], engine._hash_job(jobs[0], {}))}.json"
    entry.write_text(entry.read_text().replace('"signature"', '"signature_"'))
    assert _comparable(score_many(jobs, cache_dir=cache_dir, max_workers=1)) == first
    assert calls == [runs[0]] and len(reads) == 2


def test_cache_key_changes_with_gold_options_and_scorer_version(archive, tmp_path, monkeypatch):
    gold, runs = archive
    job = ScoreJob("gans-membership", gold, runs[0])
    base = engine.cache_key(job, engine._hash_job(job, {}))
    gold.write_text("a,1\nb,0\nc,1\nd,1\n")
    assert engine.cache_key(job, engine._hash_job(job, {})) != base
    monkeypatch.setattr(type(get_scorer("gans-membership")), "version", 99)
    assert engine.cache_key(job, engine._hash_job(job, {})) != base


def test_cache_files_are_complete_json_and_no_temp_left(archive, tmp_path):
    gold, runs = archive
    cache = tmp_path / "cache"
    score_many([ScoreJob("gans-membership", gold, r) for r in runs], cache_dir=cache)
    files = sorted(os.listdir(cache))
    assert all(f.endswith(".json") and not f.startswith(".") for f in files)
    for f in files:
        data = json.loads((cache / f).read_text())["body"]
        assert "values" in data or "error" in data


def test_process_pool_gives_same_numbers_as_serial(archive, tmp_path):
    gold, runs = archive
    jobs = [ScoreJob("gans-membership", gold, r) for r in runs]
    serial = score_many(jobs, cache_dir=None, max_workers=1)
    pooled = score_many(jobs, cache_dir=None, progress=True, max_workers=3)
    assert [getattr(r, "values", str(r)) for r in serial] == [getattr(r, "values", str(r)) for r in pooled]


def test_cached_error_keeps_path_and_line(archive, tmp_path):
    gold, runs = archive
    cache = tmp_path / "cache"
    job = [ScoreJob("gans-membership", gold, runs[2])]
    first = score_many(job, cache_dir=cache)[0]
    again = score_many(job, cache_dir=cache)[0]
    assert str(first) == str(again) == (f"{runs[2]}:4: label '9' for id 'd' is not 0 or 1\n"
                                        f"{runs[2]}:5: 1 gold id missing from the file (or given only on a bad line): 'd'")


def test_a_cached_error_keeps_every_problem(write, tmp_path):
    gold = write("gold.csv", GOLD)
    run = write("runs/bad.csv", "a,1\nb,7\nzz,0\nd,0\n")
    job = [ScoreJob("gans-membership", gold, run)]
    first = score_many(job, cache_dir=tmp_path / "cache")[0]
    again = score_many(job, cache_dir=tmp_path / "cache")[0]  # read from the cache
    assert first.problems == again.problems == [(2, "label '7' for id 'b' is not 0 or 1"),
                                                 (3, "unknown id 'zz' (not in the gold file)"),
                                                 (5, "2 gold ids missing from the file (or given only on a bad line): 'b', 'c'")]
