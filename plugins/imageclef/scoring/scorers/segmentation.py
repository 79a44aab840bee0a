"""MEDIQA-MAGIC segmentation: TIFF masks against the annotators' majority vote, Jaccard and Dice pooled."""

from __future__ import annotations

from ..gold import cached_gold
from ..scorer import Output, Scorer, register


def _read_gold_masks(path):
    from ..masks import read_gold_masks  # numpy and tifffile: imported when a segmentation run is scored

    return read_gold_masks(path)


_gold = cached_gold(_read_gold_masks)


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
        from ..masks import read_run_masks
        from ..metrics.segmentation import segmentation_scores

        masks = _gold(gold)
        return segmentation_scores(masks, read_run_masks(run, masks), foreground=self.settings["foreground"])

    def estimators(self, gold, run, options, gold_secondary):
        from ..bootstrap import ratio_of_sums
        from ..masks import read_run_masks
        from ..metrics.segmentation import majority_vote, overlaps

        masks = _gold(gold)
        system = read_run_masks(run, masks)
        fg = self.settings["foreground"]
        counts = [overlaps(system[image], majority_vote(masks[image], fg), fg) for image in masks]
        tp = [c[0] for c in counts]
        return {"jaccard": ratio_of_sums(tp, [sum(c) for c in counts]),
                "dice": ratio_of_sums([2 * t for t in tp], [2 * c[0] + c[1] + c[2] for c in counts])}
