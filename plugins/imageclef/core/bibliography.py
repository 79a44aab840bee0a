"""Publications kept as BibTeX: parsed for display, exported verbatim.

The parse stack decodes LaTeX in names and titles (``M\\"uller`` → Müller, ``P\\r{a}l`` → Pål,
``{\\c{S}}tefan`` → Ştefan). The entry's text as stored in the file is what readers copy and what
the ``.bib`` downloads contain: it is never re-encoded.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.middlewares.names import split_multiple_persons_names
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db
from pylatexenc.macrospec import LatexContextDb

from . import provenance
from .errors import DataIssue, not_utf8
from .text import line_column, plain

# The fields standard BibTeX styles require of each entry type ("author/editor": either one).
REQUIRED_FIELDS = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author/editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "conference": ("author", "title", "booktitle", "year"),
    "inbook": ("author/editor", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": (),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}
MAX_AUTHORS = 6  # a reference names up to this many authors; with more ...
ET_AL_AFTER = 3  # ... it names the first three, then "et al."
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
VERBATIM_FIELDS = ("doi", "url", "eprint")  # identifiers: no LaTeX decoding (a % in a URL is not a comment)


def _split(text: str):
    """The blocks as written (no middleware), quietly: bibtexparser logs syntax errors, which are reported
    here as data errors instead."""
    splitter_log = logging.getLogger("bibtexparser.splitter")
    level = splitter_log.level
    splitter_log.setLevel(logging.ERROR)
    try:
        return bibtexparser.parse_string(text, parse_stack=[])
    finally:
        splitter_log.setLevel(level)


class _WalkerContext(LatexContextDb):
    """pylatexenc's default parsing context, with a quick "no" from the specials test.

    The walker asks for specials (``--``, ``''``, ``~``, ...) at every character; the stock test tries
    each one in turn. A special can only match where the text has its first character.
    """

    starts: frozenset[str] = frozenset()

    def test_for_specials(self, s, pos, parsing_state=None):
        if pos < len(s) and s[pos] not in self.starts:
            return None
        return super().test_for_specials(s, pos, parsing_state)


def _walker_context() -> _WalkerContext:
    """The same categories, macros, environments and specials as ``latexwalker.get_default_latex_context_db()``,
    built once: ``latex_to_text`` builds that database afresh on every call, which costs more than most parses."""
    default = get_default_latex_context_db()
    context = _WalkerContext()
    for cat in default.categories():
        context.add_context_category(cat, macros=default.iter_macro_specs([cat]),
            environments=default.iter_environment_specs([cat]), specials=default.iter_specials_specs([cat]))
    context.starts = frozenset(spec.specials_chars[0] for spec in context.iter_specials_specs())
    return context


class _LatexDecoding(mw.LatexDecodingMiddleware):
    """LaTeX decoding that skips values with no LaTeX in them (most of them): pylatexenc is slow.

    Without a backslash, brace, ``$``, ``%``, ``~``, ``&``, backquote, ``--`` or ``''`` pylatexenc reads a
    value as one run of plain characters and returns it unchanged (``^`` and ``_`` are plain outside
    math, a lone ``-`` or ``'`` prints as itself). Decoded values are remembered for serve rebuilds.
    """

    _LATEX = re.compile(r"[\\{}$%~&`]|--|''")

    def __init__(self):
        super().__init__(True, keep_braced_groups=True)
        self._walker_context = _walker_context()
        self._decoded = functools.lru_cache(maxsize=8192)(self._decode)

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not self._LATEX.search(python_string):
            return python_string, ""
        return self._decoded(python_string)

    def _decode(self, latex: str) -> tuple[str, str]:
        """``super()._transform_python_value_string``, but parsing with the context built once: ``latex_to_text``
        is ``nodelist_to_text(LatexWalker(latex).get_latex_nodes()[0])``, with the walker's default flags."""
        try:
            nodes = LatexWalker(latex, latex_context=self._walker_context).get_latex_nodes()[0]
            return self._decoder.nodelist_to_text(nodes), ""
        except Exception as e:
            return latex, str(e)


@functools.cache
def _parse_stack() -> tuple:
    """Built once: the middlewares keep no state between libraries (the decoder's memo aside)."""
    return (
        mw.ResolveStringReferencesMiddleware(True),
        mw.RemoveEnclosingMiddleware(True),
        mw.NormalizeFieldKeys(True),
        _LatexDecoding(),
        mw.MonthIntMiddleware(True),
        mw.SeparateCoAuthors(True),
        mw.SplitNameParts(True),
    )


@dataclass(frozen=True)
class Author:
    first: str
    last: str  # von part included
    jr: str = ""

    @property
    def display(self) -> str:
        name = f"{self.first} {self.last}".strip()
        return f"{name}, {self.jr}" if self.jr else name


@provenance.tracked
@dataclass(frozen=True)
class Publication:
    key: str
    entry_type: str
    fields: dict[str, str]  # decoded, braces removed, whitespace collapsed
    authors: tuple[Author, ...]
    raw: str  # the entry exactly as stored, from "@" to its closing brace
    file: str
    line: int
    et_al: bool = False  # the author list ends with "and others"

    @property
    def year(self) -> str:
        return self.fields.get("year", "")

    @property
    def doi(self) -> str:
        """The DOI without a resolver prefix (``https://doi.org/``, ``doi:``), or ``""``."""
        return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", self.fields.get("doi", ""), flags=re.IGNORECASE)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _unenclose(raw_value: str) -> str:
    value = raw_value.strip()
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        value = value[1:-1]
    return value.strip()


def _identifier(raw_value: str) -> str:
    """A DOI, URL or e-print id as written, with TeX escapes such as ``\\_`` undone."""
    return re.sub(r"\\([_%&#$~])", r"\1", re.sub(r"\s+", "", _unenclose(raw_value).replace("{", "").replace("}", "")))


class _File:
    """One .bib file's text, for turning parser positions into line:column."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text
        self.lines = text.splitlines()

    def issue(self, line0: int, column: int, field: str, message: str, severity: str = "error") -> DataIssue:
        return DataIssue(self.name, line0 + 1, column, field, message, severity)

    def at_entry(self, line0: int, field: str, message: str, severity: str = "error") -> DataIssue:
        line = self.lines[line0] if line0 < len(self.lines) else ""
        return self.issue(line0, max(line.find("@"), 0) + 1, field, message, severity)

    def at_field(self, line0: int, key: str, field: str, message: str, severity: str = "error") -> DataIssue:
        found = re.search(rf"\b{re.escape(key)}\s*=", self.lines[line0], re.IGNORECASE) if line0 < len(self.lines) else None
        return self.issue(line0, found.start() + 1 if found else 1, field, message, severity)

    def at_text(self, line0: int, needle: str, field: str, message: str, severity: str = "error") -> DataIssue:
        """Point at the first occurrence of ``needle`` from the start of line ``line0``."""
        start = sum(len(x) + 1 for x in self.text.split("\n")[:line0])
        pos = self.text.find(needle, start)
        if pos < 0:
            return self.issue(line0, 1, field, message, severity)
        line, column = line_column(self.text, pos)
        return self.issue(line - 1, column, field, message, severity)


def _failed_block_issue(block, src: _File, entries: dict[str, Publication]) -> DataIssue:
    kind = type(block).__name__
    error = getattr(block, "error", None)
    if kind == "DuplicateBlockKeyBlock":
        first = entries.get(block.key.lower())
        also = f": {first.key!r} at {first.file}:{first.line}" if first else ""
        return src.at_entry(block.start_line, block.key, f"duplicate key (BibTeX ignores case){also}")
    if kind == "DuplicateFieldKeyBlock":
        names = re.findall(r"'([^']+)'", str(error))
        return src.at_entry(block.start_line, "", f"a field is given twice in one entry: {', '.join(names)}")
    reason = (getattr(error, "abort_reason", "") or str(error or "")).strip() or "cannot read this entry"
    end = getattr(error, "end_index", None)
    if end is not None:
        reason += f" (parsing stopped at line {src.text.count(chr(10), 0, end) + 1})"
    key = re.match(r"@\w+\s*[{(]\s*([^,\s]+)\s*,", block.raw or "")
    return src.at_entry(block.start_line, key.group(1) if key else "", f"BibTeX syntax error: {reason}")


def _authors(value) -> tuple[tuple[Author, ...], bool, list[int]]:
    """Decoded people, whether the list ends in "others", and the indexes of names braced whole."""
    people, braced, et_al = [], [], False
    for i, name in enumerate(value):
        parts = {k: " ".join(getattr(name, k)) for k in ("first", "von", "last", "jr")}
        if parts["last"] == "others" and not parts["first"]:
            et_al = True
            continue
        whole = parts["last"]
        if not parts["first"] and whole.startswith("{") and whole.endswith("}") and "," in whole:
            braced.append(i)
        last = " ".join(p for p in (parts["von"], parts["last"]) if p)
        people.append(Author(_clean(parts["first"]), _clean(last), _clean(parts["jr"])))
    return tuple(people), et_al, braced


@functools.lru_cache(maxsize=256)
def _parsed(text: str):
    """The library decoded for display, and each entry's field values as written (by start line, then
    lower-cased key), parsed once per distinct file text (serve rebuilds)."""
    library = _split(text)
    # Taken before the middlewares run, as they change the blocks in place; then the same loop as
    # parse_string(text, parse_stack) runs, so one split serves both (it used to be parsed twice).
    as_written = {e.start_line: {f.key.lower(): f.value for f in e.fields} for e in library.entries}
    for middleware in _parse_stack():
        library = middleware.transform(library)
    return library, as_written


def _load_file(src: _File, entries: dict[str, Publication], errors: list[DataIssue], warnings: list[DataIssue]) -> None:
    library, as_written = _parsed(src.text)
    for string in library.strings:
        errors.append(src.at_entry(string.start_line, string.key,
            "@string definitions are not supported: a copied entry must stand alone, so write the value in each entry"))
    for entry in library.entries:
        written = as_written.get(entry.start_line, {})
        line = entry.start_line + 1
        folded = entry.key.lower()
        if not entry.key or any(c.isspace() for c in entry.key):
            errors.append(src.at_entry(entry.start_line, entry.key,
                f"{entry.key!r} is not a BibTeX key: an '@' followed by a bracket starts an entry even in a "
                "'%' comment, so write the comment without the '@'"))
            continue
        if folded in entries:
            first = entries[folded]
            errors.append(src.at_entry(entry.start_line, entry.key,
                f"duplicate key (BibTeX ignores case): {first.key!r} at {first.file}:{first.line}"))
            continue
        fields: dict[str, str] = {}
        authors: tuple[Author, ...] = ()
        et_al = False
        for f in entry.fields:
            raw_value = written.get(f.key, "")
            where = f"{entry.key}.{f.key}"
            if not raw_value.startswith(("{", '"')):
                macros = [t.strip() for t in raw_value.split("#")]
                unknown = [t for t in macros if t and t[0] not in '{"' and not t.isdigit() and t.lower() not in MONTHS]
                if unknown:
                    errors.append(src.at_field(f.start_line, f.key, where, f"@string macro {unknown[0]!r}: write the value in braces, so a copied entry stands alone"))
            if f.key in ("author", "editor") and isinstance(f.value, list):
                people, others, braced = _authors(f.value)
                if f.key == "author":
                    authors, et_al = people, others
                raw_names = split_multiple_persons_names(_unenclose(raw_value))
                for i in braced:
                    raw_name = raw_names[i] if i < len(raw_names) else ""
                    shown = _clean(f.value[i].last[0]) if f.value[i].last else raw_name
                    warnings.append(src.at_text(f.start_line, raw_name, where,
                        f"{raw_name} is wrapped whole in braces, so it prints as one surname ({shown!r}); "
                        "remove the outer braces unless it is an organisation", "warning"))
                fields[f.key] = " and ".join(a.display for a in people) + (" and others" if others else "")
            elif f.key in VERBATIM_FIELDS:
                fields[f.key] = _identifier(raw_value)
            else:
                fields[f.key] = _clean(str(f.value))
            if not fields[f.key]:
                warnings.append(src.at_field(f.start_line, f.key, where, "empty field; fill it in or remove it", "warning"))
        entry_type = entry.entry_type.lower()
        if entry_type not in REQUIRED_FIELDS:
            warnings.append(src.at_entry(entry.start_line, entry.key,
                f"unknown entry type @{entry.entry_type}; BibTeX styles print it as @misc", "warning"))
        missing = [name for name in REQUIRED_FIELDS.get(entry_type, ()) if not any(fields.get(n) for n in name.split("/"))]
        if missing:
            errors.append(src.at_entry(entry.start_line, entry.key,
                f"@{entry_type} entry lacks required field(s): {', '.join(missing)}"))
        raw = entry.raw.replace("\r\n", "\n").strip()
        entries[folded] = Publication(entry.key, entry_type, fields, authors, raw, src.name, line, et_al)
    for block in library.failed_blocks:  # after the entries, so a duplicate can name the first one
        errors.append(_failed_block_issue(block, src, entries))


def load_publications(
    paths: list[Path], namer: Callable[[Path], str]
) -> tuple[dict[str, Publication], list[DataIssue], list[DataIssue]]:
    """Parse the .bib files; return entries by lower-cased key, errors and data-quality warnings."""
    entries: dict[str, Publication] = {}
    errors: list[DataIssue] = []
    warnings: list[DataIssue] = []
    for path in paths:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(not_utf8(namer(path), data, exc))
            continue
        _load_file(_File(namer(path), text), entries, errors, warnings)
    return entries, errors, warnings


# --- downloads ---------------------------------------------------------------------------------


def task_citations(edition, task) -> list[str]:
    """The keys a task page asks readers to cite: lab overview, task overview, further papers."""
    return _unique([edition.overview, task.overview, *task.citations])


def bib_text(publications: dict[str, Publication], keys) -> str:
    """A .bib file of the entries, as stored, one blank line apart."""
    return "\n\n".join(publications[k.lower()].raw for k in _unique(keys)) + "\n"


def _unique(keys) -> list[str]:
    seen: dict[str, str] = {}
    for key in keys:
        if key and key.lower() not in seen:
            seen[key.lower()] = key
    return list(seen.values())


def edition_citations(ed) -> list[str]:
    """The keys of an edition's .bib file: the lab overview and every key its task pages ask readers to cite."""
    keys = [ed.edition.overview]
    for task in ed.tasks.values():
        keys += task_citations(ed.edition, task)
    return _unique(keys)


