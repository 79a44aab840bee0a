"""MEDVQA-GI subtask 1: answers scored with NMT BLEU, ROUGE-1/2/L and METEOR, matched on the question index."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold
from ..scorer import Output, Scorer, register

_gold = cached_gold(lambda path: readers.read_text_json(path, id_field="index", text_field="answer"))


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
        from ..metrics.bleu_nmt import nmt_bleu
        from ..metrics.meteor import meteor_mean
        from ..metrics.rouge import rouge_mean

        g = _gold(gold)
        r = readers.read_text_json(run, id_field="index", text_field="answer", gold_ids=g.values)
        readers.check_missing(r, g.values, "index")
        refs = list(g.values.values())
        hyps = [r.values[i] for i in g.values]
        values = {"bleu": nmt_bleu([[ref] for ref in refs], hyps, max_order=self.settings["max_order"])}
        values.update(rouge_mean(refs, hyps, ("rouge1", "rouge2", "rougeL")))
        values["meteor"] = meteor_mean(refs, hyps)
        return values

    def estimators(self, gold, run, options, gold_secondary):
        from ..bootstrap import mean_of
        from ..metrics.meteor import meteor_per_item
        from ..metrics.rouge import rouge_per_item

        g = _gold(gold)
        r = readers.read_text_json(run, id_field="index", text_field="answer", gold_ids=g.values)
        refs, hyps = list(g.values.values()), [r.values[i] for i in g.values]
        found = {key: mean_of(v) for key, v in rouge_per_item(refs, hyps, ("rouge1", "rouge2", "rougeL")).items()}
        found["meteor"] = mean_of(meteor_per_item(refs, hyps))
        return found
