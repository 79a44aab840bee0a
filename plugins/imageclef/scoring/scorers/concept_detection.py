"""Caption, concept detection: mean per-image set F1, case-insensitive; secondary F1 on 15 manual concepts."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..result import format_signature
from ..scorer import Output, Scorer, register

SECONDARY_CUIS = (
    "C0002978", "C0040405", "C0024485", "C0032743", "C0041618", "C1306645", "C1140618", "C0037949",
    "C0030797", "C0023216", "C0037303", "C0817096", "C0006141", "C0000726", "C0920367",
)
_gold = cached_gold(readers.read_concepts_csv)


def _normalised(concepts: list[list[str]], case_insensitive: bool) -> list[list[str]]:
    return [list(dict.fromkeys(c.upper() if case_insensitive else c for c in cs)) for cs in concepts]


@per_job
def _read(gold, run) -> tuple[readers.Records, readers.Records, list[str]]:
    """Gold and run concepts, and the image ids in run-file order (the official loop sums in that order)."""
    g = _gold(gold)
    r = readers.read_concepts_csv(run, gold_ids=g.values)
    return g, r, list(r.values)


@per_job
def _per_image_f1(gold, run):
    """F1 of each image in run-file order (NaN where the gold set is empty)."""
    from ..metrics.setf1 import per_image_f1

    g, r, order = _read(gold, run)
    fold = ConceptDetection.settings["match"] == "case-insensitive"
    return per_image_f1(_normalised([g.values[i] for i in order], fold), _normalised([r.values[i] for i in order], fold))


@register
class ConceptDetection(Scorer):
    name = "concept-detection"
    description = "Caption concept detection: mean per-image set F1 (case-insensitive); secondary F1 on 15 manual CUIs."
    libraries = ("numpy",)
    settings = {"match": "case-insensitive", "per_image": "2|G∩P|/(|G|+|P|)", "empty_gold": "skipped"}
    outputs = (Output("f1"), Output("f1_secondary"))
    secondary = True
    secondary_outputs = ("f1_secondary",)

    def signature(self, options):
        base = super().signature(options)
        return base + "|" + format_signature([("secondary_cuis", len(SECONDARY_CUIS))]) if options.secondary else base

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.setf1 import mean_of_scored, mean_set_f1

        values = {"f1": mean_of_scored(_per_image_f1(gold, run))}
        if options.secondary:
            fold = self.settings["match"] == "case-insensitive"
            g, r, order = _read(gold, run)
            g2 = _gold(gold_secondary)
            with readers.Problems(g2.path) as problems:
                for key in g2.values:
                    if key not in g.values:
                        problems.add(g2.lines[key], f"ID {key!r} is not in the primary gold")
            allowed = set(SECONDARY_CUIS)
            ids = [i for i in order if i in g2.values]
            gold_f = [[c for c in cs if c in allowed] for cs in _normalised([g2.values[i] for i in ids], fold)]
            pred_f = [[c for c in cs if c in allowed] for cs in _normalised([r.values[i] for i in ids], fold)]
            values["f1_secondary"] = mean_set_f1(gold_f, pred_f)
        return values

    def estimator(self, key, gold, run, options, gold_secondary):
        import numpy as np

        from ..bootstrap import ratio_of_sums

        if key != "f1":
            return None
        f1 = _per_image_f1(gold, run)
        scored = ~np.isnan(f1)
        return ratio_of_sums(np.where(scored, f1, 0.0), scored.astype(float))
