"""MultimodalReasoning: multiple-choice answers; accuracy over the gold questions, optionally of one language."""

from __future__ import annotations

from .. import readers
from ..errors import RunValidationError
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register

_gold = cached_gold(readers.read_choices_json)


@per_job
def _answers(gold, run, options) -> tuple[list[str], list[str]]:
    """The gold answer keys and the run's, for the questions of the language (in gold order)."""
    g = _gold(gold)
    ids = [k for k, (_, lang) in g.values.items() if options.language in (None, lang)]
    if not ids:
        raise RunValidationError(g.path, 1, f"no gold question in language {options.language!r}")
    r = readers.read_choices_json(run, gold_ids=g.values, required=ids)
    with readers.Problems(r.path) as problems:
        for key, (_, language) in r.values.items():
            if language != g.values[key][1]:
                problems.add(r.lines[key], f"language {language!r} for id {key!r} differs from the gold "
                                           f"{g.values[key][1]!r}")
    return [g.values[k][0] for k in ids], [r.values[k][0] for k in ids]


@register
class MultipleChoice(Scorer):
    name = "multiple-choice"
    description = "MultimodalReasoning: accuracy = correct / gold questions (language filter on both files)."
    run_suffix = ".json"
    settings = {"match": "exact", "keys": "A-E"}
    outputs = (Output("accuracy"),)
    languages = True

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.accuracy import accuracy

        return {"accuracy": accuracy(*_answers(gold, run, options))}

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import mean_of

        if key != "accuracy":
            return None
        gold_keys, answers = _answers(gold, run, options)
        return mean_of([g == a for g, a in zip(gold_keys, answers)])
