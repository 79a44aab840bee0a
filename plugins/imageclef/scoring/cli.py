"""``score`` and ``score-archive`` subcommands for the ``imageclef`` command line.

The main CLI calls :func:`register` with its argparse subparsers and then
``args.func(args)``. Exit codes: 0 success, 2 invalid input (a run, a gold file
or an option; one line on stderr, no traceback), 1 missing setup (WordNet).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import ScoreJob, notes, score, score_many
from .errors import RunValidationError
from .scorer import SCORERS, get_scorer
from .wordnet import WordNetMissing

EXIT_INVALID = 2
EXIT_SETUP = 1


def _fail(message: str | RunValidationError, code: int) -> int:
    """Print the error on stderr, one line per problem (white space inside a line folded), and return ``code``."""
    for line in message.lines() if isinstance(message, RunValidationError) else [str(message)]:
        print(" ".join(line.split()), file=sys.stderr)
    return code


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scorer", required=True, choices=sorted(SCORERS), help="scorer name")
    parser.add_argument("--gold", required=True, type=Path, help="gold file (or folder of gold masks)")
    parser.add_argument("--language", default=None, help="language filter (multiple-choice only), e.g. bg")
    parser.add_argument("--ci", nargs="?", const="", default=None, metavar="METRIC",
                        help="also a 95%% bootstrap interval of METRIC (default: the scorer's first metric) over the "
                             "test items (1,000 resamples, fixed seed)")


def _ci_key(args: argparse.Namespace) -> str | None:
    if args.ci is None:
        return None
    return args.ci or get_scorer(args.scorer).outputs[0].key


def register(subparsers) -> None:
    """Add ``score`` and ``score-archive`` to an argparse subparsers object."""
    p = subparsers.add_parser("score", help="score one run file; prints a JSON object of metric values")
    _common(p)
    p.add_argument("--run", required=True, type=Path, help="run file (or folder of masks)")
    p.add_argument("--gold-secondary", type=Path, default=None, help="secondary gold (concept-detection)")
    p.set_defaults(func=cmd_score)

    a = subparsers.add_parser("score-archive", help="score every run in a folder (cached, parallel)")
    _common(a)
    a.add_argument("--runs", required=True, type=Path, help="folder of run files")
    a.add_argument("--gold-secondary", type=Path, default=None, help="secondary gold (concept-detection)")
    a.add_argument("--cache", type=Path, default=None, help="cache folder (content-hash keyed JSON files)")
    a.add_argument("--workers", type=int, default=None, help="at most this many processes for runs missing from the cache")
    a.set_defaults(func=cmd_score_archive)


def cmd_score(args: argparse.Namespace) -> int:
    key = _ci_key(args)
    try:
        result = score(args.scorer, args.gold, args.run, language=args.language, gold_secondary=args.gold_secondary,
                       replicate=key)
    except RunValidationError as err:
        return _fail(err, EXIT_INVALID)
    except WordNetMissing as err:
        return _fail(f"error: {err}", EXIT_SETUP)
    except (ValueError, OSError) as err:
        return _fail(f"error: {err}", EXIT_INVALID)
    for note in notes(args.scorer, args.gold, args.run):
        print(f"note: {note}", file=sys.stderr)
    if key is None:
        print(json.dumps(result.values))
        return 0
    print(json.dumps({"values": result.values, "interval": {key: _interval(result, key)}}))
    return 0


def _interval(result, key: str) -> list[float] | None:
    from . import bootstrap

    if result.replicates is None:
        print(f"note: no interval for {key}: " + (f"fewer than {bootstrap.MIN_ITEMS} test items" if result.items is not None
                                                 else "the scorer gives no per-item results for it"), file=sys.stderr)
        return None
    return list(bootstrap.interval(result.replicates))


def run_files(folder: Path, scorer: str) -> list[Path]:
    """The runs of an archive folder: sub-folders for folder formats, else files with the scorer's suffix."""
    s = get_scorer(scorer)
    entries = [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")]
    if s.run_kind == "folder":
        return [p for p in entries if p.is_dir()]
    return [p for p in entries if p.is_file() and p.suffix == s.run_suffix]


def cmd_score_archive(args: argparse.Namespace) -> int:
    if not args.runs.is_dir():
        return _fail(f"{args.runs}:0: runs folder not found", EXIT_INVALID)
    runs = run_files(args.runs, args.scorer)
    key = _ci_key(args)
    jobs = [ScoreJob(args.scorer, args.gold, run, args.language, args.gold_secondary, key) for run in runs]
    try:
        results = score_many(jobs, cache_dir=args.cache, max_workers=args.workers, progress=True)
    except WordNetMissing as err:
        return _fail(f"error: {err}", EXIT_SETUP)
    except (ValueError, OSError) as err:
        return _fail(f"error: {err}", EXIT_INVALID)
    out, invalid, scored = {}, 0, {}
    for run, result in zip(runs, results):
        if isinstance(result, RunValidationError):
            invalid += 1
            _fail(result, EXIT_INVALID)
        else:
            out[run.name] = result.values
            scored[run.name] = result
    if key is not None:
        out = _with_confidence(args.scorer, key, scored)
    print(json.dumps(out, indent=1))
    return EXIT_INVALID if invalid else 0


def _with_confidence(scorer: str, key: str, scored: dict) -> dict:
    """Each run's values and interval; the leader, each run's Holm-adjusted p-value of a paired bootstrap test
    against it, and the runs the test cannot tell apart from it (``bootstrap.ALPHA``). The runs are taken as original runs
    (a paired test means nothing on runs reconstructed from published numbers)."""
    from . import bootstrap

    higher = next(o.direction for o in get_scorer(scorer).outputs if o.key == key) == "higher"
    runs = {name: {"values": r.values, "interval": _interval(r, key)} for name, r in scored.items()}
    with_reps = {name: r for name, r in scored.items() if r.replicates is not None}
    if not with_reps:
        return {"runs": runs}
    leader = (max if higher else min)(with_reps, key=lambda name: with_reps[name].values[key])
    others = [name for name in with_reps if name != leader]
    adjusted = bootstrap.against_leader(with_reps[leader].replicates, [with_reps[name].replicates for name in others],
                                        higher_is_better=higher)
    for name, p in zip(others, adjusted):
        runs[name]["p_vs_leader"] = p
    return {"runs": runs, "leader": leader,
            "indistinguishable": sorted(name for name in others if runs[name]["p_vs_leader"] >= bootstrap.ALPHA)}


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m imageclef.scoring.cli``) until the main CLI wires ``register``."""
    parser = argparse.ArgumentParser(prog="imageclef")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
