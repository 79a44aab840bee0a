"""`imageclef new-edition`: a new edition from the previous one, on copies of the real and fixture data."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imageclef.core.loader import load_data
from imageclef.core.models import Edition, Milestone, MilestoneKind
from imageclef.core.render import SiteView
from imageclef.core.scaffold import _Mover

from .conftest import FIXTURE_DATA, ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMAGECLEF_TODAY": "2026-03-01"}


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "imageclef.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the repository's site (data, content, overrides, mkdocs.yml) with 2027 made from 2026."""
    project = tmp_path_factory.mktemp("scaffold")
    for name in ("data", "content", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = run(project, "new-edition", "2027", "--from", "2026")
    assert result.returncode == 0, result.stderr
    project.joinpath("new-edition.out").write_text(result.stdout)
    return project


def test_new_edition_carries_over_tasks_and_moves_dates(project):
    data = load_data(project / "data", root=project)
    old, new = data.editions[2026], data.editions[2027]
    assert list(new.tasks) == list(old.tasks)
    assert not (project / "data/editions/2027/results").exists() and new.boards == {}
    view = SiteView(data, dt.date(2027, 1, 1))
    for slug, task in new.tasks.items():
        assert task.series == old.tasks[slug].series
        assert view.task_ordinal(task, 2027) == view.task_ordinal(old.tasks[slug], 2026) + 1
        assert task.overview is None and task.participation is None
        assert task.description == old.tasks[slug].description  # text is kept, not rewritten
    ed, before = new.edition, old.edition
    assert ed.year == 2027 and ed.news == [] and ed.overview is None and ed.participation is None
    assert ed.conference.name == "CLEF 2027"
    assert (ed.conference.host, ed.conference.city, ed.conference.country, ed.conference.url) == (None,) * 4
    assert (ed.conference.start, ed.conference.end) == (dt.date(2027, 9, 21), dt.date(2027, 9, 24))
    assert [m.kind for m in ed.schedule] == [m.kind for m in before.schedule]
    for m, was in zip(ed.schedule, before.schedule):
        assert m.date == was.date.replace(year=2027) and m.tentative and m.previously == []
        # the conference's label names the previous venue: dropped, where other labels are kept
        assert m.label == (None if m.kind.value == "conference" else was.label)
    assert ed.motivation == before.motivation


def test_the_new_edition_says_its_conference_dates_are_tentative(project):
    """Dates carried a year on are a guess until CLEF announces them; once an edition is over they are not."""
    from imageclef.core.render import render_site

    pages = render_site(load_data(project / "data", root=project), today=dt.date(2026, 11, 30)).pages
    intro = next(p for p in pages["2027/index.md"].split("\n\n") if p.startswith("The 25th edition"))
    assert intro == "The 25th edition of ImageCLEF, a lab of CLEF 2027, Tue 21 – Fri 24 Sep 2027 (tentative)."
    assert "(tentative)" not in pages["2026/index.md"].split("## The CLEF conference")[1].split("\n\n")[1]
    assert "CLEF 2027 (Tue 21 – Fri 24 Sep 2027, tentative)" in pages["index.md"]


def test_every_mention_of_the_previous_year_is_reported_with_its_line(project):
    out = project.joinpath("new-edition.out").read_text()
    reported: set[tuple[str, int]] = set()
    for file, line in re.findall(r"^(data/\S+\.yml):(\d+): mentions 2026: \".+\"$", out, re.M):
        reported.add((file, int(line)))
    assert ("data/editions/2027/edition.yml", 4) in reported  # "ImageCLEF 2026 is one of ..."
    in_files = {
        (path.relative_to(project).as_posix(), n)
        for path in (project / "data/editions/2027").rglob("*.yml")
        for n, text in outside_references(path)
        # moved dates (a milestone of Dec 2025 lands in 2026) are values, not mentions to rewrite
        if re.search(r"(?<!\d)2026(?!\d)", re.sub(r"\b\d{4}-\d\d-\d\d\b", "", text)) and not text.startswith("#")
    }
    assert reported == in_files
    assert 'data/editions/2027/edition.yml:11: replaced "CLEF 2026" with "CLEF 2027"' in out


def outside_references(path: Path):
    """(line number, text) of the file's lines, except the top-level `sources:` and `citations:` blocks."""
    inside = False
    for n, text in enumerate(path.read_text().splitlines(), 1):
        if not text.startswith((" ", "-")):
            inside = text.startswith(("sources:", "citations:"))
        if not inside:
            yield n, text


def test_sources_and_links_keep_the_documents_they_name(project):
    """A source or a link names a page that exists: the copy must not retitle it "ImageCLEF 2027 ..."
    while its address still leads to the 2026 page; the teams that took part in 2026 are not carried over."""
    data = load_data(project / "data", root=project)
    old, new = data.editions[2026], data.editions[2027]
    assert new.edition.sources == old.edition.sources
    assert any("2026" in s.title for s in old.edition.sources)
    for slug, task in new.tasks.items():
        was = old.tasks[slug]
        assert (task.sources, task.citations) == (was.sources, was.citations)
        assert (task.links, task.datasets, task.joint_with) == (was.links, was.datasets, was.joint_with)
        assert task.participants == []
    assert any(task.participants for task in old.tasks.values())
    out = project.joinpath("new-edition.out").read_text()
    assert "every file keeps the sources of 2026" in out


def test_new_edition_files_are_block_style_in_model_order(project):
    text = (project / "data/editions/2027/edition.yml").read_text()
    assert not re.search(r"[&*]id\d+|^\s*[\w-]+: [\[{]", text, re.M), "anchors or flow style"
    assert "*Get Started → Terms*" in text  # allow_unicode
    assert "Jena" not in text  # the conference's venue is not carried into the next year
    keys = [k for k in re.findall(r"^(\w+):", text, re.M)]
    assert keys == [k for k in Edition.model_fields if k in keys]


def test_new_edition_builds_strictly(project):
    result = run(project, "build", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / "site/2027/index.html").exists()
    assert (project / "site/2027/medical/caption/index.html").exists()
    assert (project / "site/guide/index.html").exists()


def test_dry_run_writes_nothing(tmp_path):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    before = snapshot(tmp_path)
    result = run(tmp_path, "new-edition", "2031", "--from", "2030", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would create data/editions/2031/edition.yml" in result.stdout
    assert "would create data/editions/2031/tasks/alpha.yml" in result.stdout
    assert snapshot(tmp_path) == before


def test_task_schedules_move_and_lose_earlier_dates(fixture_data):
    result = run(fixture_data.parent, "new-edition", "2031", "--from", "2030")
    assert result.returncode == 0, result.stderr
    alpha = load_data(fixture_data).editions[2031].tasks["alpha"]
    [m] = alpha.schedule
    assert (m.date, m.previously, m.tentative) == (dt.date(2031, 5, 14), [], True)


def new_edition_with_one_cancelled(fixture_data: Path, slug: str):
    """2031 from 2030, where the task ``slug`` was announced but not held: the command's output and 2031."""
    path = fixture_data / f"editions/2030/tasks/{slug}.yml"
    path.write_text(path.read_text() + "status: cancelled\nstatus_note: Too few teams registered.\n")
    result = run(fixture_data.parent, "new-edition", "2031", "--from", "2030")
    assert result.returncode == 0, result.stderr
    return result, load_data(fixture_data).editions[2031]


def test_a_task_not_held_is_not_carried_over(fixture_data):
    result, new = new_edition_with_one_cancelled(fixture_data, "beta")
    assert new.edition.tasks == ["parent", "alpha"] and "beta" not in new.tasks
    assert not (fixture_data / "editions/2031/tasks/beta.yml").exists()
    assert "beta: not held in 2030, so not carried over" in result.stdout


def test_a_group_not_held_whose_task_was_held_comes_over_with_it(fixture_data):
    """Leaving the group out would leave alpha pointing at a parent that does not exist."""
    result, new = new_edition_with_one_cancelled(fixture_data, "parent")
    assert new.edition.tasks == ["parent", "alpha", "beta"] and new.tasks["alpha"].parent == "parent"
    assert (new.tasks["parent"].status, new.tasks["parent"].status_note) == ("held", None)
    assert "not held" not in result.stdout


def test_a_new_edition_that_does_not_validate_names_its_files_then_the_errors(fixture_data):
    """The files stay for the organisers to mend; the command says which they are and fails."""
    series = fixture_data / "series.yml"
    series.write_text(series.read_text().replace("earlier_editions: [2029]", "earlier_editions: [2029, 2031]"))
    result = run(fixture_data.parent, "new-edition", "2031", "--from", "2030")
    assert result.returncode == 1
    assert "created data/editions/2031/tasks/alpha.yml" in result.stdout
    assert "data/series.yml:6:" in result.stderr and "1 error(s)" in result.stderr


def test_refuses_an_existing_or_missing_edition(fixture_data):
    again = run(fixture_data.parent, "new-edition", "2030", "--from", "2030")
    assert again.returncode == 1 and "data/editions/2030 already exists" in again.stderr
    missing = run(fixture_data.parent, "new-edition", "2031", "--from", "2019")
    assert missing.returncode == 1 and "no edition 2019" in missing.stderr
    assert not (fixture_data / "editions/2031").exists()


def test_leap_day_moves_to_the_28th():
    m = Milestone(kind=MilestoneKind.run_submission, date=dt.date(2028, 2, 29), previously=[dt.date(2028, 2, 20)])
    moved = _Mover(1).milestone(m)
    assert (moved.date, moved.previously, moved.tentative) == (dt.date(2029, 2, 28), [], True)
