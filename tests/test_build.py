"""Real MkDocs builds in temporary folders, through the `imageclef` plugin and command."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from imageclef.core.loader import load_data
from imageclef.core.view import SiteView

from .browser import sites
from .conftest import FIXTURE_DATA, ROOT, add_site_frame

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMAGECLEF_TODAY": "2026-03-01"}


def project_copy(tmp_path: Path, data: Path) -> Path:
    """A project with the repository's mkdocs.yml, overrides and hand-written content around ``data`` (in place:
    edits to ``data`` are the project's)."""
    project = add_site_frame(tmp_path / "project")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.Loader)  # the repo's config, unsafe tags included
    assert config["docs_dir"] == "content"
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text().replace("data_dir: data", f"data_dir: {data}"))
    return project


def build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imageclef.cli", "build", "--strict", *extra],
        cwd=project, env=ENV, capture_output=True, text=True,
    )


def test_fixture_builds_strictly_and_escapes_team_names(tmp_path):
    project = project_copy(tmp_path, FIXTURE_DATA)
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/2030/parent/alpha/index.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (project / "site/2030/beta/index.html").exists()
    assert (project / "site/2030/results/index.html").exists()


def test_failed_build_keeps_the_previous_site(tmp_path, fixture_data):
    project = project_copy(tmp_path, fixture_data)
    assert build(project).returncode == 0
    before = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}

    task = fixture_data / "editions/2030/tasks/beta.yml"
    task.write_text(task.read_text().replace("summary:", "sumary:"))
    result = build(project)
    assert result.returncode != 0
    assert "data/editions/2030/tasks/beta.yml:4:1: sumary: unknown key 'sumary'" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "staging folder left behind"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The repository's own data, built strictly (with no warning) once per session."""
    return sites.real_site(tmp_path_factory)


def test_real_site_has_every_edition_and_task_page(real_site):
    data = load_data(ROOT / "data", root=ROOT)
    view = SiteView(data, dt.date.fromisoformat(sites.TODAY))
    assert {2025, 2026} <= set(data.editions)
    for year, ed in data.editions.items():
        assert (real_site / str(year) / "index.html").exists()
        # a results page where there are result tables, or while results are still to come; an edition that is
        # over and kept no tables has no empty page
        wanted = any(ed.boards.values()) or view.results_due(ed)
        assert (real_site / str(year) / "results" / "index.html").exists() == wanted, year
        for task in ed.tasks.values():
            folder = f"{year}/{task.parent}/{task.slug}" if task.parent else f"{year}/{task.slug}"
            assert (real_site / folder / "index.html").exists(), folder
    assert (real_site / "archive" / "index.html").exists()


def test_the_rendered_docs_tree_builds_with_properdocs_into_the_same_pages(real_site, tmp_path):
    """`imageclef render --out DIR` writes docs/ and properdocs.yml: ProperDocs (a fork of MkDocs 1.x) builds it
    without the plugin into the same set of pages as the plugin build."""
    tree = tmp_path / "tree"
    render = subprocess.run([sys.executable, "-m", "imageclef.cli", "render", "--out", str(tree)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    assert render.returncode == 0, render.stderr
    built = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(tree / "properdocs.yml")],
                           cwd=tree, env=ENV, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    pages = {p.relative_to(tree / "site").as_posix() for p in (tree / "site").rglob("*.html")}
    expected = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")}
    assert pages == expected
    assert len(pages) > 30


# What a visitor must never read: a path of the machine that built the site, a number with floating-point noise,
# a Python value or error, an empty value as a table cell, an editor's note about the back-fill.
_LEAKS = {
    "machine path": re.compile(r"(?<![\w.])(/work/|/home/|/tmp/|/root/|/Users/|/var/|/opt/|[A-Z]:\\)"),
    "floating-point noise": re.compile(r"(?<![\w./-])\d+\.\d{7,}(?![\w/])"),
    "Python value": re.compile(r"Traceback \(most recent|object at 0x|NoneType|<function "),
    "editor's note": re.compile(r"\b(this|the|for) back-fill\b", re.IGNORECASE),
}
_EMPTY_CELL = re.compile(r"<td[^>]*>\s*(None|nan|NaN|null)\s*</td>")


def test_no_page_shows_internals(real_site):
    found = []
    for page in sorted(real_site.rglob("*.html")):
        markup = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
        for what, pattern in _LEAKS.items():
            found += [(page.relative_to(real_site).as_posix(), what, m.group()) for m in pattern.finditer(text)]
        found += [(page.relative_to(real_site).as_posix(), "empty cell", m.group(1)) for m in _EMPTY_CELL.finditer(markup)]
    assert found == []


def test_the_internals_check_finds_each_kind_of_leak():
    text = "built in /home/ana/site; F1 0.30000000000000004; <__main__.X object at 0x7f>; not found for this back-fill"
    assert {what for what, pattern in _LEAKS.items() if pattern.search(text)} == set(_LEAKS)
    assert not any(pattern.search("DOI 10.1007/978-3-030-85251-1_23, F1 0.4998, data/editions/2026")
                   for pattern in _LEAKS.values())
    assert _EMPTY_CELL.search('<td class="num">nan</td>')
