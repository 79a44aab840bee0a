"""Load ``data/`` into validated models, collecting every error of the run with its position.

The kinds of files read here are listed in ``datafiles.DATA_FILES``. Every file goes through one collector:
one YAML parser, one mapping of validation errors to ``file:line:column: field: message``, one cache of
parsed files for ``mkdocs serve`` rebuilds. Checks across files (people, series, BibTeX keys, parent tasks,
boards against their tasks and scorers, events against editions) follow, and every problem of the run is
reported at once.
"""

from __future__ import annotations

import difflib
import functools
import math
import os
import types
import typing
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import bibliography, events, provenance, schedule
from .datafiles import KIND
from .errors import DataError, DataIssue, display_path, dotted, issue_at, not_utf8
from ..parallel import Batch
from .models import Board, Edition, Task
from .results.archive import SCORE_CACHE, ArchivedBoard, score_archives
from .results.ranking import rank_conflicts
from .sitedata import EditionData, EventData, Located, SiteData, Stamp
from .text import is_slug
from .yamlsrc import SourceMap, YamlSyntaxError, parse_yaml


class Collector:
    """Reads files and validates them against models, keeping every issue instead of stopping."""

    def __init__(self, root: Path):
        self.root = root
        self.issues: list[DataIssue] = []
        self.warnings: list[DataIssue] = []
        self.stamps: dict[Path, Stamp] = {}  # every file looked at, with the stat taken before reading
        self._parsing: tuple[list[tuple[Path, str]], Batch] | None = None  # see prefetch
        self._parsed_files: dict[Path, tuple[str, tuple]] = {}
        self.unscorable: set[str] = set()  # "year/task/board" of computed boards whose files failed their checks
        self.board_locs: dict[str, tuple] = {}  # "year/task/board" -> where in its results file: ("boards", i)
        self.entries: dict[tuple[str, str], tuple[SourceMap, int]] = {}  # (registry, id) -> its file and index
        self._names: dict[Path, str] = {}

    def stamp(self, path: Path) -> Stamp | None:
        """(modification time, size) of ``path`` from the first look at it in this load; None if missing. A
        folder (a segmentation run) counts its files: the latest modification time and the total size, since
        rewriting a file in place leaves the folder's own time as it was."""
        if path not in self.stamps:
            try:
                stat = path.stat()
                inside = [child.stat() for child in path.iterdir()] if path.is_dir() else []
            except OSError:  # missing, or not reachable (a path through a file)
                return None
            self.stamps[path] = (max([stat.st_mtime_ns] + [st.st_mtime_ns for st in inside]),
                                 sum(st.st_size for st in inside) if inside else stat.st_size)
        return self.stamps[path]

    def name(self, path: Path) -> str:
        """``path`` as messages and stamps name it (each path is resolved once per load)."""
        if path not in self._names:
            self._names[path] = display_path(path, self.root)
        return self._names[path]

    def error(self, source: SourceMap, loc: tuple, message: str, *, key: bool = False) -> None:
        self.issues.append(issue_at(source, loc, message, key=key))

    def _cache_key(self, path: Path, model: Any) -> tuple | None:
        stamp = self.stamp(path)  # taken before the file is read: a later change gives a new key
        return None if stamp is None else (os.path.abspath(path), *stamp, repr(model))

    def prefetch(self, plan: list[tuple[Path, Any]]) -> None:
        """Start parsing the files of ``plan`` (path, model) that ``read`` will not find in the cache, in
        worker processes when there are many; ``read`` collects them."""
        todo: list[tuple[Path, str]] = []
        for path, model in plan:
            key = self._cache_key(path, model)
            if key is None or key in _READ_CACHE:
                continue
            try:
                todo.append((path, path.read_text(encoding="utf-8")))
            except (FileNotFoundError, UnicodeDecodeError):
                continue  # ``read`` reports it
        self._parsing = (todo, Batch(_parse, [text for _, text in todo], min_items_per_worker=50))

    def read(self, path: Path, model: Any) -> Located | None:
        """Parse ``path`` and validate it as ``model`` (a pydantic class or a ``list[...]`` type).

        Results are kept per process by (path, modification time, size, model), so a `mkdocs serve`
        rebuild after one file changed parses and validates only that file.
        """
        key = self._cache_key(path, model)
        if key is not None and key in _READ_CACHE:
            located, issues = _READ_CACHE[key]
            self.issues += issues
            return located
        before = len(self.issues)
        located = self._read(path, model)
        if key is not None:
            _READ_CACHE[key] = (located, self.issues[before:])
        return located

    def _parsed(self, path: Path) -> tuple[str, tuple] | None:
        if self._parsing is not None:
            todo, batch = self._parsing
            self._parsed_files.update((p, (text, result)) for (p, text), result in zip(todo, batch.results()))
            self._parsing = None
        return self._parsed_files.pop(path, None)

    def _read(self, path: Path, model: Any) -> Located | None:
        file = self.name(path)
        parsed = self._parsed(path)
        if parsed is None:
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                self.issues.append(DataIssue(file, 1, 1, "", "file is missing"))
                return None
            except UnicodeDecodeError as exc:
                self.issues.append(not_utf8(file, path.read_bytes(), exc))
                return None
            parsed = (text, _parse(text))
        text, (ok, *result) = parsed
        if not ok:
            line, column, message = result
            self.issues.append(DataIssue(file, line, column, "", message))
            return None
        source = SourceMap(file, text)
        value = self.validate(result[0], source, model)
        return None if value is None else Located(value, source)

    def validate(self, raw: Any, source: SourceMap, model: Any, prefix: tuple = ()) -> Any | None:
        """Validate ``raw`` (found at ``prefix`` in the file) as ``model``; report errors and return None."""
        adapter = _adapter(model)
        try:
            return adapter.validate_python(raw)
        except ValidationError as exc:
            for err in exc.errors():
                self.issues.append(_validation_issue(source, err, adapter, prefix))
            return None


