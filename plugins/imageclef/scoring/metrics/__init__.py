"""Metric registry: one small module per family; names map to what computes them."""

from __future__ import annotations

from dataclasses import dataclass

from .declared import DECLARED, DeclaredMetric


@dataclass(frozen=True)
class MetricInfo:
    name: str
    module: str        # family module in this package
    library: str       # library whose semantics the number follows
    direction: str     # "higher" or "lower" is better


METRICS: dict[str, MetricInfo] = {
    m.name: m
    for m in (
        MetricInfo("accuracy", "classification/accuracy", "scikit-learn / numpy", "higher"),
        MetricInfo("precision", "classification", "scikit-learn", "higher"),
        MetricInfo("recall", "classification", "scikit-learn", "higher"),
        MetricInfo("f1", "classification / setf1", "scikit-learn / numpy", "higher"),
        MetricInfo("specificity", "classification", "scikit-learn confusion matrix", "higher"),
        MetricInfo("cohen_kappa", "classification", "scikit-learn", "higher"),
        MetricInfo("f1_secondary", "setf1", "numpy", "higher"),
        MetricInfo("bleu", "bleu_nmt", "TensorFlow-NMT BLEU over sacreBLEU 13a tokens", "higher"),
        MetricInfo("sacrebleu", "sacrebleu (library)", "sacrebleu", "higher"),
        MetricInfo("rouge1", "rouge", "rouge-score", "higher"),
        MetricInfo("rouge2", "rouge", "rouge-score", "higher"),
        MetricInfo("rougeL", "rouge", "rouge-score", "higher"),
        MetricInfo("meteor", "meteor", "nltk + WordNet 3.0", "higher"),
        MetricInfo("picto_er", "wer", "jiwer", "lower"),
        MetricInfo("accuracy_all", "closedqa", "official partial credit", "higher"),
        MetricInfo("jaccard", "segmentation", "numpy", "higher"),
        MetricInfo("dice", "segmentation", "numpy", "higher"),
    )
}

__all__ = ["METRICS", "MetricInfo", "DECLARED", "DeclaredMetric"]
