"""The lab's whole record: navigation that scales with the number of editions, previous/next links, a task in
other years, series pages with their charts, past editions added through the guide's route, and tests of the
real data that survive a new edition."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.render import render_site
from imageclef.core.text import with_year

from .conftest import FIXTURE_DATA, ROOT, add_site_frame

TODAY = dt.date(2026, 3, 1)


def bench():
    spec = importlib.util.spec_from_file_location("bench_site_for_tests", ROOT / "benchmarks" / "bench_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def tabs(nav: list) -> list[str]:
    """The top-level entries of the navigation: Material shows each as a tab."""
    return [next(iter(entry)) for entry in nav]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Synthetic projects of 2 and 24 editions (the benchmark's generator, at a small size)."""
    b = bench()
    sites = {}
    for editions in (2, 24):
        folder = tmp_path_factory.mktemp(f"editions-{editions}")
        b.generate(folder, b.Scale(editions=editions, tasks=3, boards=1, rows=3, scored_boards=1, scored_runs=2,
                                   scored_items=30, people=20))
        sites[editions] = render_site(load_data(folder / "data", root=folder), today=TODAY)
    return sites


def test_top_tabs_are_the_same_for_2_and_24_editions(generated):
    two, many = tabs(generated[2].nav.to_mkdocs()), tabs(generated[24].nav.to_mkdocs())
    assert two == many
    assert two[0] == "Home" and "Editions" in two and "Tasks" in two and "Publications" in two
    assert len(many) <= 7


def test_every_edition_page_links_its_neighbours(generated):
    site = generated[24]
    years = sorted(int(p.split("/")[0]) for p in site.pages if re.fullmatch(r"\d{4}/index\.md", p))
    for before, year, after in zip(years, years[1:], years[2:]):
        page = site.pages[f"{year}/index.md"]
        assert f"](../{before}/index.md)" in page and f"](../{after}/index.md)" in page
    first, last = site.pages[f"{years[0]}/index.md"], site.pages[f"{years[-1]}/index.md"]
    assert f"/{years[0] - 1}/" not in first and f"](../{years[1]}/index.md)" in first
    assert f"](../{years[-2]}/index.md)" in last


