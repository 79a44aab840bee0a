"""Scoring one run (``score``) and many runs through the cache (``score_many``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import parallel
from . import cache
from .errors import RunValidationError
from .result import Score, format_signature
from .scorer import Options, Scorer, get_scorer


@dataclass(frozen=True)
class ScoreJob:
    """One run to score against one gold file."""

    scorer: str
    gold: Path
    run: Path
    language: str | None = None
    gold_secondary: Path | None = None
    replicate: str | None = None
    """An output to bootstrap over the test items (see ``bootstrap``), e.g. the primary metric of a board."""

    @property
    def options(self) -> Options:
        return Options(language=self.language, secondary=self.gold_secondary is not None)


class ScorerError(ValueError):
    """A job that cannot be run as asked: an unknown scorer or options the scorer does not take."""


def prepare(job: ScoreJob) -> Scorer:
    """The job's scorer; ScorerError for an unknown name or unsuitable options."""
    try:
        scorer = get_scorer(job.scorer)
    except ValueError as exc:
        raise ScorerError(str(exc)) from None
    problem = scorer.option_problem(job.options)
    if problem:
        raise ScorerError(problem)
    return scorer


def _exists(path: Path, what: str) -> None:
    if not Path(path).exists():
        raise RunValidationError(path, 0, f"{what} not found")


MAX_RUN_BYTES = 20
"""A run file may be at most this many times the size of its gold file (plus a megabyte): larger is no run of
the task, and is refused before it is read."""


def _not_oversized(job: ScoreJob) -> None:
    if job.run.is_file() and job.gold.is_file():
        size, limit = job.run.stat().st_size, MAX_RUN_BYTES * job.gold.stat().st_size + (1 << 20)
        if size > limit:
            raise RunValidationError(job.run, 0, f"the run file has {size:,} bytes, more than {MAX_RUN_BYTES} times "
                                                 "its gold file: not read")


def notes(scorer: str, gold: Path, run: Path) -> list[str]:
    """What a reader of a valid run's scores should know (e.g. ids the run lacks that count as empty)."""
    return get_scorer(scorer).notes(Path(gold), Path(run))


def score(scorer: str, gold: Path, run: Path, *, language: str | None = None,
          gold_secondary: Path | None = None, replicate: str | None = None) -> Score:
    """Score one run (and bootstrap the output ``replicate``). Raises RunValidationError for an invalid run or gold,
    ScorerError for a bad request."""
    job = ScoreJob(scorer, Path(gold), Path(run), language, Path(gold_secondary) if gold_secondary else None,
                   replicate)
    s = prepare(job)
    _exists(job.gold, "gold file")
    if job.gold_secondary is not None:
        _exists(job.gold_secondary, "secondary gold file")
    _exists(job.run, "run file")
    if s.run_kind == "file" and job.run.is_dir():
        raise RunValidationError(job.run, 0, "expected a run file, found a folder")
    _not_oversized(job)
    values = s.compute(job.gold, job.run, job.options, job.gold_secondary)
    outputs = s.outputs_for(job.options)
    if not _declared(values, outputs):
        raise RuntimeError(f"scorer {s.name} returned {sorted(values)}, but declares {sorted(outputs)}")
    result = {}
    for key, output in outputs.items():
        if key not in values:
            continue
        value = float(values[key])
        if not output.accepts(value):
            raise RunValidationError(job.run, 0, f"{key} is {value}, outside what the metric can be "
                                                 f"({output.low}..{output.high}): the run cannot be scored")
        result[key] = value
    if job.replicate is None:
        return Score(values=result, signature=s.signature(job.options))
    reps, items = _replicates(s, job, result)
    return Score(values=result, signature=signature_of(s, job), replicates=reps, items=items)


def signature_of(scorer: Scorer, job: ScoreJob) -> str:
    """The scorer's signature, with the bootstrap's settings when the job asks for replicates."""
    from . import bootstrap  # numpy: imported when a bootstrap is asked for

    base = scorer.signature(job.options)
    return base if job.replicate is None else base + "|" + format_signature(list(bootstrap.SETTINGS.items()))


