"""Confidence in a score: bootstrap replicates over test items, intervals, and paired tests against a leader.

A scorer that can give per-item results describes each supported metric by an ``Estimator``: the metric
recomputed on a resample of the items (Cohen's kappa and macro or corpus scores are computed again from the
resampled counts, not averaged per item). Every run of a board is resampled with the same indexes (the same seed
over items in gold order), so replicate ``b`` of two runs is the same resample: their differences give a paired
bootstrap test (Koehn 2004). Replicates are computed in blocks of resamples, as integer index arrays, so the work
is a few numpy gathers and sums per block.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

METHOD = "percentile"
LEVEL = 0.95
RESAMPLES = 1000
SEED = 2003  # the year of the first ImageCLEF
MIN_ITEMS = 30
"""Fewer test items than this give no interval (the bootstrap distribution would mean little)."""
ALPHA = 0.05
"""A run whose Holm-adjusted p-value against the leader is at least this cannot be told apart from it."""
BLOCK = 100
SETTINGS = {"ci": METHOD, "level": LEVEL, "boot": RESAMPLES, "seed": SEED}
"""What a bootstrapped score's signature records (and its cache key with it)."""


@dataclass(frozen=True)
class Estimator:
    """A metric over ``n`` items, recomputable on resamples: ``estimate(idx)`` takes a (resamples x n) array of
    item indexes and returns one value per resample."""

    n: int
    estimate: Callable[[np.ndarray], np.ndarray]

    def full(self) -> float:
        """The metric over the items as given (the identity resample)."""
        return float(self.estimate(np.arange(self.n)[None, :])[0])


@functools.lru_cache(maxsize=1)
def indexes(n: int, resamples: int = RESAMPLES, seed: int = SEED) -> tuple[np.ndarray, ...]:
    """The resamples of ``n`` items, in blocks: the same for every run with the same number of items, so they
    are drawn once for a board's runs (drawing is most of the cost; 1,000 x 19,267 items take 77 MB as int32)."""
    rng = np.random.default_rng(seed)
    blocks = []
    for start in range(0, resamples, BLOCK):
        block = rng.integers(0, n, size=(min(BLOCK, resamples - start), n), dtype=np.int64)
        block = block.astype(np.int32) if n <= np.iinfo(np.int32).max else block
        block.setflags(write=False)
        blocks.append(block)
    return tuple(blocks)


def replicates(estimator: Estimator, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """The metric on each resample, in resample order."""
    return np.concatenate([estimator.estimate(idx) for idx in indexes(estimator.n, resamples, seed)])


def interval(reps: np.ndarray | list[float], level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of the replicates."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(np.asarray(reps, dtype=float), [tail, 100 - tail])
    return float(low), float(high)


def paired_p(leader: np.ndarray | list[float], other: np.ndarray | list[float], *, higher_is_better: bool) -> float:
    """One-sided paired bootstrap p-value that ``leader`` is better than ``other``: the share of resamples in which
    it is not, with the (k + 1) / (B + 1) correction (so never 0)."""
    diff = np.asarray(leader, dtype=float) - np.asarray(other, dtype=float)
    if not higher_is_better:
        diff = -diff
    return float((np.count_nonzero(diff <= 0) + 1) / (diff.size + 1))


def against_leader(leader: np.ndarray | list[float], others: list, *, higher_is_better: bool) -> list[float]:
    """Holm-adjusted p-values of paired tests of ``leader`` against each of ``others`` (replicates), in order."""
    return holm([paired_p(leader, other, higher_is_better=higher_is_better) for other in others])


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment of ``p_values`` for multiple comparisons (same order, capped at 1)."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


# --------------------------------------------------------------------------- estimators


def mean_of(per_item: np.ndarray) -> Estimator:
    """The mean of per-item scores (accuracy, mean ROUGE or METEOR)."""
    values = np.asarray(per_item, dtype=float)
    return Estimator(values.size, lambda idx: values[idx].mean(axis=1))


def ratio_of_sums(numerator: np.ndarray, denominator: np.ndarray, scale: float = 1.0) -> Estimator:
    """sum(numerator) / sum(denominator) over the resampled items (pooled or corpus-level scores)."""
    num, den = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)

    def estimate(idx: np.ndarray) -> np.ndarray:
        top, bottom = num[idx].sum(axis=1), den[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(bottom > 0, scale * top / np.where(bottom > 0, bottom, 1), 0.0)

    return Estimator(num.size, estimate)


def corpus_of(item_stats, score: Callable[[list[int]], float]) -> Estimator:
    """A corpus-level metric of per-item counts (BLEU's n-gram matches and lengths): the counts are summed over
    each resample and ``score`` is computed from the sums, as the corpus metric is from the corpus's sums."""
    table = np.asarray(item_stats, dtype=np.int64).reshape(len(item_stats), -1)

    def estimate(idx: np.ndarray) -> np.ndarray:
        sums = np.stack([table[:, c][idx].sum(axis=1) for c in range(table.shape[1])], axis=1)
        return np.array([score([int(v) for v in row]) for row in sums], dtype=float)

    return Estimator(table.shape[0], estimate)


def binary_counts(y_true: np.ndarray, y_pred: np.ndarray, metric: str) -> Estimator:
    """A metric of the confusion counts of binary labels (positive class 1), recomputed per resample:
    ``accuracy``, ``precision``, ``recall``, ``f1`` (zero when undefined, as scikit-learn's zero_division=0) or
    ``cohen_kappa``."""
    t, p = np.asarray(y_true) == 1, np.asarray(y_pred) == 1
    tp, fp, fn, tn = (t & p).astype(np.int32), (~t & p).astype(np.int32), (t & ~p).astype(np.int32), (~t & ~p).astype(np.int32)

    def estimate(idx: np.ndarray) -> np.ndarray:
        TP, FP, FN, TN = (v[idx].sum(axis=1).astype(float) for v in (tp, fp, fn, tn))
        n = TP + FP + FN + TN
        with np.errstate(invalid="ignore", divide="ignore"):
            if metric == "accuracy":
                return (TP + TN) / n
            if metric == "precision":
                return np.where(TP + FP > 0, TP / (TP + FP), 0.0)
            if metric == "recall":
                return np.where(TP + FN > 0, TP / (TP + FN), 0.0)
            if metric == "f1":
                return np.where(2 * TP + FP + FN > 0, 2 * TP / (2 * TP + FP + FN), 0.0)
            po = (TP + TN) / n
            pe = ((TP + FP) * (TP + FN) + (FN + TN) * (FP + TN)) / (n * n)
            return np.where(pe < 1, (po - pe) / (1 - pe), 0.0)

    return Estimator(t.size, estimate)
