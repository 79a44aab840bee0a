"""Property-based tests (Hypothesis) of the contract for broken and hostile input.

Each example mutates the fixture data (a YAML data file, the BibTeX file, an event, an archived run: bytes,
structure or values) and checks: loading either succeeds (and then the site renders) or fails with located
one-line messages; nothing else escapes, and it takes little time. A few examples also build the site and check
that a failed build leaves the previous site byte for byte. Examples are derandomised (a fixed seed) and their
number bounded, so the suite runs the same way in CI.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.render import render_site
from imageclef.core.text import plain, plain_wrappable

from .conftest import FIXTURE_DATA, ROOT, add_site_frame
from .test_hostile import BOARD, GOLD

LOCATED = re.compile(r"^\S+:\d+:\d+: \S")
EXAMPLES = int(os.environ.get("IMAGECLEF_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TARGETS = [
    "site.yml", "people.yml", "series.yml", "editions/2030/edition.yml", "editions/2030/tasks/alpha.yml",
    "editions/2030/tasks/beta.yml", "editions/2030/results/alpha.yml", "editions/2030/results/beta.yml",
    "publications/test.bib", "events/lab.yml", "runs/beta/runs/r1.csv", "runs/beta/gold.csv",
]
EVENT = ("title: Lab session\nsummary: S\nkind: lab-session\nedition: 2030\ndate: 2030-09-17\ntimezone: Europe/Madrid\n"
         "length: half-day\nscope: X\nprogramme:\n  - {start: '09:00', duration: 30, kind: opening, title: Hello}\n")
HOSTILE = [
    "", "-1", ".nan", ".inf", "1e999", "NO", "yes", "~", "[", "]", "{", "}", "'", '"', "&a x", "*a", "---", "...",
    "\t", "\r", "\x00", "\x04", "\x1b[31m", "\ufeff", "\u2028", "javascript:alert(1)", "../../../etc/passwd", "<script>alert(1)</script>",
    "```", "@string{a = b}", "=HYPERLINK(1)", "2030-02-31", "25:99", "a" * 5000, "[" * 200, "{a: " * 70,
    "- id: x\n", "key: value", ": :", "%YAML 1.1", "!!python/object:os.system", "é", "\udcff",
]


def _base() -> Path:
    """A data folder: the fixture, plus a computed board with an archive and an event (built once)."""
    folder = Path(tempfile.mkdtemp(prefix="imageclef-properties-")) / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    (folder / "runs/beta/runs").mkdir(parents=True)
    (folder / "runs/beta/gold.csv").write_text(GOLD)
    (folder / "runs/beta/runs/r1.csv").write_text(GOLD)
    (folder / "runs/beta/runs/r2.csv").write_text("".join(f"i{i},{(i // 2) % 2}\n" for i in range(40)))
    (folder / "editions/2030/results/beta.yml").write_text(BOARD)
    (folder / "events").mkdir()
    (folder / "events/lab.yml").write_text(EVENT)
    load_data(folder, root=folder.parent)  # the unmutated data is valid
    return folder


BASE = _base()


@st.composite
def mutations(draw) -> tuple[str, bytes]:
    """(file, new bytes): one data file changed by one or two edits of bytes, lines or values."""
    target = draw(st.sampled_from(TARGETS))
    data = (BASE / target).read_bytes()
    for _ in range(draw(st.integers(1, 2))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["insert", "replace-value", "delete-line", "duplicate-line", "bytes", "truncate",
                                     "swap-lines", "indent"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "insert":
            pos = draw(st.integers(0, len(data)))
            data = data[:pos] + draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass") + data[pos:]
        elif kind == "replace-value" and b":" in lines[i]:
            head = lines[i].split(b":", 1)[0]
            lines[i] = head + b": " + draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
            data = b"\n".join(lines)
        elif kind == "delete-line":
            del lines[i]
            data = b"\n".join(lines)
        elif kind == "duplicate-line":
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif kind == "bytes":
            pos = draw(st.integers(0, len(data)))
            data = data[:pos] + draw(st.binary(min_size=1, max_size=8)) + data[pos:]
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "swap-lines" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "indent":
            lines[i] = b"  " + lines[i]
            data = b"\n".join(lines)
    return target, data


def _copy(tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(BASE, data)
    return data


@SETTINGS
@given(mutations())
def test_a_mutated_file_loads_or_fails_with_located_messages(mutation):
    target, content = mutation
    with tempfile.TemporaryDirectory() as tmp:
        data = _copy(Path(tmp))
        (data / target).write_bytes(content)
        start = time.perf_counter()
        try:
            site = load_data(data, root=Path(tmp), cache_dir=Path(tmp) / "cache")
        except DataError as exc:
            assert exc.issues
            for issue in exc.issues:
                assert LOCATED.match(str(issue)), str(issue)
                assert "\n" not in str(issue).rstrip("\n") or issue.message.count("\n") == 0, str(issue)
        else:
            render_site(site, today=dt.date(2030, 5, 10))  # hostile but valid data renders
        assert time.perf_counter() - start < 10


@settings(max_examples=max(EXAMPLES // 10, 3), derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
def test_a_failed_build_keeps_the_previous_site_and_says_where(mutation):
    target, content = mutation
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        data = _copy(project)
        add_site_frame(project)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMAGECLEF_TODAY": "2030-05-10", "SOURCE_DATE_EPOCH": "1"}
        build = [sys.executable, "-m", "imageclef.cli", "build", "--strict"]
        assert subprocess.run(build, cwd=project, env=env, capture_output=True).returncode == 0
        before = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
        (data / target).write_bytes(content)
        result = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True, errors="replace")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        if result.returncode != 0:
            after = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*")
                     if p.is_file()}
            assert after == before
            assert re.search(r"^\S+:\d+:\d+: ", result.stderr, re.M), result.stderr[-3000:]


@pytest.fixture(scope="module", autouse=True)
def _clean_base():
    yield
    shutil.rmtree(BASE.parent, ignore_errors=True)


@SETTINGS
@given(st.text())
def test_break_opportunities_change_nothing_but_where_a_line_may_wrap(text):
    assert plain_wrappable(text).replace("<wbr>", "") == plain(text)


@pytest.mark.parametrize(("name", "shown"), [
    ("MultimodalReasoning", "Multimodal<wbr>Reasoning"),
    ("ImageCLEFmedical Caption", "Image<wbr>CLEF<wbr>medical Caption"),
    ("AUEB_NLP_Group", r"AUEB\_<wbr>NLP\_<wbr>Group"),  # underscores are escaped for Markdown
    ("Retrieval/Generation", "Retrieval/<wbr>Generation"),
    ("AIMultimediaLab", "AIMultimedia<wbr>Lab"),  # not "AIM|ultimedia": a short capital run is an acronym
    ("GANs", "GANs"), ("ToPicto", "ToPicto"),  # short words are left whole
])
def test_long_names_may_wrap_where_their_case_changes(name, shown):
    assert plain_wrappable(name) == shown
