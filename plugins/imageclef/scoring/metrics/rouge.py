"""ROUGE F-measure per item with ``rouge_score`` (no stemmer); scorers average the items arithmetically."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rouge_score import rouge_scorer


@lru_cache(maxsize=8)
def _scorer(types: tuple[str, ...]) -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(types), use_stemmer=False)


def rouge_per_item(references: Sequence[str], hypotheses: Sequence[str], types: tuple[str, ...]) -> dict[str, list[float]]:
    """Per-item F-measure for each ROUGE type."""
    scorer = _scorer(tuple(types))
    out: dict[str, list[float]] = {t: [] for t in types}
    for ref, hyp in zip(references, hypotheses, strict=True):
        scores = scorer.score(ref, hyp)
        for t in types:
            out[t].append(scores[t].fmeasure)
    return out
