"""Rebuild the archived 2025 runs from the numbers published in the overview paper.

These are RECONSTRUCTIONS, not the participants' real runs: each file is a run
that reproduces its published row. Deterministic (fixed seeds); rerun with

    .venv/bin/python scripts/reconstruct_runs.py            # writes data/runs/2025/...
    .venv/bin/python scripts/reconstruct_runs.py --check    # rebuild in memory, compare with the files

GANs subtask 1 (Table 4): gold = 500 ids, 250 "used" (1) and 250 not (0). A run
from a row: TP = round(250 * recall), TN = 500 * accuracy - TP, FP = 250 - TN,
FN = 250 - TP; which ids get which prediction is drawn with a seeded RNG.

MultimodalReasoning (Tables 12 and 13): gold = 3,565 questions with the per-language
counts of Table 12 and random answer keys A-E. A run from a row answers exactly
n questions right, n being the only integer with round(n / N, 4) equal to the
published accuracy (N = questions of the board); a row for which no such n
exists is not forced and is written without a run file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "runs" / "2025"
SEED = 2025

# --------------------------------------------------------------------------- Table 4
# (team, run id, kappa, accuracy, precision, recall, f1) as printed.
TABLE4 = [
    ("Neural Nexus", "1878", 0.148, 0.574, 0.5698, 0.604, 0.5864),
    ("zhouyijiang1", "1803", 0.136, 0.568, 0.5582, 0.652, 0.6015),
    ("zhouyijiang1", "1804", 0.136, 0.568, 0.5582, 0.652, 0.6015),
    ("zhouyijiang1", "1873", 0.136, 0.568, 0.5582, 0.652, 0.6015),
    ("zhouyijiang1", "1802", 0.132, 0.566, 0.5537, 0.68, 0.6104),
    ("zhouyijiang1", "1801", 0.128, 0.564, 0.55, 0.704, 0.6175),
    ("Neural Nexus", "1880", 0.072, 0.536, 0.5542, 0.368, 0.4423),
    ("taotaozi", "1359", 0.064, 0.532, 0.5597, 0.3, 0.3906),
    ("taotaozi", "1367", 0.044, 0.522, 0.5505, 0.24, 0.3343),
    ("AIMultimediaLab*", "1696", 0.036, 0.518, 0.5162, 0.572, 0.5427),
    ("taotaozi", "1364", 0.032, 0.516, 0.6, 0.096, 0.1655),
    ("Neural Nexus", "1881", 0.032, 0.516, 0.5222, 0.376, 0.4372),
    ("taotaozi", "1360", 0.032, 0.516, 0.5128, 0.64, 0.5694),
    ("Neural Nexus", "1877", 0.028, 0.514, 0.5164, 0.44, 0.4752),
    ("taotaozi", "1366", 0.02, 0.51, 0.5069, 0.732, 0.599),
    ("Neural Nexus", "1872", 0.016, 0.508, 0.5182, 0.228, 0.3167),
    ("Medhastra", "1288", 0.016, 0.508, 0.5078, 0.52, 0.5138),
    ("taotaozi", "1368", 0.012, 0.506, 0.5092, 0.332, 0.4019),
    ("Challengers", "1811", 0.012, 0.506, 0.5062, 0.492, 0.499),
    ("ZOQ", "1427", -0.016, 0.492, 0.4905, 0.412, 0.4478),
    ("Neural Nexus", "1879", -0.024, 0.488, 0.4732, 0.212, 0.2928),
    ("Neural Nexus", "1882", -0.028, 0.486, 0.4646, 0.184, 0.2636),
    ("ZOQ", "1355", -0.032, 0.484, 0.4904, 0.82, 0.6138),
    ("SCOPE VIT Visioneers", "1160", -0.032, 0.484, 0.4831, 0.456, 0.4691),
    ("Challengers", "1779", -0.032, 0.484, 0.4355, 0.108, 0.1731),
    ("AIMultimediaLab*", "1492", -0.044, 0.478, 0.4829, 0.62, 0.5429),
    ("ZOQ", "1330", -0.068, 0.466, 0.4822, 0.92, 0.6327),
    ("ZOQ", "1794", -0.068, 0.466, 0.4822, 0.92, 0.6327),
    ("taotaozi", "1369", -0.096, 0.452, 0.4657, 0.652, 0.5433),
    ("Challengers", "1778", -0.116, 0.442, 0.4461, 0.48, 0.4624),
    ("ZOQ", "1356", -0.132, 0.434, 0.3862, 0.224, 0.2835),
    ("Challengers", "1776", -0.176, 0.412, 0.3764, 0.268, 0.3131),
    ("Challengers", "1777", -0.176, 0.412, 0.3764, 0.268, 0.3131),
]
GANS_POSITIVES = GANS_NEGATIVES = 250

# --------------------------------------------------------------------------- Tables 12 and 13
LANGUAGES = [  # (ISO code, board id, title, number of test questions — Table 12)
    ("en", "english", "English", 512), ("zh", "chinese", "Chinese", 407), ("de", "german", "German", 258),
    ("it", "italian", "Italian", 203), ("ar", "arabic", "Arabic", 222), ("pl", "polish", "Polish", 259),
    ("hu", "hungarian", "Hungarian", 247), ("bg", "bulgarian", "Bulgarian", 200), ("hr", "croatian", "Croatian", 203),
    ("sr", "serbian", "Serbian", 203), ("ur", "urdu", "Urdu", 269), ("kk", "kazakh", "Kazakh", 243),
    ("es", "spanish", "Spanish", 339),
]
# board -> [(rank, team, accuracy)] as printed; "baseline" is the organisers' baseline; "†" marks co-authors.
TABLE13 = {
    "multilingual": [(1, "seifahmed", 0.8140), (2, "ymgclef", 0.5994), (3, "lekshmiscopovit", 0.5770),
                     (4, "bingezzzleep", 0.5619), (5, "plutohbj", 0.5226), (6, "deng113abc", 0.5195),
                     (7, "mhl2001", 0.4418), (8, "yaozihang", 0.4376), (9, "baseline", 0.2701), (10, "elenat", 0.2188)],
    "english": [(1, "stormhunter44†", 0.8965), (2, "seifahmed", 0.8652), (3, "ayeshaamjad", 0.8125),
                (4, "heavyhelium†", 0.8086), (5, "ymgclef", 0.5938), (6, "deng113abc", 0.5371),
                (7, "bingezzzleep", 0.5312), (8, "plutohbj", 0.4922), (9, "mhl2001", 0.4629),
                (10, "yaozihang", 0.4570), (11, "elenat", 0.2520), (12, "baseline", 0.2480)],
    "bulgarian": [(1, "heavyhelium†", 0.9050), (1, "stormhunter44†", 0.9050), (2, "ymgclef", 0.7750),
                  (3, "bingezzzleep", 0.7500), (3, "seifahmed", 0.7500), (4, "plutohbj", 0.7300),
                  (5, "baseline", 0.2450), (6, "elenat", 0.2350)],
    "german": [(1, "seifahmed", 0.8915), (2, "ymgclef", 0.7403), (3, "bingezzzleep", 0.6860), (4, "plutohbj", 0.6783),
               (5, "yaozihang", 0.4961), (6, "mhl2001", 0.4922), (7, "baseline", 0.3101)],
    "urdu": [(1, "seifahmed", 0.8067), (2, "ymgclef", 0.3941), (3, "bingezzzleep", 0.3569), (3, "yaozihang", 0.3569),
             (4, "baseline", 0.3011)],
    "croatian": [(1, "seifahmed", 0.9507), (2, "bingezzzleep", 0.6207), (3, "ymgclef", 0.5764), (4, "plutohbj", 0.5616),
                 (5, "baseline", 0.2709)],
    "serbian": [(1, "seifahmed", 0.7143), (2, "bingezzzleep", 0.6059), (3, "ymgclef", 0.5468), (4, "plutohbj", 0.5320),
                (5, "baseline", 0.2365)],
    "kazakh": [(1, "seifahmed", 0.8148), (2, "ymgclef", 0.5350), (3, "bingezzzleep", 0.4938), (4, "plutohbj", 0.4444),
               (5, "baseline", 0.2738)],
    "polish": [(1, "seifahmed", 0.8224), (2, "ymgclef", 0.7181), (3, "bingezzzleep", 0.5792), (4, "plutohbj", 0.5251),
               (5, "baseline", 0.2934)],
    "italian": [(1, "seifahmed", 0.9212), (2, "bingezzzleep", 0.6059), (2, "plutohbj", 0.6059), (3, "ymgclef", 0.6010),
                (4, "baseline", 0.2414)],
    "spanish": [(1, "seifahmed", 0.7198), (2, "ymgclef", 0.6696), (3, "bingezzzleep", 0.6608), (4, "plutohbj", 0.5723),
                (5, "baseline", 0.3156)],
    "chinese": [(1, "seifahmed", 0.8305), (2, "ayeshaamjad", 0.6560), (3, "plutohbj", 0.5921), (4, "bingezzzleep", 0.5799),
                (5, "mhl2001", 0.5553), (6, "ymgclef", 0.5283), (7, "yaozihang", 0.4791), (8, "baseline", 0.2678)],
    "arabic": [(1, "seifahmed", 0.6757), (2, "ayeshaamjad", 0.4775), (3, "mhl2001", 0.4730), (4, "ymgclef", 0.4324),
               (5, "plutohbj", 0.3514), (6, "bingezzzleep", 0.3243), (7, "baseline", 0.2703)],
    "hungarian": [(1, "ymgclef", 0.6518), (2, "bingezzzleep", 0.5425), (3, "plutohbj", 0.4696), (4, "mhl2001", 0.3563),
                  (5, "baseline", 0.2348)],
}
BOARD_LANGUAGE = {board: code for code, board, _, _ in LANGUAGES}


def _rng(*parts: object) -> random.Random:
    """A generator seeded from SEED and a label, stable across Python versions."""
    label = "|".join(str(p) for p in (SEED, *parts))
    return random.Random(int.from_bytes(hashlib.sha256(label.encode()).digest()[:8], "big"))


# --------------------------------------------------------------------------- GANs

def gans_confusion(accuracy: float, recall: float) -> tuple[int, int, int, int]:
    """(TP, TN, FP, FN) from a published accuracy and recall (see module docstring)."""
    tp = round(GANS_POSITIVES * recall)
    tn = round((GANS_POSITIVES + GANS_NEGATIVES) * accuracy) - tp
    return tp, tn, GANS_NEGATIVES - tn, GANS_POSITIVES - tp


def gans_files() -> dict[str, str]:
    ids = [f"gans25_test_{i:04d}" for i in range(1, GANS_POSITIVES + GANS_NEGATIVES + 1)]
    labels = [1] * GANS_POSITIVES + [0] * GANS_NEGATIVES
    _rng("gans", "gold").shuffle(labels)
    gold = dict(zip(ids, labels))
    files = {"gold.csv": "".join(f"{i},{y}\n" for i, y in gold.items())}
    positives = [i for i in ids if gold[i] == 1]
    negatives = [i for i in ids if gold[i] == 0]
    for _team, run, _kappa, acc, _p, recall, _f1 in TABLE4:
        tp, tn, _fp, _fn = gans_confusion(acc, recall)
        rng = _rng("gans", run)
        hit = set(rng.sample(positives, tp)) | set(rng.sample(negatives, tn))
        pred = {i: (gold[i] if i in hit else 1 - gold[i]) for i in ids}
        files[f"runs/{run}.csv"] = "".join(f"{i},{y}\n" for i, y in pred.items())
    return files


# --------------------------------------------------------------------------- MultimodalReasoning

def correct_count(accuracy: float, total: int) -> int | None:
    """The integer n with round(n / total, 4) == accuracy; None when there is none."""
    found = [n for n in range(total + 1) if round(n / total, 4) == round(accuracy, 4)]
    if len(found) > 1:
        raise ValueError(f"{accuracy} of {total} fits several counts {found}")
    return found[0] if found else None


def run_name(team: str) -> str:
    return team.rstrip("†")


def mmr_gold() -> list[dict]:
    records = []
    for code, _board, _title, count in LANGUAGES:
        rng = _rng("mmr", "gold", code)
        records += [{"id": f"{code}{i:04d}", "answer_key": rng.choice("ABCDE"), "language": code}
                    for i in range(1, count + 1)]
    return records


def _json_lines(records: list[dict]) -> str:
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records) + "\n]\n"


def mmr_files() -> tuple[dict[str, str], list[tuple[str, str, float]]]:
    """Files by relative path, and the rows that no count reproduces (board, team, accuracy)."""
    gold = mmr_gold()
    files = {"gold.json": _json_lines(gold)}
    impossible = []
    for board, rows in TABLE13.items():
        language = BOARD_LANGUAGE.get(board)
        questions = [q for q in gold if language in (None, q["language"])]
        for _rank, team, acc in rows:
            n = correct_count(acc, len(questions))
            if n is None:
                impossible.append((board, run_name(team), acc))
                continue
            rng = _rng("mmr", board, run_name(team))
            right = set(rng.sample(range(len(questions)), n))
            answers = []
            for k, q in enumerate(questions):
                key = q["answer_key"] if k in right else rng.choice([c for c in "ABCDE" if c != q["answer_key"]])
                answers.append({"id": q["id"], "answer_key": key, "language": q["language"]})
            files[f"runs/{board}/{run_name(team)}.json"] = _json_lines(answers)
    return files, impossible


# --------------------------------------------------------------------------- READMEs

GANS_README = """# GANs 2025, subtask 1 — RECONSTRUCTED runs

