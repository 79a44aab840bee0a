"""Metrics shown as published, never recomputed, and their official aggregations.

They need neural model weights or a licensed resource. When per-item (or
per-component) scores computed elsewhere are archived, :func:`aggregate`
reproduces the official way they are combined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .aggregate import sequential_mean

WEIGHTS = "needs model weights"
UMLS = "needs UMLS licence"


@dataclass(frozen=True)
class DeclaredMetric:
    name: str
    reason: str
    tasks: tuple[str, ...]


DECLARED: dict[str, DeclaredMetric] = {
    m.name: m
    for m in (
        DeclaredMetric("bertscore", WEIGHTS, ("caption-prediction",)),
        DeclaredMetric("bleurt", WEIGHTS, ("caption-prediction",)),
        DeclaredMetric("alignscore", WEIGHTS, ("caption-prediction",)),
        DeclaredMetric("medcat_f1", UMLS, ("caption-prediction",)),
        DeclaredMetric("image_caption_similarity", WEIGHTS, ("caption-prediction",)),
        DeclaredMetric("fid", WEIGHTS, ("medvqa-subtask2",)),
        DeclaredMetric("fbd", WEIGHTS, ("medvqa-subtask2",)),
        DeclaredMetric("fidelity", WEIGHTS, ("medvqa-subtask2",)),
        DeclaredMetric("agreement", WEIGHTS, ("medvqa-subtask2",)),
        DeclaredMetric("diversity", WEIGHTS, ("medvqa-subtask2",)),
        DeclaredMetric("comet", WEIGHTS, ("topicto",)),
    )
}

# Caption prediction composites: name -> components, per edition.
COMPOSITES: dict[int, dict[str, tuple[str, ...]]] = {
    2025: {
        "relevance": ("bertscore", "rouge1", "image_caption_similarity"),
        "factuality": ("medcat_f1", "alignscore"),
        "overall": ("relevance", "factuality"),
    },
    2026: {
        "relevance": ("bertscore", "rouge1", "bleurt", "image_caption_similarity"),
        "factuality": ("medcat_f1", "alignscore"),
        "overall": ("relevance", "factuality"),
    },
}


def mean_of_items(per_item: Sequence[float]) -> float:
    """A declared metric's corpus value from archived per-item scores (arithmetic mean)."""
    return sequential_mean(per_item)


def aggregate(year: int, components: Mapping[str, float]) -> dict[str, float]:
    """Fill the caption composites (relevance, factuality, overall) from component scores.

    Each composite is the mean of its components; components not given are
    left out of the result together with every composite that needs them.
    """
    values = dict(components)
    for name, parts in COMPOSITES[year].items():
        if all(p in values for p in parts):
            values[name] = sum(values[p] for p in parts) / len(parts)
    return {k: values[k] for k in COMPOSITES[year] if k in values}
