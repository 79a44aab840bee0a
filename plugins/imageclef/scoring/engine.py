"""Scoring one run (``score``) and many runs with a content-hash cache (``score_many``)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .errors import RunValidationError
from .result import Score, format_signature, library_versions
from .scorers import SCORERS, Options, Scorer

CACHE_FORMAT = 1


@dataclass(frozen=True)
class ScoreJob:
    """One run to score against one gold file."""

    scorer: str
    gold: Path
    run: Path
    language: str | None = None
    gold_secondary: Path | None = None


def get_scorer(name: str) -> Scorer:
    try:
        return SCORERS[name]
    except KeyError:
        raise ValueError(f"unknown scorer {name!r}; known: {', '.join(sorted(SCORERS))}") from None


def signature(scorer: Scorer, options: Options) -> str:
    parts: list[tuple[str, object]] = [("scorer", scorer.name), ("v", scorer.version)]
    parts += library_versions(scorer.libraries)
    parts += scorer.signature_settings(options)
    return format_signature(parts)


def _options(scorer: Scorer, language: str | None, gold_secondary: Path | None) -> Options:
    options = Options(language=language, secondary=gold_secondary is not None)
    scorer.check_options(options)
    return options


def _exists(path: Path, what: str) -> None:
    if not Path(path).exists():
        raise RunValidationError(path, 0, f"{what} not found")


def score(scorer: str, gold: Path, run: Path, *, language: str | None = None,
          gold_secondary: Path | None = None) -> Score:
    """Score one run. Raises RunValidationError for an invalid run or gold, ValueError for bad options."""
    s = get_scorer(scorer)
    options = _options(s, language, gold_secondary)
    _exists(gold, "gold file")
    if gold_secondary is not None:
        _exists(gold_secondary, "secondary gold file")
    _exists(run, "run file")
    if s.run_kind == "file" and Path(run).is_dir():
        raise RunValidationError(run, 0, "expected a run file, found a folder")
    values = s.compute(Path(gold), Path(run), options, Path(gold_secondary) if gold_secondary else None)
    return Score(values={k: float(v) for k, v in values.items()}, signature=signature(s, options))


# --------------------------------------------------------------------------- cache

def content_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's (name, bytes) pairs in name order."""
    digest = hashlib.sha256()
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and not child.name.startswith("."):
                digest.update(child.name.encode() + b"\0" + content_hash(child).encode() + b"\0")
        return "dir:" + digest.hexdigest()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_key(job: ScoreJob, hashes: dict[Path, str]) -> str:
    """Key over gold, secondary gold and run bytes, scorer name+version, options, library versions."""
    s = get_scorer(job.scorer)
    payload = {
        "format": CACHE_FORMAT,
        "scorer": s.name,
        "version": s.version,
        "options": {"language": job.language, "secondary": job.gold_secondary is not None},
        "libraries": library_versions(s.libraries),
        "gold": hashes[Path(job.gold)],
        "gold_secondary": hashes[Path(job.gold_secondary)] if job.gold_secondary else None,
        "run": hashes[Path(job.run)],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _encode(result: Score | RunValidationError, job: ScoreJob) -> dict:
    if isinstance(result, Score):
        return {"values": result.values, "signature": result.signature}
    where = {Path(job.run): "run", Path(job.gold): "gold"}
    if job.gold_secondary:
        where[Path(job.gold_secondary)] = "gold_secondary"
    role, rel = "run", None
    for base, name in where.items():
        try:
            rel = str(result.path.relative_to(base)) if result.path != base else ""
            role = name
            break
        except ValueError:
            continue
    return {"error": {"role": role, "relative": rel, "line": result.line, "message": result.message}}


def _decode(data: dict, job: ScoreJob) -> Score | RunValidationError:
    if "error" in data:
        err = data["error"]
        base = {"run": job.run, "gold": job.gold, "gold_secondary": job.gold_secondary}[err["role"]]
        path = Path(base) / err["relative"] if err["relative"] else Path(base)
        return RunValidationError(path, err["line"], err["message"])
    return Score(values=data["values"], signature=data["signature"])


def _read_cache(cache_dir: Path, key: str) -> dict | None:
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and ("values" in data or "error" in data) else None


def _write_cache(cache_dir: Path, key: str, data: dict) -> None:
    """Atomic write: a temporary file in the same folder, then os.replace."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}-", suffix=".tmp", dir=cache_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, sort_keys=True)
        os.replace(tmp, cache_dir / f"{key}.json")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- many runs

def run_job(job: ScoreJob) -> Score | RunValidationError:
    """Score one job, returning (not raising) a RunValidationError."""
    try:
        return score(job.scorer, job.gold, job.run, language=job.language, gold_secondary=job.gold_secondary)
    except RunValidationError as err:
        return err


def _hash_job(job: ScoreJob, hashes: dict[Path, str]) -> dict[Path, str]:
    """Fill ``hashes`` (shared across jobs, so a gold file is hashed once) for a job's files."""
    for path in (job.gold, job.gold_secondary, job.run):
        if path is not None and Path(path) not in hashes:
            hashes[Path(path)] = content_hash(Path(path))
    return hashes


def score_many(jobs: list[ScoreJob], *, cache_dir: Path | None, workers: int = 2,
               progress: bool = False) -> list[Score | RunValidationError]:
    """Score ``jobs`` in order; invalid runs come back as RunValidationError objects.

    With ``cache_dir``, each result is stored as ``<key>.json`` (see :func:`cache_key`)
    and a hit skips the work. Misses run in a process pool when there are several.
    """
    for job in jobs:
        s = get_scorer(job.scorer)
        _options(s, job.language, job.gold_secondary)
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
            cached = _read_cache(cache_dir, keys[i])
            if cached is not None:
                results[i] = _decode(cached, job)
                continue
        todo.append(i)

    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="scoring runs", unit="run", leave=False)

    def done(i: int, result: Score | RunValidationError) -> None:
        results[i] = result
        if cache_dir is not None:
            _write_cache(cache_dir, keys[i], _encode(result, jobs[i]))
        if bar is not None:
            bar.update(1)

    try:
        if len(todo) > 1 and workers > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                futures = {pool.submit(run_job, jobs[i]): i for i in todo}
                for future in as_completed(futures):
                    done(futures[future], future.result())
        else:
            for i in todo:
                done(i, run_job(jobs[i]))
    finally:
        if bar is not None:
            bar.close()
    return results  # type: ignore[return-value]
