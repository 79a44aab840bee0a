"""Per-image set F1 (concept detection), vectorised over pooled (image, concept) pairs.

For gold set G and predicted set P of one image, F1 = 2|G∩P| / (|G|+|P|) (equal
to scikit-learn's binary F1 over the union of concepts). Images whose gold set
is empty leave the mean, as in the official evaluator.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .aggregate import sequential_mean


def _pairs(sets: Sequence[Sequence[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(image index, concept index) arrays for every concept of every image."""
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    flat = [c for s in sets for c in s]
    codes = np.fromiter((vocab.setdefault(c, len(vocab)) for c in flat), dtype=np.int64, count=len(flat))
    images = np.repeat(np.arange(len(sets), dtype=np.int64), sizes)
    return images, codes


def per_image_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> np.ndarray:
    """F1 of each image (NaN where the gold set is empty). Sets hold distinct, normalised concepts."""
    if len(gold) != len(pred):
        raise ValueError("gold and prediction lists differ in length")
    vocab: dict[str, int] = {}
    g_img, g_code = _pairs(gold, vocab)
    p_img, p_code = _pairs(pred, vocab)
    width = max(len(vocab), 1)
    common = np.intersect1d(g_img * width + g_code, p_img * width + p_code, assume_unique=True)
    n = len(gold)
    inter = np.bincount(common // width, minlength=n)
    g_size = np.bincount(g_img, minlength=n)
    p_size = np.bincount(p_img, minlength=n)
    f1 = np.full(n, np.nan)
    has_gold = g_size > 0
    f1[has_gold] = 2 * inter[has_gold] / (g_size[has_gold] + p_size[has_gold])
    return f1


def mean_set_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    """Mean per-image F1 over images with a non-empty gold set (summed in the given order)."""
    return mean_of_scored(per_image_f1(gold, pred))


def mean_of_scored(f1: np.ndarray) -> float:
    """The mean of per-image F1 values, leaving out the images without a gold concept (NaN)."""
    kept = f1[~np.isnan(f1)]
    if kept.size == 0:
        raise ValueError("no image has a gold concept")
    return sequential_mean(kept.tolist())
