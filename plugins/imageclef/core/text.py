"""Small text helpers shared by every page and check: one date format, one e-mail obfuscation, escaping, slugs."""

from __future__ import annotations

import datetime as dt
import html
import re

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Identifiers (tasks, people, series, boards, events): lower-case letters, digits and single hyphens."""
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slugify(text: str) -> str:
    """``ImageCLEF 2026`` -> ``imageclef-2026``: lower-case runs of letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def plain(value: object) -> str:
    """Escape a data value that is text, not Markdown (team names, titles, run ids) for a Markdown page.

    HTML special characters become entities and Markdown punctuation is backslash-escaped, so a
    value such as ``<script>`` or ``*bold*`` is shown literally.
    """
    text = html.escape(str(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


_LONG_WORD = re.compile(r"[A-Za-z0-9\\_/]{12,}")
_WORD_JOINTS = re.compile(
    r"(?<=[a-z])(?=[A-Z])"  # a lower-case letter meets a capital: Multimodal|Reasoning
    r"|(?<=[A-Z]{4})(?=[a-z]{3})"  # after four capitals: ImageCLEF|medical
    r"|(?<=\\_)(?=[A-Za-z0-9])"  # after an underscore (escaped by `plain`): AUEB_|NLP
    r"|(?<=/)(?=[A-Za-z0-9])"  # after a slash: Retrieval/|Generation
)


def plain_wrappable(value: object) -> str:
    """``plain``, and a table cell may wrap long names: words of 12 or more characters get invisible break
    opportunities (``<wbr>``) where a lower-case letter meets a capital, after a run of four capitals
    (``ImageCLEF|medical``, but not ``AIM|ultimedia``), and after an underscore or a slash, so
    ``MultimodalReasoning`` or ``AUEB_NLP_Group`` can wrap on a phone instead of widening the table. Nothing
    changes where the line is wide enough."""
    return _LONG_WORD.sub(lambda word: _WORD_JOINTS.sub("<wbr>", word.group()), plain(value))


def title_text(value: object) -> str:
    """A page title for the theme, which writes titles into ``<title>`` and the navigation as HTML: special
    characters become entities, so ``<b>`` is shown, never run."""
    return html.escape(str(value), quote=False)


def fence(text: str, char: str = "`") -> str:
    """A code fence longer than any run of ``char`` in ``text``, so nothing inside can close the block."""
    longest = max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)
    return char * max(3, longest + 1)


def with_year(title: str, year: int) -> str:
    """``Caption`` -> ``Caption 2026``; a title that already names the year (``ImageCLEFphoto 2007``) is kept."""
    return title if str(year) in re.findall(r"\d+", title) else f"{title} {year}"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: dt.date) -> str:
    """The sitewide date format, e.g. ``Thu 7 May 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def date_range(start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%a} {start.day} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def obfuscated_email(address: str) -> str:
    """The one way e-mail addresses appear on pages: ``name (at) example.org``, not a link."""
    user, domain = address.split("@", 1)
    return f"{plain(user)} (at) {plain(domain)}"


def number(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:.{decimals}f}"


_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "*_`[]\\~|"})


def html_text(value: object) -> str:
    """Text for generated HTML that may sit inside Markdown (e.g. content tabs): escaped for HTML, and
    Markdown punctuation written as entities so that `CS_Morgan_Lab` or `Team*` stay as they are."""
    return html.escape(str(value), quote=True).translate(_MARKDOWN_ENTITIES)


def line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of ``offset`` in ``text``."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    before = text[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1
