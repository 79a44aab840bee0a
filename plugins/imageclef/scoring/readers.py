"""Readers and validators for the run formats (CSV and JSON lists).

Every reader checks a file while it reads it. A bad record is noted and the
reading goes on, so that one :class:`RunValidationError` reports every bad line
of the file (1-based; for JSON, the line a record starts on); a file that cannot
be read further (not UTF-8, malformed CSV, invalid JSON, a wrong header) stops
there, with the problems noted before. Passing ``gold_ids`` makes a run reader
reject unknown ids on the line where they appear and, once the file is read to its
end, report the gold ids it never gave (all of ``gold_ids``, or only ``required``)
at the line after the last one, together with the other problems.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
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


class Problems:
    """The problems of one file. Readers (and scorers' own checks) note a bad record and go on; leaving the
    ``with`` block raises one RunValidationError with every problem, the one that stopped the reading included,
    in line order (at most ``LIMIT``, then a count of the others)."""

    LIMIT = 50

    def __init__(self, path: Path):
        self.path = Path(path)
        self.found: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self.found.append((line, message))

    def __enter__(self) -> Problems:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if kind is not None and not issubclass(kind, RunValidationError):
            return False
        found = sorted(self.found + (error.problems if error is not None else []), key=lambda p: p[0])
        if not found:
            return False
        shown = found[:self.LIMIT]
        if len(found) > self.LIMIT:
            shown.append((found[self.LIMIT][0], f"... and {len(found) - self.LIMIT} more problem(s)"))
        raise RunValidationError(self.path, *shown[0], more=tuple(shown[1:])) from None


# --------------------------------------------------------------------------- text

def read_text(path: Path) -> str:
    """UTF-8 text (a BOM is allowed); undecodable bytes name their line."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RunValidationError(path, _line(data, err.start), f"not valid UTF-8 ({err.reason})") from None


def _csv_rows(path: Path, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, fields) for each CSV record; blank lines are problems."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    start = 1
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                problems.add(start, "blank line")
            else:
                yield start, row
            start = reader.line_num + 1
    except csv.Error as err:
        raise RunValidationError(path, reader.line_num or start, f"malformed CSV: {err}") from None


@contextmanager
def _reading(path: Path, gold_ids: Collection[str] | None, required: Collection[str] | None, what: str, *,
             end: int = 1) -> Iterator[tuple[Records, Problems, Callable[[str, int, Any], None]]]:
    """The records and problems of one file, and ``keep(key, line, value)``, which stores a record unless its
    ``what`` (id) is empty, repeated or not among ``gold_ids`` (then a problem). Once the file is read to its end,
    the gold ids it never gave validly (``required``, else all of ``gold_ids``) are one more problem, at the line
    after the last one."""
    records = Records(Path(path), end=end)

    def keep(key: str, line: int, value: Any) -> None:
        if not key:
            problems.add(line, f"empty {what}")
        elif key in records.lines:
            problems.add(line, f"duplicate {what} {key!r} (first given on line {records.lines[key]})")
        elif gold_ids is not None and key not in gold_ids:
            problems.add(line, f"unknown {what} {key!r} (not in the gold file)")
        else:
            records.lines[key] = line
            records.values[key] = value

    with Problems(path) as problems:
        yield records, problems, keep
        expected = gold_ids if required is None else required
        missing = [k for k in expected or () if k not in records.values]
        if missing:
            shown = ", ".join(repr(k) for k in missing[:5]) + (", ..." if len(missing) > 5 else "")
            noun = what if len(missing) == 1 else what + "s"
            also = " (or given only on a bad line)" if problems.found else ""
            problems.add(records.end, f"{len(missing)} gold {noun} missing from the file{also}: {shown}")


# --------------------------------------------------------------------------- CSV formats

def read_label_csv(path: Path, *, labels: Collection[str] | None, gold_ids: Collection[str] | None = None,
                   required: Collection[str] | None = None) -> Records:
    """Headerless ``id,label`` CSV (GANs). ``labels`` restricts the allowed labels."""
    with _reading(path, gold_ids, required, "id") as (records, problems, keep):
        for line, row in _csv_rows(path, problems):
            records.end = line + 1
            if len(row) != 2:
                problems.add(line, f"expected 2 fields 'id,label', found {len(row)}")
                continue
            key, label = row[0].strip(), row[1].strip()
            if labels is not None and label not in labels:
                problems.add(line, f"label {label!r} for id {key!r} is not {' or '.join(sorted(labels))}")
            elif not label:
                problems.add(line, f"empty label for id {key!r}")
            else:
                keep(key, line, label)
    return records


def _header_rows(path: Path, header: tuple[str, ...], problems: Problems) -> Iterator[tuple[int, list[str]]]:
    rows = _csv_rows(path, problems)
    first = next(rows, None)
    if first is None:
        raise RunValidationError(path, 1, f"empty file: expected the header {','.join(header)}")
    line, row = first
    if tuple(row) != header:
        raise RunValidationError(path, line, f"wrong header {','.join(row)!r}: expected {','.join(header)!r}")
    yield from rows


def read_concepts_csv(path: Path, gold_ids: Collection[str] | None = None,
                      required: Collection[str] | None = None) -> Records:
    """``ID,CUIs`` CSV; concepts joined by ``;`` (stripped, at most 100, no duplicates)."""
    with _reading(path, gold_ids, required, "ID", end=2) as (records, problems, keep):
        for line, row in _header_rows(path, ("ID", "CUIs"), problems):
            records.end = line + 1
            if len(row) > 2:
                problems.add(line, f"expected 'ID,CUIs', found {len(row)} fields")
                continue
            key = row[0].strip()
            field_ = row[1] if len(row) == 2 else ""
            concepts = [c.strip() for c in field_.split(";")] if field_.strip() else []
            concepts = [c for c in concepts if c]
            if len(concepts) > MAX_CONCEPTS:
                problems.add(line, f"{len(concepts)} concepts for {key!r}: at most {MAX_CONCEPTS} are allowed")
            elif len(set(concepts)) != len(concepts):
                dup = next(c for i, c in enumerate(concepts) if c in concepts[:i])
                problems.add(line, f"concept {dup!r} given more than once for {key!r}")
            else:
                keep(key, line, concepts)
    return records


def read_captions_csv(path: Path, gold_ids: Collection[str] | None = None,
                      required: Collection[str] | None = None) -> Records:
    """``ID,Caption`` CSV (captions quoted when they hold a comma)."""
    with _reading(path, gold_ids, required, "ID", end=2) as (records, problems, keep):
        for line, row in _header_rows(path, ("ID", "Caption"), problems):
            records.end = line + 1
            if len(row) != 2:
                problems.add(line, f"expected 2 fields 'ID,Caption', found {len(row)} (quote captions holding commas)")
                continue
            key = row[0].strip()
            keep(key, line, row[1])
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


def _objects(path: Path, problems: Problems) -> Iterator[tuple[int, dict]]:
    for line, item in read_json_list(path):
        if isinstance(item, dict):
            yield line, item
        else:
            problems.add(line, f"record must be a JSON object, not {type(item).__name__}")


def _field(problems: Problems, number: int, item: dict, name: str, kinds: type | tuple, what: str) -> Any:
    """The record's field ``name`` if it is one of ``kinds``; else None, and a problem."""
    value = item.get(name)
    if name not in item:
        problems.add(number, f"record has no {name!r} field")
    elif value is None:
        problems.add(number, f"{name!r} is null")
    elif isinstance(value, bool) or not isinstance(value, kinds):
        problems.add(number, f"{name!r} must be {what}, not {type(value).__name__} {value!r}")
    else:
        return value
    return None


def _key(value: Any) -> str:
    return str(value)


def read_text_json(
    path: Path, *, id_field: str, text_field: str, gold_ids: Collection[str] | None = None,
    required: Collection[str] | None = None, id_kinds: type | tuple = (str, int),
) -> Records:
    """JSON list of records with an id and a text field (MEDVQA, ToPicto)."""
    with _reading(path, gold_ids, required, id_field) as (records, problems, keep):
        for number, item in _objects(path, problems):
            records.end = number + 1
            key = _field(problems, number, item, id_field, id_kinds, "a string or an integer")
            text = _field(problems, number, item, text_field, str, "a string")
            if key is None or text is None:
                continue
            keep(_key(key), number, text)
    return records


def read_choices_json(path: Path, gold_ids: Collection[str] | None = None,
                      required: Collection[str] | None = None) -> Records:
    """JSON list of ``{id, answer_key, language}``; values are (answer_key, language)."""
    with _reading(path, gold_ids, required, "id") as (records, problems, keep):
        for number, item in _objects(path, problems):
            records.end = number + 1
            key = _field(problems, number, item, "id", (str, int), "a string or an integer")
            answer = _field(problems, number, item, "answer_key", str, "a string")
            language = _field(problems, number, item, "language", str, "a string")
            if key is None or answer is None or language is None:
                continue
            key = _key(key)
            if answer not in ANSWER_KEYS:
                problems.add(number, f"answer_key {answer!r} for id {key!r} is not one of A, B, C, D, E")
            else:
                keep(key, number, (answer, language))
    return records


def read_closedqa_json(path: Path, gold_ids: Collection[str] | None = None,
                       required: Collection[str] | None = None) -> Records:
    """JSON list of ``{encounter_id, "CQIDnnn-mmm": int, ...}`` → {encounter: {parent: [values]}}."""
    with _reading(path, gold_ids, required, "encounter_id") as (records, problems, keep):
        for number, item in _objects(path, problems):
            records.end = number + 1
            encounter = _field(problems, number, item, "encounter_id", str, "a string")
            parents: dict[str, list[int]] = {}
            valid = encounter is not None
            for key, value in item.items():
                if key == "encounter_id":
                    continue
                if not QUESTION_KEY.fullmatch(key):
                    problems.add(number, f"unknown field {key!r}: question ids look like 'CQID010-001'")
                elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    problems.add(number, f"{key!r} must be a 0-based integer option index, not {value!r}")
                else:
                    parents.setdefault(key.split("-")[0], []).append(value)
                    continue
                valid = False
            if valid:
                keep(encounter.split("-")[0], number, parents)
    return records
