"""What a visitor does: follow links, search, sort a leaderboard, copy BibTeX, switch to dark mode, use a phone."""

from __future__ import annotations

import re

import bibtexparser
import pytest
from playwright.sync_api import expect

from . import sites
from .search import search


def test_home_to_edition_to_task_by_clicking_links(page):
    page.goto("")
    expect(page.locator("article h1")).to_have_text(re.compile(r"^ImageCLEF"))
    page.locator("article").get_by_role("link", name=re.compile(r"^ImageCLEF 2026")).click()
    expect(page).to_have_url(re.compile(r"/2026/$"))
    expect(page.locator("article h1")).to_have_text(re.compile(r"^ImageCLEF 2026"))

    page.locator("article").get_by_role("link", name="ImageCLEF MultimodalReasoning", exact=True).click()
    expect(page).to_have_url(re.compile(r"/2026/multimodal-reasoning/$"))
    expect(page.locator("article h1")).to_have_text(re.compile(r"^ImageCLEF MultimodalReasoning 2026"))
    expect(page).to_have_title(re.compile(r"MultimodalReasoning 2026"))

    # back to the edition through the breadcrumb-like link in the task's first line
    page.locator("article").get_by_role("link", name="ImageCLEF 2026", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/2026/$"))


@pytest.mark.parametrize("query, path", [
    ("MultimodalReasoning", "/multimodal-reasoning/"),
    ("Caption", "/medical/caption/"),
])
def test_search_finds_a_task_by_name(page, query, path):
    page.goto("")
    results = search(page, query).locator("a.md-search-result__link")
    expect(results.first).to_be_visible()
    expect(results.filter(has=page.locator(f"xpath=self::*[contains(@href, '{path}')]")).first).to_be_visible()
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("No matching documents"))


def _column(table, index: int) -> list[float]:
    return [float(v) for v in table.locator(f"tbody tr > :nth-child({index})").evaluate_all(
        "cells => cells.map(c => c.dataset.sort ?? c.textContent.trim())")]


def test_leaderboard_sorts_numerically(page):
    page.goto("2025/medical/gans/")
    table = page.locator("table[data-sortable]").first
    expect(table).to_be_visible()
    headers = table.locator("thead th")
    labels = [t.strip() for t in headers.all_inner_texts()]
    kappa = next(i for i, label in enumerate(labels, 1) if label.startswith("Cohen"))
    rank = labels.index("Rank") + 1

    original = _column(table, kappa)
    assert min(original) < 0 < max(original), "this board should mix negative and positive kappas"

    header = headers.nth(kappa - 1)
    seen = {}
    for _ in range(2):  # one click sorts, the next reverses
        previous = header.get_attribute("aria-sort")
        header.click()
        expect(header).to_have_attribute("aria-sort", re.compile("ascending|descending"))
        expect(header).not_to_have_attribute("aria-sort", previous or "none")
        seen[header.get_attribute("aria-sort")] = _column(table, kappa)
    assert seen["ascending"] == sorted(original), seen["ascending"]
    assert seen["descending"] == sorted(original, reverse=True), seen["descending"]
    assert seen["ascending"][0] < 0 < seen["ascending"][-1]  # negative kappas below the positive ones

    rank_header = headers.nth(rank - 1)
    rank_header.click()
    if rank_header.get_attribute("aria-sort") == "descending":
        rank_header.click()
    expect(rank_header).to_have_attribute("aria-sort", "ascending")
    ranks = _column(table, rank)
    assert max(ranks) >= 10, "needs two-digit ranks to tell numeric from text order"
    assert ranks == sorted(ranks), ranks  # text order would put 10 before 9


def _stored_entries() -> dict[str, str]:
    entries = {}
    for path in sorted((sites.ROOT / "data" / "publications").glob("*.bib")):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        for entry in library.entries:
            entries[entry.key.lower()] = entry.raw
    return entries


def _fields(text: str) -> tuple[str, str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert len(library.entries) == 1 and not library.failed_blocks, text
    entry = library.entries[0]
    return entry.entry_type.lower(), entry.key, {f.key.lower(): f.value for f in entry.fields}


def test_bibtex_copy_button_copies_the_stored_entry(new_context, site_url):
    context = new_context(base_url=site_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto("2025/medical/gans/")
    stored = _stored_entries()
    blocks = page.locator("article details").filter(has=page.locator("summary", has_text="BibTeX"))
    assert blocks.count() >= 2
    for i in range(blocks.count()):
        block = blocks.nth(i)
        block.locator("summary").click()
        code = block.locator(".highlight")
        expect(code).to_be_visible()
        page.evaluate("navigator.clipboard.writeText('')")
        code.hover()
        # Material 9.8 renders the copy button as button.md-code__button[data-md-type=copy] (older: .md-clipboard)
        block.get_by_role("button", name="Copy to clipboard").click()
        copied = page.wait_for_function(
            "async () => (await navigator.clipboard.readText()) || null").json_value()
        entry_type, key, fields = _fields(copied)
        assert key.lower() in stored, f"copied an entry not in data/publications: {key}"
        raw = stored[key.lower()]
        assert " ".join(copied.split()) == " ".join(raw.split())
        assert (entry_type, key, fields) == _fields(raw)


def test_dark_mode_toggle(page):
    page.goto("")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()  # the choice is remembered
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.parametrize("path", ["", "2026/", "2025/medical/gans/", "2025/results/"])
def test_phone_viewport_has_no_horizontal_scroll(new_context, site_url, path):
    page = new_context(base_url=site_url, viewport={"width": 375, "height": 667}, is_mobile=True,
                       has_touch=True, device_scale_factor=2).new_page()
    page.goto(path)
    page.wait_for_load_state("load")
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})")
    if widths["scroll"] > widths["client"]:
        culprits = page.evaluate("""() => {
          const w = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .filter(e => !e.closest('.md-typeset__scrollwrap, .highlight, .tabbed-labels, .md-sidebar, .md-search'))
            .slice(0, 10)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className == 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
        }""")
        pytest.fail(f"/{path} scrolls sideways at 375px: {widths}; widest elements: {culprits}")
    assert widths["client"] == 375
