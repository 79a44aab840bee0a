"""GANs subtask 1: was this real image used to train the generator? Binary labels, positive class 1."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register

LABELS = ("0", "1")
_gold = cached_gold(lambda path: readers.read_label_csv(path, labels=LABELS))


def predictions(gold_records: readers.Records, run, labels) -> tuple[list, list]:
    """Gold labels and the run's labels, in gold order (the run must give every gold id once)."""
    r = readers.read_label_csv(run, labels=labels, gold_ids=gold_records.values)
    return list(gold_records.values.values()), [r.values[i] for i in gold_records.values]


@per_job
def _labels(gold, run) -> tuple[list[int], list[int]]:
    y_true, y_pred = predictions(_gold(gold), run, LABELS)
    return [int(v) for v in y_true], [int(v) for v in y_pred]


@register
class GansMembership(Scorer):
    name = "gans-membership"
    description = "GANs subtask 1: binary 'used for training' labels (positive class 1); Cohen's kappa primary."
    libraries = ("scikit-learn",)
    settings = {"average": "binary", "pos_label": 1, "zero_division": 0}
    outputs = (Output("accuracy"), Output("precision"), Output("recall"), Output("f1"),
               Output("cohen_kappa", low=-1.0))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.classification import binary_scores

        return binary_scores(*_labels(gold, run), **self.settings)

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import binary_counts

        if key not in {o.key for o in self.outputs}:
            return None
        return binary_counts(*_labels(gold, run), key)  # every output is a function of the confusion counts
