"""Readers and validators for the run formats (CSV and JSON lists).

Every reader checks a file while it reads it and raises
:class:`RunValidationError` at the first offending line (1-based; for JSON, the
line a record starts on). Passing ``gold_ids`` makes a run reader reject unknown
ids on the line where they appear; :func:`check_missing` then reports gold ids
the run never gave, at the line after the last one (end of file).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RunValidationError

MAX_CONCEPTS = 100
ANSWER_KEYS = ("A", "B", "C", "D", "E")
QUESTION_KEY = re.compile(r"CQID\d{3}-\d{3}")


@dataclass
class Records:
    """Values of a file keyed by id, in file order, with their line/record numbers."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    end: int = 1  # line (or record) number just after the last one


# --------------------------------------------------------------------------- text

def read_text(path: Path) -> str:
    """UTF-8 text (a BOM is allowed); undecodable bytes name their line."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RunValidationError(path, _line(data, err.start), f"not valid UTF-8 ({err.reason})") from None


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, fields) for each CSV record; blank lines are errors."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    start = 1
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                raise RunValidationError(path, start, "blank line")
            yield start, row
            start = reader.line_num + 1
    except csv.Error as err:
        raise RunValidationError(path, reader.line_num or start, f"malformed CSV: {err}") from None


def _register(records: Records, key: str, line: int, gold_ids: Collection[str] | None, what: str = "id") -> None:
    if not key:
        raise RunValidationError(records.path, line, f"empty {what}")
    if key in records.lines:
        raise RunValidationError(
            records.path, line, f"duplicate {what} {key!r} (first given on line {records.lines[key]})"
        )
    if gold_ids is not None and key not in gold_ids:
        raise RunValidationError(records.path, line, f"unknown {what} {key!r} (not in the gold file)")
    records.lines[key] = line


def check_missing(records: Records, required: Collection[str], what: str = "id") -> None:
    """Raise when ``records`` lacks any of ``required`` (reported at end of file)."""
    missing = [k for k in required if k not in records.values]
    if missing:
        shown = ", ".join(repr(k) for k in missing[:5]) + (", ..." if len(missing) > 5 else "")
        noun = what if len(missing) == 1 else what + "s"
        raise RunValidationError(
            records.path, records.end, f"{len(missing)} gold {noun} missing from the file: {shown}"
        )


# --------------------------------------------------------------------------- CSV formats

def read_label_csv(path: Path, *, labels: Collection[str] | None, gold_ids: Collection[str] | None = None) -> Records:
    """Headerless ``id,label`` CSV (GANs). ``labels`` restricts the allowed labels."""
    records = Records(Path(path))
    for line, row in _csv_rows(path):
        if len(row) != 2:
            raise RunValidationError(path, line, f"expected 2 fields 'id,label', found {len(row)}")
        key, label = row[0].strip(), row[1].strip()
        if labels is not None and label not in labels:
            allowed = " or ".join(sorted(labels))
            raise RunValidationError(path, line, f"label {label!r} for id {key!r} is not {allowed}")
        if not label:
            raise RunValidationError(path, line, f"empty label for id {key!r}")
        _register(records, key, line, gold_ids)
        records.values[key] = label
        records.end = line + 1
    return records


def _header_rows(path: Path, header: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    rows = _csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise RunValidationError(path, 1, f"empty file: expected the header {','.join(header)}")
    line, row = first
    if tuple(row) != header:
        raise RunValidationError(path, line, f"wrong header {','.join(row)!r}: expected {','.join(header)!r}")
    yield from rows


def read_concepts_csv(path: Path, gold_ids: Collection[str] | None = None) -> Records:
    """``ID,CUIs`` CSV; concepts joined by ``;`` (stripped, at most 100, no duplicates)."""
    records = Records(Path(path), end=2)
    for line, row in _header_rows(path, ("ID", "CUIs")):
        if len(row) > 2:
            raise RunValidationError(path, line, f"expected 'ID,CUIs', found {len(row)} fields")
        key = row[0].strip()
        field_ = row[1] if len(row) == 2 else ""
        concepts = [c.strip() for c in field_.split(";")] if field_.strip() else []
        concepts = [c for c in concepts if c]
        if len(concepts) > MAX_CONCEPTS:
            raise RunValidationError(
                path, line, f"{len(concepts)} concepts for {key!r}: at most {MAX_CONCEPTS} are allowed"
            )
        if len(set(concepts)) != len(concepts):
            dup = next(c for i, c in enumerate(concepts) if c in concepts[:i])
            raise RunValidationError(path, line, f"concept {dup!r} given more than once for {key!r}")
        _register(records, key, line, gold_ids, "ID")
        records.values[key] = concepts
        records.end = line + 1
    return records


def read_captions_csv(path: Path, gold_ids: Collection[str] | None = None) -> Records:
    """``ID,Caption`` CSV (captions quoted when they hold a comma)."""
    records = Records(Path(path), end=2)
    for line, row in _header_rows(path, ("ID", "Caption")):
        if len(row) != 2:
            raise RunValidationError(
                path, line, f"expected 2 fields 'ID,Caption', found {len(row)} (quote captions holding commas)"
            )
        key = row[0].strip()
        _register(records, key, line, gold_ids, "ID")
        records.values[key] = row[1]
        records.end = line + 1
    return records


# --------------------------------------------------------------------------- JSON formats

def read_json_list(path: Path) -> list[tuple[int, Any]]:
    """The records of a JSON file whose top level is a list, each with the text line it starts on. Errors name
    the text line: a syntax error where it is, a record where it starts."""
    text = read_text(path)
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    try:
        if text[at:at + 1] != "[":
            if at < len(text):
                value, _ = decoder.raw_decode(text, at)
                raise RunValidationError(path, _line(text, at),
                                         f"the top level must be a JSON list of records, not {type(value).__name__}")
            raise RunValidationError(path, 1, "empty file: expected a JSON list of records")
        records: list[tuple[int, Any]] = []
        at = _skip_space(text, at + 1)
        if text[at:at + 1] == "]":
            return _end(text, at + 1, path, records)
        line, counted = 1, 0  # the line of offset `counted`: lines are counted once, as records advance
        while True:
            item, end = decoder.raw_decode(text, at)
            line, counted = line + text.count("\n", counted, at), at
            records.append((line, item))
            at = _skip_space(text, end)
            if text[at:at + 1] == "]":
                return _end(text, at + 1, path, records)
            if text[at:at + 1] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
            at = _skip_space(text, at + 1)
    except json.JSONDecodeError as err:
        raise RunValidationError(path, err.lineno, f"invalid JSON at line {err.lineno}, column {err.colno}: "
                                                   f"{err.msg}") from None
    except RecursionError:
        raise RunValidationError(path, _line(text, at), "the JSON nests too deeply to be a run") from None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _line(text: str | bytes, at: int) -> int:
    """The line (from 1) of offset ``at``, in text or in bytes."""
    return text.count(b"\n" if isinstance(text, bytes) else "\n", 0, at) + 1


def _end(text: str, at: int, path: Path, records: list) -> list:
    rest = _skip_space(text, at)
    if rest < len(text):
        raise RunValidationError(path, _line(text, rest), "unexpected text after the JSON list")
    return records


def _objects(path: Path) -> Iterator[tuple[int, dict]]:
    for line, item in read_json_list(path):
        if not isinstance(item, dict):
            raise RunValidationError(path, line, f"record must be a JSON object, not {type(item).__name__}")
        yield line, item


def _field(path: Path, number: int, item: dict, name: str, kinds: type | tuple, what: str) -> Any:
    if name not in item:
        raise RunValidationError(path, number, f"record has no {name!r} field")
    value = item[name]
    if value is None:
        raise RunValidationError(path, number, f"{name!r} is null")
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise RunValidationError(path, number, f"{name!r} must be {what}, not {type(value).__name__} {value!r}")
    return value


def _key(value: Any) -> str:
    return str(value)


def read_text_json(
    path: Path, *, id_field: str, text_field: str, gold_ids: Collection[str] | None = None,
    id_kinds: type | tuple = (str, int),
) -> Records:
    """JSON list of records with an id and a text field (MEDVQA, ToPicto)."""
    records = Records(Path(path))
    for number, item in _objects(path):
        key = _key(_field(path, number, item, id_field, id_kinds, "a string or an integer"))
        text = _field(path, number, item, text_field, str, "a string")
        _register(records, key, number, gold_ids, id_field)
        records.values[key] = text
        records.end = number + 1
    return records


def read_choices_json(path: Path, gold_ids: Collection[str] | None = None) -> Records:
    """JSON list of ``{id, answer_key, language}``; values are (answer_key, language)."""
    records = Records(Path(path))
    for number, item in _objects(path):
        key = _key(_field(path, number, item, "id", (str, int), "a string or an integer"))
        answer = _field(path, number, item, "answer_key", str, "a string")
        if answer not in ANSWER_KEYS:
            raise RunValidationError(path, number, f"answer_key {answer!r} for id {key!r} is not one of A, B, C, D, E")
        language = _field(path, number, item, "language", str, "a string")
        _register(records, key, number, gold_ids)
        records.values[key] = (answer, language)
        records.end = number + 1
    return records


def read_closedqa_json(path: Path, gold_ids: Collection[str] | None = None) -> Records:
    """JSON list of ``{encounter_id, "CQIDnnn-mmm": int, ...}`` → {encounter: {parent: [values]}}."""
    records = Records(Path(path))
    for number, item in _objects(path):
        encounter = _field(path, number, item, "encounter_id", str, "a string").split("-")[0]
        parents: dict[str, list[int]] = {}
        for key, value in item.items():
            if key == "encounter_id":
                continue
            if not QUESTION_KEY.fullmatch(key):
                raise RunValidationError(path, number, f"unknown field {key!r}: question ids look like 'CQID010-001'")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RunValidationError(path, number, f"{key!r} must be a 0-based integer option index, not {value!r}")
            parents.setdefault(key.split("-")[0], []).append(value)
        _register(records, encounter, number, gold_ids, "encounter_id")
        records.values[encounter] = parents
        records.end = number + 1
    return records
