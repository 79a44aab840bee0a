"""Corpus word error rate with jiwer: sum(S+D+I) / sum(S+D+H) over all pairs."""

from __future__ import annotations

from collections.abc import Sequence

import jiwer


def corpus_wer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Whitespace tokens, case-sensitive. An empty reference makes jiwer raise ValueError."""
    return float(jiwer.wer(list(references), list(hypotheses)))