def _replicates(s: Scorer, job: ScoreJob, values: dict[str, float]) -> tuple[tuple[float, ...] | None, int | None]:
    """The bootstrap replicates of ``job.replicate``, or None where the scorer gives no per-item results or the
    test set is too small. The per-item description must give the computed value on all items."""
    from . import bootstrap

    estimator = s.estimator(job.replicate, job.gold, job.run, job.options, job.gold_secondary)
    if estimator is None:
        return None, None
    full = estimator.full()
    if not math.isclose(full, values[job.replicate], rel_tol=1e-9, abs_tol=1e-12):
        raise RuntimeError(f"scorer {s.name}: the per-item {job.replicate} gives {full}, the score {values[job.replicate]}")
    if estimator.n < bootstrap.MIN_ITEMS:
        return None, estimator.n
    return tuple(float(v) for v in bootstrap.replicates(estimator)), estimator.n


def _declared(values: dict, outputs: dict) -> bool:
    """Whether ``values`` holds only declared outputs, and every output that is always given."""
    return set(values) <= set(outputs) and all(key in values for key, o in outputs.items() if o.always)


# --------------------------------------------------------------------------- cache entries

def cache_key(job: ScoreJob, hashes: dict[Path, str]) -> str:
    """Key over the scorer's full signature (name, version, settings, library versions), the options, and the
    bytes of the gold, secondary gold and run."""
    s = get_scorer(job.scorer)
    return cache.key_of({
        "signature": signature_of(s, job),
        "replicate": job.replicate,
        "gold": hashes[Path(job.gold)],
        "gold_secondary": hashes[Path(job.gold_secondary)] if job.gold_secondary else None,
        "run": hashes[Path(job.run)],
    })


def _encode(result: Score | RunValidationError, job: ScoreJob) -> dict:
    if isinstance(result, Score):
        return {"values": result.values, "signature": result.signature,
                "replicates": list(result.replicates) if result.replicates is not None else None,
                "items": result.items}
    where = {Path(job.run): "run", Path(job.gold): "gold"}
    if job.gold_secondary:
        where[Path(job.gold_secondary)] = "gold_secondary"
    role, rel = "run", ""
    for base, name in where.items():
        try:
            rel = result.path.relative_to(base).as_posix() if result.path != base else ""
            role = name
            break
        except ValueError:
            continue
    return {"error": {"role": role, "relative": rel, "problems": [[line, message] for line, message in result.problems]}}


def _decode(body: Any, job: ScoreJob) -> Score | RunValidationError | None:
    """The result stored in a cache entry, or None when the entry does not hold what this job would give."""
    if not isinstance(body, dict):
        return None
    if "error" in body:
        err = body["error"]
        if not (isinstance(err, dict) and err.get("role") in ("run", "gold", "gold_secondary")
                and isinstance(err.get("relative"), str) and isinstance(err.get("problems"), list) and err["problems"]
                and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], int) and not isinstance(p[0], bool)
                        and isinstance(p[1], str) for p in err["problems"])):
            return None
        base = {"run": job.run, "gold": job.gold, "gold_secondary": job.gold_secondary}[err["role"]]
        if base is None or ".." in Path(err["relative"]).parts or Path(err["relative"]).is_absolute():
            return None
        (line, message), *more = err["problems"]
        return RunValidationError(Path(base) / err["relative"] if err["relative"] else Path(base), line, message,
                                  more=tuple(map(tuple, more)))
    s = get_scorer(job.scorer)
    values, outputs = body.get("values"), s.outputs_for(job.options)
    if body.get("signature") != signature_of(s, job) or not isinstance(values, dict) or not _declared(values, outputs):
        return None
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not outputs[key].accepts(value):
            return None
    reps, items = body.get("replicates"), body.get("items")
    if reps is not None:
        from . import bootstrap

        if job.replicate is None or not isinstance(reps, list) or len(reps) != bootstrap.RESAMPLES or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in reps):
            return None
        reps = tuple(float(v) for v in reps)
    if items is not None and (not isinstance(items, int) or isinstance(items, bool) or items < 0):
        return None
    return Score(values={k: float(v) for k, v in values.items()}, signature=body["signature"], replicates=reps,
                 items=items)


