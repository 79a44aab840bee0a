"""MEDIQA-MAGIC segmentation: TIFF masks against the annotators' majority vote, Jaccard and Dice pooled."""

from __future__ import annotations

from ..gold import cached_gold, per_job
from ..scorer import Output, Scorer, register


def _read_gold_masks(path):
    from ..masks import read_gold_masks  # numpy and tifffile: imported when a segmentation run is scored

    return read_gold_masks(path)


_gold = cached_gold(_read_gold_masks)


@per_job
def _run_masks(gold, run):
    from ..masks import read_run_masks

    return read_run_masks(run, _gold(gold))


@register
class Segmentation(Scorer):
    name = "segmentation"
    description = "MEDIQA-MAGIC segmentation: pooled Jaccard/Dice vs majority vote; mean-of-max/mean vs annotators."
    run_kind = "folder"
    run_suffix = ""
    libraries = ("numpy", "tifffile")
    settings = {"foreground": 1, "gold": "majority-vote-ceil(n/2)", "pooled": "yes"}
    outputs = tuple(Output(key) for key in ("jaccard", "dice", "jaccard_meanofmax", "jaccard_meanofmean",
                                            "dice_meanofmax", "dice_meanofmean"))

    def compute(self, gold, run, options, gold_secondary):
        from ..metrics.segmentation import segmentation_scores

        return segmentation_scores(_gold(gold), _run_masks(gold, run), foreground=self.settings["foreground"])

    def estimator(self, key, gold, run, options, gold_secondary):
        from ..bootstrap import ratio_of_sums
        from ..metrics.segmentation import majority_vote, overlaps

        if key not in ("jaccard", "dice"):
            return None
        masks, system, fg = _gold(gold), _run_masks(gold, run), self.settings["foreground"]
        counts = [overlaps(system[image], majority_vote(masks[image], fg), fg) for image in masks]
        tp = [c[0] for c in counts]
        if key == "jaccard":
            return ratio_of_sums(tp, [sum(c) for c in counts])
        return ratio_of_sums([2 * t for t in tp], [2 * c[0] + c[1] + c[2] for c in counts])
