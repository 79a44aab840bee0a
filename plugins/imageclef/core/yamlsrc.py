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


_constructor = yaml.SafeLoader("")  # used only to construct scalars with YAML's standard tag rules


def _scalar(node: yaml.ScalarNode) -> Any:
    # Times such as 23:59 are base-60 integers in YAML 1.1; organisers mean a time of day.
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in node.value:
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        return node.value  # e.g. an impossible date 2026-02-31: validation reports it as a bad date


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: Path_, smap: SourceMap) -> Any:
    smap.values[path] = _mark(node)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        smap.collections.add(path)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in result:
                raise YamlSyntaxError(*_mark(key_node), f"duplicate key {key!r}")
            smap.keys[path + (key,)] = _mark(key_node)
            result[key] = _build(value_node, path + (key,), smap)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), smap) for i, item in enumerate(node.value)]
    return _scalar(node)


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise YamlSyntaxError with a position on malformed input."""
    smap = SourceMap(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(line, col, f"YAML syntax error: {exc.problem or exc}") from None
    if node is None:
        return None, smap
    return _build(node, (), smap), smap
