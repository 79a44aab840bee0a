"""GANs subtask 2: attribute each synthetic image to the training subset it comes from."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold
from ..scorer import Output, Scorer, register
from .gans_membership import predictions

_gold = cached_gold(lambda path: readers.read_label_csv(path, labels=None))


@register
class GansAttribution(Scorer):
    name = "gans-attribution"
    description = "GANs subtask 2: attribute each image to its training subset; support-weighted averages."
    libraries = ("scikit-learn",)
    settings = {"average": "weighted", "specificity": "support-weighted", "zero_division": 0}
    outputs = (Output("accuracy"), Output("precision"), Output("recall"), Output("f1"), Output("specificity"))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.classification import weighted_scores

        return weighted_scores(*predictions(_gold(gold), run, None), zero_division=self.settings["zero_division"])

    def estimators(self, gold, run, options, gold_secondary):
        from ..bootstrap import mean_of

        y_true, y_pred = predictions(_gold(gold), run, None)
        return {"accuracy": mean_of([t == p for t, p in zip(y_true, y_pred)])}