# --------------------------------------------------------------------------- many runs

def run_job(job: ScoreJob) -> Score | RunValidationError:
    """Score one job, returning (not raising) a RunValidationError."""
    try:
        return score(job.scorer, job.gold, job.run, language=job.language, gold_secondary=job.gold_secondary,
                     replicate=job.replicate)
    except RunValidationError as err:
        return err
    except RecursionError:
        return RunValidationError(job.run, 0, "the file nests too deeply to be read")


def _hash_job(job: ScoreJob, hashes: dict[Path, str]) -> dict[Path, str]:
    """Fill ``hashes`` (shared across jobs, so a gold file is hashed once) for a job's files."""
    for path in (job.gold, job.gold_secondary, job.run):
        if path is not None and Path(path) not in hashes:
            hashes[Path(path)] = cache.content_hash(Path(path))
    return hashes


_SOUND: dict[tuple, Score] = {}  # (entry file, mtime, size) -> its score, for entries read in this process
_SOUND_LIMIT = 20_000


def _cached(cache_dir: Path, key: str, job: ScoreJob) -> Score | RunValidationError | None:
    """The sound cache entry of ``key``; one read and check per version of the entry file in this process
    (``mkdocs serve`` rebuilds ask again for every run), an entry changed on disk is read and checked again."""
    stamp = cache.stamp(cache_dir, key)
    if stamp is None:
        return None
    found = _SOUND.get(stamp)
    if found is None:
        found = _decode(cache.read(cache_dir, key), job)
        if isinstance(found, Score):  # an error names its file: the same content elsewhere is another error
            if len(_SOUND) >= _SOUND_LIMIT:
                _SOUND.clear()
            _SOUND[stamp] = found
    return found


def score_many(jobs: list[ScoreJob], *, cache_dir: Path | None, progress: bool = False,
               max_workers: int | None = None) -> list[Score | RunValidationError]:
    """Score ``jobs`` in order; invalid runs come back as RunValidationError objects.

    With ``cache_dir``, each result is stored under its key (see :func:`cache_key`) and a sound entry skips the
    work; an entry already read and checked in this process is not read again while its file is unchanged. Misses are scored by forked workers where ``parallel`` allows it. Raises ScorerError for a job that
    names an unknown scorer or options its scorer does not take.
    """
    for job in jobs:
        prepare(job)
    results: list[Score | RunValidationError | None] = [None] * len(jobs)
    keys: dict[int, str] = {}
    todo: list[int] = []
    cache_dir = Path(cache_dir) if cache_dir is not None else None
    hashes: dict[Path, str] = {}
    for i, job in enumerate(jobs):
        missing = next((p for p in (job.gold, job.gold_secondary, job.run) if p is not None and not Path(p).exists()), None)
        if missing is not None:
            results[i] = RunValidationError(missing, 0, "file not found")
            continue
        if cache_dir is not None:
            keys[i] = cache_key(job, _hash_job(job, hashes))
            cached = _cached(cache_dir, keys[i], job)
            if cached is not None:
                results[i] = cached
                continue
        todo.append(i)

    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="scoring runs", unit="run", leave=False)

    def done(position: int, result: Score | RunValidationError) -> None:
        i = todo[position]
        results[i] = result
        if cache_dir is not None:
            cache.write(cache_dir, keys[i], _encode(result, jobs[i]))
        if bar is not None:
            bar.update(1)

    try:
        parallel.Batch(run_job, [jobs[i] for i in todo], chunk_size=1, max_workers=max_workers).results(done)
    finally:
        if bar is not None:
            bar.close()
    return results  # type: ignore[return-value]
