"""ToPicto: pictogram sequences scored with sacreBLEU, PictoER (corpus WER x 100) and METEOR."""

from __future__ import annotations

import functools
import math

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register


def _read_gold(path):
    records = readers.read_text_json(path, id_field="id", text_field="ref")
    with readers.Problems(path) as problems:
        for key, ref in records.values.items():
            if not ref.strip():
                problems.add(records.lines[key], f"empty reference for id {key!r} (WER is undefined)")
    return records


_gold = cached_gold(_read_gold)


@per_job
def _pairs(gold, run) -> tuple[list[str], list[str], list[str]]:
    """References and hypotheses in gold order (a missing id gets an empty hypothesis, extra ids are ignored),
    and the ids the run lacks."""
    g = _gold(gold)
    given = readers.read_text_json(run, id_field="id", text_field="hyp").values
    return list(g.values.values()), [given.get(k, "") for k in g.values], [k for k in g.values if k not in given]


@per_job
def _bleu_stats(gold, run, bleu) -> list[list[int]]:
    """sacreBLEU's statistics of each sentence (lengths, then matches and totals per order): what its corpus score
    sums and scores, split in two as its own paired bootstrap splits it."""
    refs, hyps, _ = _pairs(gold, run)
    return bleu._extract_corpus_statistics(hyps, [refs])


@per_job
def _meteor(gold, run) -> list[float]:
    from ..metrics.meteor import meteor_per_item

    refs, hyps, _ = _pairs(gold, run)
    return meteor_per_item(refs, hyps)


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

    @functools.cached_property
    def _bleu(self):
        from sacrebleu.metrics.bleu import BLEU

        s = self.settings
        return BLEU(tokenize=s["tok"], smooth_method=s["smooth"], lowercase=s["case"] != "mixed")

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.aggregate import sequential_mean
        from ..metrics.wer import corpus_wer

        refs, hyps, _ = _pairs(gold, run)
        sums = [sum(column) for column in zip(*_bleu_stats(gold, run, self._bleu))]
        return {"sacrebleu": float(self._bleu._compute_score_from_stats(sums).score),
                "picto_er": corpus_wer(refs, hyps) * 100, "meteor": sequential_mean(_meteor(gold, run))}

    def estimator(self, key, gold, run, options, gold_secondary):
        import jiwer

        from ..bootstrap import corpus_of, mean_of, ratio_of_sums

        if key == "meteor":
            return mean_of(_meteor(gold, run))
        if key == "sacrebleu":
            return corpus_of(_bleu_stats(gold, run, self._bleu),
                             lambda sums: self._bleu._compute_score_from_stats(sums).score)
        refs, hyps, _ = _pairs(gold, run)
        errors, words = [], []
        for ref, hyp in zip(refs, hyps):
            out = jiwer.process_words(ref, hyp)
            errors.append(out.substitutions + out.deletions + out.insertions)
            words.append(out.substitutions + out.deletions + out.hits)
        return ratio_of_sums(errors, words, scale=100.0)

    def notes(self, gold, run):
        refs, _, missing = _pairs(gold, run)
        if not missing:
            return []
        return [f"the run gives no hypothesis for {len(missing)} of {len(refs)} ids (e.g. {missing[0]!r}); the "
                "official scorer counts them as empty hypotheses, and so do these scores"]
