"""The value a scorer returns and its readable signature."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata

# Distribution name -> short name used in signatures.
LIBRARIES = {
    "scikit-learn": "sklearn",
    "numpy": "numpy",
    "sacrebleu": "sacrebleu",
    "rouge-score": "rouge_score",
    "nltk": "nltk",
    "jiwer": "jiwer",
    "tifffile": "tifffile",
}


@dataclass(frozen=True)
class Score:
    """Unrounded metric values plus a signature naming every setting behind them."""

    values: dict[str, float] = field(hash=False)
    signature: str
    replicates: tuple[float, ...] | None = field(default=None, hash=False)
    """The bootstrapped metric (``ScoreJob.replicate``) on each resample of the test items, when asked for."""
    items: int | None = None
    """The number of test items the replicates resample."""


@lru_cache(maxsize=None)
def library_version(dist: str) -> str:
    """Installed version of a distribution (``"missing"`` when absent)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def library_versions(dists: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(LIBRARIES.get(d, d), library_version(d)) for d in dists]


def format_signature(parts: list[tuple[str, object]]) -> str:
    """``key:value|key:value`` in the given order (sacreBLEU style)."""
    return "|".join(f"{k}:{_fmt(v)}" for k, v in parts)


def _fmt(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