def test_a_task_page_lists_its_other_years_and_its_series_page(generated):
    site = generated[24]
    page = next(text for path, text in site.pages.items() if path.endswith(".md") and "## This task in other years" in text)
    section = page.split("## This task in other years", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^- \[ImageCLEF \d{4}\]", section, re.M)) >= 5
    assert "](../../tasks/" in section or "](../tasks/" in section


def test_series_page_has_every_year_and_a_named_chart(generated):
    site = generated[24]
    page = next(text for path, text in site.pages.items() if path.startswith("tasks/") and "<svg" in text)
    rows = re.findall(r"^\| (\d{4}) \| (\d+)(?:st|nd|rd|th) \|", page, re.M)
    assert len(rows) >= 3
    assert [int(o) for _, o in rows] == sorted((int(o) for _, o in rows), reverse=True)  # newest first
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    # the chart's points say the same numbers as the table
    points = re.findall(r"<title>(\d{4}): [^<]* ([0-9.]+)</title>", svg)
    table = {year: score for year, score in re.findall(r"^\| (\d{4}) \|[^\n]*\| ([0-9.]+) [^|]*\|$", page, re.M)}
    assert points and all(abs(float(value) - float(table[year])) < 1e-9 for year, value in points if year in table)


def test_a_change_of_metric_breaks_the_chart_line():
    from imageclef.core.chart import Point, line_chart

    svg = line_chart([Point(2020, 0.5, "F1"), Point(2021, 0.6, "F1"), Point(2022, 0.3, "BLEU"), Point(2023, 0.4, "BLEU"),
                      Point(2024, None, "BLEU"), Point(2025, 0.5, "BLEU")], ident="c", title="t", description="d")
    assert svg.count("<polyline") == 2  # 2020-2021 (F1), 2022-2023 (BLEU); 2025 stands alone after a gap
    assert svg.count("<circle") == 5


@pytest.mark.parametrize(("values", "ticks"), [
    ((0.394, 0.505, 0.589), ["0", "0.3", "0.6"]),  # the Caption series' leading scores
    ((52.41, 76.98), ["0", "40", "80"]),
    ((-0.032, 0.148), ["-0.04", "0", "0.15"]),  # kappa-like scores below zero
])
def test_the_value_axis_ends_on_a_round_number(values, ticks):
    from imageclef.core.chart import Point, line_chart

    svg = line_chart([Point(2020 + i, v, "F1") for i, v in enumerate(values)], ident="c", title="t", description="d")
    assert re.findall(r'text-anchor="end">([^<]+)</text>', svg) == ticks


@pytest.mark.parametrize("first", [2003, 2010, 2014, 2016, 2020, 2025])
def test_year_labels_stay_apart_and_inside_the_chart_at_phone_size(first):
    """On a phone the stylesheet draws labels at 18 units (the chart is scaled to about half): a four-digit year
    is then about 46 units wide (DejaVu Sans digits, 0.636 em), so labels need 50 units between their centres
    and 23 to each edge, for every series length up to the lab's whole history."""
    from imageclef.core.chart import WIDTH, Point, line_chart

    svg = line_chart([Point(year, 0.5, "F1") for year in range(first, 2027)], ident="c", title="t", description="d")
    centres = [float(x) for x in re.findall(r'<text class="ic-tick" x="([0-9.]+)" y="\d+" text-anchor="middle">', svg)]
    assert len(centres) >= 2
    assert min(b - a for a, b in zip(centres, centres[1:])) >= 50
    assert centres[-1] + 23 <= WIDTH


# --------------------------------------------------------------------------- past editions, statuses, people


def test_a_past_edition_added_by_the_guides_route(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_DATA, project / "data")
    run = subprocess.run([sys.executable, "-m", "imageclef.cli", "new-edition", "2029", "--past"], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    refused = subprocess.run([sys.executable, "-m", "imageclef.cli", "new-edition", "2028", "--from", "2030"],
                             cwd=project, capture_output=True, text=True)
    assert refused.returncode == 1 and "new-edition 2028 --past" in refused.stderr
    data = load_data(project / "data", root=project)
    pages = render_site(data, today=TODAY).pages
    page = pages["2029/index.md"]
    assert "ImageCLEF 2029" in page and "## Participant registration" not in page and "## Schedule" not in page
    assert "hosted by" not in page and "None" not in page
    assert "](../2030/index.md)" in page and "](../2029/index.md)" in pages["2030/index.md"]


def test_a_new_organiser_backfills_a_past_edition_following_the_guide(tmp_path):
    """Issue "The lab's whole record", done when: a past edition with 4 tasks (one announced but not held, one
    joint with another lab) and a published table with published ranks and a missing cell, added by the steps
    of content/guide/backfilling.md only; it validates, builds and speaks of the past."""
    guide = (ROOT / "content/guide/backfilling.md").read_text()
    assert "new-edition 2019 --past" in guide and "earlier_editions" in guide and "`rank`" in guide
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_DATA, project / "data")
    add_site_frame(project)
    later = dt.date(2031, 1, 15)  # the fixture's 2030 edition is over too
    cli = [sys.executable, "-m", "imageclef.cli"]
    assert subprocess.run([*cli, "new-edition", "2029", "--past"], cwd=project, capture_output=True).returncode == 0
    data_dir = project / "data"
    edition = data_dir / "editions/2029/edition.yml"
    edition.write_text(edition.read_text().replace("tasks: []", "tasks: [alpha, gamma, delta, epsilon]").replace(
        "sources: []", "sources:\n  - title: A public page about 2029\n    url: https://example.org/2029"))
    task = "slug: {slug}\nseries: {slug}\ntitle: {title}\nsummary: {title} things.\n" \
           "sources:\n  - title: Task page\n    url: https://example.org/2029/{slug}\n"
    tasks = data_dir / "editions/2029/tasks"
    tasks.mkdir()
    (tasks / "alpha.yml").write_text(task.format(slug="alpha", title="Alpha Detection"))
    (tasks / "gamma.yml").write_text(task.format(slug="gamma", title="Gamma Retrieval"))
    (tasks / "delta.yml").write_text(task.format(slug="delta", title="Delta Tagging")
                                     + "status: cancelled\nstatus_note: Too few teams registered.\n")
    (tasks / "epsilon.yml").write_text(task.format(slug="epsilon", title="Epsilon Arguments")
                                       + "joint_with:\n  - title: Another Lab\n    url: https://example.org/lab\n")
    series = data_dir / "series.yml"
    series.write_text(series.read_text().replace("  earlier_editions: [2029]\n", "").rstrip("\n")
                      + "\n- id: gamma\n  name: Gamma\n- id: delta\n  name: Delta\n- id: epsilon\n  name: Epsilon\n")
    (data_dir / "editions/2029/results").mkdir()
    (data_dir / "editions/2029/results/alpha.yml").write_text(
        "task: alpha\nsources:\n  - title: Overview paper, Table 2\nboards:\n  - id: main\n    title: Alpha runs\n"
        "    source: Overview paper, Table 2\n    partial: top 2 as published\n    columns:\n      - {key: f1, label: F1, decimals: 3, primary: true}\n"
        "      - {key: p, label: Precision, decimals: 3}\n    rows:\n"
        "      - {team: First, run: a1, rank: 1, values: {f1: 0.71, p: 0.70}}\n"
        "      - {team: Second, run: b1, rank: 2, values: {f1: 0.65}, missing: {p: not published}}\n")

    for command in (["validate", "--data", "data"], ["render", "--out", str(tmp_path / "rendered")]):
        result = subprocess.run([*cli, *command], cwd=project, capture_output=True, text=True,
                                env={**os.environ, "IMAGECLEF_TODAY": later.isoformat()})
        assert result.returncode == 0, result.stdout + result.stderr
    pages = render_site(load_data(data_dir, root=project), today=later).pages
    page = pages["2029/index.md"]
    assert "ImageCLEF 2029 proposed 3 main tasks" in page  # past tense; the cancelled task is not counted
    assert "### Announced but not held" in page and "Delta Tagging" in page
    assert "Register" not in page and "tentative" not in page and "hosted by" not in page
    assert "](../2030/index.md)" in page and "](../2029/index.md)" in pages["2030/index.md"]  # previous / next
    epsilon = pages["2029/epsilon/index.md"]
    assert "Another Lab" in epsilon and "https://example.org/lab" in epsilon
    alpha = pages["2029/alpha/index.md"]
    assert "<td>—" in alpha or ">—<" in alpha  # the missing cell
    assert "not published" in alpha
    assert "2029" in pages["tasks/alpha.md"] and "2029/alpha" in pages["tasks/alpha.md"]  # the series page
    results = next(text for name, text in pages.items() if name.startswith("2029/results"))
    assert "Alpha runs (partial table)" in results  # its leader is the leader of the runs it lists


def test_earlier_editions_may_not_repeat_a_kept_year(fixture_data):
    series = fixture_data / "series.yml"
    series.write_text(series.read_text().replace("earlier_editions: [2029]", "earlier_editions: [2029, 2030]"))
    with pytest.raises(DataError) as info:
        load_data(fixture_data, root=fixture_data.parent)
    messages = [str(i) for i in info.value.issues]
    assert any(m.startswith("data/series.yml:") and "2030" in m and "alpha" in m for m in messages), messages


def test_a_task_announced_but_not_held(fixture_data):
    task = fixture_data / "editions/2030/tasks/beta.yml"
    task.write_text(task.read_text() + "status: cancelled\nstatus_note: No team registered.\n")
    data = load_data(fixture_data, root=fixture_data.parent)
    pages = render_site(data, today=TODAY).pages
    edition = pages["2030/index.md"]
    assert "ImageCLEF 2030 proposes 1 main task:" in edition
    assert "### Announced but not held" in edition and "[Beta: a task with a colon](beta/index.md)" in edition
    assert "Announced but not held" in pages["2030/beta/index.md"] and "No team registered." in pages["2030/beta/index.md"]
    assert "(1 announced, not held)" in pages["archive.md"]


def test_an_affiliation_follows_the_year_of_the_page(fixture_data):
    people = fixture_data / "people.yml"
    people.write_text(people.read_text().replace(
        "  country: United Kingdom",
        "  country: United Kingdom\n  affiliations:\n    - {affiliation: Old College, country: Ireland, to: 2029}", 1))
    pages = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY).pages
    assert "**Ada Lovelace** &lt;ada (at) example.org&gt;, Analytical Engines Ltd, United Kingdom" in pages["2030/index.md"]
    people.write_text(people.read_text().replace("to: 2029", "to: 2030"))
    pages = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY).pages
    assert "**Ada Lovelace** &lt;ada (at) example.org&gt;, Old College, Ireland" in pages["2030/index.md"]


