"""Shared fixtures: paths to the repository's data and to the small fixture data set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def fixture_data(tmp_path: Path) -> Path:
    """A writable copy of the fixture data set, as `<tmp>/data`, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target
