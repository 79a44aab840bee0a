"""YAML loading that remembers where every value came from.

PyYAML composes a node tree with marks; we construct plain Python values from it ourselves and keep a
map from each value's path (``("schedule", 0, "date")``) to its line and column, so that a pydantic
error ``loc`` can be reported as ``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass
class SourceMap:
    """Positions (1-based line, column) of values and of mapping keys, by path."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    collections: set[Path_] = field(default_factory=set)  # paths whose value is a mapping or a list

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
_NO_KEY = object()


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag if event.tag not in (None, "!") else None
    if tag is None:
        if event.style:  # quoted or block scalars are strings (plain: None in PyYAML, "" in libyaml)
            return event.value
        tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag == _STR:
            return event.value
        # Times such as 23:59 are base-60 numbers in YAML 1.1; organisers mean a time of day.
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in event.value:
            return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style or None)
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        return event.value  # e.g. an impossible date 2026-02-31: validation reports it as a bad date


def _mark(event: yaml.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _build(events, smap: SourceMap) -> Any:
    """Plain values from parser events, recording the position of every value and mapping key."""
    root: Any = None
    stack: list[list] = []  # frames: [container, path, pending key (mappings only)]
    anchors: dict[str, Any] = {}
    for event in events:
        kind = type(event)
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            stack.pop()
            continue
        if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent):
            continue  # stream and document boundaries
        if stack:
            frame = stack[-1]
            container, path = frame[0], frame[1]
            if isinstance(container, dict):
                if frame[2] is _NO_KEY:  # this event is a key
                    if kind is not yaml.ScalarEvent:
                        raise YamlSyntaxError(*_mark(event), "a key must be plain text")
                    if event.value in container:
                        raise YamlSyntaxError(*_mark(event), f"duplicate key {event.value!r}")
                    frame[2] = event.value
                    smap.keys[path + (event.value,)] = _mark(event)
                    continue
                here = path + (frame[2],)
            else:
                here = path + (len(container),)
        else:
            here = ()
        smap.values[here] = _mark(event)
        if kind is yaml.AliasEvent:
            if event.anchor not in anchors:
                raise YamlSyntaxError(*_mark(event), f"unknown alias *{event.anchor}")
            value: Any = anchors[event.anchor]
        elif kind is yaml.ScalarEvent:
            value = _scalar(event)
        else:
            value = {} if kind is yaml.MappingStartEvent else []
            smap.collections.add(here)
        if not stack:
            root = value
        elif isinstance(stack[-1][0], dict):
            stack[-1][0][stack[-1][2]] = value
            stack[-1][2] = _NO_KEY
        else:
            stack[-1][0].append(value)
        if getattr(event, "anchor", None) and kind is not yaml.AliasEvent:
            anchors[event.anchor] = value
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            stack.append([value, here, _NO_KEY])
    return root


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise YamlSyntaxError with a position on malformed input."""
    smap = SourceMap(file)
    try:
        return _build(yaml.parse(text, Loader=_Parser), smap), smap
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(line, col, f"YAML syntax error: {exc.problem or exc}") from None
