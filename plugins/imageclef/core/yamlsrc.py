"""YAML loading that can say where every value came from.

Values are built from libyaml's parser events. Positions are needed only to report a problem, so they are
worked out when first asked for: a ``SourceMap`` keeps the file's text and, on the first lookup, parses it
again recording the line and column of each value's path (``("schedule", 0, "date")``) and of each
mapping key, so that a pydantic error ``loc`` can be reported as ``file:line:column``.
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

import yaml

from .text import line_column

Path_ = tuple[Any, ...]


class _Positions:
    def __init__(self) -> None:
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.collections: set[Path_] = set()  # paths whose value is a mapping or a list


class SourceMap:
    """Positions (1-based line, column) of the values and mapping keys of one file, by path."""

    def __init__(self, file: str, text: str):
        self.file, self.text = file, text

    @cached_property
    def _positions(self) -> _Positions:
        positions = _Positions()
        _parse(self.text, lambda get_event: _record(get_event, positions))
        return positions

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        return self._positions.values

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        return self._positions.keys

    @property
    def collections(self) -> set[Path_]:
        return self._positions.collections

    def locate(self, path: Path_, *, prefer_key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while True:
            if (prefer_key or path in self.collections) and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class YamlSyntaxError(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# libyaml's parser (C) when present; values are built from its events directly, which skips PyYAML's per-node
# Python resolver. Mapping keys stay strings; plain scalar values are typed with YAML's standard (safe) rules.
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_constructor = yaml.SafeLoader("")
_resolver = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a data file may have (the deepest real file has 6 levels)."""

_ScalarEvent = yaml.ScalarEvent
_AliasEvent = yaml.AliasEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_END_EVENTS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})
_NODE_EVENTS = frozenset({_ScalarEvent, _AliasEvent, _MappingStartEvent, _SequenceStartEvent})
_DocumentStartEvent = yaml.DocumentStartEvent

# The value of an untagged plain scalar depends on its text alone, and is immutable (str, int, float, bool, None,
# date, datetime), so it is memoised by text. The cache is simply emptied when it grows large.
_plain_cache: dict[str, Any] = {}
_PLAIN_CACHE_MAX = 20_000
_MISSING = object()
_IMMUTABLE = frozenset({str, int, float, bool, type(None), datetime.date, datetime.datetime})


def _construct(tag: str, event: yaml.ScalarEvent) -> Any:
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style or None)
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        return event.value  # e.g. an impossible date 2026-02-31: validation reports it as a bad date
    finally:  # the constructor remembers every node it has seen; ours are one-offs, so forget this one
        _constructor.constructed_objects.pop(node, None)
        _constructor.recursive_objects.pop(node, None)


