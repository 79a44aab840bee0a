"""JSON Schemas for editors: current, wired to the data files, and as strict as the validator."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.schema import kinds, render_schemas, vscode_settings
from imageclef.core.yamlsrc import load_yaml

from .conftest import ROOT

DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*.yml") if "runs" not in p.relative_to(ROOT / "data").parts)


def as_json(path: Path):
    """A data file as an editor sees it: dates are strings."""
    raw, _ = load_yaml(path.read_text(encoding="utf-8"), path.name)
    return json.loads(json.dumps(raw, default=str))


def validator(kind_name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((ROOT / "schemas" / f"{kind_name}.schema.json").read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def kind_of(path: Path) -> str:
    rel = path.relative_to(ROOT).as_posix()
    matching = [k.name for k in kinds() if re.fullmatch(re.escape("data/" + k.pattern).replace(r"\*", "[^/]*"), rel)]
    assert len(matching) == 1, f"{rel} matches {matching}"
    return matching[0]


def test_committed_schemas_are_current():
    fresh = render_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == fresh, "schemas/ is out of date: run `make schema`"


def test_cli_writes_the_same_schemas_and_the_editor_setting(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    schema = [sys.executable, "-m", "imageclef.cli", "schema", "--out"]
    result = subprocess.run([*schema, "schemas"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_text() for p in (project / "schemas").iterdir()} == render_schemas()
    assert json.loads((project / ".vscode/settings.json").read_text()) == vscode_settings("schemas")
    # schemas written outside the project are not the project's: its editor setting is left alone
    (project / ".vscode/settings.json").unlink()
    result = subprocess.run([*schema, str(elsewhere)], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in elsewhere.iterdir()} == set(render_schemas())
    assert not (project / ".vscode/settings.json").exists()


def test_vscode_maps_every_data_file_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"] == vscode_settings()["yaml.schemas"]
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    assert {kind_of(p) for p in DATA_FILES} == {k.name for k in kinds()}


def test_schemas_carry_the_field_descriptions():
    task = json.loads(render_schemas()["task.schema.json"])
    assert "data/series.yml" in task["properties"]["series"]["description"]
    assert task["additionalProperties"] is False
    assert task["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(task)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_data_passes_its_schema(path):
    errors = [e.message for e in validator(kind_of(path)).iter_errors(as_json(path))]
    assert errors == []


BAD_TASK = """\
slug: beta
series: beta
title: Beta
sumary: A typo in a key.
schedule:
  - kind: run-submission
    date: 2030-02-31
    time: "25:00"
"""


def test_a_bad_file_fails_the_schema_and_the_validator(fixture_data):
    path = fixture_data / "editions/2030/tasks/beta.yml"
    path.write_text(BAD_TASK)
    schema_errors = {
        (tuple(e.absolute_path), e.validator) for e in validator("task").iter_errors(as_json(path))
    }
    assert ((), "additionalProperties") in schema_errors  # sumary
    assert ((), "required") in schema_errors  # summary
    assert (("schedule", 0, "date"), "format") in schema_errors
    assert (("schedule", 0, "time"), "anyOf") in schema_errors  # neither HH:MM nor null

    with pytest.raises(DataError) as caught:
        load_data(fixture_data)
    messages = {str(i) for i in caught.value.issues if i.file.endswith("tasks/beta.yml")}
    assert messages == {
        "data/editions/2030/tasks/beta.yml:1:1: summary: required key 'summary' is missing",
        "data/editions/2030/tasks/beta.yml:4:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
        'data/editions/2030/tasks/beta.yml:7:11: schedule.0.date: invalid date "2030-02-31" (expected YYYY-MM-DD)',
        'data/editions/2030/tasks/beta.yml:8:11: schedule.0.time: invalid time "25:00" (expected HH:MM)',
    }
