"""GANs subtask 2: attribute each synthetic image to the training subset it comes from."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register
from .gans_membership import predictions

_gold = cached_gold(lambda path: readers.read_label_csv(path, labels=None))
_labels = per_job(lambda gold, run: predictions(_gold(gold), run, None))


@register
class GansAttribution(Scorer):
    name = "gans-attribution"
    description = "GANs subtask 2: attribute each image to its training subset; support-weighted averages."
    libraries = ("scikit-learn",)
    settings = {"average": "weighted", "specificity": "support-weighted", "zero_division": 0}
    outputs = (Output("accuracy"), Output("precision"), Output("recall"), Output("f1"), Output("specificity"))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.classification import weighted_scores

        return weighted_scores(*_labels(gold, run), zero_division=self.settings["zero_division"])

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import mean_of

        if key != "accuracy":
            return None
        y_true, y_pred = _labels(gold, run)
        return mean_of([t == p for t, p in zip(y_true, y_pred)])
