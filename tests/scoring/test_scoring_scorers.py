"""Scorers end to end through ``score`` on small files, against independent computations."""

from __future__ import annotations

import numpy as np
import pytest
import sacrebleu
from rouge_score import rouge_scorer
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, precision_score, recall_score

from imageclef.scoring import SCORERS, Score, score
from imageclef.scoring.wordnet import installed as wordnet_installed

needs_wordnet = pytest.mark.skipif(not wordnet_installed(), reason="WordNet 3.0 not installed: run `make setup`")


def test_registry_names_and_keys():
    assert set(SCORERS) == {"gans-membership", "gans-attribution", "concept-detection", "caption-prediction",
                            "medvqa", "topicto", "multiple-choice", "closed-qa", "segmentation"}
    for s in SCORERS.values():
        assert s.name and isinstance(s.version, int) and s.description and s.outputs


def test_gans_membership_against_sklearn(write):
    """scikit-learn's metrics on the same label vectors."""
    gold_labels = [1, 0, 1, 1, 0, 0, 1, 0]
    run_labels = [1, 1, 0, 1, 0, 0, 1, 1]
    gold = write("gold.csv", "".join(f"id{i},{y}\n" for i, y in enumerate(gold_labels)))
    run = write("run.csv", "".join(f"id{i},{y}\n" for i, y in reversed(list(enumerate(run_labels)))))
    got = score("gans-membership", gold, run)
    assert isinstance(got, Score)
    assert got.values == pytest.approx({
        "accuracy": accuracy_score(gold_labels, run_labels), "precision": precision_score(gold_labels, run_labels),
        "recall": recall_score(gold_labels, run_labels), "f1": f1_score(gold_labels, run_labels),
        "cohen_kappa": cohen_kappa_score(gold_labels, run_labels)})
    assert got.signature.startswith("scorer:gans-membership|v:1|sklearn:")
    assert "average:binary|pos_label:1" in got.signature


def test_gans_attribution_weighted(write):
    """scikit-learn weighted averages; specificity from the one-vs-rest counts by hand."""
    g = ["s1", "s1", "s1", "s2", "s2", "s3"]
    r = ["s1", "s2", "s1", "s2", "s3", "s3"]
    gold = write("gold.csv", "".join(f"x{i},{y}\n" for i, y in enumerate(g)))
    run = write("run.csv", "".join(f"x{i},{y}\n" for i, y in enumerate(r)))
    got = score("gans-attribution", gold, run).values
    assert got["f1"] == pytest.approx(f1_score(g, r, average="weighted"))
    # specificity: s1 tn=3 fp=0 -> 1; s2 tn=3 fp=1 -> 3/4; s3 tn=4 fp=1 -> 4/5 ; weights 3,2,1
    assert got["specificity"] == pytest.approx((3 * 1 + 2 * 0.75 + 1 * 0.8) / 6)


def test_concept_detection_primary_and_secondary(write):
    """Per-image formula by hand; case-insensitive; secondary filtered to the 15 manual CUIs."""
    gold = write("concepts.csv", "ID,CUIs\nimg1,C0040405;C1\nimg2,C0024485\nimg3,C2;C3\n")
    manual = write("manual.csv", "ID,CUIs\nimg1,C0040405\nimg2,C0024485;C0002978\nimg3,C9\n")
    run = write("run.csv", 'ID,CUIs\nimg2,c0024485;C7\nimg1,C0040405\nimg3,\n')
    got = score("concept-detection", gold, run, gold_secondary=manual)
    # img1 2*1/(2+1), img2 2*1/(1+2), img3 0
    assert got.values["f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    # secondary: img1 {C0040405} vs {C0040405} -> 1; img2 {C0024485,C0002978} vs {C0024485} -> 2/3; img3 empty gold -> skipped
    assert got.values["f1_secondary"] == pytest.approx((1 + 2 / 3) / 2)
    assert "secondary_gold:yes" in got.signature
    assert set(score("concept-detection", gold, run).values) == {"f1"}


def test_caption_prediction_rouge1(write):
    """rouge_score per item on text pre-processed by hand."""
    gold = write("captions.csv", 'ID,Caption\na,"CT of the chest, 3 lesions."\nb,MRI axial view\n')
    run = write("run.csv", 'ID,Caption\nb,axial MRI\na,chest CT showing 4 lesions\n')
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=False)
    expected = [scorer.score("ct of the chest number lesions", "chest ct showing number lesions")["rouge1"].fmeasure,
                scorer.score("mri axial view", "axial mri")["rouge1"].fmeasure]
    assert score("caption-prediction", gold, run).values["rouge1"] == pytest.approx(np.mean(expected))


