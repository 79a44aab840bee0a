"""Metric families checked against independent computations (named in each test)."""

from __future__ import annotations

import math
import random

import jiwer
import numpy as np
import pytest
import sacrebleu
from rouge_score import rouge_scorer
from sklearn.metrics import f1_score

from imageclef.scoring.metrics.bleu_nmt import nmt_bleu
from imageclef.scoring.metrics.classification import binary_scores, weighted_scores
from imageclef.scoring.metrics.closedqa import closedqa_scores
from imageclef.scoring.metrics.rouge import rouge_per_item
from imageclef.scoring.metrics.segmentation import segmentation_scores
from imageclef.scoring.metrics.setf1 import mean_set_f1, per_image_f1
from imageclef.scoring.metrics.text import caption_preprocess
from imageclef.scoring.metrics.wer import corpus_wer


def _from_confusion(tp, tn, fp, fn):
    """Label vectors realising a hand-built confusion matrix (positive class 1)."""
    y_true = [1] * tp + [0] * tn + [0] * fp + [1] * fn
    y_pred = [1] * tp + [0] * tn + [1] * fp + [0] * fn
    return y_true, y_pred


@pytest.mark.parametrize("tp,tn,fp,fn", [(151, 136, 114, 99), (24, 234, 16, 226), (230, 3, 247, 20), (0, 250, 0, 250)])
def test_binary_scores_match_hand_counts(tp, tn, fp, fn):
    """Hand formulas on the confusion matrix: precision TP/(TP+FP), recall TP/(TP+FN), kappa (po-pe)/(1-pe)."""
    got = binary_scores(*_from_confusion(tp, tn, fp, fn))
    n = tp + tn + fp + fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn)
    po = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / n**2
    assert got["accuracy"] == pytest.approx(po)
    assert got["precision"] == pytest.approx(precision)
    assert got["recall"] == pytest.approx(recall)
    assert got["f1"] == pytest.approx(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    assert got["cohen_kappa"] == pytest.approx((po - pe) / (1 - pe))


def test_kappa_is_two_accuracy_minus_one_on_balanced_gold():
    """The spec's identity for a 250/250 gold: kappa = 2 * accuracy - 1."""
    got = binary_scores(*_from_confusion(151, 136, 114, 99))
    assert got["cohen_kappa"] == pytest.approx(2 * got["accuracy"] - 1)


def test_weighted_scores_hand_computed():
    """Three unbalanced classes; support-weighted precision/recall/F1/specificity counted by hand."""
    y_true = ["a"] * 5 + ["b"] * 3 + ["c"] * 2
    y_pred = ["a", "a", "a", "a", "b", "b", "b", "c", "c", "a"]
    got = weighted_scores(y_true, y_pred)
    # per class (tp, fp, fn, tn): a (4,1,1,4)  b (2,1,1,6)  c (1,1,1,7)
    per = {"a": (4, 1, 1, 4), "b": (2, 1, 1, 6), "c": (1, 1, 1, 7)}
    support = {"a": 5, "b": 3, "c": 2}
    w = lambda f: sum(support[k] * f(*per[k]) for k in per) / 10  # noqa: E731
    assert got["accuracy"] == pytest.approx(7 / 10)
    assert got["precision"] == pytest.approx(w(lambda tp, fp, fn, tn: tp / (tp + fp)))
    assert got["recall"] == pytest.approx(w(lambda tp, fp, fn, tn: tp / (tp + fn)))
    assert got["f1"] == pytest.approx(w(lambda tp, fp, fn, tn: 2 * tp / (2 * tp + fp + fn)))
    assert got["specificity"] == pytest.approx(w(lambda tp, fp, fn, tn: tn / (tn + fp)))


def _random_sets(rng, n, vocab):
    return [rng.sample(vocab, rng.randint(0, 6)) for _ in range(n)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_set_f1_equals_per_image_sklearn_loop(seed):
    """The official loop: scikit-learn binary F1 over the union of concepts, per image, summed in order."""
    rng = random.Random(seed)
    vocab = [f"C{i:07d}" for i in range(40)]
    gold = [rng.sample(vocab, rng.randint(1, 6)) for _ in range(300)]
    pred = _random_sets(rng, 300, vocab)
    total = 0.0
    for g, p in zip(gold, pred):
        concepts = sorted(set(g) | set(p))
        total += f1_score([int(c in g) for c in concepts], [int(c in p) for c in concepts], average="binary", zero_division=0)
    assert mean_set_f1(gold, pred) == total / len(gold)  # identical, not approximately


def test_set_f1_per_image_formula_and_empty_gold():
    """2|G∩P|/(|G|+|P|) by hand; an empty prediction scores 0; an empty gold leaves the mean."""
    gold = [["C1", "C2"], ["C3"], [], ["C4", "C5", "C6"]]
    pred = [["C2", "C9"], [], ["C7"], ["C4", "C5", "C6"]]
    f1 = per_image_f1(gold, pred)
    assert f1[0] == 2 * 1 / 4 and f1[1] == 0.0 and math.isnan(f1[2]) and f1[3] == 1.0
    assert mean_set_f1(gold, pred) == (0.5 + 0.0 + 1.0) / 3


def test_caption_preprocess_order():
    """Lowercase, then digit runs -> 'number', then ASCII punctuation removed (hand-written expectations)."""
    assert caption_preprocess("CT scan, 12mm (T2-weighted).") == "ct scan numbermm tnumberweighted"


@pytest.mark.parametrize("refs,hyps", [
    (["the cat sat on the mat", "a b c"], ["the cat is on the mat", "c b a"]),
    (["Lesion in the LEFT lobe!"], ["lesion, left lobe"]),
    (["x"], [""]),
])
def test_rouge_per_item_equals_rouge_score(refs, hyps):
    """rouge_score's own RougeScorer per item (no stemmer), F-measure."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    got = rouge_per_item(refs, hyps, ("rouge1", "rouge2", "rougeL"))
    for t in ("rouge1", "rouge2", "rougeL"):
        assert got[t] == [scorer.score(r, h)[t].fmeasure for r, h in zip(refs, hyps)]


def test_nmt_bleu_equals_sacrebleu_when_smoothing_does_not_matter():
    """sacreBLEU's own corpus BLEU (13a, no smoothing) /100: every order has matches and the hypothesis is short."""
    refs = ["The patient has a polyp in the colon .", "There is no bleeding visible in the image ."]
    hyps = ["The patient has a polyp in colon .", "There is no visible bleeding in the image ."]
    expected = sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a", smooth_method="none").score / 100
    assert nmt_bleu([[r] for r in refs], hyps) == pytest.approx(expected, rel=1e-12)


def test_nmt_bleu_zero_when_an_order_has_no_match_and_no_brevity_penalty_when_longer():
    """Hand counts: no 4-gram match over the corpus gives exactly 0; a longer hypothesis gets bp = 1."""
    assert nmt_bleu([["a b c"]], ["a b c"]) == 0.0  # no 4-grams at all: precision 0 -> BLEU 0 (NMT semantics)
    got = nmt_bleu([["a b c d"]], ["a b c d e"])
    # 1-grams 4/5, 2-grams 3/4, 3-grams 2/3, 4-grams 1/2, bp = 1
    assert got == pytest.approx((4 / 5 * 3 / 4 * 2 / 3 * 1 / 2) ** 0.25)


def test_nmt_bleu_brevity_penalty_uses_shortest_reference():
    """bp = exp(1 - 1/ratio) with the shortest reference length (hand computed)."""
    got = nmt_bleu([["a b c d e f", "a b c d e f g h"]], ["a b c d e"])
    assert got == pytest.approx(1.0 * math.exp(1 - 6 / 5))


def test_corpus_wer_equals_jiwer_and_hand_counts():
    """jiwer's corpus WER; hand count: 1 substitution + 1 deletion over 6 reference words."""
    refs, hyps = ["je mange une pomme", "il dort"], ["je mange la pomme", "il"]
    assert corpus_wer(refs, hyps) == pytest.approx(jiwer.wer(refs, hyps))
    assert corpus_wer(refs, hyps) == pytest.approx(2 / 6)


def test_closedqa_partial_credit_hand_computed():
    """|G∩S|/max(|G|,|S|) per (encounter, parent); accuracy_all pools the pairs (not the mean of parents)."""
    gold = {"E1": {"CQID010": [1], "CQID011": [2, 3]}, "E2": {"CQID010": [0], "CQID011": [4]}}
    sys_ = {"E1": {"CQID010": [1], "CQID011": [2]}, "E2": {"CQID010": [2], "CQID011": [4, 4]}}
    got = closedqa_scores(gold, sys_, ["CQID010", "CQID011"])
    assert got["accuracy_CQID010"] == pytest.approx((1 + 0) / 2)
    assert got["accuracy_CQID011"] == pytest.approx((1 / 2 + 1) / 2)
    assert got["accuracy_all"] == pytest.approx((1 + 0 + 0.5 + 1) / 4)


def test_segmentation_hand_counts():
    """Majority vote of 3 annotators (>= 2), pooled Jaccard/Dice, and per-annotator mean-of-max/mean by hand."""
    a = np.array([[1, 1, 0, 0]], dtype=np.uint8)
    b = np.array([[1, 0, 1, 0]], dtype=np.uint8)
    c = np.array([[1, 1, 1, 0]], dtype=np.uint8)
    sys_ = np.array([[1, 1, 0, 1]], dtype=np.uint8)
    got = segmentation_scores({"IMG_E_1": [a, b, c]}, {"IMG_E_1": sys_})
    # majority = [1,1,1,0]; TP 2, FN 1, FP 1
    assert got["jaccard"] == pytest.approx(2 / 4) and got["dice"] == pytest.approx(4 / 6)
    jac = [2 / 3, 1 / 4, 2 / 4]  # vs a, b, c
    dice = [4 / 5, 2 / 5, 4 / 6]
    assert got["jaccard_meanofmax"] == pytest.approx(max(jac)) and got["jaccard_meanofmean"] == pytest.approx(sum(jac) / 3)
    assert got["dice_meanofmax"] == pytest.approx(max(dice)) and got["dice_meanofmean"] == pytest.approx(sum(dice) / 3)
