"""METEOR: NLTK ``single_meteor_score`` per item (alpha 0.9, beta 3, gamma 0.5); scorers take the mean.

Needs English WordNet 3.0 installed offline (see :mod:`imageclef.scoring.wordnet`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..wordnet import require_wordnet

ALPHA, BETA, GAMMA = 0.9, 3.0, 0.5


def meteor_per_item(references: Sequence[str], hypotheses: Sequence[str]) -> list[float]:
    require_wordnet()
    from nltk.tokenize import word_tokenize
    from nltk.translate.meteor_score import single_meteor_score

    return [
        single_meteor_score(
            word_tokenize(ref, preserve_line=True), word_tokenize(hyp, preserve_line=True),
            alpha=ALPHA, beta=BETA, gamma=GAMMA,
        )
        for ref, hyp in zip(references, hypotheses, strict=True)
    ]
