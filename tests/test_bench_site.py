"""The site build benchmark runs at tiny scale and builds the same pages through the plugin and plain MkDocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_bench_site_quick_prints_the_table_and_both_builds_have_the_same_pages(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_site.py"), "--quick", "--json", str(out)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    stdout = result.stdout
    assert "imageclef validate: ok" in stdout
    for row in ("plain mkdocs build", "plugin build, warm cache", "plugin build, cold cache",
                "serve: rebuild after 1 YAML change", "peak RSS MiB"):
        assert row in stdout
    assert "plugin / plain" in stdout and "targets:" in stdout
    assert "same set of pages: yes" in stdout

    report = json.loads(out.read_text())
    assert report["pages"]["same_pages"] is True
    assert report["pages"]["plugin"] == report["pages"]["plain"] > 0
    rows = report["figures"]["rows"]
    assert rows["plain"]["median"] > 0 and rows["plugin"]["median"] > 0 and rows["serve"]["median"] > 0
    assert rows["plugin"]["rss_mib"] > 0
