"""Helpers for the scoring tests: write small gold/run files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text_or_records) -> Path; a list is dumped as JSON with one record per line (record N on line N,
    as runs are usually written), a dict as JSON."""

    def _write(name: str, content) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            path.write_text("[" + ",\n".join(json.dumps(record) for record in content) + "]\n", encoding="utf-8")
        elif isinstance(content, dict):
            path.write_text(json.dumps(content), encoding="utf-8")
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
