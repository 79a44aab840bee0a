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


def item_stats(references: Sequence[Sequence[str]], hypotheses: Sequence[str],
               max_order: int = MAX_ORDER) -> list[list[int]]:
    """Each item's sufficient statistics: hypothesis length, reference length (the shortest reference), then the
    clipped n-gram matches and the possible n-grams of each order. Corpus BLEU is computed from their sums."""
    stats = []
    for refs, hyp in zip(references, hypotheses, strict=True):
        ref_tokens = [tokens_13a(r) for r in refs]
        hyp_tokens = tokens_13a(hyp)
        matches = [0] * max_order
        merged: Counter = Counter()
        for r in ref_tokens:
            merged |= _ngrams(r, max_order)
        for ngram, count in (_ngrams(hyp_tokens, max_order) & merged).items():
            matches[len(ngram) - 1] += count
        possible = [max(len(hyp_tokens) - order + 1, 0) for order in range(1, max_order + 1)]
        stats.append([len(hyp_tokens), min(len(r) for r in ref_tokens), *matches, *possible])
    return stats


def bleu_of_sums(sums: Sequence[int], max_order: int = MAX_ORDER) -> float:
    """BLEU from summed ``item_stats``."""
    hyp_len, ref_len = sums[0], sums[1]
    matches, possible = sums[2:2 + max_order], sums[2 + max_order:2 + 2 * max_order]
    precisions = [m / p if p > 0 else 0.0 for m, p in zip(matches, possible)]
    if min(precisions) <= 0:
        return 0.0
    geo_mean = math.exp(sum((1.0 / max_order) * math.log(p) for p in precisions))
    ratio = hyp_len / ref_len if ref_len else math.inf
    brevity = 1.0 if ratio > 1.0 else math.exp(1 - 1 / ratio)
    return geo_mean * brevity


def bleu_of_items(stats: Sequence[Sequence[int]], max_order: int = MAX_ORDER) -> float:
    """Corpus BLEU of the items whose ``item_stats`` are given."""
    return bleu_of_sums([sum(column) for column in zip(*stats)] if stats else [0] * (2 + 2 * max_order), max_order)


def nmt_bleu(references: Sequence[Sequence[str]], hypotheses: Sequence[str], max_order: int = MAX_ORDER) -> float:
    """BLEU of ``hypotheses`` against one or more references per item."""
    return bleu_of_items(item_stats(references, hypotheses, max_order), max_order)