_READ_CACHE: dict[tuple, tuple[Located | None, list[DataIssue]]] = {}


def _parse(text: str) -> tuple:
    """(True, values) or (False, line, column, message): plain data, cheap to send back from a worker."""
    try:
        return (True, parse_yaml(text))
    except YamlSyntaxError as exc:
        return (False, exc.line, exc.column, exc.message)


def _validation_issue(source: SourceMap, err: dict, adapter: TypeAdapter, prefix: tuple) -> DataIssue:
    """The one mapping of a pydantic error to a located message."""
    loc = prefix + tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        known = _field_names_at(adapter, tuple(err["loc"])[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = f"unknown key {loc[-1]!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
        return issue_at(source, loc, message, key=True)
    if kind == "missing":
        return issue_at(source, loc[:-1], f"required key {loc[-1]!r} is missing", field=dotted(loc))
    if kind.startswith("date") or kind.startswith("time"):
        what = "date" if kind.startswith("date") else "time"
        shape = "YYYY-MM-DD" if what == "date" else "HH:MM"
        return issue_at(source, loc, f'invalid {what} "{err.get("input")}" (expected {shape})')
    message = err["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "enum", "string_pattern_mismatch"):
        message += f' (got "{err.get("input")}")'
    if kind == "string_type" and isinstance(err.get("input"), bool):
        message += (": YAML reads an unquoted yes, no, on, off, true or false (in any case, e.g. NO for Norway) "
                    'as a boolean; put the text in quotes, e.g. "NO"')
    return issue_at(source, loc, message)


@functools.lru_cache(maxsize=None)
def _adapter(model: Any) -> TypeAdapter:
    return TypeAdapter(model)


def _field_names_at(adapter: TypeAdapter, loc: tuple) -> list[str]:
    """Field names of the model reached by following ``loc`` from the adapter's type."""
    tp: Any = adapter._type  # noqa: SLF001 - the type the adapter was built for
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            args = typing.get_args(tp)
            tp = args[0] if args else Any
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            tp = tp.model_fields[part].annotation
        else:
            return []
    tp = _unwrap(tp)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional wrappers."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _registry(col: Collector, path: Path, kind: str) -> tuple[dict[str, Any], set[str]]:
    """A YAML list of entries with unique ``id`` fields, each validated on its own.

    Returns the valid entries and the ids of invalid ones, so references to those are not reported twice. The
    source map and index of each entry are kept in ``col.entries`` (for checks across files).
    """
    entry_model = typing.get_args(KIND[kind].model)[0]
    located = col.read(path, list[dict[str, Any]])
    entries: dict[str, Any] = {}
    broken: set[str] = set()
    for i, raw in enumerate(located.value if located else []):
        entry = col.validate(raw, located.source, entry_model, (i,))
        if entry is None:
            broken.add(str(raw.get("id")))
            continue
        if entry.id in entries:
            col.error(located.source, (i, "id"), f"duplicate id {entry.id!r}")
        entries[entry.id] = entry
        col.entries[(kind, entry.id)] = (located.source, i)
    return entries, broken


def _files(data_dir: Path, kind: str) -> list[Path]:
    return sorted(data_dir.glob(KIND[kind].pattern))


def _file(data_dir: Path, kind: str) -> Path:
    """The one file of a kind that is a single file (site, people, series)."""
    return data_dir / KIND[kind].pattern


def load_data(data_dir: Path | str, *, root: Path | str | None = None, cache_dir: Path | None = None) -> SiteData:
    """Read and check everything under ``data_dir`` and score the archived runs of computed boards (through the
    score cache ``cache_dir``, by default ``.cache/scores`` of ``root``); raise DataError listing every problem,
    those of the archived runs included."""
    data_dir = Path(data_dir)
    col = Collector(Path(root) if root else data_dir.parent)
    cache_dir = col.root / SCORE_CACHE if cache_dir is None else cache_dir

    edition_dirs = sorted((p for p in (data_dir / "editions").glob("*") if p.is_dir()), reverse=True)
    edition_files = {folder: _edition_files(folder) for folder in edition_dirs}
    event_files = _files(data_dir, "events")
    plan: list[tuple[Path, Any]] = [(_file(data_dir, "site"), KIND["site"].model)]
    plan += [(_file(data_dir, kind), list[dict[str, Any]]) for kind in ("people", "series")]
    for folder, (task_files, result_files) in edition_files.items():
        plan += [(folder / "edition.yml", KIND["edition"].model), *((p, KIND["task"].model) for p in task_files),
                 *((p, KIND["results"].model) for p in result_files)]
    plan += [(p, KIND["events"].model) for p in event_files]
    col.prefetch(plan)  # YAML parsed by workers while the BibTeX files are parsed here

    bib_files = sorted((data_dir / "publications").glob("*.bib"))
    for path in bib_files:  # stat before the reader opens them
        col.stamp(path)
    publications, bib_issues, bib_warnings = bibliography.load_publications(bib_files, col.name)
    col.issues += bib_issues
    col.warnings += bib_warnings

    site = col.read(_file(data_dir, "site"), KIND["site"].model)
    people, broken_people = _registry(col, _file(data_dir, "people"), "people")
    series, broken_series = _registry(col, _file(data_dir, "series"), "series")
    references = _References(col, people, broken_people, series, broken_series, publications, data_dir)
    loaded_events = _load_events(col, event_files)

    editions: dict[int, EditionData] = {}
    if not edition_dirs:
        col.issues.append(DataIssue(col.name(data_dir / "editions"), 1, 1, "", "no edition folders found"))
    without_edition: list[tuple[dict[str, Task], dict[str, SourceMap]]] = []  # tasks of a broken edition.yml
    for folder in edition_dirs:
        loaded = _load_edition(col, folder, *edition_files[folder])
        if isinstance(loaded, EditionData):
            editions[loaded.year] = loaded
        else:
            without_edition.append(loaded)

    for edition in editions.values():
        errors, warnings = schedule.check_edition(edition)
        col.issues += errors
        col.warnings += warnings
    for ev in loaded_events:
        errors, warnings = events.check_event(ev, set(editions))
        col.issues += errors
        for i, pid in enumerate(ev.event.organisers):
            references.person(ev.source, ("organisers", i), pid)
        col.warnings += warnings
    for edition in editions.values():
        _check_references(references, edition)
    for tasks, task_sources in without_edition:
        _check_task_references(references, tasks, task_sources)
    _check_earlier_editions(col, series, editions)
    if site is not None:
        current = site.value.current_edition
        if current is not None and editions and current not in editions:
            col.error(site.source, ("current_edition",), f"no edition {current} in data/editions/")
    col.issues += references.folded()

    archived = [ArchivedBoard((year, slug, b), board) for year, ed in editions.items()
                for slug, boards in ed.boards.items() for b, board in enumerate(boards)
                if board.computed is not None and f"{year}/{slug}/{board.id}" not in col.unscorable]
    scores, run_issues = score_archives(archived, data_dir=data_dir, root=col.root, cache_dir=cache_dir)
    col.issues += run_issues
    for item in archived:
        if item.key in scores:
            year, slug, _ = item.key
            key = f"{slug}/{item.board.id}"
            where = col.board_locs[f"{year}/{key}"]
            for conflict in rank_conflicts(item.board, scores[item.key]):
                col.error(editions[year].board_sources[key], where + ("rows", conflict.row, "rank"),
                          f"the published rank {conflict.published} disagrees with the computed values, which rank "
                          f"{conflict.team} {conflict.implied}")
    if col.issues:
        raise DataError(col.issues)
    assert site is not None
    data = SiteData(col.root, data_dir, site.value, people, series, editions, publications, loaded_events,
                    sorted(col.warnings), {col.name(p): stamp for p, stamp in sorted(col.stamps.items())}, scores)
    _register_origins(data, col)
    return data


def _load_events(col: Collector, paths: list[Path]) -> list[EventData]:
    found: list[EventData] = []
    for path in paths:
        if not is_slug(path.stem):
            col.issues.append(DataIssue(col.name(path), 1, 1, "", f"file name {path.stem!r} is not a slug "
                                                                  "(lower-case letters, digits, hyphens)"))
            continue
        located = col.read(path, KIND["events"].model)
        if located is not None:
            found.append(EventData(path.stem, located.value, located.source))
    return found


def _register_origins(data: SiteData, col: Collector) -> None:
    """Tell ``provenance`` which files each loaded object comes from (see ``provenance.recording``)."""
    provenance.reset()
    name = col.name
    provenance.register(data.site, [name(_file(data.data_dir, "site"))])
    for entries, kind in ((data.people, "people"), (data.series, "series")):
        origin = [name(_file(data.data_dir, kind))]
        for entry in entries.values():
            provenance.register(entry, origin)
    for pub in data.publications.values():
        provenance.register(pub, [pub.file])
    for ev in data.events:
        provenance.register(ev, [ev.source.file])
        provenance.register(ev.event, [ev.source.file])
    for year, ed in data.editions.items():
        # what tasks and boards an edition has changes only with edition.yml or with the set of files (after
        # which every page is rendered again); each task and board records its own file when read
        provenance.register(ed, [ed.source.file])
        provenance.register(ed.edition, [ed.source.file])
        for slug, task in ed.tasks.items():
            provenance.register(task, [ed.task_sources[slug].file])
        for slug, boards in ed.boards.items():
            for board in boards:
                files = [ed.board_sources[f"{slug}/{board.id}"].file]
                if board.computed is not None:
                    files += [name(data.data_dir / rel) for rel in (board.computed.gold, board.computed.gold_secondary)
                              if rel is not None]
                    files += [name(data.data_dir / rel) for row in board.rows if (rel := board.run_file(row))]
                provenance.register(board, files)


def _edition_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The task files and the result files of an edition folder."""
    return sorted((folder / "tasks").glob("*.yml")), sorted((folder / "results").glob("*.yml"))


def _load_edition(col: Collector, folder: Path, task_files: list[Path],
                  result_files: list[Path]) -> EditionData | tuple[dict[str, Task], dict[str, SourceMap]]:
    """The edition, or, when its edition.yml does not load, the tasks that did (to check what they name)."""
    located = col.read(folder / "edition.yml", KIND["edition"].model)
    tasks: dict[str, Task] = {}
    task_sources: dict[str, SourceMap] = {}
    broken: set[str] = set()  # stems of task files that failed; no follow-on errors about them
    for path in task_files:
        task = col.read(path, KIND["task"].model)
        if task is None:
            broken.add(path.stem)
            continue
        slug = task.value.slug
        if slug in tasks:
            other = task_sources[slug].file
            col.error(task.source, ("slug",), f"duplicate task slug {slug!r} (also in {other})")
            continue
        tasks[slug] = task.value
        task_sources[slug] = task.source

    boards: dict[str, list[Board]] = defaultdict(list)
    board_sources: dict[str, SourceMap] = {}
    data_dir = folder.parent.parent
    for path in result_files:
        results = col.read(path, KIND["results"].model)
        if results is None:
            continue
        file, src = results.value, results.source
        task = tasks.get(file.task)
        if task is None and file.task not in broken:
            col.error(src, ("task",), f"no task {file.task!r} in this edition")
        for b, board in enumerate(file.boards):
            key = f"{file.task}/{board.id}"
            if key in board_sources:
                col.error(src, ("boards", b, "id"),
                          f"duplicate board id {board.id!r} for task {file.task!r} (also in {board_sources[key].file})")
                continue
            if not _check_board(col, src, ("boards", b), board, task, data_dir):
                col.unscorable.add(f"{folder.name}/{key}")
            boards[file.task].append(board)
            board_sources[key] = src
            col.board_locs[f"{folder.name}/{key}"] = ("boards", b)

    if located is None:
        return tasks, task_sources
    edition: Edition = located.value
    if folder.name != str(edition.year):
        col.error(located.source, ("year",), f"year {edition.year} does not match the folder name {folder.name!r}")
    for i, slug in enumerate(edition.tasks):
        if slug not in tasks and slug not in broken:
            col.error(located.source, ("tasks", i), f"task {slug!r} has no file tasks/{slug}.yml with that slug")
    listed = set(edition.tasks)
    for slug, source in task_sources.items():
        if slug not in listed:
            col.error(source, ("slug",), f"task {slug!r} is not listed under `tasks` in {located.source.file}")
    ordered = {slug: tasks[slug] for slug in edition.tasks if slug in tasks}
    for slug, task_boards in boards.items():  # boards follow the task's subtask order, then file order
        order = [s.id for s in tasks[slug].subtasks] if slug in tasks else []
        task_boards.sort(key=lambda b: order.index(b.subtask) if b.subtask in order else len(order))
    return EditionData(edition, located.source, ordered, task_sources, dict(boards), board_sources)


def _check_board(col: Collector, src: SourceMap, loc: tuple, board: Board, task: Task | None, data_dir: Path) -> bool:
    """A board against its task (``None`` when the task itself failed to load), its scorer, its columns' ranges
    and the files it names (each must be inside ``data/``, a run file inside the board's runs folder; their
    stamps are taken: a change of an archived run is a change of the data). Returns whether its archived runs
    can be scored."""
    if task is not None and board.subtask is not None and board.subtask not in {s.id for s in task.subtasks}:
        col.error(src, loc + ("subtask",), f"task {task.slug!r} has no subtask {board.subtask!r}")
    outputs = _check_scorer(col, src, loc, board) if board.computed is not None else {}
    columns = {c.key: c for c in board.columns}
    for r, row in enumerate(board.rows):
        for k in row.missing:
            if board.computed is not None:
                col.error(src, loc + ("rows", r, "missing", k), "a computed board's cells come from its archived runs: "
                                                              "remove `missing`", key=True)
            elif k not in columns:
                col.error(src, loc + ("rows", r, "missing", k), f"no column {k!r} in this board", key=True)
            elif k in row.values:
                col.error(src, loc + ("rows", r, "missing", k), f"{k!r} has a value: it cannot be missing too", key=True)
        if board.computed is None:
            absent = [c.key for c in board.columns if c.key not in row.values and c.key not in row.missing]
            if absent:
                col.error(src, loc + ("rows", r), f"no value for {', '.join(map(repr, absent))}: give it under "
                                                 "`values`, or under `missing` with why the table has none")
        for k, value in row.values.items():
            column = columns.get(k)
            if column is None:
                col.error(src, loc + ("rows", r, "values", k), f"no column {k!r} in this board", key=True)
                continue
            low, high = _range(column, (outputs or {}).get(k))
            if not low <= value <= high:
                col.error(src, loc + ("rows", r, "values", k),
                          f"{value} is outside the range of {column.label} ({_bounds(low, high)})")
    if board.computed is None:
        return True
    ok = outputs is not None
    folders: dict[str, Path] = {}
    for name in ("gold", "runs", "gold_secondary"):
        rel = getattr(board.computed, name)
        if rel is None:
            continue
        path = _inside(col, src, loc + ("computed", name), data_dir, rel, data_dir, "data/")
        ok = ok and path is not None
        if path is not None:
            folders[name] = path
    runs = folders.get("runs")
    for r, row in enumerate(board.rows):
        rel = board.run_file(row)
        if rel is None or runs is None:
            continue
        field = "file" if row.file is not None else "run"
        path = _inside(col, src, loc + ("rows", r, field), data_dir, rel, runs,
                       f"the runs folder {board.computed.runs}/", must_exist=False)
        if path is None or path in (folders.get("gold"), folders.get("gold_secondary")):
            if path is not None:
                col.error(src, loc + ("rows", r, field), "the run file is the gold file")
            ok = False
        elif col.stamp(path) is None:
            col.error(src, loc + ("rows", r), f"run file {col.name(data_dir / rel)} does not exist")
            ok = False
    for path in folders.values():
        col.stamp(path)
    return ok


def _inside(col: Collector, src: SourceMap, loc: tuple, data_dir: Path, rel: str, folder: Path, where: str, *,
            must_exist: bool = True) -> Path | None:
    """``data_dir / rel`` with symbolic links followed, if it is inside ``folder``; else None and an error."""
    path, base = (data_dir / rel).resolve(), folder.resolve()
    if path != base and base not in path.parents:
        col.error(src, loc, f"{rel!r} is outside {where}: files of a board must be inside it"
                            + (" (a link there points elsewhere)" if (data_dir / rel).is_symlink() else ""))
        return None
    if must_exist and not path.exists():
        col.error(src, loc, f"{rel!r} does not exist under data/")
        return None
    return path


def _range(column, output) -> tuple[float, float]:
    """The values a column may hold: as declared, else as its scorer declares, else any number from 0."""
    low = column.min if column.min is not None else (output.low if output is not None else 0.0)
    high = column.max if column.max is not None else (output.high if output is not None else math.inf)
    return low, high


def _bounds(low: float, high: float) -> str:
    return f"from {low:g}" if math.isinf(high) else f"{low:g} to {high:g}"


def _check_scorer(col: Collector, src: SourceMap, loc: tuple, board: Board) -> dict | None:
    """The board's scorer exists, takes the board's options, and produces each column in its direction.
    Returns the scorer's outputs (None when the scorer cannot score this board)."""
    from ..scoring import Options, get_scorer

    computed = board.computed
    try:
        scorer = get_scorer(computed.scorer)
    except ValueError as exc:
        col.error(src, loc + ("computed", "scorer"), str(exc))
        return None
    options = Options(language=computed.language, secondary=computed.gold_secondary is not None)
    problem = scorer.option_problem(options)
    if problem:
        col.error(src, loc + ("computed",), problem)
        return None
    outputs = scorer.outputs_for(options)
    for c, column in enumerate(board.columns):
        output = outputs.get(column.key)
        if output is None:
            col.error(src, loc + ("columns", c, "key"), f"scorer {scorer.name!r} does not produce {column.key!r} "
                                                       f"(it produces {', '.join(outputs)})")
        elif output.direction != column.direction:
            col.error(src, loc + ("columns", c, "direction"),
                      f"{output.direction} is better for {column.key!r} (scorer {scorer.name!r}), not {column.direction}")
    return outputs


class _References:
    """Checks of ids and keys against the registries, and the folding of their follow-on errors: when a
    registry file did not load, the references to it are counted in one line instead of one error each."""

    def __init__(self, col: Collector, people, broken_people, series, broken_series, publications, data_dir: Path):
        self.col, self.people, self.series, self.publications = col, people, series, publications
        self.broken = broken_people | broken_series  # ids of entries that failed on their own
        self.unloaded = {what: col.name(_file(data_dir, what)) for what, entries, broken in
                         (("people", people, broken_people), ("series", series, broken_series))
                         if not entries and not broken}  # the whole file failed (or is empty)
        self.skipped: Counter[str] = Counter()  # references not checked, by registry that did not load

    def _unknown(self, registry: str, entries: dict, ident: str) -> bool:
        """Whether ``ident`` must be reported: not in ``registry``, not one of its broken entries, and the
        registry loaded (otherwise the reference is only counted)."""
        if ident in entries or ident in self.broken:
            return False
        if registry in self.unloaded:
            self.skipped[registry] += 1
            return False
        return True

    def person(self, source: SourceMap, loc: tuple, pid: str) -> None:
        if self._unknown("people", self.people, pid):
            hint = difflib.get_close_matches(pid, list(self.people), n=1)
            self.col.error(source, loc, f"unknown person {pid!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))

    def series_id(self, source: SourceMap, loc: tuple, sid: str) -> None:
        if self._unknown("series", self.series, sid):
            self.col.error(source, loc, f"unknown series {sid!r} (add it to data/series.yml)")

    def publication(self, source: SourceMap, loc: tuple, key: str | None) -> None:
        if key is not None and key.lower() not in self.publications:
            self.col.error(source, loc, f"no BibTeX entry {key!r} in data/publications/")

    def folded(self) -> list[DataIssue]:
        """One line per registry that did not load, at the place of its first error (after it)."""
        found = []
        for what, count in sorted(self.skipped.items()):
            file = self.unloaded[what]
            cause = next((i for i in self.col.issues if i.file == file), None)
            line, column = (cause.line, cause.column) if cause else (1, 1)
            found.append(DataIssue(file, line, column, "", f"{count} reference(s) to {what} were not checked "
                                                           f"because {file} did not load"))
        return found


def _check_earlier_editions(col: Collector, series: dict, editions: dict[int, EditionData]) -> None:
    """A year in a series' ``earlier_editions`` may not be a kept edition with a task of the series."""
    shown = {(task.series, year): task.slug for year, ed in editions.items() for task in ed.tasks.values()
             if task.status == "held"}
    for sid, entry in series.items():
        source, index = col.entries[("series", sid)]
        for j, year in enumerate(entry.earlier_editions):
            if (sid, year) in shown:
                col.error(source, (index, "earlier_editions", j),
                          f"{year} is kept in data/editions/ with the task {shown[(sid, year)]!r} of this series: "
                          "remove it from earlier_editions")


def _check_references(refs: _References, ed: EditionData) -> None:
    col, edition, src = refs.col, ed.edition, ed.source
    for g, group in enumerate(edition.committee):
        for p, pid in enumerate(group.people):
            refs.person(src, ("committee", g, "people", p), pid)
    refs.publication(src, ("overview",), edition.overview)
    for slug, task in ed.tasks.items():
        tsrc = ed.task_sources[slug]
        if task.parent is not None:
            parent = ed.tasks.get(task.parent)
            if parent is None:
                col.error(tsrc, ("parent",), f"no task {task.parent!r} in this edition")
            elif parent.parent is not None:
                col.error(tsrc, ("parent",), f"{task.parent!r} is itself a subtask; nesting is one level deep")
    _check_task_references(refs, ed.tasks, ed.task_sources)


def _check_task_references(refs: _References, tasks: dict[str, Task], sources: dict[str, SourceMap]) -> None:
    """What each task file names elsewhere (series, people, publications) and its subtask ids; also run for the
    tasks of an edition whose edition.yml is broken, so that one mistake does not hide the others."""
    for slug, task in tasks.items():
        tsrc = sources[slug]
        refs.series_id(tsrc, ("series",), task.series)
        for p, pid in enumerate(task.organisers):
            refs.person(tsrc, ("organisers", p), pid)
        refs.publication(tsrc, ("overview",), task.overview)
        for c, key in enumerate(task.citations):
            refs.publication(tsrc, ("citations", c), key)
        ids = [s.id for s in task.subtasks]
        for i, sid in enumerate(ids):
            if sid in ids[:i]:
                refs.col.error(tsrc, ("subtasks", i, "id"), f"duplicate subtask id {sid!r}")
