"""Builds and serves sites for the quality-gate tests (browser, links, reproducibility).

Each site is built at most once per test session with the real command (`imageclef build --strict`),
with the schedule date and MkDocs' build date fixed so that every build of the same data is identical.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from ..conftest import FIXTURE_DATA, ROOT, add_site_frame

TODAY = "2026-03-01"
# MkDocs honours SOURCE_DATE_EPOCH for the sitemap's <lastmod> and the mtime in sitemap.xml.gz.
SOURCE_DATE_EPOCH = int(dt.datetime.fromisoformat(TODAY).replace(tzinfo=dt.timezone.utc).timestamp())
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "IMAGECLEF_TODAY": TODAY,
    "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH),
}

# Values a participant could submit, written into a copy of the fixture data: each must show as text.
HOSTILE_TEAM = "<script>alert(1)</script>"  # already in tests/fixtures/data (results/alpha.yml)
HOSTILE_RUN = '"><img src=x onerror=alert(2)>'
HOSTILE_SOURCE = "<img src=x onerror=alert(3)> table"


def build(site_dir: Path, *, project: Path = ROOT) -> Path:
    """`imageclef build --strict` of ``project`` into ``site_dir``; fails loudly with MkDocs' output."""
    result = subprocess.run(
        [sys.executable, "-m", "imageclef.cli", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=ENV, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"build of {project} failed:\n{result.stderr[-4000:]}")
    if "WARNING" in result.stderr:
        raise AssertionError(f"build of {project} warned:\n{result.stderr[-4000:]}")
    return site_dir


_built: dict[str, Path] = {}


def real_site(tmp_path_factory) -> Path:
    """The repository's own site, built once per session (shared by every module that asks)."""
    if "real" not in _built:
        _built["real"] = build(tmp_path_factory.mktemp("real-site") / "site")
    return _built["real"]


def fixture_project(target: Path) -> Path:
    """A project (the repo's mkdocs.yml, overrides and content) around a copy of the fixture data."""
    add_site_frame(target)
    shutil.copytree(FIXTURE_DATA, target / "data")
    return target


def hostile_project(target: Path) -> Path:
    """The fixture project in which participant-supplied values carry markup."""
    fixture_project(target)
    results = target / "data" / "editions" / "2030" / "results" / "alpha.yml"
    board = yaml.safe_load(results.read_text(encoding="utf-8"))
    rows = board["boards"][0]["rows"]
    assert any(row["team"] == HOSTILE_TEAM for row in rows), "the fixture lost its hostile team name"
    rows[0]["run"] = HOSTILE_RUN
    board["boards"][0]["source"] = HOSTILE_SOURCE
    results.write_text(yaml.safe_dump(board, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _built_once(name: str, make_project, tmp_path_factory) -> Path:
    if name not in _built:
        project = make_project(tmp_path_factory.mktemp(name) / "project")
        _built[name] = build(project / "site", project=project)
    return _built[name]


def hostile_site(tmp_path_factory) -> Path:
    return _built_once("hostile", hostile_project, tmp_path_factory)


def history_project(target: Path) -> Path:
    """A project around the fixture data with a second, earlier edition (2029: the 2030 edition a year earlier,
    with other scores), so that series pages have two years of results."""
    data = fixture_project(target) / "data"
    shutil.copytree(data / "editions" / "2030", data / "editions" / "2029")
    for path in (data / "editions" / "2029").rglob("*.yml"):
        text = path.read_text(encoding="utf-8").replace("2030", "2029").replace("Overview2029", "Overview2030")
        path.write_text(text.replace("0.61234", "0.55"), encoding="utf-8")
    series = data / "series.yml"
    series.write_text(series.read_text(encoding="utf-8").replace("earlier_editions: [2029]", "earlier_editions: []"),
                      encoding="utf-8")
    return target


def history_site(tmp_path_factory) -> Path:
    return _built_once("history", history_project, tmp_path_factory)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port from a daemon thread; returns (server, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"serve {directory.name}", daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"
