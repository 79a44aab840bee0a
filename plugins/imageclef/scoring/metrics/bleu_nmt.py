"""Corpus BLEU as in TensorFlow NMT (HF ``evaluate``'s "bleu"), 13a tokens, no smoothing.

Max order 4, case-sensitive, 0–1 scale; brevity penalty exp(1 - 1/ratio) when
ratio <= 1, reference length = the shortest reference of each item; any order
without a match over the corpus gives 0. Tokens come from sacreBLEU's 13a
tokenizer, split on whitespace.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

MAX_ORDER = 4
_tokenize_13a = Tokenizer13a()


def tokens_13a(text: str) -> list[str]:
    return _tokenize_13a(text).split()


def _ngrams(tokens: list[str], max_order: int) -> Counter:
    counts: Counter = Counter()
    for order in range(1, max_order + 1):
        for i in range(len(tokens) - order + 1):
            counts[tuple(tokens[i:i + order])] += 1
    return counts


def nmt_bleu(references: Sequence[Sequence[str]], hypotheses: Sequence[str], max_order: int = MAX_ORDER) -> float:
    """BLEU of ``hypotheses`` against one or more references per item."""
    matches = [0] * max_order
    possible = [0] * max_order
    ref_len = hyp_len = 0
    for refs, hyp in zip(references, hypotheses, strict=True):
        ref_tokens = [tokens_13a(r) for r in refs]
        hyp_tokens = tokens_13a(hyp)
        ref_len += min(len(r) for r in ref_tokens)
        hyp_len += len(hyp_tokens)
        merged: Counter = Counter()
        for r in ref_tokens:
            merged |= _ngrams(r, max_order)
        for ngram, count in (_ngrams(hyp_tokens, max_order) & merged).items():
            matches[len(ngram) - 1] += count
        for order in range(1, max_order + 1):
            possible[order - 1] += max(len(hyp_tokens) - order + 1, 0)
    precisions = [m / p if p > 0 else 0.0 for m, p in zip(matches, possible)]
    if min(precisions) <= 0:
        return 0.0
    geo_mean = math.exp(sum((1.0 / max_order) * math.log(p) for p in precisions))
    ratio = hyp_len / ref_len if ref_len else math.inf
    brevity = 1.0 if ratio > 1.0 else math.exp(1 - 1 / ratio)
    return geo_mean * brevity