def by_year(publications: dict[str, Publication]) -> list[Publication]:
    """Every entry, newest year first, then by key."""
    return sorted(publications.values(), key=lambda p: (-int(p.year) if p.year.isdigit() else 0, p.key.lower()))


# --- readable reference ------------------------------------------------------------------------


def _sentence(text: str) -> str:
    return text if not text or text[-1] in ".?!" else text + "."


def _author_list(pub: Publication) -> str:
    names = [plain(a.display) for a in pub.authors]
    if pub.et_al or len(names) > MAX_AUTHORS:
        shown = names if pub.et_al and len(names) <= MAX_AUTHORS else names[:ET_AL_AFTER]
        return ", ".join(shown + ["et al."])
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + (names[-1] if names else "")


def _link(text: str, url: str) -> str:
    return f"[{plain(text)}]({quote(url, safe=':/?#&=+%@;,~._-')})"


def paper_link(pub: Publication, text: str | None = None) -> str:
    """``text`` (default: the paper's title) as a Markdown link to its DOI or URL (plain text when it has neither)."""
    title = text or pub.fields.get("title", pub.key)
    url = f"https://doi.org/{pub.doi}" if pub.doi else pub.fields.get("url", "")
    return _link(title, url) if re.match(r"https?://", url) else plain(title)


