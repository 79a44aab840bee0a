"""MEDVQA-GI subtask 1: answers scored with NMT BLEU, ROUGE-1/2/L and METEOR, matched on the question index."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register

_gold = cached_gold(lambda path: readers.read_text_json(path, id_field="index", text_field="answer"))
ROUGE = ("rouge1", "rouge2", "rougeL")


@per_job
def _pairs(gold, run) -> tuple[list[str], list[str]]:
    """Reference and submitted answers, in gold order."""
    g = _gold(gold)
    r = readers.read_text_json(run, id_field="index", text_field="answer", gold_ids=g.values)
    return list(g.values.values()), [r.values[i] for i in g.values]


@per_job
def _bleu_stats(gold, run, max_order: int) -> list[list[int]]:
    from ..metrics.bleu_nmt import item_stats

    refs, hyps = _pairs(gold, run)
    return item_stats([[ref] for ref in refs], hyps, max_order)


@per_job
def _rouge(gold, run) -> dict[str, list[float]]:
    from ..metrics.rouge import rouge_per_item

    return rouge_per_item(*_pairs(gold, run), ROUGE)


@per_job
def _meteor(gold, run) -> list[float]:
    from ..metrics.meteor import meteor_per_item

    return meteor_per_item(*_pairs(gold, run))


@register
class MedVQA(Scorer):
    name = "medvqa"
    description = "MEDVQA-GI subtask 1: NMT BLEU, ROUGE-1/2/L (mean F), METEOR (mean) over answers matched on index."
    run_suffix = ".json"
    libraries = ("sacrebleu", "rouge-score", "nltk")
    settings = {
        "bleu": "nmt", "tok": "13a", "smooth": "none", "case": "mixed", "max_order": 4,
        "rouge": "mean-f", "stemmer": "no", "meteor": "mean", "wordnet": "3.0",
    }
    outputs = (Output("bleu"), Output("rouge1"), Output("rouge2"), Output("rougeL"), Output("meteor"))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.aggregate import sequential_mean
        from ..metrics.bleu_nmt import bleu_of_items

        order = self.settings["max_order"]
        values = {"bleu": bleu_of_items(_bleu_stats(gold, run, order), order)}
        values.update({key: sequential_mean(per_item) for key, per_item in _rouge(gold, run).items()})
        values["meteor"] = sequential_mean(_meteor(gold, run))
        return values

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import corpus_of, mean_of
        from ..metrics.bleu_nmt import bleu_of_sums

        if key in ROUGE:
            return mean_of(_rouge(gold, run)[key])
        if key == "meteor":
            return mean_of(_meteor(gold, run))
        order = self.settings["max_order"]
        return corpus_of(_bleu_stats(gold, run, order), lambda sums: bleu_of_sums(sums, order))
