"""What a scorer is: its name, the outputs it declares, the settings that drive it, and the registry.

A scorer lives in one module of ``scorers/`` and registers itself with ``@register``. It declares:

- ``outputs``: every metric it produces, with the better direction and the valid range of its values, so
  that a computed board can be checked against it when the data is loaded, and a value outside the range
  is caught where it is computed;
- ``settings``: the constants its computation uses (passed on to the metric functions), which are also
  what its signature records, so the signature cannot drift from the numbers;
- ``version``: bumped whenever its numbers could change.

The signature (``scorer:NAME|v:VERSION|library:version|setting:value``, as sacreBLEU writes its own) is part
of the score-cache key.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from .result import format_signature, library_versions


@dataclass(frozen=True)
class Output:
    """One metric a scorer produces."""

    key: str
    direction: Literal["higher", "lower"] = "higher"
    low: float = 0.0
    """Smallest valid value."""
    high: float = 1.0
    """Largest valid value."""
    always: bool = True
    """False for an output the computation gives only when the gold calls for it (one per question group)."""

    def accepts(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high


@dataclass(frozen=True)
class Options:
    """Per-job settings that change numbers: the language filter and whether a secondary gold is given."""

    language: str | None = None
    secondary: bool = False


class UnknownScorer(ValueError):
    """A scorer name that is not registered; the message suggests the closest name."""

    def __init__(self, name: str):
        hint = difflib.get_close_matches(name, list(SCORERS), n=1)
        known = ", ".join(sorted(SCORERS))
        super().__init__(f"unknown scorer {name!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
                         + f"; known: {known}")


class Scorer:
    """Base class: a scorer module subclasses it, sets the class attributes and implements ``compute``."""

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""
    run_kind: ClassVar[str] = "file"  # "file" or "folder"
    run_suffix: ClassVar[str] = ".csv"
    libraries: ClassVar[tuple[str, ...]] = ()
    settings: ClassVar[Mapping[str, object]] = {}
    outputs: ClassVar[tuple[Output, ...]] = ()
    languages: ClassVar[bool] = False  # accepts a language filter
    secondary: ClassVar[bool] = False  # accepts a secondary gold (adds the outputs in ``secondary_outputs``)
    secondary_outputs: ClassVar[tuple[str, ...]] = ()

    def outputs_for(self, options: Options) -> dict[str, Output]:
        """The outputs produced with these options, by key."""
        return {o.key: o for o in self.outputs if options.secondary or o.key not in self.secondary_outputs}

    def option_problem(self, options: Options) -> str | None:
        """Why these options do not suit this scorer, or None."""
        if options.language is not None and not self.languages:
            return f"scorer {self.name} takes no language filter"
        if options.secondary and not self.secondary:
            return f"scorer {self.name} takes no secondary gold file"
        return None

    def signature(self, options: Options) -> str:
        parts: list[tuple[str, object]] = [("scorer", self.name), ("v", self.version)]
        parts += library_versions(self.libraries)
        parts += list(self.settings.items())
        if self.languages:
            parts.append(("language", options.language or "all"))
        if self.secondary:
            parts.append(("secondary_gold", options.secondary))
        return format_signature(parts)

    def compute(self, gold: Path, run: Path, options: Options, gold_secondary: Path | None) -> dict[str, float]:
        raise NotImplementedError

    def estimator(self, key: str, gold: Path, run: Path, options: Options, gold_secondary: Path | None):
        """The per-item description (``bootstrap.Estimator``) of the output ``key``, for a run that ``compute``
        accepted, or None: an output without one gets no interval."""
        return None

    def notes(self, gold: Path, run: Path) -> list[str]:
        """Remarks on a run that scored (the official scorer may accept what a participant should hear of)."""
        return []


SCORERS: dict[str, Scorer] = {}
"""Every registered scorer by name (filled by the modules of ``scorers/`` as they are imported)."""


def register(cls: type[Scorer]) -> type[Scorer]:
    """Class decorator: add one instance of ``cls`` to ``SCORERS``; a second scorer of the same name is refused."""
    if not cls.name:
        raise TypeError(f"{cls.__qualname__} has no name")
    if cls.name in SCORERS:
        raise ValueError(f"two scorers are named {cls.name!r}: {type(SCORERS[cls.name]).__qualname__} and "
                         f"{cls.__qualname__}")
    keys = [o.key for o in cls.outputs]
    if len(set(keys)) != len(keys) or not keys:
        raise ValueError(f"scorer {cls.name!r} must declare its outputs once each")
    SCORERS[cls.name] = cls()
    return cls


def get_scorer(name: str) -> Scorer:
    from . import scorers  # noqa: F401 - importing the package registers every scorer

    try:
        return SCORERS[name]
    except KeyError:
        raise UnknownScorer(name) from None