def test_an_affiliation_known_from_a_later_year_is_not_shown_on_earlier_pages(fixture_data):
    """A person named on an old page (say, as an author of a 2007 overview) whose only known affiliation dates from
    later shows no affiliation there, rather than one they did not have yet."""
    people = fixture_data / "people.yml"
    original = people.read_text()
    people.write_text(original.replace("  country: United Kingdom", "  country: United Kingdom\n  affiliation_from: 2031", 1))
    pages = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY).pages
    assert "**Ada Lovelace** &lt;ada (at) example.org&gt;\n" in pages["2030/index.md"]
    assert "Analytical Engines Ltd" not in pages["2030/index.md"]
    people.write_text(original.replace("  country: United Kingdom", "  country: United Kingdom\n  affiliation_from: 2030", 1))
    pages = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY).pages
    assert "**Ada Lovelace** &lt;ada (at) example.org&gt;, Analytical Engines Ltd, United Kingdom" in pages["2030/index.md"]


def test_overlapping_affiliations_are_an_error(fixture_data):
    people = fixture_data / "people.yml"
    people.write_text(people.read_text().replace(
        "  country: United Kingdom",
        "  country: United Kingdom\n  affiliations:\n    - {affiliation: A, from: 2019, to: 2022}\n"
        "    - {affiliation: B, from: 2022}", 1))
    with pytest.raises(DataError) as info:
        load_data(fixture_data, root=fixture_data.parent)
    assert [str(i) for i in info.value.issues] == [
        "data/people.yml:1:3: 0: the years of affiliation 2 (2022–…) overlap those of another (2019–2022)"]


