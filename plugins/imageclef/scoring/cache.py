"""The score cache: one JSON file per (scorer signature, options, gold and run contents).

An entry is used only when it is what this code would have written for that key: the key it names, a
checksum of its content, and content of the right shape (the scorer's declared outputs, finite numbers in
their ranges, the expected signature). Anything else (an old format, a hand-edited or truncated file) is
ignored, recomputed and written again. Entries are written atomically; a cache folder that cannot be
written only costs the time of computing again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 4  # 3: corpus BLEU scores carry bootstrap replicates; 4: an invalid run also names the gold ids it lacks


def content_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's (name, bytes) pairs in name order."""
    digest = hashlib.sha256()
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and not child.name.startswith("."):
                digest.update(child.name.encode() + b"\0" + content_hash(child).encode() + b"\0")
        return "dir:" + digest.hexdigest()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def key_of(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps({"format": FORMAT, **payload}, sort_keys=True).encode()).hexdigest()


def _checksum(key: str, body: Any) -> str:
    return hashlib.sha256((key + json.dumps(body, sort_keys=True)).encode()).hexdigest()


def stamp(cache_dir: Path, key: str) -> tuple | None:
    """(path, modification time, size) of the entry stored under ``key``, None if there is none."""
    path = cache_dir / f"{key}.json"
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_mtime_ns, st.st_size


def read(cache_dir: Path, key: str) -> Any | None:
    """The body stored under ``key``, or None when there is no sound entry."""
    try:
        entry = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or "body" not in entry:
        return None
    return entry["body"] if entry.get("checksum") == _checksum(key, entry["body"]) else None


def write(cache_dir: Path, key: str, body: Any) -> bool:
    """Store ``body`` under ``key`` (atomically); False when the folder cannot be written."""
    text = json.dumps({"key": key, "checksum": _checksum(key, body), "body": body}, sort_keys=True)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}-", suffix=".tmp", dir=cache_dir)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, cache_dir / f"{key}.json")
        return True
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
