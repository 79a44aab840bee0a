"""YAML values and positions: the semantics the fast paths of yamlsrc (event loop, plain-scalar memo) must keep."""

from __future__ import annotations

import datetime
import math

import pytest
from imageclef.core import yamlsrc
from imageclef.core.yamlsrc import YamlSyntaxError, load_yaml

SCALARS = """\
a: 23:59
b: 2026-02-31
c: 2026-02-28
d: 2001-12-14 21:59:43.10 +5
e: yes
f: ~
g:
h: 0x1F
i: 1_000
j: .NaN
k: 1e3
l: '12'
m: <<
n: ! yes
o: !!str 12
p: !!int "12"
q: !custom 12
r: |
  12
"""


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_scalar_typing_same_with_cold_and_warm_cache(cache):
    if cache == "cold":
        yamlsrc._plain_cache.clear()
    else:
        load_yaml(SCALARS, "warm-up")
    raw, source = load_yaml(SCALARS, "x.yml")
    nan = raw.pop("j")
    assert isinstance(nan, float) and math.isnan(nan)
    tz = datetime.timezone(datetime.timedelta(hours=5))
    assert raw == {
        "a": "23:59", "b": "2026-02-31", "c": datetime.date(2026, 2, 28),
        "d": datetime.datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=tz),
        "e": True, "f": None, "g": None, "h": 31, "i": 1000, "k": "1e3", "l": "12", "m": "<<",
        "n": True, "o": "12", "p": 12, "q": "12", "r": "12\n",
    }
    assert type(raw["e"]) is bool and type(raw["h"]) is int
    assert source.keys[("c",)] == (3, 1) and source.values[("c",)] == (3, 4)


def test_paths_and_collections():
    raw, source = load_yaml("base: {x: 1}\nlist:\n  - 0\n  - [2, {y: z}]\n", "x.yml")
    assert raw == {"base": {"x": 1}, "list": [0, [2, {"y": "z"}]]}
    assert source.values[("list", 1, 1, "y")] == (4, 13)
    assert source.keys[("list", 1, 1, "y")] == (4, 10)
    assert source.collections == {(), ("base",), ("list",), ("list", 1), ("list", 1, 1)}


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a'"),
        ("? [a, b]\n: 1\n", 1, 3, "a key must be plain text"),
        ("a: *nope\n", 1, 4, "YAML anchors and aliases (*nope) are not allowed in data files: write the value out"),
        ("a: &k [1]\nb: *k\n", 1, 4, "YAML anchors and aliases (&k) are not allowed in data files: write the value out"),
        ("a: 1\n---\nb: 2\n", 2, 1, "a second YAML document (after `---`): a data file holds one document"),
        ('a: "open\nb: 1\n', 1, 4, "YAML syntax error: found unexpected end of stream, while scanning a quoted scalar"),
        ("a: [1, 2\nb: 3\n", 2, 2, "YAML syntax error: did not find expected ',' or ']'"),
    ],
)
def test_errors(text, line, column, message):
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(text, "x.yml")
    assert (info.value.line, info.value.column, info.value.message) == (line, column, message)
