"""MEDIQA-MAGIC closed QA: partial credit per (encounter, parent question); accuracy per parent and pooled."""

from __future__ import annotations

from .. import readers
from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register

PARENTS = ("CQID010", "CQID011", "CQID012", "CQID015", "CQID020", "CQID025", "CQID034", "CQID035", "CQID036")


def _read_gold(path):
    records = readers.read_closedqa_json(path)
    with readers.Problems(path) as problems:
        for enc, answers in records.values.items():
            unknown = [p for p in answers if p not in PARENTS]
            if unknown:
                problems.add(records.lines[enc], f"unknown question {', '.join(unknown)} for {enc} "
                                                 f"(known: {', '.join(PARENTS)})")
    return records


_gold = cached_gold(_read_gold)


@per_job
def _answers(gold, run) -> tuple[readers.Records, readers.Records, list[str]]:
    """Gold and run answers, checked to cover the same questions of every encounter, and those questions."""
    g = _gold(gold)
    r = readers.read_closedqa_json(run, gold_ids=g.values)
    parents = sorted({p for answers in g.values.values() for p in answers})
    for records in (g, r):
        with readers.Problems(records.path) as problems:
            for enc, answers in records.values.items():
                extra = [p for p in answers if p not in parents]
                missing = [p for p in parents if p not in answers]
                if extra:
                    problems.add(records.lines[enc], f"unknown question {extra[0]} for {enc}")
                elif missing:
                    problems.add(records.lines[enc], f"{enc} has no answer for {', '.join(missing)}")
    return g, r, parents


@register
class ClosedQA(Scorer):
    name = "closed-qa"
    description = "MEDIQA-MAGIC closed QA: partial credit per (encounter, parent question); pooled accuracy_all."
    run_suffix = ".json"
    settings = {"credit": "|G∩S|/max(|G|,|S|)", "all": "pooled"}
    outputs = (Output("accuracy_all"), *(Output(f"accuracy_{p}", always=False) for p in PARENTS))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.closedqa import closedqa_scores

        g, r, parents = _answers(gold, run)
        return closedqa_scores(g.values, r.values, parents)

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import ratio_of_sums
        from ..metrics.closedqa import partial_credit

        if key != "accuracy_all":
            return None
        g, r, parents = _answers(gold, run)
        credits = [sum(partial_credit(g.values[enc][p], r.values[enc][p]) for p in parents) for enc in g.values]
        return ratio_of_sums(credits, [len(parents)] * len(credits))
