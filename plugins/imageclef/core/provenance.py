"""Which input files a rendered page read: recorded while it renders, so a rebuild redoes only stale pages.

The loader registers each object it builds from a file (an edition, a task, a person, a board with its
archived runs, a BibTeX entry...) with the files it comes from. While ``recording()`` is active, reading
any attribute of a registered object adds its files to the current record; code that reads the data cannot
forget to declare it. Values derived from many files at once (e.g. the years of each task series) are
computed by functions decorated with ``derived``: a page that uses one depends on the value itself (its
digest), not on every file behind it, so an edit that leaves the value unchanged re-renders nothing.

Recording costs an attribute hook on the registered classes, so it is switched on only while a recorder is
active (``mkdocs serve`` rebuilds); one-shot builds run without it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any

_ORIGINS: dict[int, frozenset[str]] = {}  # id(object) -> the files it comes from
_KEEP: list[Any] = []  # registered objects stay alive while registered, so their ids are not reused
_STACK: list[set] = []  # the records being filled (innermost last)
_TRACKED: list[type] = []


def tracked(cls: type) -> type:
    """Class decorator: reading an attribute of a registered instance is recorded while recording."""
    _TRACKED.append(cls)
    return cls


def _getattribute(self: Any, name: str) -> Any:
    files = _ORIGINS.get(id(self))
    if files is not None and _STACK:
        _STACK[-1].update(files)
    return object.__getattribute__(self, name)


def reset() -> None:
    """Forget every registration (the loader calls it before registering what it loaded)."""
    _ORIGINS.clear()
    _KEEP.clear()


def register(obj: Any, files: Iterable[str]) -> None:
    files = frozenset(files)
    previous = _ORIGINS.get(id(obj))
    _ORIGINS[id(obj)] = files if previous is None else previous | files
    _KEEP.append(obj)


def origins(obj: Any) -> frozenset[str]:
    """The files ``obj`` was registered with (none if it was not)."""
    return _ORIGINS.get(id(obj), frozenset())


@contextmanager
def recording():
    """Collect, into the set it yields, the files (and derived values) read inside the block."""
    record: set[str] = set()
    outermost = not _STACK
    if outermost:
        _hook(True)
    _STACK.append(record)
    try:
        yield record
    finally:
        _STACK.pop()
        if outermost:
            _hook(False)


def _hook(on: bool) -> None:
    for cls in _TRACKED:
        if on:
            cls.__getattribute__ = _getattribute
        else:
            del cls.__getattribute__


def digest(value: Any) -> str:
    """A derived value's fingerprint: its ``repr``, which equal plain values (numbers, strings, dates and
    containers of them) share; unlike a pickle, it does not depend on which equal strings are one object."""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def derived(fn: Callable) -> Callable:
    """For a method of a view whose value is derived from many files: computed once per view (and arguments)
    without recording the files behind it; each read records ``("derived", method, args, digest)`` instead,
    which ``still_valid`` checks against a new view. Arguments must be plain values (years, slugs)."""

    @functools.wraps(fn)
    def wrapper(self, *args):
        entry = _derived_entry(self, fn, args)
        if _STACK:
            _STACK[-1].add(_dependency(entry, fn.__name__, args))
        return entry[0]

    wrapper.derived_function = fn  # for still_valid
    return wrapper


def _derived_entry(view: Any, fn: Callable, args: tuple) -> list:
    """[value, dependency or None] of a derived method on ``view``, computed on first use."""
    memo = view.__dict__.setdefault("_derived", {})
    key = (fn.__name__, args)
    if key not in memo:
        with unrecorded():
            memo[key] = [fn(view, *args), None]
    return memo[key]


def _dependency(entry: list, name: str, args: tuple) -> tuple:
    if entry[1] is None:  # the digest is taken once per view, however many pages read the value
        entry[1] = ("derived", name, args, digest(entry[0]))
    return entry[1]


def still_valid(record: Iterable, changed: set[str], view: Any) -> bool:
    """Whether what a page read (``record``) is unchanged: none of its files in ``changed``, and each derived
    value it used still the same on ``view``."""
    for dep in record:
        if isinstance(dep, str):
            if dep in changed:
                return False
        else:
            _, name, args, was = dep
            fn = getattr(type(view), name).derived_function
            if _dependency(_derived_entry(view, fn, args), name, args)[3] != was:
                return False
    return True


@contextmanager
def unrecorded():
    """Nothing read inside the block is recorded: for work shared by many pages (each records what it reads
    of the result); the attribute hook is off meanwhile, so that work runs at full speed."""
    saved = _STACK[:]
    if saved:
        _STACK.clear()
        _hook(False)
    try:
        yield
    finally:
        if saved:
            _hook(True)
            _STACK[:] = saved
