"""JSON Schemas of the data files, generated from the models, for editors (yaml-language-server).

One schema per kind of file in ``data/`` (``datafiles.DATA_FILES``); ``.vscode/settings.json`` maps each kind's
files to its schema.
"""

from __future__ import annotations

import ast
import functools
import inspect
import json
import textwrap
from pathlib import Path

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from .datafiles import DATA_FILES, DataFile

DRAFT = "http://json-schema.org/draft-07/schema#"  # what yaml-language-server supports; the output fits it


def kinds() -> list[DataFile]:
    """Every kind of data file (see ``datafiles.DATA_FILES``)."""
    return list(DATA_FILES)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, with times as `HH:MM` (the JSON Schema `time` format demands seconds and a
    zone), and each field's own docstring kept where its type brings a description (`Slug`, `PersonId`)."""

    def time_schema(self, schema) -> dict:
        return {"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}

    def model_schema(self, schema) -> dict:
        result = super().model_schema(schema)
        for name, prop in result.get("properties", {}).items():
            doc, described = _docstrings(schema["cls"]).get(name), prop.get("description", "")
            if doc and doc not in described:
                prop["description"] = f"{doc} {described}".strip()
        return result


@functools.cache
def _docstrings(cls: type) -> dict[str, str]:
    """Attribute docstrings of a class: the string right after each annotated field."""
    try:
        body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    except (OSError, TypeError):
        return {}
    return {
        a.target.id: inspect.cleandoc(b.value.value)
        for a, b in zip(body, body[1:])
        if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)
        and isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant) and isinstance(b.value.value, str)
    }


def json_schema(kind: DataFile) -> dict:
    schema = TypeAdapter(kind.model).json_schema(schema_generator=_Generator)
    if kind.name == "events" and "anyOf" in schema["properties"].get("date", {}):
        schema["properties"]["date"]["anyOf"].append({"const": "tba"})  # accepted by a before-validator
    return {"$schema": DRAFT, "title": kind.title, **{k: v for k, v in schema.items() if k != "title"}}


def render_schemas() -> dict[str, str]:
    """``{file name: JSON text}`` for every kind, in model order, byte-stable."""
    return {
        f"{kind.name}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in kinds()
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def vscode_settings(schema_dir: str = "schemas") -> dict:
    """The `yaml.schemas` setting of the Red Hat YAML extension: schema file → globs of its data files."""
    return {"yaml.schemas": {f"./{schema_dir}/{k.name}.schema.json": [f"data/{k.pattern}"] for k in kinds()}}
