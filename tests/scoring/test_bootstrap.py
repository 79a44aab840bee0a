"""Bootstrap intervals and paired tests, against independent computations on the same resamples and hand-worked
cases."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

from imageclef.scoring import bootstrap, score

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]

GANS = ROOT / "data" / "runs" / "2025" / "gans-subtask1"


def labels(path):
    return [int(line.split(",")[1]) for line in path.read_text().splitlines()]


def test_kappa_replicates_equal_scikit_learn_on_the_same_resamples():
    """Each replicate of the vectorised kappa equals scikit-learn's kappa of the resampled labels."""
    gold, run = labels(GANS / "gold.csv"), labels(GANS / "runs" / "1878.csv")
    estimator = bootstrap.binary_counts(gold, run, "cohen_kappa")
    replicates = bootstrap.replicates(estimator, resamples=200)
    g, r = np.array(gold), np.array(run)
    independent = [cohen_kappa_score(g[idx], r[idx]) for block in bootstrap.indexes(len(gold), 200) for idx in block]
    assert np.allclose(replicates, independent, atol=1e-12)
    f1 = bootstrap.replicates(bootstrap.binary_counts(gold, run, "f1"), resamples=50)
    assert np.allclose(f1, [f1_score(g[idx], r[idx]) for block in bootstrap.indexes(len(gold), 50) for idx in block])


def test_interval_is_the_percentile_interval_of_the_replicates():
    reps = np.arange(1, 1001) / 1000  # 0.001 .. 1.000
    low, high = bootstrap.interval(reps)
    assert (low, high) == pytest.approx((np.percentile(reps, 2.5), np.percentile(reps, 97.5)))


def test_the_reconstructed_table4_leader_interval_brackets_its_published_kappa():
    """Table 4 of the 2025 overview: Neural Nexus, run 1878, kappa 0.148 on 500 test images."""
    result = score("gans-membership", GANS / "gold.csv", GANS / "runs" / "1878.csv", replicate="cohen_kappa")
    low, high = bootstrap.interval(result.replicates)
    assert low < 0.148 < high
    assert 0.05 < low < 0.10 and 0.20 < high < 0.26  # the width a kappa near 0.15 on 500 items has
    assert result.items == 500 and len(result.replicates) == 1000
    assert result.signature.endswith("|ci:percentile|level:0.95|boot:1000|seed:2003")


def test_a_run_against_an_exact_copy_of_itself_gives_p_1():
    reps = bootstrap.replicates(bootstrap.mean_of(np.random.default_rng(1).random(300)))
    assert bootstrap.paired_p(reps, reps, higher_is_better=True) == 1.0


def test_runs_that_differ_on_every_item_give_p_near_0():
    right = bootstrap.replicates(bootstrap.mean_of(np.ones(100)))
    wrong = bootstrap.replicates(bootstrap.mean_of(np.zeros(100)))
    assert bootstrap.paired_p(right, wrong, higher_is_better=True) == pytest.approx(1 / 1001)
    assert bootstrap.paired_p(wrong, right, higher_is_better=True) == 1.0
    assert bootstrap.paired_p(wrong, right, higher_is_better=False) == pytest.approx(1 / 1001)  # lower is better


def test_ten_discordant_items_out_of_a_hundred():
    """Hand-worked: A is right on 60 items, B on 50 of them. A resample shows A no better than B only if it draws
    none of the 10 items where they differ: probability 0.9**100 = 2.7e-5, so among 1,000 resamples almost surely
    none, and p = 1 / 1001."""
    a = np.r_[np.ones(60), np.zeros(40)]
    b = np.r_[np.ones(50), np.zeros(50)]
    assert math.isclose(0.9 ** 100, 2.656e-5, rel_tol=1e-3)
    ra, rb = (bootstrap.replicates(bootstrap.mean_of(x)) for x in (a, b))
    assert bootstrap.paired_p(ra, rb, higher_is_better=True) == pytest.approx(1 / 1001)
    # ... while their intervals overlap: the paired test sees what the intervals cannot
    (la, ha), (lb, hb) = bootstrap.interval(ra), bootstrap.interval(rb)
    assert la < hb


def test_holm_adjustment_hand_worked():
    # sorted 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06
    assert bootstrap.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert bootstrap.holm([0.5, 0.9]) == [1.0, 1.0]


