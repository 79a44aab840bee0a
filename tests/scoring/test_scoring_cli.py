"""The score / score-archive subcommands through a small argparse harness and a subprocess."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from imageclef.scoring.cli import register

GOLD = "a,1\nb,0\nc,1\nd,0\n"
HARNESS = ("import argparse, sys; from imageclef.scoring.cli import register; "
           "p = argparse.ArgumentParser(prog='imageclef'); register(p.add_subparsers(dest='command', required=True)); "
           "a = p.parse_args(sys.argv[1:]); sys.exit(a.func(a))")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", HARNESS, *map(str, args)], capture_output=True, text=True, timeout=60)


def _parse(argv):
    parser = argparse.ArgumentParser(prog="imageclef")
    register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_score_prints_one_json_object(write, capsys):
    gold = write("gold.csv", GOLD)
    run = write("run.csv", "a,1\nb,1\nc,1\nd,0\n")
    args = _parse(["score", "--scorer", "gans-membership", "--gold", str(gold), "--run", str(run)])
    assert args.func(args) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    values = json.loads(out[0])
    assert values == pytest.approx({"accuracy": 0.75, "precision": 2 / 3, "recall": 1.0, "f1": 0.8, "cohen_kappa": 0.5})


def test_score_invalid_run_subprocess_one_line_no_traceback(write):
    gold = write("gold.csv", GOLD)
    run = write("run.csv", "a,1\nb,0\nb,1\nc,1\nd,0\n")
    proc = run_cli("score", "--scorer", "gans-membership", "--gold", gold, "--run", run)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"{run}:3: duplicate id 'b' (first given on line 2)"]
    assert "Traceback" not in proc.stderr


def test_score_prints_one_line_per_bad_line_of_the_run(write):
    gold = write("gold.csv", GOLD)
    run = write("run.csv", "a,1\nb,0\nb,1\nzz,0\nd,5\n")
    proc = run_cli("score", "--scorer", "gans-membership", "--gold", gold, "--run", run)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [f"{run}:3: duplicate id 'b' (first given on line 2)",
                                                f"{run}:4: unknown id 'zz' (not in the gold file)",
                                                f"{run}:5: label '5' for id 'd' is not 0 or 1",
                                                f"{run}:6: 2 gold ids missing from the file (or given only on a bad line): 'c', 'd'"]


def test_score_json_record_number(write):
    gold = write("gold.json", [{"id": 1, "answer_key": "A", "language": "en"}, {"id": 2, "answer_key": "B", "language": "en"}])
    run = write("run.json", [{"id": 1, "answer_key": "A", "language": "en"}, {"id": 2, "answer_key": "b", "language": "en"}])
    proc = run_cli("score", "--scorer", "multiple-choice", "--gold", gold, "--run", run)
    assert proc.returncode == 2 and proc.stderr.startswith(f"{run}:2: answer_key 'b'")
    assert proc.stderr.strip().splitlines()[1] == f"{run}:3: 1 gold id missing from the file (or given only on a bad line): '2'"


def test_score_bad_option_is_one_line(write):
    gold = write("gold.csv", GOLD)
    proc = run_cli("score", "--scorer", "gans-membership", "--gold", gold, "--run", gold, "--language", "bg")
    assert proc.returncode == 2 and proc.stderr.strip() == "error: scorer gans-membership takes no language filter"


def test_score_archive_reports_invalid_runs_and_exit_code(write, tmp_path):
    gold = write("gold.csv", GOLD)
    write("runs/good.csv", "a,1\nb,0\nc,1\nd,0\n")
    bad = write("runs/bad.csv", "a,1\nb,0\nc,x\nd,0\n")
    write("runs/notes.txt", "ignored")
    proc = run_cli("score-archive", "--scorer", "gans-membership", "--gold", gold, "--runs", tmp_path / "runs",
                   "--cache", tmp_path / "cache", "--workers", "2")
    assert proc.returncode == 2
    assert json.loads(proc.stdout) == {"good.csv": {"accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "cohen_kappa": 1.0}}
    assert f"{bad}:3: label 'x' for id 'c' is not 0 or 1" in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr


def test_score_archive_all_valid_exit_zero(write, tmp_path):
    gold = write("gold.csv", GOLD)
    write("runs/r1.csv", "a,1\nb,0\nc,1\nd,0\n")
    write("runs/r2.csv", "a,0\nb,0\nc,1\nd,0\n")
    proc = run_cli("score-archive", "--scorer", "gans-membership", "--gold", gold, "--runs", tmp_path / "runs")
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)) == {"r1.csv", "r2.csv"}
