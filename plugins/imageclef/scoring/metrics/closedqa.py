"""MEDIQA-MAGIC closed QA: partial credit per (encounter, parent question).

Credit = |set(G) ∩ set(S)| / max(|set(G)|, |set(S)|). ``accuracy_<parent>`` is
the mean over encounters; ``accuracy_all`` pools every (encounter, parent) pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .aggregate import sequential_mean


def partial_credit(gold: Sequence[int], system: Sequence[int]) -> float:
    g, s = set(gold), set(system)
    return len(g & s) / max(len(g), len(s))


def closedqa_scores(
    gold: Mapping[str, Mapping[str, Sequence[int]]],
    system: Mapping[str, Mapping[str, Sequence[int]]],
    parents: Sequence[str],
) -> dict[str, float]:
    """gold/system: encounter -> parent -> answers. Encounters in gold order."""
    out: dict[str, float] = {}
    pooled: list[float] = []
    for parent in parents:
        credits = [partial_credit(gold[enc][parent], system[enc][parent]) for enc in gold]
        out[f"accuracy_{parent}"] = sequential_mean(credits)
        pooled.extend(credits)
    return {"accuracy_all": sequential_mean(pooled), **out}
