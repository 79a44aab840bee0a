"""Scorers: a reader/validator per run format composed with metric families.

Each scorer has a stable ``name`` (external contract), a ``version`` bumped
whenever its numbers could change, the libraries its numbers depend on, and
the settings that go into the signature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import readers
from .errors import RunValidationError

# Metric modules import heavy libraries (scikit-learn, nltk, ...); they are imported
# inside ``compute`` so that importing the engine stays fast.

SECONDARY_CUIS = (
    "C0002978", "C0040405", "C0024485", "C0032743", "C0041618", "C1306645", "C1140618", "C0037949",
    "C0030797", "C0023216", "C0037303", "C0817096", "C0006141", "C0000726", "C0920367",
)
MAGIC_PARENTS = ("CQID010", "CQID011", "CQID012", "CQID015", "CQID020", "CQID025", "CQID034", "CQID035", "CQID036")


@dataclass(frozen=True)
class Options:
    """Per-job settings that change numbers."""

    language: str | None = None
    secondary: bool = False


def as_options(options: Options | dict | None) -> Options:
    """Accept an Options, a mapping such as ``{"language": "bg", "gold_secondary": "x.csv"}``, or None."""
    if options is None:
        return Options()
    if isinstance(options, Options):
        return options
    secondary = options.get("secondary", options.get("gold_secondary"))
    return Options(language=options.get("language"), secondary=bool(secondary))


def _gold_cache(loader: Callable[[Path], Any]) -> Callable[[Path], Any]:
    """Memoise a gold loader per (path, mtime, size): many runs share one gold file."""

    @lru_cache(maxsize=16)
    def cached(path: str, stamp: tuple) -> Any:
        return loader(Path(path))

    def load(path: Path) -> Any:
        path = Path(path)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        return cached(str(path.resolve()), stamp)

    return load


def _require(path: Path | None, what: str) -> Path:
    if path is None:
        raise ValueError(f"{what} is required")
    return path


def _in_order(records: readers.Records, ids) -> list:
    return [records.values[i] for i in ids]


class Scorer:
    """Base class: subclasses set the class attributes and implement ``compute``."""

    name: str = ""
    version: int = 1
    description: str = ""
    run_kind: str = "file"                  # "file" or "folder"
    run_suffix: str = ".csv"
    libraries: tuple[str, ...] = ()
    settings: tuple[tuple[str, object], ...] = ()
    languages: bool = False                 # accepts a language filter
    secondary: bool = False                 # accepts a secondary gold

    def metric_keys(self, options: Options | dict | None = None) -> list[str]:
        """Keys of ``Score.values`` for these options (see :func:`as_options`)."""
        raise NotImplementedError

    def signature_settings(self, options: Options) -> list[tuple[str, object]]:
        extra: list[tuple[str, object]] = []
        if self.languages:
            extra.append(("language", options.language or "all"))
        if self.secondary:
            extra.append(("secondary_gold", options.secondary))
        return [*self.settings, *extra]

    def check_options(self, options: Options) -> None:
        if options.language is not None and not self.languages:
            raise ValueError(f"scorer {self.name} takes no --language")
        if options.secondary and not self.secondary:
            raise ValueError(f"scorer {self.name} takes no --gold-secondary")

    def compute(self, gold: Path, run: Path, options: Options, gold_secondary: Path | None) -> dict[str, float]:
        raise NotImplementedError


# --------------------------------------------------------------------------- GANs

class GansMembership(Scorer):
    name = "gans-membership"
    description = "GANs subtask 1: binary 'used for training' labels (positive class 1); Cohen's kappa primary."
    libraries = ("scikit-learn",)
    settings = (("average", "binary"), ("pos_label", 1), ("zero_division", 0))
    labels = ("0", "1")

    def metric_keys(self, options=None):
        return ["accuracy", "precision", "recall", "f1", "cohen_kappa"]

    def _predict(self, gold: Path, run: Path) -> tuple[list, list]:
        g = _gans_gold(self.name, gold)
        r = readers.read_label_csv(run, labels=self.labels, gold_ids=g.values)
        readers.check_missing(r, g.values)
        return list(g.values.values()), _in_order(r, g.values)

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.classification import binary_scores

        y_true, y_pred = self._predict(gold, run)
        return binary_scores([int(v) for v in y_true], [int(v) for v in y_pred], pos_label=1)


class GansAttribution(GansMembership):
    name = "gans-attribution"
    description = "GANs subtask 2: attribute each image to its training subset; support-weighted averages."
    settings = (("average", "weighted"), ("specificity", "support-weighted"), ("zero_division", 0))
    labels = None

    def metric_keys(self, options=None):
        return ["accuracy", "precision", "recall", "f1", "specificity"]

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.classification import weighted_scores

        return weighted_scores(*self._predict(gold, run))


@lru_cache(maxsize=1)
def _gans_loaders() -> dict[str, Callable[[Path], readers.Records]]:
    return {
        "gans-membership": _gold_cache(lambda p: readers.read_label_csv(p, labels=GansMembership.labels)),
        "gans-attribution": _gold_cache(lambda p: readers.read_label_csv(p, labels=None)),
    }


def _gans_gold(name: str, path: Path) -> readers.Records:
    return _gans_loaders()[name](path)


# --------------------------------------------------------------------------- Caption

def _upper_sets(concepts: list[list[str]]) -> list[list[str]]:
    return [list(dict.fromkeys(c.upper() for c in cs)) for cs in concepts]


_concept_gold = _gold_cache(readers.read_concepts_csv)


class ConceptDetection(Scorer):
    name = "concept-detection"
    description = "Caption concept detection: mean per-image set F1 (case-insensitive); secondary F1 on 15 manual CUIs."
    libraries = ("numpy",)
    settings = (("match", "case-insensitive"), ("per_image", "2|G∩P|/(|G|+|P|)"), ("empty_gold", "skipped"))
    secondary = True

    def metric_keys(self, options=None):
        return ["f1", "f1_secondary"] if as_options(options).secondary else ["f1"]

    def signature_settings(self, options):
        parts = super().signature_settings(options)
        if options.secondary:
            parts.append(("secondary_cuis", len(SECONDARY_CUIS)))
        return parts

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.setf1 import mean_set_f1

        g = _concept_gold(gold)
        r = readers.read_concepts_csv(run, gold_ids=g.values)
        readers.check_missing(r, g.values, "ID")
        order = list(r.values)  # the official loop sums in run-file order
        values = {"f1": mean_set_f1(_upper_sets(_in_order(g, order)), _upper_sets(_in_order(r, order)))}
        if options.secondary:
            g2 = _concept_gold(_require(gold_secondary, "the secondary gold"))
            unknown = [i for i in g2.values if i not in g.values]
            if unknown:
                raise RunValidationError(g2.path, g2.lines[unknown[0]], f"ID {unknown[0]!r} is not in the primary gold")
            allowed = set(SECONDARY_CUIS)
            ids = [i for i in order if i in g2.values]
            gold_f = [[c for c in cs if c in allowed] for cs in _upper_sets(_in_order(g2, ids))]
            pred_f = [[c for c in cs if c in allowed] for cs in _upper_sets(_in_order(r, ids))]
            values["f1_secondary"] = mean_set_f1(gold_f, pred_f)
        return values


_caption_gold = _gold_cache(readers.read_captions_csv)


class CaptionPrediction(Scorer):
    name = "caption-prediction"
    description = "Caption prediction: ROUGE-1 F (rouge-score, no stemmer) per image, mean, on pre-processed text."
    libraries = ("rouge-score",)
    settings = (("preprocess", "lower+digits:number+strip-punct"), ("stemmer", "no"), ("measure", "f"), ("aggregate", "mean"))

    def metric_keys(self, options=None):
        return ["rouge1"]

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.rouge import rouge_mean
        from .metrics.text import caption_preprocess

        g = _caption_gold(gold)
        r = readers.read_captions_csv(run, gold_ids=g.values)
        readers.check_missing(r, g.values, "ID")
        refs = [caption_preprocess(t) for t in g.values.values()]
        hyps = [caption_preprocess(t) for t in _in_order(r, g.values)]
        return rouge_mean(refs, hyps, ("rouge1",))


# --------------------------------------------------------------------------- Text generation

_medvqa_gold = _gold_cache(lambda p: readers.read_text_json(p, id_field="index", text_field="answer"))


class MedVQA(Scorer):
    name = "medvqa"
    description = "MEDVQA-GI subtask 1: NMT BLEU, ROUGE-1/2/L (mean F), METEOR (mean) over answers matched on index."
    run_suffix = ".json"
    libraries = ("sacrebleu", "rouge-score", "nltk")
    settings = (
        ("bleu", "nmt"), ("tok", "13a"), ("smooth", "none"), ("case", "mixed"), ("max_order", 4),
        ("rouge", "mean-f"), ("stemmer", "no"), ("meteor", "mean"), ("wordnet", "3.0"),
    )

    def metric_keys(self, options=None):
        return ["bleu", "rouge1", "rouge2", "rougeL", "meteor"]

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.bleu_nmt import nmt_bleu
        from .metrics.meteor import meteor_mean
        from .metrics.rouge import rouge_mean

        g = _medvqa_gold(gold)
        r = readers.read_text_json(run, id_field="index", text_field="answer", gold_ids=g.values)
        readers.check_missing(r, g.values, "index")
        refs = list(g.values.values())
        hyps = _in_order(r, g.values)
        values = {"bleu": nmt_bleu([[ref] for ref in refs], hyps)}
        values.update(rouge_mean(refs, hyps, ("rouge1", "rouge2", "rougeL")))
        values["meteor"] = meteor_mean(refs, hyps)
        return values


def _topicto_gold_loader(path: Path) -> readers.Records:
    records = readers.read_text_json(path, id_field="id", text_field="ref")
    for key, ref in records.values.items():
        if not ref.strip():
            raise RunValidationError(path, records.lines[key], f"empty reference for id {key!r} (WER is undefined)")
    return records


_topicto_gold = _gold_cache(_topicto_gold_loader)


class ToPicto(Scorer):
    name = "topicto"
    description = "ToPicto: sacreBLEU (13a, exp smoothing, 0-100), PictoER (corpus WER x100), METEOR (mean)."
    run_suffix = ".json"
    libraries = ("sacrebleu", "jiwer", "nltk")
    settings = (
        ("sacrebleu", "corpus"), ("tok", "13a"), ("smooth", "exp"), ("case", "mixed"),
        ("picto_er", "corpus-wer-x100"), ("meteor", "mean"), ("wordnet", "3.0"), ("missing_id", "empty-hyp"),
    )

    def metric_keys(self, options=None):
        return ["sacrebleu", "picto_er", "meteor"]

    def compute(self, gold, run, options, gold_secondary):
        import sacrebleu

        from .metrics.meteor import meteor_mean
        from .metrics.wer import corpus_wer

        g = _topicto_gold(gold)
        r = readers.read_text_json(run, id_field="id", text_field="hyp")  # extra ids are ignored
        refs = list(g.values.values())
        hyps = [r.values.get(k, "") for k in g.values]  # a missing id gets an empty hypothesis
        bleu = sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a", smooth_method="exp", lowercase=False)
        return {
            "sacrebleu": float(bleu.score),
            "picto_er": corpus_wer(refs, hyps) * 100,
            "meteor": meteor_mean(refs, hyps),
        }


# --------------------------------------------------------------------------- QA

_choices_gold = _gold_cache(readers.read_choices_json)


class MultipleChoice(Scorer):
    name = "multiple-choice"
    description = "MultimodalReasoning: accuracy = correct / gold questions (language filter on both files)."
    run_suffix = ".json"
    libraries = ()
    settings = (("match", "exact"), ("keys", "A-E"))
    languages = True

    def metric_keys(self, options=None):
        return ["accuracy"]

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.accuracy import accuracy

        g = _choices_gold(gold)
        r = readers.read_choices_json(run, gold_ids=g.values)
        for key, (_, language) in r.values.items():
            if language != g.values[key][1]:
                raise RunValidationError(
                    r.path, r.lines[key], f"language {language!r} for id {key!r} differs from the gold {g.values[key][1]!r}"
                )
        ids = [k for k, (_, lang) in g.values.items() if options.language in (None, lang)]
        if not ids:
            raise RunValidationError(g.path, 1, f"no gold question in language {options.language!r}")
        readers.check_missing(r, ids)
        return {"accuracy": accuracy([g.values[k][0] for k in ids], [r.values[k][0] for k in ids])}


_closedqa_gold = _gold_cache(readers.read_closedqa_json)


class ClosedQA(Scorer):
    name = "closed-qa"
    description = "MEDIQA-MAGIC closed QA: partial credit per (encounter, parent question); pooled accuracy_all."
    run_suffix = ".json"
    settings = (("credit", "|G∩S|/max(|G|,|S|)"), ("all", "pooled"))

    def metric_keys(self, options=None):
        return ["accuracy_all", *(f"accuracy_{p}" for p in MAGIC_PARENTS)]

    def compute(self, gold, run, options, gold_secondary):
        from .metrics.closedqa import closedqa_scores

        g = _closedqa_gold(gold)
        r = readers.read_closedqa_json(run, gold_ids=g.values)
        readers.check_missing(r, g.values, "encounter_id")
        parents = sorted({p for answers in g.values.values() for p in answers})
        for enc, answers in g.values.items():
            missing = [p for p in parents if p not in answers]
            if missing:
                raise RunValidationError(g.path, g.lines[enc], f"{enc} has no answer for {', '.join(missing)}")
        for enc, answers in r.values.items():
            extra = [p for p in answers if p not in parents]
            missing = [p for p in parents if p not in answers]
            if extra:
                raise RunValidationError(r.path, r.lines[enc], f"unknown question {extra[0]} for {enc}")
            if missing:
                raise RunValidationError(r.path, r.lines[enc], f"{enc} has no answer for {', '.join(missing)}")
        return closedqa_scores(g.values, r.values, parents)


def _read_gold_masks(path: Path):
    from .masks import read_gold_masks  # numpy and tifffile: imported when a segmentation run is scored

    return read_gold_masks(path)


_mask_gold = _gold_cache(_read_gold_masks)


class Segmentation(Scorer):
    name = "segmentation"
    description = "MEDIQA-MAGIC segmentation: pooled Jaccard/Dice vs majority vote; mean-of-max/mean vs annotators."
    run_kind = "folder"
    run_suffix = ""
    libraries = ("numpy", "tifffile")
    settings = (("foreground", 1), ("gold", "majority-vote-ceil(n/2)"), ("pooled", "yes"))

    def metric_keys(self, options=None):
        return ["jaccard", "dice", "jaccard_meanofmax", "jaccard_meanofmean", "dice_meanofmax", "dice_meanofmean"]

    def compute(self, gold, run, options, gold_secondary):
        from .masks import read_run_masks
        from .metrics.segmentation import segmentation_scores

        masks = _mask_gold(gold)
        return segmentation_scores(masks, read_run_masks(run, masks))


SCORERS: dict[str, Scorer] = {
    s.name: s
    for s in (
        GansMembership(), GansAttribution(), ConceptDetection(), CaptionPrediction(), MedVQA(),
        ToPicto(), MultipleChoice(), ClosedQA(), Segmentation(),
    )
}
