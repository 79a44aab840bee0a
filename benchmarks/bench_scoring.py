"""Benchmark the scoring engine against straightforward per-item reference code.

    .venv/bin/python benchmarks/bench_scoring.py [--quick]

Synthetic archives in a temporary folder: concept detection at ImageCLEF scale
(19,267 images, 150 runs) and caption prediction ROUGE-1 (2,000 items, 100 runs).
The reference is the official style loop (scikit-learn F1 per image; a
rouge-score loop), timed on a few runs. The engine is timed per run in one
process, then over the whole archive cold (empty cache, process pool) and warm.
Numbers must be identical; the script exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import string
import sys
import tempfile
import time
import warnings
from pathlib import Path

from rouge_score import rouge_scorer
from sklearn.metrics import f1_score

from imageclef.scoring import ScoreJob, score, score_many
from imageclef.scoring.gold import forget_jobs


# --------------------------------------------------------------------------- synthetic data

def make_concepts(folder: Path, images: int, runs: int, rng: random.Random) -> tuple[Path, list[Path]]:
    vocab = [f"C{n:07d}" for n in rng.sample(range(10**7), 3000)]
    ids = [f"ImageCLEFmedical_Caption_2025_test_{i}" for i in range(images)]
    gold = {i: rng.sample(vocab, rng.randint(1, 8)) for i in ids}
    gold_path = folder / "concepts.csv"
    _write_csv(gold_path, ("ID", "CUIs"), [(i, ";".join(c)) for i, c in gold.items()])
    paths = []
    for r in range(runs):
        rows = []
        for i in ids:
            kept = [c for c in gold[i] if rng.random() < 0.6]
            extra = rng.sample(vocab, rng.randint(0, 4))
            rows.append((i, ";".join(dict.fromkeys(kept + extra))))
        paths.append(folder / "runs" / f"run{r:03d}.csv")
        _write_csv(paths[-1], ("ID", "CUIs"), rows)
    return gold_path, paths


def make_captions(folder: Path, items: int, runs: int, rng: random.Random) -> tuple[Path, list[Path]]:
    words = ["lesion", "CT", "scan", "of", "the", "chest", "showing", "a", "mass", "in", "left", "lobe",
             "arrow", "MRI", "axial", "view", "(", ")", "12", "mm", "contrast", "enhanced", "T2-weighted"]
    ids = [f"ImageCLEFmedical_Caption_2025_test_{i}" for i in range(items)]
    gold = {i: " ".join(rng.choices(words, k=rng.randint(5, 25))) for i in ids}
    gold_path = folder / "captions.csv"
    _write_csv(gold_path, ("ID", "Caption"), gold.items())
    paths = []
    for r in range(runs):
        rows = [(i, " ".join(w for w in gold[i].split() if rng.random() < 0.7) + " " + rng.choice(words)) for i in ids]
        paths.append(folder / "runs" / f"run{r:03d}.csv")
        _write_csv(paths[-1], ("ID", "Caption"), rows)
    return gold_path, paths


def _write_csv(path: Path, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# --------------------------------------------------------------------------- straightforward references

def _read(path: Path) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    return {r[0]: r[1] for r in rows}


def reference_concept_f1(gold_path: Path, run_path: Path) -> float:
    """The official evaluator's loop: scikit-learn binary F1 per image, summed in run order."""
    gold = {k: tuple(c.upper() for c in v.split(";")) for k, v in _read(gold_path).items()}
    run = {k: tuple(c.upper() for c in v.split(";")) if v else () for k, v in _read(run_path).items()}
    total = 0.0
    for image, predicted in run.items():
        truth = gold[image]
        concepts = sorted(set(truth + predicted))
        total += f1_score([int(c in truth) for c in concepts], [int(c in predicted) for c in concepts], average="binary")
    return total / len(gold)


def reference_rouge1(gold_path: Path, run_path: Path) -> float:
    """A rouge-score loop over pre-processed captions (lowercase, digits -> number, no punctuation)."""
    def prep(text: str) -> str:
        text = re.sub(r"\d+", "number", text.lower())
        return text.translate(str.maketrans("", "", string.punctuation))

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=False)
    gold, run = _read(gold_path), _read(run_path)
    scores = [scorer.score(prep(gold[k]), prep(run[k]))["rouge1"].fmeasure for k in gold]
    total = 0.0
    for s in scores:
        total += s
    return total / len(scores)


# --------------------------------------------------------------------------- timing

