"""Golden files: the fixture data renders to exactly the Markdown kept in tests/golden/.

After an intended change of output, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from imageclef.core.loader import load_data
from imageclef.core.paths import relative
from imageclef.core.render import render_site

from .conftest import FIXTURE_DATA, ROOT

TODAY = dt.date(2030, 5, 10)  # between the fixture's registration and run deadline
GOLDEN = ROOT / "tests" / "golden" / "fixture"


def rendered_fixture():
    return render_site(load_data(FIXTURE_DATA, root=FIXTURE_DATA.parent), today=TODAY)


def test_golden_pages():
    rendered = rendered_fixture()
    outputs = {**rendered.pages, **rendered.files}
    if os.environ.get("UPDATE_GOLDEN"):
        for rel, content in outputs.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(content.encode("utf-8"))
    # bytes, not text mode: .ics files must keep their CRLF line endings
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(outputs) == sorted(expected)
    for rel, content in outputs.items():
        assert content == expected[rel], f"{rel} differs from tests/golden/fixture/{rel}"


def test_rendering_is_deterministic():
    assert rendered_fixture().pages == rendered_fixture().pages


def test_navigation_follows_the_data():
    nav = rendered_fixture().nav.to_mkdocs()
    assert nav[0] == {"Home": "index.md"}
    section = nav[1]["2030"]
    assert section[0] == {"Overview": "2030/index.md"}
    assert section[1] == {"Parent": [{"About": "2030/parent/index.md"}, {"Alpha": "2030/parent/alpha.md"}]}
    assert section[-1] == {"Results": "2030/results.md"}


def test_counts_and_ordinals_are_computed():
    page = rendered_fixture().pages["2030/index.md"]
    # 2030 - 2003 + 1 = 28th lab edition; 2 top-level tasks (parent, beta) and 1 subtask (alpha).
    assert "The 28th edition of ImageCLEF" in page
    assert "ImageCLEF 2030 proposes 2 main tasks:" in page
    # series "alpha" ran in 2029 (declared) and 2030 (data): 2nd edition; parent: 2027, 2028, 2030 → 3rd.
    assert "- [Alpha Detection](parent/alpha.md) (2nd edition)" in page
    assert "*3rd edition.* Groups the alpha task." in page


def test_task_schedule_inherits_and_overrides():
    page = rendered_fixture().pages["2030/parent/alpha.md"]
    assert "| ~~Tue 7 May 2030~~ Tue 14 May 2030, 23:59 AoE | Deadline for submitting runs |" in page
    assert "| Thu 10 Jan 2030 | Registration opens |" in page  # past: no longer "tentative"


def test_data_text_is_escaped_and_email_obfuscated():
    page = rendered_fixture().pages["2030/parent/alpha.md"]
    assert "<script>" not in page
    assert '<th scope="row" class="lb-team">&lt;script&gt;alert(1)&lt;/script&gt;</th>' in page
    assert "ada@example.org" not in page and "ada (at) example.org" in page


@pytest.mark.parametrize(
    "source,target,expected",
    [
        ("2026/index.md", "2026/medical/caption.md", "medical/caption.md"),
        ("2026/medical/caption.md", "2026/index.md", "../index.md"),
        ("2026/medical/caption.md", "2026/medical/index.md", "index.md"),
        ("index.md", "2025/results.md", "2025/results.md"),
        ("2026/topicto/index.md", "2025/topicto/index.md", "../../2025/topicto/index.md"),
    ],
)
def test_relative_links(source, target, expected):
    assert relative(source, target) == expected