@pytest.mark.parametrize("old,new,fragment", [
    ("{team: Org, run: \"12\", organiser: true, values: {f1: 0.61234, er: 10}}",
     "{team: Org, run: \"12\", organiser: true, rank: 1, values: {f1: 0.61234}, missing: {er: not reported}}", None),
    ("{team: Org, run: \"12\", organiser: true, values: {f1: 0.61234, er: 10}}",
     "{team: Org, run: \"12\", organiser: true, values: {f1: 0.61234}}", "no value for 'er'"),
    ("values: {f1: 0.5, er: 12.5}", "values: {f1: 0.5, er: 12.5}, missing: {er: x}", "'er' has a value"),
])
def test_published_tables_as_published(fixture_data, old, new, fragment):
    results = fixture_data / "editions/2030/results/alpha.yml"
    results.write_text(results.read_text().replace(old, new))
    if fragment:
        with pytest.raises(DataError) as info:
            load_data(fixture_data, root=fixture_data.parent)
        assert any(fragment in str(i) for i in info.value.issues)
        return
    site = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY)
    page = site.pages["2030/parent/alpha.md"]
    assert '<td class="lb-missing" title="not reported">—' in page
    assert "Ranks as published" in page


def test_published_ranks_are_kept_and_a_disagreement_is_reported(fixture_data):
    results = fixture_data / "editions/2030/results/alpha.yml"
    text = results.read_text()
    text = text.replace('run: "11", values', 'run: "11", rank: 1, values').replace('run: "12", organiser: true, values',
                                                                                  'run: "12", organiser: true, rank: 2, values')
    results.write_text(text)
    site = render_site(load_data(fixture_data, root=fixture_data.parent), today=TODAY)
    table = site.pages["2030/parent/alpha.md"].split("<tbody>", 1)[1]
    assert table.index("&lt;script&gt;") < table.index("Org")  # the published order, not the values' order
    assert any("is ranked 1 as published, but its values rank it 2" in w for w in site.warnings)


# --------------------------------------------------------------------------- the real data, whatever its size


def test_a_new_edition_of_the_real_data_keeps_its_checks(tmp_path):
    """Copies the current edition to the next year with the organisers' command: the data stays valid, and every
    task of the new edition is one edition further in its series."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    data = load_data(project / "data", root=project)
    current = data.current_year
    run = subprocess.run([sys.executable, "-m", "imageclef.cli", "new-edition", str(current + 1), "--from", str(current)],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    after = load_data(project / "data", root=project)
    from imageclef.core.view import SiteView

    before_view, after_view = SiteView(data, TODAY), SiteView(after, TODAY)
    for slug, task in after.editions[current + 1].tasks.items():
        old = data.editions[current].tasks[slug]
        if old.status == "held":
            assert after_view.task_ordinal(task, current + 1) == before_view.task_ordinal(old, current) + 1
    assert f"{current + 1}/index.md" in render_site(after, today=TODAY).pages


@pytest.mark.parametrize(("title", "year", "heading"), [
    ("Caption", 2026, "Caption 2026"),
    ("ImageCLEFphoto 2007", 2007, "ImageCLEFphoto 2007"),  # old task names carry their year: not twice
    ("ImageCLEF 2009 medical retrieval task", 2009, "ImageCLEF 2009 medical retrieval task"),
    ("ToPicto 2025 pilot", 2026, "ToPicto 2025 pilot 2026"),  # another year in the name is not this one
])
def test_a_task_heading_names_its_year_once(title, year, heading):
    assert with_year(title, year) == heading