@needs_wordnet
def test_medvqa_all_metrics(write):
    """BLEU vs sacreBLEU unsmoothed (all orders match here); ROUGE via rouge_score; METEOR via NLTK per item."""
    from nltk.tokenize import word_tokenize
    from nltk.translate.meteor_score import single_meteor_score

    refs = ["There is one polyp in the image .", "No abnormalities are visible in the colon ."]
    hyps = ["There is one polyp in this image .", "No abnormalities were visible in the colon ."]
    gold = write("gold.json", [{"index": i, "img_id": f"im{i}", "question": "q", "answer": a} for i, a in enumerate(refs)])
    run = write("run.json", [{"index": i, "img_id": f"im{i}", "question": "q", "answer": a} for i, a in enumerate(hyps)])
    got = score("medvqa", gold, run).values
    assert got["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs], smooth_method="none").score / 100)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    for t in ("rouge1", "rouge2", "rougeL"):
        assert got[t] == pytest.approx(np.mean([scorer.score(r, h)[t].fmeasure for r, h in zip(refs, hyps)]))
    meteor = [single_meteor_score(word_tokenize(r, preserve_line=True), word_tokenize(h, preserve_line=True))
              for r, h in zip(refs, hyps)]
    assert got["meteor"] == pytest.approx(np.mean(meteor))


@needs_wordnet
def test_meteor_uses_wordnet_synonyms(write):
    """A WordNet synonym (sofa/couch) is matched by the synonym stage: score above the exact-only score."""
    from nltk.translate.meteor_score import single_meteor_score

    with_syn = single_meteor_score(["the", "sofa", "is", "red"], ["the", "couch", "is", "red"])
    gold = write("g.json", [{"id": 1, "ref": "the sofa is red"}])
    run = write("r.json", [{"id": 1, "hyp": "the couch is red"}])
    got = score("topicto", gold, run).values["meteor"]
    assert got == pytest.approx(with_syn) and got > 0.9


@needs_wordnet
def test_topicto_missing_id_is_empty_and_extras_ignored(write):
    """sacreBLEU's corpus_bleu (13a, exp) and jiwer's wer on the same lists, with '' for the missing id."""
    import jiwer

    refs = ["je_vouloir manger pomme", "il dormir"]
    gold = write("g.json", [{"id": "a", "ref": refs[0]}, {"id": "b", "ref": refs[1]}])
    run = write("r.json", [{"id": "a", "hyp": "je_vouloir manger poire"}, {"id": "zzz", "hyp": "extra"}])
    got = score("topicto", gold, run).values
    hyps = ["je_vouloir manger poire", ""]
    assert got["sacrebleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a", smooth_method="exp").score)
    assert got["picto_er"] == pytest.approx(100 * jiwer.wer(refs, hyps))
    assert got["picto_er"] == pytest.approx(100 * 3 / 5)  # 1 substitution + 2 deletions over 5 words


def test_multiple_choice_pooled_and_language_filter(write):
    """Hand counts: 3 of 4 right overall; bg 1 of 2; en 2 of 2."""
    gold = write("gold.json", [{"id": 1, "answer_key": "A", "language": "bg"}, {"id": 2, "answer_key": "B", "language": "bg"},
                               {"id": 3, "answer_key": "C", "language": "en"}, {"id": 4, "answer_key": "E", "language": "en"}])
    run = write("run.json", [{"id": 1, "answer_key": "A", "language": "bg"}, {"id": 2, "answer_key": "C", "language": "bg"},
                             {"id": 3, "answer_key": "C", "language": "en"}, {"id": 4, "answer_key": "E", "language": "en"}])
    assert score("multiple-choice", gold, run).values == {"accuracy": 0.75}
    bg = score("multiple-choice", gold, run, language="bg")
    assert bg.values == {"accuracy": 0.5} and "language:bg" in bg.signature
    en_only = write("en.json", [{"id": 3, "answer_key": "C", "language": "en"}, {"id": 4, "answer_key": "A", "language": "en"}])
    assert score("multiple-choice", gold, en_only, language="en").values == {"accuracy": 0.5}


def test_closed_qa_scorer(write):
    """Partial credit by hand over two encounters."""
    gold = write("g.json", [{"encounter_id": "ENC1", "CQID010-001": 1, "CQID011-001": 2, "CQID011-002": 3},
                            {"encounter_id": "ENC2", "CQID010-001": 0, "CQID011-001": 4}])
    run = write("r.json", [{"encounter_id": "ENC2", "CQID010-001": 0, "CQID011-001": 4, "CQID011-002": 4},
                           {"encounter_id": "ENC1", "CQID010-001": 2, "CQID011-001": 3}])
    got = score("closed-qa", gold, run).values
    assert got == pytest.approx({"accuracy_all": (0 + 1 + 0.5 + 1) / 4, "accuracy_CQID010": 0.5, "accuracy_CQID011": 0.75})


def test_segmentation_scorer(tmp_path):
    """Pixel counts by hand on 2 images, 2 annotators (majority threshold ceil(2/2) = 1: union)."""
    import tifffile

    gold, run = tmp_path / "gold", tmp_path / "run"
    gold.mkdir(), run.mkdir()
    tifffile.imwrite(gold / "IMG_ENC1_1_mask_ann0.tiff", np.array([[1, 0], [0, 0]], np.uint8))
    tifffile.imwrite(gold / "IMG_ENC1_1_mask_ann1.tiff", np.array([[0, 1], [0, 0]], np.uint8))
    tifffile.imwrite(gold / "IMG_ENC1_2_mask_ann0.tiff", np.array([[1, 1], [1, 1]], np.uint8))
    tifffile.imwrite(gold / "IMG_ENC1_2_mask_ann1.tiff", np.array([[1, 1], [1, 1]], np.uint8))
    tifffile.imwrite(run / "IMG_ENC1_1_mask_sys.tiff", np.array([[1, 0], [0, 1]], np.uint8))
    tifffile.imwrite(run / "IMG_ENC1_2_mask_sys.tiff", np.array([[1, 1], [0, 0]], np.uint8))
    got = score("segmentation", gold, run).values
    # image 1 vs union [[1,1],[0,0]]: TP1 FN1 FP1 ; image 2: TP2 FN2 FP0 -> pooled TP3 FN3 FP1
    assert got["jaccard"] == pytest.approx(3 / 7) and got["dice"] == pytest.approx(6 / 10)
    # per annotator jaccard: img1 ann0 1/2, ann1 0/3 ; img2 1/2, 1/2
    assert got["jaccard_meanofmax"] == pytest.approx((0.5 + 0.5) / 2)
    assert got["jaccard_meanofmean"] == pytest.approx((0.25 + 0.5) / 2)
