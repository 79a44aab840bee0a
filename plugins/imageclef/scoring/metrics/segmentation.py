"""Segmentation overlap (MEDIQA-MAGIC): Jaccard and Dice of binary masks (foreground == 1).

``jaccard``/``dice`` pool TP/FP/FN over all images against the pixel-wise
majority vote of the annotators (a pixel is foreground when at least
ceil(n/2) annotators marked it). The ``*_meanofmax``/``*_meanofmean`` variants
score each image against every annotator and average the per-image max/mean.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def overlaps(system: np.ndarray, gold: np.ndarray, foreground: int = 1) -> tuple[int, int, int]:
    """(TP, FN, FP), foreground being exactly the value ``foreground``."""
    s, g = system == foreground, gold == foreground
    return int(np.count_nonzero(s & g)), int(np.count_nonzero(g & ~s)), int(np.count_nonzero(s & ~g))


def majority_vote(masks: Sequence[np.ndarray], foreground: int = 1) -> np.ndarray:
    """``foreground`` where at least ceil(n/2) annotator masks have it, else 0."""
    total = np.sum([(m == foreground).astype(np.int64) for m in masks], axis=0)
    return ((total >= math.ceil(len(masks) / 2)) * foreground).astype(np.uint8)


def _ratio(num: float, den: float) -> float:
    return num / den if den else math.nan


def segmentation_scores(gold: Mapping[str, Sequence[np.ndarray]], system: Mapping[str, np.ndarray], *,
                        foreground: int = 1) -> dict[str, float]:
    """gold: image -> annotator masks; system: image -> mask (same shapes). NaN where a ratio is 0/0."""
    tp_all = fn_all = fp_all = 0
    jac_max, jac_mean, dice_max, dice_mean = [], [], [], []
    for image, masks in gold.items():
        mask = system[image]
        jac, dic = [], []
        for g in masks:
            tp, fn, fp = overlaps(mask, g, foreground)
            jac.append(_ratio(tp, tp + fn + fp))
            dic.append(_ratio(2 * tp, 2 * tp + fn + fp))
        jac_max.append(np.max(jac)); jac_mean.append(np.mean(jac))
        dice_max.append(np.max(dic)); dice_mean.append(np.mean(dic))
        tp, fn, fp = overlaps(mask, majority_vote(masks, foreground), foreground)
        tp_all += tp; fn_all += fn; fp_all += fp
    return {
        "jaccard": _ratio(tp_all, tp_all + fn_all + fp_all),
        "dice": _ratio(2 * tp_all, 2 * tp_all + fn_all + fp_all),
        "jaccard_meanofmax": float(np.mean(jac_max)),
        "jaccard_meanofmean": float(np.mean(jac_mean)),
        "dice_meanofmax": float(np.mean(dice_max)),
        "dice_meanofmean": float(np.mean(dice_mean)),
    }
