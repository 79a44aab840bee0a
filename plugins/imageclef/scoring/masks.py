"""Reader and validator for folders of TIFF masks named ``IMG_{ENC}_{IMG}_mask_{label}.tiff``."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from .errors import RunValidationError

MASK_NAME = re.compile(r"(?P<image>IMG_[^_]+_[^_]+)_mask_(?P<label>[^_/]+)\.tiff?")


def mask_files(folder: Path) -> dict[str, dict[str, Path]]:
    """image id -> label -> file, for every mask in ``folder`` (names are checked)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RunValidationError(folder, 0, "expected a folder of TIFF masks")
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        match = MASK_NAME.fullmatch(path.name)
        if not match or not path.is_file():
            raise RunValidationError(path, 0, "mask file names must look like IMG_{ENC}_{IMG}_mask_{label}.tiff")
        found.setdefault(match["image"], {})[match["label"]] = path
    if not found:
        raise RunValidationError(folder, 0, "no mask files in the folder")
    return found


def read_mask(path: Path) -> np.ndarray:
    import tifffile

    try:
        return np.asarray(tifffile.imread(path)).astype(np.uint8)
    except Exception as err:  # tifffile raises several kinds for a bad file
        raise RunValidationError(path, 0, f"unreadable TIFF mask: {err}") from None


def read_gold_masks(folder: Path) -> dict[str, list[np.ndarray]]:
    """image id -> annotator masks (annotators in name order); all of one shape per image."""
    gold: dict[str, list[np.ndarray]] = {}
    for image, labels in mask_files(folder).items():
        masks = [read_mask(labels[label]) for label in sorted(labels)]
        shapes = {m.shape for m in masks}
        if len(shapes) != 1:
            raise RunValidationError(labels[sorted(labels)[0]], 0, f"annotator masks of {image} differ in shape: {sorted(shapes)}")
        gold[image] = masks
    return gold


def read_run_masks(folder: Path, gold: dict[str, list[np.ndarray]]) -> dict[str, np.ndarray]:
    """One mask per gold image (any label, e.g. ``sys``), shaped like the gold masks."""
    files = mask_files(folder)
    run: dict[str, np.ndarray] = {}
    for image, labels in files.items():
        if len(labels) != 1:
            raise RunValidationError(folder, 0, f"{image} has {len(labels)} masks ({', '.join(sorted(labels))}); give one")
        path = next(iter(labels.values()))
        if image not in gold:
            raise RunValidationError(path, 0, f"unknown image {image!r} (not in the gold masks)")
        mask = read_mask(path)
        if mask.shape != gold[image][0].shape:
            raise RunValidationError(path, 0, f"mask shape {mask.shape} differs from the gold shape {gold[image][0].shape}")
        run[image] = mask
    missing = [i for i in gold if i not in run]
    if missing:
        raise RunValidationError(folder, 0, f"{len(missing)} gold images have no mask: {', '.join(missing[:5])}")
    return run
