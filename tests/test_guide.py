"""The organisers' guide: every YAML example in it is valid, and it lists what the code offers.

Convention: an HTML comment right before each ```yaml block names what the block is:
- a data kind (`site`, `people`, `series`, `edition`, `task`, `results`, `events`: a whole file, checked
  against the model and the committed JSON Schema the editor uses);
- a model class (`<!-- model: Board -->`: one value of that model);
- `part of CLASS` (`<!-- model: part of Task -->`: some keys of that model, each checked against its field).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from imageclef.core import models
from imageclef.core.schema import kinds
from imageclef.core.yamlsrc import load_yaml

from .conftest import ROOT

GUIDE = ROOT / "content" / "guide"
FENCE = re.compile(r"^(?P<indent>[ \t]*)```yaml[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
MARKER = re.compile(r"<!--\s*model:\s*(?P<name>.+?)\s*-->\s*\Z")


def snippets() -> list[tuple[str, str, str]]:
    """(``guide/page.md:line``, model name or None, YAML text) for every yaml block of the guide."""
    found = []
    for page in sorted(GUIDE.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            where = f"{page.relative_to(ROOT).as_posix()}:{text.count(chr(10), 0, m.start()) + 1}"
            before = text[: m.start()].rstrip()
            marker = MARKER.search(before.splitlines()[-1] + "\n" if before else "")
            body = "\n".join(line[len(m["indent"]):] for line in m["body"].splitlines())
            found.append((where, marker["name"] if marker else None, body))
    return found


def check(name: str, raw: Any) -> list[str]:
    """Errors of ``raw`` as the thing ``name`` designates (see the module docstring)."""
    by_kind = {k.name: k for k in kinds()}
    if name in by_kind:
        errors = _errors(by_kind[name].model, raw)
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
        as_json = json.loads(json.dumps(raw, default=str))
        v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
        return errors + [f"JSON Schema: {e.message}" for e in v.iter_errors(as_json)]
    part = name.removeprefix("part of ")
    model = getattr(models, part, None)
    assert isinstance(model, type) and issubclass(model, models.Model), f"unknown model {name!r}"
    if part == name:
        return _errors(model, raw)
    assert isinstance(raw, dict) and raw, "a `part of` example is a mapping of some of the model's keys"
    errors = [f"{key}: not a key of {part}" for key in raw if key not in model.model_fields]
    for key, value in raw.items():
        if key in model.model_fields:
            errors += [f"{key}.{e}" for e in _errors(model.model_fields[key].annotation, value)]
    return errors


def _errors(model: Any, raw: Any) -> list[str]:
    try:
        TypeAdapter(model).validate_python(raw)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


SNIPPETS = snippets()


def test_the_guide_has_examples_of_every_kind_of_change():
    names = {name for _, name, _ in SNIPPETS}
    assert {"task", "people", "series", "results", "Board", "part of Task", "part of Edition"} <= names
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("where,name,text", SNIPPETS, ids=[w for w, _, _ in SNIPPETS])
def test_every_yaml_example_is_valid(where, name, text):
    assert name, f"{where}: put <!-- model: NAME --> on the line before the ```yaml block"
    raw, _ = load_yaml(text, where)
    assert check(name, raw) == [], where


@pytest.mark.parametrize("name,text,expected", [
    ("task", "slug: x\nseries: x\ntitle: X\nsumary: typo\n", "sumary"),
    ("part of Task", "schedule:\n  - kind: run-submission\n    date: 2026-02-31\n", "schedule.0.date"),
    ("part of Edition", "tasks: [a]\nmotivaton: typo\n", "motivaton: not a key of Edition"),
    ("Board", "id: b\ntitle: B\ncolumns: []\nrows: [{team: T}]\n", "exactly one column must be primary"),
    ("Board", "id: b\ntitle: B\ncolumns: []\nrows: []\n", "a board needs at least one row"),
    ("people", "- id: Not A Slug\n  name: N\n", "0.id"),
])
def test_a_wrong_example_would_fail(name, text, expected):
    raw, _ = load_yaml(text, "example")
    assert any(expected in e for e in check(name, raw)), check(name, raw)


def test_the_guide_lists_every_scorer_and_milestone_kind():
    scoring = pytest.importorskip("imageclef.scoring")
    results = (GUIDE / "results.md").read_text()
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", results, re.M))
    assert listed == set(scoring.SCORERS)
    tasks = (GUIDE / "tasks.md").read_text()
    for kind in models.MilestoneKind:
        assert f"`{kind.value}`" in tasks


def test_the_navigation_lists_every_guide_page():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.Loader)
    [guide] = config["nav"]
    pages = guide["Guide"]
    assert pages[0] == "guide/index.md"
    assert sorted(p for p in pages if p.startswith("guide/")) == sorted(f"guide/{p.name}" for p in GUIDE.glob("*.md"))