def format_reference(pub: Publication) -> str:
    """A readable reference in Markdown: authors, title, venue, publisher, year, DOI and URL as links."""
    f = {k: v for k, v in pub.fields.items() if v}
    venue = f.get("journal") or f.get("booktitle") or ""
    if venue:
        venue = ("In " if "booktitle" in f and "journal" not in f else "") + f"*{plain(venue)}*"
        if "volume" in f:
            venue += f", vol. {plain(f['volume'])}" + (f"({plain(f['number'])})" if "number" in f else "")
        if "series" in f:
            venue += f" ({plain(f['series'])})"
        if "pages" in f:
            venue += f", pp. {plain(f['pages'])}"
    where = [plain(f[k]) for k in ("publisher", "school", "institution", "address") if k in f]
    parts = [_sentence(_author_list(pub)), _sentence(plain(f.get("title", pub.key))), _sentence(venue),
             _sentence(", ".join(where + [plain(pub.year)] if pub.year else where)), _sentence(plain(f.get("note", "")))]
    doi = pub.doi
    if doi:
        parts.append("DOI: " + _link(doi, f"https://doi.org/{doi}"))
    url = f.get("url", "")
    if re.match(r"https?://", url) and not (doi and url.lower().endswith(doi.lower())):
        parts.append(_link(url, url))
    return " ".join(p for p in parts if p)
