"""Browser fixtures: one site build, one local server and one headless Chromium per session.

The browser is Debian's chromium (``apt-get install chromium chromium-driver``), driven by Playwright;
Playwright's own browser downloads are never used. Without it these tests are skipped, unless
IMAGECLEF_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser is an error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import sites

CHROMIUM = Path(os.environ.get("IMAGECLEF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = sites.ROOT / ".cache" / "vendor" / "axe-core" / "axe.min.js"


def _unavailable(reason: str):
    if os.environ.get("IMAGECLEF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return sites.real_site(tmp_path_factory)


def _serving(site: Path):
    server, url = sites.serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(site):
    yield from _serving(site)


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory):
    yield from _serving(sites.hostile_site(tmp_path_factory))


@pytest.fixture(scope="session")
def history_url(tmp_path_factory):
    yield from _serving(sites.history_site(tmp_path_factory))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (make setup installs it)")
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM}; install Debian's packages: apt-get install chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Factory of isolated browser contexts (own storage, permissions, viewport); closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("color_scheme", "light")
        options.setdefault("service_workers", "block")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, site_url):
    """A page of a fresh context whose relative URLs resolve on the served real site."""
    return new_context(base_url=site_url).new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(sites.ROOT)} is missing: run `make setup` (it fetches axe-core from npm)",
                    pytrace=False)
    return AXE
