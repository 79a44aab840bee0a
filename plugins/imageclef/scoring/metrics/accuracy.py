"""Exact-match accuracy over gold items."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Correct answers / number of gold items."""
    if len(gold) != len(predicted):
        raise ValueError("gold and prediction lists differ in length")
    if not gold:
        raise ValueError("no gold items")
    return int(np.count_nonzero(np.asarray(gold) == np.asarray(predicted))) / len(gold)
