"""Label classification metrics (GANs), all computed by scikit-learn."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    f1_score,
    multilabel_confusion_matrix,
    precision_score,
    recall_score,
)


def binary_scores(y_true: Sequence, y_pred: Sequence, *, pos_label=1, average: str = "binary",
                  zero_division: int = 0) -> dict[str, float]:
    """Accuracy, binary precision/recall/F1 for ``pos_label``, and Cohen's kappa."""
    kw = {"pos_label": pos_label, "average": average, "zero_division": zero_division}
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision_score(y_true, y_pred, **kw)),
        "recall": float(recall_score(y_true, y_pred, **kw)),
        "f1": float(f1_score(y_true, y_pred, **kw)),
        "cohen_kappa": float(cohen_kappa_score(y_true, y_pred)),
    }


def weighted_specificity(y_true: Sequence, y_pred: Sequence) -> float:
    """Per-class specificity TN/(TN+FP), averaged with gold support as weights."""
    labels = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels)
    tn, fp = mcm[:, 0, 0], mcm[:, 0, 1]
    support = mcm[:, 1, 0] + mcm[:, 1, 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        spec = np.where(tn + fp > 0, tn / np.maximum(tn + fp, 1), 0.0)
    return float(np.average(spec, weights=support))


def weighted_scores(y_true: Sequence, y_pred: Sequence, *, zero_division: int = 0) -> dict[str, float]:
    """Accuracy, support-weighted precision/recall/F1/specificity (multi-class)."""
    kw = {"average": "weighted", "zero_division": zero_division}
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision_score(y_true, y_pred, **kw)),
        "recall": float(recall_score(y_true, y_pred, **kw)),
        "f1": float(f1_score(y_true, y_pred, **kw)),
        "specificity": weighted_specificity(y_true, y_pred),
    }
