"""How per-item scores become one number: the official scripts' plain loops."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce


def sequential_mean(values: Iterable[float]) -> float:
    """Left-to-right sum divided by the count, as the official per-item loops do.

    (Python 3.12's ``sum`` compensates rounding and numpy sums pairwise; both
    can differ in the last bit, so the order is fixed here.)
    """
    items = [float(v) for v in values]
    if not items:
        raise ValueError("mean of no values")
    return reduce(operator.add, items, 0.0) / len(items)
