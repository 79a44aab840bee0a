"""Publications kept as BibTeX: parsed for display, exported verbatim.

The parse stack decodes LaTeX in names and titles (``M\\"uller`` → Müller, ``P\\r{a}l`` → Pål,
``{\\c{S}}tefan`` → Ştefan) while the entry's original text is kept for copying and ``.bib`` files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import bibtexparser
from bibtexparser import middlewares as mw

from .errors import DataIssue

REQUIRED_FIELDS = {
    "article": ("author", "title", "journal", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
    "book": ("title", "publisher", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "misc": ("title",),
}
ET_AL_AFTER = 10  # a reference lists this many authors, then "et al."


def _parse_stack() -> list:
    return [
        mw.ResolveStringReferencesMiddleware(True),
        mw.RemoveEnclosingMiddleware(True),
        mw.NormalizeFieldKeys(True),
        mw.LatexDecodingMiddleware(True, keep_braced_groups=True),
        mw.MonthIntMiddleware(True),
        mw.SeparateCoAuthors(True),
        mw.SplitNameParts(True),
    ]


@dataclass(frozen=True)
class Author:
    first: str
    last: str  # von part included

    @property
    def display(self) -> str:
        return f"{self.first} {self.last}".strip()


@dataclass(frozen=True)
class Publication:
    key: str
    entry_type: str
    fields: dict[str, str]  # decoded, braces removed, whitespace collapsed
    authors: tuple[Author, ...]
    raw: str  # the entry exactly as stored
    file: str
    line: int

    @property
    def year(self) -> str:
        return self.fields.get("year", "")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _authors(value) -> tuple[tuple[Author, ...], list[str]]:
    people, braced = [], []
    for name in value:
        parts = {k: " ".join(getattr(name, k)) for k in ("first", "von", "last", "jr")}
        whole = parts["last"]
        if not parts["first"] and whole.startswith("{") and whole.endswith("}") and ("," in whole or " " in whole):
            braced.append(whole)
        last = " ".join(p for p in (parts["von"], parts["last"], parts["jr"]) if p)
        people.append(Author(_clean(parts["first"]), _clean(last)))
    return tuple(people), braced


def load_publications(
    paths: list[Path], namer: Callable[[Path], str]
) -> tuple[dict[str, Publication], list[DataIssue], list[DataIssue]]:
    """Parse the .bib files; return entries by lower-cased key, errors and data-quality warnings."""
    entries: dict[str, Publication] = {}
    errors: list[DataIssue] = []
    warnings: list[DataIssue] = []
    for path in paths:
        file = namer(path)
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"), parse_stack=_parse_stack())
        for block in library.failed_blocks:
            error = getattr(block, "error", None)
            reason = str(error) if error and str(error) else "BibTeX syntax error"
            if type(block).__name__ == "DuplicateBlockKeyBlock":
                reason = f"duplicate key {getattr(block, 'key', '')!r}"
            errors.append(DataIssue(file, block.start_line + 1, 1, "", reason))
        for entry in library.entries:
            line = entry.start_line + 1
            folded = entry.key.lower()
            if folded in entries:
                first = entries[folded]
                errors.append(DataIssue(file, line, 1, entry.key, f"duplicate key (BibTeX ignores case): also {first.file}:{first.line}"))
                continue
            fields: dict[str, str] = {}
            authors: tuple[Author, ...] = ()
            for f in entry.fields:
                if f.key in ("author", "editor") and isinstance(f.value, list):
                    people, braced = _authors(f.value)
                    if f.key == "author":
                        authors = people
                    for whole in braced:
                        warnings.append(DataIssue(file, line, 1, f"{entry.key}.{f.key}",
                            f"{whole} is wrapped whole in braces and will print as one surname", "warning"))
                    fields[f.key] = " and ".join(a.display for a in people)
                else:
                    fields[f.key] = _clean(str(f.value))
                    if not fields[f.key]:
                        warnings.append(DataIssue(file, line, 1, f"{entry.key}.{f.key}", "empty field", "warning"))
            missing = [name for name in REQUIRED_FIELDS.get(entry.entry_type.lower(), ()) if name not in fields]
            if missing:
                errors.append(DataIssue(file, line, 1, entry.key,
                    f"@{entry.entry_type} entry lacks required field(s): {', '.join(missing)}"))
            entries[folded] = Publication(entry.key, entry.entry_type.lower(), fields, authors, entry.raw.strip(), file, line)
    return entries, errors, warnings


def bib_files(data) -> dict[str, str]:
    """The `.bib` downloads, by path in the site."""
    return {}


def format_reference(pub: Publication) -> str:
    """A readable reference in Markdown (authors, title, venue, year, DOI/URL links)."""
    names = [a.display for a in pub.authors]
    if len(names) > ET_AL_AFTER:
        who = ", ".join(names[:ET_AL_AFTER]) + ", et al."
    else:
        who = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + (names[-1] if names else "")
    f = pub.fields
    venue = f.get("booktitle") or f.get("journal") or f.get("publisher") or ""
    extras = [v for v in (f.get("series") if f.get("booktitle") else None, f.get("address")) if v]
    parts = [f"{who}." if who else "", f"*{f.get('title', '')}*."]
    if venue:
        parts.append(f"In: {venue}" + (f", {', '.join(extras)}" if extras else "") + ".")
    if pub.year:
        parts.append(f"{pub.year}.")
    if f.get("doi"):
        parts.append(f"[doi:{f['doi']}](https://doi.org/{f['doi']})")
    elif f.get("url"):
        parts.append(f"<{f['url']}>")
    return " ".join(p for p in parts if p)
