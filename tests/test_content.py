"""The real data says what the seeds say, and generated text never contradicts it.

Ordinals come from the edition pages (seed 000 for 2026, seed 001 for 2025) and the 2025 lab overview (seed 002).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from imageclef.core import paths
from imageclef.core.loader import load_data
from imageclef.core.render import SiteView, render_site

from .conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_data(ROOT / "data", root=ROOT)


@pytest.fixture(scope="module")
def pages(data):
    return render_site(data, today=dt.date(2026, 3, 1)).pages


@pytest.mark.parametrize("year,slug,ordinal", [
    (2026, "caption", 10), (2026, "medvqa-gi", 4), (2026, "topicto", 3), (2026, "gans", 4),
    (2026, "multimodal-reasoning", 2), (2026, "mediqa-core", 1), (2026, "deepfake", 1), (2026, "ai4agriculture", 1),
    (2026, "medical", 10),
    (2025, "caption", 9), (2025, "gans", 3), (2025, "medvqa-gi", 3), (2025, "topicto", 2),
    (2025, "multimodal-reasoning", 1), (2025, "arguments", 4),
    (2025, "mediqa-magic", 2),  # the overview paper: "The second edition for the MEDIQA-MAGIC task"
])
def test_task_ordinals_match_the_seeds(data, year, slug, ordinal):
    assert SiteView(data, dt.date(2026, 3, 1)).task_ordinal(data.editions[year].tasks[slug], year) == ordinal


def test_lab_ordinal_2025_is_the_23rd_edition(data):
    # overview abstract: "In 2025, the 23rd edition of ImageCLEF"
    assert SiteView(data, dt.date(2026, 3, 1)).lab_ordinal(2025) == 23


@pytest.mark.parametrize("year,main_tasks", [(2025, 4), (2026, 5)])
def test_task_count_sentence_equals_the_tasks_listed(pages, year, main_tasks):
    # 2025 overview: "four main tasks"; 2026: ImageCLEFmedical, ToPicto, MultimodalReasoning, Deepfake, AI4Agriculture
    page = pages[f"{year}/index.md"]
    section = page.split("## The tasks", 1)[1].split("\n## ", 1)[0]
    # on 1 March 2026 the 2025 edition is over, the 2026 one is not
    verb = "proposed" if year < 2026 else "proposes"
    assert f"ImageCLEF {year} {verb} {main_tasks} main tasks:" in section
    assert len(re.findall(r"^### \[", section, flags=re.M)) == main_tasks
    assert "ImageCLEF 2025 proposes" not in pages["2026/index.md"]


def test_medvqa_2026_links_the_medico_joint_challenge(data, pages):
    task = data.editions[2026].tasks["medvqa-gi"]
    partner = next(p for p in task.joint_with if "Medico 2026" in p.title)
    assert f"jointly with [MediaEval Medico 2026]({partner.url})" in pages["2026/medical/medvqa-gi.md"]


def test_every_2025_overview_table_is_on_its_task_page(data):
    # Tables 2, 3, 4, 5, 7, 8, 10 (two sets), 11, 13 (14 boards) and 14 (two subtasks) of the 2025 overview
    sources = {b.source for boards in data.editions[2025].boards.values() for b in boards}
    tables = sorted({int(m.group(1)) for s in sources if (m := re.search(r"Table (\d+)", s or ""))})
    assert tables == [2, 3, 4, 5, 7, 8, 10, 11, 13, 14]
    # boards from other sources (e.g. the Touché slides for the arguments task) may be added beside them
    counts = {slug: n for slug, boards in data.editions[2025].boards.items()
              if (n := sum(1 for b in boards if re.search(r"overview.*Table \d+", b.source or "", re.I)))}
    assert counts == {"caption": 2, "gans": 2, "mediqa-magic": 2, "medvqa-gi": 3, "multimodal-reasoning": 14,
                      "topicto": 2}


def test_validate_reports_participation_against_the_declared_figures():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "imageclef.cli", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # Table 13: 91 rows on 14 boards, 13 of them baselines, 12 team names (two co-authoring teams submitted
    # separately); Table 1 declares 11 groups and 129 runs for MultimodalReasoning.
    assert ("data warning: 2025/multimodal-reasoning: the result tables list 12 teams and 78 runs; "
            "declared: 11 teams, 129 runs") in result.stderr.splitlines()
    assert re.match(r"ok: \d+ editions, \d+ tasks, \d+ people", result.stdout), result.stdout


def test_every_edition_task_and_results_file_names_its_sources():
    """Issue "Content": each edition, task and results file lists the public sources of its facts."""
    from imageclef.core.yamlsrc import load_yaml

    files = sorted((ROOT / "data" / "editions").glob("*/edition.yml")) + sorted(
        (ROOT / "data" / "editions").glob("*/tasks/*.yml")) + sorted((ROOT / "data" / "editions").glob("*/results/*.yml"))
    without = [p.relative_to(ROOT).as_posix() for p in files
               if not (load_yaml(p.read_text(encoding="utf-8"), p.name)[0] or {}).get("sources")]
    assert without == []


def test_every_year_since_the_first_is_kept(data):
    """The archive holds every edition from the lab's first year to the current one."""
    assert sorted(data.editions) == list(range(data.site.first_year, max(data.editions) + 1))


def test_the_archive_says_every_edition_has_its_page(pages, data):
    """With no year missing (the test above), the archive does not count "24 of them" as if some were."""
    total = max(data.editions) - data.site.first_year + 1
    assert f"{total} editions up to {max(data.editions)}. Each has its page on this site." in pages["archive.md"]
    assert "described on this site" not in pages["archive.md"]


def test_every_page_ends_with_its_sources(pages, data):
    for year, ed in data.editions.items():
        assert "\n## Sources\n" in pages[f"{year}/index.md"], year
        for task in ed.tasks.values():
            assert "\n## Sources\n" in pages[paths.task_page(year, task)], (year, task.slug)


def test_every_held_task_page_says_who_organised_it_or_that_it_is_not_recorded(pages, data):
    """The 2026 registration notes send visitors to the bottom of a task's page for its organisers."""
    for year, ed in data.editions.items():
        groups = {task.parent for task in ed.tasks.values()}
        for task in ed.tasks.values():
            if task.status != "held" or task.slug in groups:
                continue
            page = pages[paths.task_page(year, task)]
            assert "\n## Organisers\n" in page, (year, task.slug)
            section = page.split("\n## Organisers\n", 1)[1].split("\n## ")[0]
            if task.organisers:
                assert section.count("\n- **") == len(task.organisers), (year, task.slug)
            else:
                assert "not recorded on this site yet" in section, (year, task.slug)


def test_every_publication_with_a_public_identifier_is_linked(pages, data):
    """Issue "Content": the publications page links every paper whose entry has a DOI or a web address."""
    page = pages[paths.PUBLICATIONS]
    with_identifier = [pub for pub in data.publications.values()
                       if pub.fields.get("doi") or pub.fields.get("url", "").startswith(("http://", "https://"))]
    assert len(with_identifier) > 17  # the archive's overview papers, not only the seeded editions'
    unlinked = []
    for pub in with_identifier:
        target = f"(https://doi.org/{pub.doi})" if pub.doi else f"({pub.fields['url']})"
        if target not in page:
            unlinked.append(pub.key)
    assert unlinked == []