def test_too_few_items_give_no_replicates(write):
    gold = write("gold.csv", "".join(f"i{i},{i % 2}\n" for i in range(20)))
    result = score("gans-membership", gold, gold, replicate="cohen_kappa")
    assert result.replicates is None and result.items == 20


def test_cli_score_prints_the_interval(write):
    gold = write("gold.json", [{"id": str(i), "answer_key": "A", "language": "en"} for i in range(100)])
    run = write("run.json", [{"id": str(i), "answer_key": "A" if i % 4 else "B", "language": "en"} for i in range(100)])
    out = subprocess.run([sys.executable, "-m", "imageclef.cli", "score", "--scorer", "multiple-choice", "--gold", str(gold),
                          "--run", str(run), "--ci"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["values"] == {"accuracy": 0.75}
    low, high = document["interval"]["accuracy"]
    assert low < 0.75 < high


def test_cli_score_archive_writes_intervals_and_the_group_of_the_leader(write, tmp_path):
    gold = write("gold.json", [{"id": str(i), "answer_key": "A", "language": "en"} for i in range(200)])
    for name, wrong in (("best", 20), ("close", 21), ("far", 80)):
        write(f"runs/{name}.json", [{"id": str(i), "answer_key": "B" if i < wrong else "A", "language": "en"}
                                    for i in range(200)])
    out = subprocess.run([sys.executable, "-m", "imageclef.cli", "score-archive", "--scorer", "multiple-choice",
                          "--gold", str(gold), "--runs", str(tmp_path / "runs"), "--ci"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["leader"] == "best.json"
    assert document["indistinguishable"] == ["close.json"]  # 1 item of 200 differs: not significant
    assert document["runs"]["far.json"]["p_vs_leader"] < 0.05
    low, high = document["runs"]["best.json"]["interval"]
    assert low < 0.9 < high


def _picto_records(n):
    words = ["je", "veux", "manger", "une", "pomme", "le", "chat", "dort", "ici", "demain"]
    rng = np.random.default_rng(7)
    refs = [" ".join(rng.choice(words, size=rng.integers(3, 9))) for _ in range(n)]
    hyps = [" ".join(w for w in r.split() if rng.random() > 0.3) or "chat" for r in refs]
    return refs, hyps


def test_sacrebleu_replicates_equal_sacrebleu_on_the_same_resamples(write):
    """Each replicate of the ToPicto sacreBLEU equals sacreBLEU's own corpus score of the resampled items."""
    import sacrebleu

    refs, hyps = _picto_records(60)
    gold = write("gold.json", [{"id": str(i), "ref": r} for i, r in enumerate(refs)])
    run = write("run.json", [{"id": str(i), "hyp": h} for i, h in enumerate(hyps)])
    result = score("topicto", gold, run, replicate="sacrebleu")
    assert result.values["sacrebleu"] == sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a", smooth_method="exp").score
    independent = [sacrebleu.corpus_bleu([hyps[i] for i in idx], [[refs[i] for i in idx]], tokenize="13a",
                                         smooth_method="exp").score
                   for idx in bootstrap.indexes(60)[0][:40]]
    assert list(result.replicates[:40]) == pytest.approx(independent, abs=1e-9)
    low, high = bootstrap.interval(result.replicates)
    assert low < result.values["sacrebleu"] < high


def test_nmt_bleu_replicates_equal_the_corpus_bleu_of_the_resampled_answers(write):
    """MEDVQA-GI's corpus BLEU on a resample is the same function over the resampled answers."""
    from imageclef.scoring.metrics.bleu_nmt import nmt_bleu

    refs, hyps = _picto_records(50)
    gold = write("gold.json", [{"index": i, "answer": r} for i, r in enumerate(refs)])
    run = write("run.json", [{"index": i, "answer": h} for i, h in enumerate(hyps)])
    result = score("medvqa", gold, run, replicate="bleu")
    assert result.values["bleu"] == nmt_bleu([[r] for r in refs], hyps)
    independent = [nmt_bleu([[refs[i]] for i in idx], [hyps[i] for i in idx]) for idx in bootstrap.indexes(50)[0][:40]]
    assert list(result.replicates[:40]) == pytest.approx(independent, abs=1e-12)
