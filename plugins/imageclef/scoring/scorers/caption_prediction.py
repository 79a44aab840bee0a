"""Caption, caption prediction: ROUGE-1 per image on pre-processed text, averaged (the part reproducible offline)."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register

_gold = cached_gold(readers.read_captions_csv)


@per_job
def _rouge1(gold, run) -> list[float]:
    """ROUGE-1 F of each gold image, in gold order, on pre-processed text."""
    from ..metrics.rouge import rouge_per_item
    from ..metrics.text import caption_preprocess

    g = _gold(gold)
    r = readers.read_captions_csv(run, gold_ids=g.values)
    refs = [caption_preprocess(t) for t in g.values.values()]
    hyps = [caption_preprocess(r.values[i]) for i in g.values]
    return rouge_per_item(refs, hyps, ("rouge1",))["rouge1"]


@register
class CaptionPrediction(Scorer):
    name = "caption-prediction"
    description = "Caption prediction: ROUGE-1 F (rouge-score, no stemmer) per image, mean, on pre-processed text."
    libraries = ("rouge-score",)
    settings = {"preprocess": "lower+digits:number+strip-punct", "stemmer": "no", "measure": "f", "aggregate": "mean"}
    outputs = (Output("rouge1"),)

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.aggregate import sequential_mean

        return {"rouge1": sequential_mean(_rouge1(gold, run))}

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import mean_of

        return mean_of(_rouge1(gold, run)) if key == "rouge1" else None