**These are reconstructions from the published numbers, not the participants' real runs
or the real test set.** The real test labels and submissions are not public. Each file
here is *a* run that reproduces its row of Table 4 of the ImageCLEF 2025 overview paper
(Cohen's kappa, accuracy, precision, recall, F1 at the printed precision), so the site can
recompute the board with the official metric definitions.

- `gold.csv`: 500 test ids (`id,label`, no header), 250 labelled `1` ("used for training")
  and 250 labelled `0`, shuffled with a seeded generator.
- `runs/<Run ID>.csv`: one file per row of Table 4 (33 runs), named by the Run ID column.

How a run is made from its row: TP = round(250 · recall), TN = 500 · accuracy − TP,
FP = 250 − TN, FN = 250 − TP. Which positive ids are hits (TP of them) and which negative
ids are hits (TN of them) is drawn with Python's `random.Random`, seeded from
`SHA-256("2025|gans|<run id>")` (seed base 2025). Every row of Table 4 is reproduced exactly.

Regenerate (deterministic, byte-identical):

    .venv/bin/python scripts/reconstruct_runs.py

Score: `imageclef score-archive --scorer gans-membership --gold data/runs/2025/gans-subtask1/gold.csv --runs data/runs/2025/gans-subtask1/runs`
"""

MMR_README = """# MultimodalReasoning 2025 — RECONSTRUCTED runs

**These are reconstructions from the published numbers, not the participants' real runs
or the real test set.** Questions carry no text: only ids, languages and answer keys.
Each run reproduces its row of Table 13 of the ImageCLEF 2025 overview paper (accuracy at
4 decimals), so the site can recompute the 14 leaderboards with the official metric.

- `gold.json`: 3,565 questions `{"id", "answer_key", "language"}` with exactly the
  per-language counts of Table 12 (en 512, zh 407, de 258, it 203, ar 222, pl 259, hu 247,
  bg 200, hr 203, sr 203, ur 269, kk 243, es 339); answer keys A–E drawn with a seeded generator.
- `runs/<board>/<team>.json` for every row of Table 13 on all 14 boards (`multilingual`
  and one board per language, e.g. `bulgarian`); the organisers' baseline is `baseline.json`.
  A language board's run answers that language's questions; a multilingual run answers all 3,565.

How a run is made from its row: with N the number of questions of the board, n is the
integer with round(n / N, 4) equal to the published accuracy (it is unique, since 1/N > 0.0001);
n questions, drawn with `random.Random` seeded from `SHA-256("2025|mmr|<board>|<team>")`,
get the gold key and the others a different key. {impossible}

Regenerate (deterministic, byte-identical):

    .venv/bin/python scripts/reconstruct_runs.py

Score one board: `imageclef score-archive --scorer multiple-choice --gold data/runs/2025/multimodal-reasoning/gold.json --runs data/runs/2025/multimodal-reasoning/runs/bulgarian --language bg`
"""


def all_files() -> tuple[dict[Path, str], list[tuple[str, str, float]]]:
    files: dict[Path, str] = {}
    for rel, text in gans_files().items():
        files[OUT / "gans-subtask1" / rel] = text
    files[OUT / "gans-subtask1" / "README.md"] = GANS_README
    mmr, impossible = mmr_files()
    for rel, text in mmr.items():
        files[OUT / "multimodal-reasoning" / rel] = text
    if impossible:
        listed = "; ".join(f"{b}/{t} ({a:.4f})" for b, t, a in impossible)
        note = f"No integer count reproduces these published values, so they have no run file: {listed}."
    else:
        note = "Every published accuracy of Table 13 is reproduced exactly."
    files[OUT / "multimodal-reasoning" / "README.md"] = MMR_README.replace("{impossible}", note)
    return files, impossible


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    args = parser.parse_args(argv)
    files, impossible = all_files()
    if args.check:
        stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"differs: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files under {OUT.relative_to(ROOT)}")
    for board, team, acc in impossible:
        print(f"not reproducible: {board}/{team} {acc:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
