"""Every internal link and anchor of the built site resolves: pages, side files (.bib, .ics, CSV, JSON),
assets and #fragments, in the HTML MkDocs writes and in what the imageclef plugin generates."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .browser import sites

BASE = "http://site.invalid/"  # stands for the site root while resolving relative addresses
LINK_ATTRS = {
    "a": "href", "area": "href", "link": "href",
    "img": "src", "script": "src", "source": "src", "iframe": "src", "video": "src", "audio": "src",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        target = attrs.get(LINK_ATTRS.get(tag, ""))
        if target is not None:
            self.links.append((self.getpos()[0], target))
        if tag == "img" and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((self.getpos()[0], candidate.split()[0]))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(site: Path) -> list[str]:
    """``file:line: href (reason)`` for each internal link or anchor that does not resolve in ``site``."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for rel, page in pages.items():
        for line, href in page.links:
            href = href.strip()
            url = urljoin(BASE + rel, href)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(BASE).netloc:
                continue  # external (other hosts, mailto:, tel:, data:, javascript:) is not checked here
            target = unquote(parts.path).lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            elif (site / target).is_dir():
                target += "/index.html"
            if not (site / target).is_file():
                problems.append(f"{rel}:{line}: {href} (no file {target})")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html") and fragment not in pages[target].ids:
                problems.append(f"{rel}:{line}: {href} (no id {fragment!r} in {target})")
    return problems


def test_the_built_site_has_no_broken_internal_links(tmp_path_factory):
    site = sites.real_site(tmp_path_factory)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    problems = broken_links(site)
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems[:100])


def test_the_link_check_finds_broken_links_and_anchors(tmp_path):
    """The checker itself: a tiny site with one good and three bad links of each kind."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a>'
        '<a href="https://example.org/x">external</a><a href="mailto:x@example.org">mail</a>'
        '<img src="missing.png" alt=""><a href="a/#nowhere">bad anchor</a>\n<a href="b/">missing page</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../index.html#top">ok</a>'
                                               '<a href="../#gone">bad</a><link href="/a/x.css"></p>')
    problems = broken_links(tmp_path)
    assert problems == [
        "a/index.html:1: ../#gone (no id 'gone' in index.html)",
        "a/index.html:1: /a/x.css (no file a/x.css)",
        "index.html:1: missing.png (no file missing.png)",
        "index.html:1: a/#nowhere (no id 'nowhere' in a/index.html)",
        "index.html:2: b/ (no file b/index.html)",
    ]


@pytest.mark.parametrize("href", ["2026/", "2025/medical/gans/subtask1.csv", "2025/medical/gans.bib"])
def test_generated_side_files_exist(tmp_path_factory, href):
    """Side files the generated pages offer for download are part of the checked link set."""
    site = sites.real_site(tmp_path_factory)
    linked = {urljoin(BASE + rel.relative_to(site).as_posix(), h)
              for rel in site.rglob("*.html") for _, h in _parse(rel).links}
    assert BASE + href in linked
