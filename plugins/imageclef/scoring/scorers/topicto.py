"""ToPicto: pictogram sequences scored with sacreBLEU, PictoER (corpus WER x 100) and METEOR."""

from __future__ import annotations

import math

from .. import readers
from ..errors import RunValidationError
from ..gold import cached_gold
from ..scorer import Output, Scorer, register


def _read_gold(path):
    records = readers.read_text_json(path, id_field="id", text_field="ref")
    for key, ref in records.values.items():
        if not ref.strip():
            raise RunValidationError(path, records.lines[key], f"empty reference for id {key!r} (WER is undefined)")
    return records


_gold = cached_gold(_read_gold)


@register
class ToPicto(Scorer):
    name = "topicto"
    description = "ToPicto: sacreBLEU (13a, exp smoothing, 0-100), PictoER (corpus WER x100), METEOR (mean)."
    run_suffix = ".json"
    libraries = ("sacrebleu", "jiwer", "nltk")
    settings = {
        "sacrebleu": "corpus", "tok": "13a", "smooth": "exp", "case": "mixed",
        "picto_er": "corpus-wer-x100", "meteor": "mean", "wordnet": "3.0", "missing_id": "empty-hyp",
    }
    outputs = (Output("sacrebleu", high=100.0), Output("picto_er", "lower", high=math.inf), Output("meteor"))

    def compute(self, gold, run, options, gold_secondary):
        import sacrebleu

        from ..metrics.meteor import meteor_mean
        from ..metrics.wer import corpus_wer

        g = _gold(gold)
        r = readers.read_text_json(run, id_field="id", text_field="hyp")  # extra ids are ignored
        refs = list(g.values.values())
        hyps = [r.values.get(k, "") for k in g.values]  # a missing id gets an empty hypothesis
        s = self.settings
        bleu = sacrebleu.corpus_bleu(hyps, [refs], tokenize=s["tok"], smooth_method=s["smooth"],
                                     lowercase=s["case"] != "mixed")
        return {"sacrebleu": float(bleu.score), "picto_er": corpus_wer(refs, hyps) * 100,
                "meteor": meteor_mean(refs, hyps)}

    def estimators(self, gold, run, options, gold_secondary):
        import jiwer

        from ..bootstrap import mean_of, ratio_of_sums
        from ..metrics.meteor import meteor_per_item

        g = _gold(gold)
        r = readers.read_text_json(run, id_field="id", text_field="hyp")
        refs = list(g.values.values())
        hyps = [r.values.get(k, "") for k in g.values]
        errors, words = [], []
        for ref, hyp in zip(refs, hyps):
            out = jiwer.process_words(ref, hyp)
            errors.append(out.substitutions + out.deletions + out.insertions)
            words.append(out.substitutions + out.deletions + out.hits)
        return {"picto_er": ratio_of_sums(errors, words, scale=100.0), "meteor": mean_of(meteor_per_item(refs, hyps))}

    def notes(self, gold, run):
        g = _gold(gold)
        given = readers.read_text_json(run, id_field="id", text_field="hyp").values
        missing = [k for k in g.values if k not in given]
        if not missing:
            return []
        return [f"the run gives no hypothesis for {len(missing)} of {len(g.values)} ids (e.g. {missing[0]!r}); the "
                "official scorer counts them as empty hypotheses, and so do these scores"]