def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def bench(name: str, scorer: str, key: str, gold: Path, runs: list[Path], reference, sample: int,
          cache: Path, workers: int) -> dict:
    ref_times, engine_times, mismatches = [], [], []
    for run in runs[:sample]:
        expected, t_ref = _timed(reference, gold, run)
        got, t_eng = _timed(lambda: score(scorer, gold, run).values[key])
        ref_times.append(t_ref)
        engine_times.append(t_eng)
        if got != expected:
            mismatches.append((run.name, got, expected))
    jobs = [ScoreJob(scorer, gold, run) for run in runs]
    cold, t_cold = _timed(lambda: score_many(jobs, cache_dir=cache, max_workers=workers))
    warm, t_warm = _timed(lambda: score_many(jobs, cache_dir=cache, max_workers=workers))
    for run, a, b in zip(runs, cold, warm):
        if a.values != b.values:
            mismatches.append((run.name, a.values, b.values))
    for run in runs[:sample]:
        direct = score(scorer, gold, run).values[key]
        if cold[runs.index(run)].values[key] != direct:
            mismatches.append((run.name, cold[runs.index(run)].values[key], direct))
    n = len(runs)
    return {
        "name": name, "runs": n, "reference": statistics.median(ref_times), "engine": statistics.median(engine_times),
        "cold": t_cold / n, "warm": t_warm / n, "cold_total": t_cold, "warm_total": t_warm, "mismatches": mismatches,
    }


def bench_intervals(name: str, scorer: str, key: str, gold: Path, runs: list[Path], sample: int,
                    cache: Path) -> dict:
    """Plain scoring against scoring with 1,000 bootstrap resamples of the primary metric, run by run, interleaved
    (so both see the same machine load), then the warm cache of the bootstrapped archive."""
    plain, boot = [], []
    for run in runs[:sample]:
        forget_jobs()
        _, t_plain = _timed(lambda: score(scorer, gold, run))
        forget_jobs()  # the bootstrapped score reads and scores the run again, as a job of its own would
        result, t_boot = _timed(lambda: score(scorer, gold, run, replicate=key))
        assert result.replicates is not None and len(result.replicates) == 1000
        plain.append(t_plain)
        boot.append(t_boot)
    jobs = [ScoreJob(scorer, gold, run, replicate=key) for run in runs[:sample]]
    score_many(jobs, cache_dir=cache)
    _, t_warm = _timed(lambda: score_many(jobs, cache_dir=cache))
    return {"name": name, "runs": sample, "plain": statistics.median(plain), "bootstrap": statistics.median(boot),
            "warm": t_warm / len(jobs)}


def print_intervals(row: dict) -> None:
    print(f"\n{row['name']}: plain {row['plain']:.3f} s/run, with 1,000 bootstrap resamples {row['bootstrap']:.3f} "
          f"s/run: {row['bootstrap'] / row['plain']:.2f}x plain (target <= 10x); warm cache {row['warm']:.4f} s/run "
          f"(median of {row['runs']} runs, interleaved)")


def print_table(rows: list[dict]) -> None:
    head = f"{'archive':<34}{'runs':>5}{'reference/run':>15}{'engine/run':>12}{'cold/run':>10}{'warm/run':>10}" \
           f"{'ref/engine':>12}{'ref/cold':>10}{'warm/cold':>11}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['name']:<34}{r['runs']:>5}{r['reference']:>14.4f}s{r['engine']:>11.4f}s{r['cold']:>9.4f}s"
              f"{r['warm']:>9.5f}s{r['reference'] / r['engine']:>11.1f}x{r['reference'] / r['cold']:>9.1f}x"
              f"{r['warm'] / r['cold']:>11.4f}")
    print("(medians per run; cold/warm = whole archive through score_many divided by the number of runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    rng = random.Random(7)
    if args.quick:
        sizes = {"images": 400, "concept_runs": 6, "items": 200, "text_runs": 6, "sample": 1, "interval_sample": 2}
    else:
        sizes = {"images": 19267, "concept_runs": 150, "items": 2000, "text_runs": 100, "sample": 2,
                 "interval_sample": 10}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        gold, runs = make_concepts(tmp / "concepts", sizes["images"], sizes["concept_runs"], rng)
        rows.append(bench(f"concept-detection ({sizes['images']} images)", "concept-detection", "f1", gold, runs,
                          reference_concept_f1, sizes["sample"], tmp / "cache", args.workers))
        intervals = bench_intervals(f"concept-detection ({sizes['images']} images)", "concept-detection", "f1", gold,
                                    runs, sizes["interval_sample"], tmp / "cache-intervals")
        gold, runs = make_captions(tmp / "captions", sizes["items"], sizes["text_runs"], rng)
        rows.append(bench(f"caption-prediction ({sizes['items']} items)", "caption-prediction", "rouge1", gold, runs,
                          reference_rouge1, sizes["sample"], tmp / "cache", args.workers))
    print_table(rows)
    print_intervals(intervals)
    failed = False
    if not args.quick and intervals["bootstrap"] / intervals["plain"] > 10:
        failed = True
        print("bootstrap intervals cost more than 10x plain scoring per run", file=sys.stderr)
    for r in rows:
        if r["mismatches"]:
            failed = True
            print(f"MISMATCH in {r['name']}: {r['mismatches'][:3]}", file=sys.stderr)
    concept = rows[0]
    if not args.quick and concept["reference"] / concept["engine"] < 20:
        failed = True
        print("concept detection is less than 20x faster than the per-image reference", file=sys.stderr)
    print("identical numbers: " + ("NO" if failed else "yes"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
