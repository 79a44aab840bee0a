"""Material's search as a visitor uses it, once its index is ready (the worker builds it after the page loads,
which takes seconds for the whole archive on a busy machine)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

READY_TIMEOUT_MS = 60_000


def search(page: Page, query: str) -> Locator:
    """Type ``query`` into the search box of the open page; return the result list."""
    box = page.locator("input.md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"),
                                                                    timeout=READY_TIMEOUT_MS)
    box.press_sequentially(query, delay=20)
    return page.locator(".md-search-result__list")