def _plain(event: yaml.ScalarEvent) -> Any:
    """The value of an untagged plain scalar (cache miss of the memo in ``_values``)."""
    text = event.value
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    # Times such as 23:59 are base-60 numbers in YAML 1.1; organisers mean a time of day.
    if tag == _STR or (tag in _NUMBER_TAGS and ":" in text):
        value = text
    else:
        value = _construct(tag, event)
    if type(value) in _IMMUTABLE:
        if len(_plain_cache) >= _PLAIN_CACHE_MAX:
            _plain_cache.clear()
        _plain_cache[text] = value
    return value


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of any scalar (``_values`` handles the common untagged ones itself)."""
    tag = event.tag if event.tag not in (None, "!") else None
    if tag is None:
        if event.style:  # quoted or block scalars are strings (plain: None in PyYAML, "" in libyaml)
            return event.value
        return _plain(event)
    return _construct(tag, event)


def _record(get_event, positions: _Positions) -> None:
    """The positions of every value and mapping key, from the events of a document ``_values`` has read
    without error (so keys are scalars and unique). Sequence items are counted, not built."""
    values, keys, collections = positions.values, positions.keys, positions.collections
    ScalarEvent, end_events, node_events = _ScalarEvent, _END_EVENTS, _NODE_EVENTS
    collection_events = (_MappingStartEvent, _SequenceStartEvent)
    stack: list[tuple] = []
    path: Path_ = ()
    in_map = False
    count = 0  # items so far in the current sequence
    key_path: Path_ | None = None  # in a mapping: the path of the key whose value comes next
    for event in iter(get_event, None):
        kind = event.__class__
        if kind is not ScalarEvent:
            if kind in end_events:
                path, in_map, count = stack.pop()
                key_path = None
                continue
            if kind not in node_events:
                continue  # stream and document boundaries
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if in_map:
            if key_path is None:  # this event is a key
                key_path = path + (event.value,)
                keys[key_path] = pos
                continue
            here, key_path = key_path, None
        elif not stack:
            here = ()
        else:
            here = path + (count,)
            count += 1
        values[here] = pos
        if kind in collection_events:
            collections.add(here)
            stack.append((path, in_map, count))
            path, in_map, count = here, kind is _MappingStartEvent, 0


def _values(get_event) -> Any:
    """Plain values from parser events (``SourceMap`` records their positions when needed).

    The work is bounded by the size of the text: anchors and aliases (which let a few bytes stand for an
    exponential amount of data) are refused, and so are a second document and nesting deeper than MAX_DEPTH.
    This loop runs once per event, hundreds of thousands of times on a large site: module globals are bound
    to locals, and scalars, by far the commonest events, are tested first.
    """
    plain_cache, missing, no_key = _plain_cache, _MISSING, _MISSING
    ScalarEvent, AliasEvent, MappingStartEvent = _ScalarEvent, _AliasEvent, _MappingStartEvent
    end_events, node_events = _END_EVENTS, _NODE_EVENTS
    root: Any = None
    documents = 0
    stack: list[tuple] = []
    container: Any = None  # None at the top level
    in_map = False
    key: Any = no_key  # in a mapping: the key whose value comes next, or no_key when a key comes next
    for event in iter(get_event, None):
        kind = event.__class__
        if kind is not ScalarEvent:
            if kind in end_events:
                container, in_map, key = stack.pop()
                continue
            if kind not in node_events:
                if kind is _DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise YamlSyntaxError(*_position(event), "a second YAML document (after `---`): a data "
                                                                 "file holds one document")
                continue
        if kind is AliasEvent or event.anchor:
            name = event.anchor
            raise YamlSyntaxError(*_position(event), f"YAML anchors and aliases ({'*' if kind is AliasEvent else '&'}"
                                                     f"{name}) are not allowed in data files: write the value out")
        if in_map and key is no_key:
            if kind is not ScalarEvent:
                raise YamlSyntaxError(*_position(event), "a key must be plain text")
            key = event.value
            if key in container:
                raise YamlSyntaxError(*_position(event), f"duplicate key {key!r}")
            continue
        is_collection = False
        if kind is ScalarEvent:
            if event.tag is None:
                value = event.value
                if not event.style:
                    value = plain_cache.get(value, missing)
                    if value is missing:
                        value = _plain(event)
            else:
                value = _scalar(event)
        else:
            value = {} if kind is MappingStartEvent else []
            is_collection = True
        if in_map:
            container[key] = value
            key = no_key
        elif container is None:
            root = value
        else:
            container.append(value)
        if is_collection:
            if len(stack) >= MAX_DEPTH:
                raise YamlSyntaxError(*_position(event), f"lists and mappings nest deeper than {MAX_DEPTH} levels")
            stack.append((container, in_map, key))
            container, in_map, key = value, kind is MappingStartEvent, no_key
    return root


def _position(event: yaml.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _parse(text: str, build) -> Any:
    """``build(get_event)`` over the events of ``text``; YamlSyntaxError with a position on malformed input."""
    try:
        parser = _Parser(text)
        try:
            return build(parser.get_event)
        finally:
            parser.dispose()
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line, col = line_column(text, exc.position)
        raise YamlSyntaxError(line, col, f"character U+{exc.character:04X} is not allowed in YAML text"
                                         if isinstance(exc.character, int) else f"YAML syntax error: {exc.reason}") from None
    except yaml.MarkedYAMLError as exc:
        # at the end of the file, point where the unclosed thing (a quote, a bracket) opened
        at_end = "end of stream" in (exc.problem or "") and exc.context_mark is not None
        mark = exc.context_mark if at_end else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = f"{exc.problem}, {exc.context}" if at_end and exc.context else (exc.problem or str(exc))
        raise YamlSyntaxError(line, col, f"YAML syntax error: {detail}") from None


def parse_yaml(text: str) -> Any:
    """The values of one YAML document; raise YamlSyntaxError with a position on malformed input."""
    return _parse(text, _values)


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """The values of one YAML document and the map of their positions (worked out when first used)."""
    return parse_yaml(text), SourceMap(file, text)
