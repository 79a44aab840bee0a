"""Nothing from the data runs on a visitor's page, and nothing is fetched from outside the site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from . import sites
from .search import search

TASK = "2030/parent/alpha/"


def _record_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def test_participant_values_show_as_text_and_never_run(new_context, hostile_url):
    page = new_context(base_url=hostile_url).new_page()
    dialogs = _record_dialogs(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(TASK)
    page.wait_for_load_state("networkidle")

    board = page.locator("table[data-sortable]").first
    expect(board.get_by_role("rowheader", name=sites.HOSTILE_TEAM, exact=True)).to_be_visible()
    expect(board.get_by_role("cell", name=sites.HOSTILE_RUN, exact=True)).to_be_visible()
    expect(page.locator("article").get_by_text(sites.HOSTILE_SOURCE, exact=False)).to_be_visible()
    # the markup exists only as text: no element was created from it
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => s.textContent.includes("alert(")).length,
        images: document.querySelectorAll("article img[src=x], img[onerror]").length,
    })""")
    assert injected == {"scripts": 0, "images": 0}, injected
    # sorting re-renders rows: still text
    board.locator("thead th").nth(0).click()
    expect(board.get_by_role("rowheader", name=sites.HOSTILE_TEAM, exact=True)).to_be_visible()
    assert dialogs == [], dialogs
    assert errors == [], errors


def test_search_results_show_participant_values_as_text(new_context, hostile_url):
    page = new_context(base_url=hostile_url).new_page()
    dialogs = _record_dialogs(page)
    page.goto("")
    results = search(page, "onerror")  # matches the leaderboard section; its preview holds the values
    expect(results.locator(f"a[href$='{TASK}#results']")).to_be_visible()
    expect(results).to_contain_text(sites.HOSTILE_TEAM)
    expect(results).to_contain_text(sites.HOSTILE_SOURCE.split(">")[0])
    page.wait_for_timeout(300)  # an injected onerror handler would have fired by now
    assert page.evaluate("document.querySelectorAll('.md-search-result img, .md-search-result script').length") == 0
    assert dialogs == [], dialogs


def test_no_request_leaves_the_site(new_context, site_url):
    page = new_context(base_url=site_url).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.context.on("request", lambda request: requests.append(request.url))  # includes workers
    for path in ("", "2026/", "2025/medical/gans/", "publications/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    expect(search(page, "Caption").locator("a").first).to_be_visible()  # the search worker and its index

    own = urlsplit(site_url).netloc
    assert any(url.endswith("search/search_index.json") for url in requests), "the search index was not fetched"
    assert any(re.search(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", url) for url in requests)
    outside = sorted({url for url in requests
                      if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own})
    assert outside == [], f"requests that leave the site: {outside}"
    assert own.startswith("127.0.0.1:")
