"""Each validation error: its message and its line (CSV) or record (JSON) number."""

from __future__ import annotations

import pytest

from imageclef.scoring import RunValidationError, score

GANS_GOLD = "a,1\nb,0\nc,1\n"
CONCEPT_GOLD = "ID,CUIs\nimg1,C1\nimg2,C2\n"
CAPTION_GOLD = "ID,Caption\nimg1,a caption\nimg2,another one\n"
CHOICE_GOLD = [{"id": "q1", "answer_key": "A", "language": "en"}, {"id": "q2", "answer_key": "B", "language": "bg"}]
VQA_GOLD = [{"index": 0, "img_id": "i0", "question": "q", "answer": "yes"}, {"index": 1, "img_id": "i1", "question": "q", "answer": "no"}]
QA_GOLD = [{"encounter_id": "ENC1", "CQID010-001": 1}, {"encounter_id": "ENC2", "CQID010-001": 0}]

CASES = [
    # (id, scorer, gold, run, line, message fragment)
    ("gans-duplicate", "gans-membership", GANS_GOLD, "a,1\nb,0\na,0\nc,1\n", 3, "duplicate id 'a' (first given on line 1)"),
    ("gans-missing", "gans-membership", GANS_GOLD, "a,1\nb,0\n", 3, "1 gold id missing from the file: 'c'"),
    ("gans-unknown", "gans-membership", GANS_GOLD, "a,1\nzz,0\nb,0\nc,1\n", 2, "unknown id 'zz'"),
    ("gans-bad-label", "gans-membership", GANS_GOLD, "a,1\nb,2\nc,1\n", 2, "label '2' for id 'b' is not 0 or 1"),
    ("gans-blank", "gans-membership", GANS_GOLD, "a,1\n\nb,0\nc,1\n", 2, "blank line"),
    ("gans-fields", "gans-membership", GANS_GOLD, "a,1\nb,0,1\nc,1\n", 2, "expected 2 fields"),
    ("concept-header", "concept-detection", CONCEPT_GOLD, "Id,Concepts\nimg1,C1\nimg2,C2\n", 1, "wrong header"),
    ("concept-dup-concept", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1,C1\nimg2,C2;C3;C2\n", 3,
     "concept 'C2' given more than once for 'img2'"),
    ("concept-cap", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1," + ";".join(f"C{i}" for i in range(101)) + "\nimg2,C2\n", 2,
     "101 concepts for 'img1': at most 100 are allowed"),
    ("concept-dup-id", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1,C1\nimg1,C2\nimg2,C2\n", 3, "duplicate ID 'img1'"),
    ("concept-unknown", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1,C1\nimg9,C2\n", 3, "unknown ID 'img9'"),
    ("concept-missing", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1,C1\n", 3, "1 gold ID missing"),
    ("concept-blank", "concept-detection", CONCEPT_GOLD, "ID,CUIs\nimg1,C1\n\nimg2,C2\n", 3, "blank line"),
    ("caption-fields", "caption-prediction", CAPTION_GOLD, "ID,Caption\nimg1,a, b\nimg2,x\n", 2, "quote captions holding commas"),
    ("caption-header", "caption-prediction", CAPTION_GOLD, "img1,a\nimg2,b\n", 1, "wrong header"),
    ("choice-key", "multiple-choice", CHOICE_GOLD,
     [{"id": "q1", "answer_key": "A", "language": "en"}, {"id": "q2", "answer_key": "F", "language": "bg"}], 2,
     "answer_key 'F' for id 'q2' is not one of A, B, C, D, E"),
    ("choice-duplicate", "multiple-choice", CHOICE_GOLD,
     [{"id": "q1", "answer_key": "A", "language": "en"}, {"id": "q1", "answer_key": "B", "language": "en"}], 2,
     "duplicate id 'q1' (first given on line 1)"),
    ("choice-missing", "multiple-choice", CHOICE_GOLD, [{"id": "q1", "answer_key": "A", "language": "en"}], 2,
     "1 gold id missing from the file: 'q2'"),
    ("choice-language", "multiple-choice", CHOICE_GOLD,
     [{"id": "q1", "answer_key": "A", "language": "en"}, {"id": "q2", "answer_key": "A", "language": "en"}], 2,
     "language 'en' for id 'q2' differs from the gold 'bg'"),
    ("choice-no-field", "multiple-choice", CHOICE_GOLD, [{"id": "q1", "language": "en"}], 1, "record has no 'answer_key' field"),
    ("vqa-not-string", "medvqa", VQA_GOLD,
     [{"index": 0, "img_id": "i0", "question": "q", "answer": "yes"}, {"index": 1, "img_id": "i1", "question": "q", "answer": 3}], 2,
     "'answer' must be a string, not int 3"),
    ("vqa-unknown", "medvqa", VQA_GOLD, [{"index": 7, "img_id": "i0", "question": "q", "answer": "yes"}], 1, "unknown index '7'"),
    ("topicto-null", "topicto", [{"id": "a", "ref": "x"}], [{"id": "a", "hyp": None}], 1, "'hyp' is null"),
    ("qa-bad-key", "closed-qa", QA_GOLD, [{"encounter_id": "ENC1", "CQID010": 1}], 1, "unknown field 'CQID010'"),
    ("qa-bad-value", "closed-qa", QA_GOLD, [{"encounter_id": "ENC1", "CQID010-001": "1"}], 1, "must be a 0-based integer option index"),
    ("qa-missing-parent", "closed-qa", QA_GOLD,
     [{"encounter_id": "ENC1", "CQID010-001": 1}, {"encounter_id": "ENC2", "CQID011-001": 0}], 2, "unknown question CQID011"),
    ("json-not-list", "multiple-choice", CHOICE_GOLD, {"id": "q1"}, 1, "the top level must be a JSON list"),
    ("json-not-object", "multiple-choice", CHOICE_GOLD, [{"id": "q1", "answer_key": "A", "language": "en"}, 5], 2,
     "record must be a JSON object"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_validation_error(write, case):
    _, scorer, gold_content, run_content, line, fragment = case
    suffix = ".csv" if isinstance(gold_content, str) else ".json"
    gold = write("gold" + suffix, gold_content)
    run = write("run" + suffix, run_content)
    with pytest.raises(RunValidationError) as info:
        score(scorer, gold, run)
    err = info.value
    assert err.path == run
    assert err.line == line, str(err)
    assert fragment in err.message
    assert str(err).splitlines()[0] == f"{run}:{line}: {err.message}"


def test_every_bad_line_of_a_run_is_reported_at_once(write):
    gold = write("gold.csv", GANS_GOLD)
    run = write("run.csv", "a,1\na,0\nzz,1\n\nb,7\nc,1,0\n")
    with pytest.raises(RunValidationError) as info:
        score("gans-membership", gold, run)
    assert info.value.problems == [
        (2, "duplicate id 'a' (first given on line 1)"), (3, "unknown id 'zz' (not in the gold file)"),
        (4, "blank line"), (5, "label '7' for id 'b' is not 0 or 1"), (6, "expected 2 fields 'id,label', found 3"),
        (7, "2 gold ids missing from the file (or given only on a bad line): 'b', 'c'")]
    assert str(info.value).splitlines()[1] == f"{run}:3: unknown id 'zz' (not in the gold file)"


def test_every_bad_record_of_a_json_run_is_reported_at_once(write):
    gold = write("gold.json", CHOICE_GOLD)
    run = write("run.json", [{"id": "q1", "answer_key": "F", "language": "en"}, 7, {"id": "q2", "language": None}])
    with pytest.raises(RunValidationError) as info:
        score("multiple-choice", gold, run)
    assert [line for line, _ in info.value.problems] == [1, 2, 3, 3, 4]
    assert [message.split(" ")[0] for _, message in info.value.problems] == ["answer_key", "record", "record", "'language'",
                                                                            "2"]


def test_every_language_mismatch_is_reported_at_once(write):
    gold = write("gold.json", CHOICE_GOLD)
    run = write("run.json", [{"id": "q1", "answer_key": "A", "language": "bg"}, {"id": "q2", "answer_key": "B", "language": "en"}])
    with pytest.raises(RunValidationError) as info:
        score("multiple-choice", gold, run)
    assert info.value.problems == [(1, "language 'bg' for id 'q1' differs from the gold 'en'"),
                                   (2, "language 'en' for id 'q2' differs from the gold 'bg'")]


def test_a_run_with_many_bad_lines_shows_the_first_fifty_and_counts_the_rest(write):
    gold = write("gold.csv", GANS_GOLD)
    run = write("run.csv", "".join(f"x{i},1\n" for i in range(60)))
    with pytest.raises(RunValidationError) as info:
        score("gans-membership", gold, run)
    assert len(info.value.problems) == 51
    # 60 unknown ids, then the 3 gold ids the run never gave: 61 problems, 50 shown
    assert info.value.problems[-1] == (51, "... and 11 more problem(s)")


def test_json_syntax_error_names_text_line(write):
    gold = write("gold.json", CHOICE_GOLD)
    run = write("run.json", '[\n{"id": "q1", "answer_key": "A", "language": "en"},\n{"id": "q2",, }\n]')
    with pytest.raises(RunValidationError) as info:
        score("multiple-choice", gold, run)
    assert info.value.line == 3 and "invalid JSON at line 3" in info.value.message


def test_invalid_gold_is_reported_on_the_gold_file(write):
    gold = write("gold.csv", "a,1\na,0\n")
    run = write("run.csv", "a,1\n")
    with pytest.raises(RunValidationError) as info:
        score("gans-membership", gold, run)
    assert info.value.path == gold and info.value.line == 2


def test_topicto_empty_reference_is_a_gold_error(write):
    """jiwer raises on an empty reference: the engine reports each one on its gold line instead."""
    gold = write("g.json", [{"id": "a", "ref": "x"}, {"id": "b", "ref": "  "}, {"id": "c", "ref": ""}])
    run = write("r.json", [{"id": "a", "hyp": "x"}])
    with pytest.raises(RunValidationError) as info:
        score("topicto", gold, run)
    assert info.value.path == gold
    assert info.value.problems == [(2, "empty reference for id 'b' (WER is undefined)"),
                                   (3, "empty reference for id 'c' (WER is undefined)")]


def test_every_unknown_question_of_a_closed_qa_gold_is_reported_at_once(write):
    gold = write("g.json", [{"encounter_id": "ENC1", "CQID010-001": 1}, {"encounter_id": "ENC2", "CQID099-001": 0},
                            {"encounter_id": "ENC3", "CQID098-001": 0, "CQID097-002": 1}])
    run = write("r.json", [{"encounter_id": "ENC1", "CQID010-001": 1}])
    with pytest.raises(RunValidationError) as info:
        score("closed-qa", gold, run)
    assert info.value.path == gold
    assert [(line, message.split(" (known")[0]) for line, message in info.value.problems] == [
        (2, "unknown question CQID099 for ENC2"), (3, "unknown question CQID098, CQID097 for ENC3")]


def test_every_secondary_gold_id_outside_the_primary_gold_is_reported_at_once(write):
    gold = write("g.csv", "ID,CUIs\nimg1,C0040405\nimg2,C0024485\n")
    run = write("r.csv", "ID,CUIs\nimg1,C0040405\nimg2,C0024485\n")
    manual = write("m.csv", "ID,CUIs\nimg1,C0040405\nimg8,C0024485\nimg9,C0024485\n")
    with pytest.raises(RunValidationError) as info:
        score("concept-detection", gold, run, gold_secondary=manual)
    assert info.value.path == manual
    assert info.value.problems == [(3, "ID 'img8' is not in the primary gold"), (4, "ID 'img9' is not in the primary gold")]


def test_missing_run_file(write, tmp_path):
    gold = write("gold.csv", GANS_GOLD)
    with pytest.raises(RunValidationError) as info:
        score("gans-membership", gold, tmp_path / "nope.csv")
    assert "run file not found" in str(info.value)


def test_segmentation_missing_mask(tmp_path):
    import numpy as np
    import tifffile

    gold, run = tmp_path / "gold", tmp_path / "run"
    gold.mkdir(), run.mkdir()
    for img in ("1", "2"):
        tifffile.imwrite(gold / f"IMG_ENC1_{img}_mask_ann0.tiff", np.zeros((2, 2), np.uint8))
    tifffile.imwrite(run / "IMG_ENC1_1_mask_sys.tiff", np.zeros((3, 2), np.uint8))
    with pytest.raises(RunValidationError, match="differs from the gold shape"):
        score("segmentation", gold, run)
    tifffile.imwrite(run / "IMG_ENC1_1_mask_sys.tiff", np.zeros((2, 2), np.uint8))
    with pytest.raises(RunValidationError, match="1 gold images have no mask: IMG_ENC1_2"):
        score("segmentation", gold, run)
