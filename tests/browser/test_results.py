"""Results visitors can read and find, measured in headless Chromium: every board fits a laptop's width, a phone
shows rank, team and the primary score, many boards are reachable, search finds teams, series charts are named."""

from __future__ import annotations

import pytest

from . import sites
from .search import search


def board_pages(site) -> list[str]:
    """URLs (relative to the site) of every page holding a leaderboard."""
    return sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.rglob("index.html")
                  if 'class="lb"' in p.read_text(encoding="utf-8"))


def visit_tabs(page, check) -> None:
    """``check()`` with every tab of the page shown in turn (and once as the page opens)."""
    check()
    for label in page.locator(".tabbed-labels > label").all():
        if label.is_visible():
            label.click()
            check()


def test_every_board_fits_its_container_at_1280(new_context, site, site_url):
    pages = board_pages(site)
    assert len(pages) >= 5
    context = new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    too_wide = []

    def measure(url: str) -> None:
        for table in page.locator("table.lb").all():
            if not table.is_visible():  # in a tab that another tab of the same set hides
                continue
            widths = table.evaluate("t => [t.getBoundingClientRect().width, "
                                    "(t.closest('.md-typeset__scrollwrap') || t.parentElement).clientWidth]")
            if widths[0] > widths[1] + 1:
                too_wide.append((url, table.locator("caption").inner_text(), widths))

    for url in pages:
        page.goto(url)
        visit_tabs(page, lambda: measure(url))
    assert sorted(set((u, c, tuple(w)) for u, c, w in too_wide)) == []


def test_rank_team_and_primary_score_are_in_view_on_a_phone(new_context, site, site_url):
    context = new_context(base_url=site_url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    outside = []
    for url in board_pages(site):
        page.goto(url)
        table = page.locator("table.lb").first
        table.scroll_into_view_if_needed()
        box = table.locator("tbody tr").first.locator("td.lb-primary").bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > 375:
            outside.append((url, box))
    assert outside == []


def test_rank_and_team_stay_in_view_while_a_board_scrolls_sideways_on_a_phone(new_context, site, site_url):
    """A wide board scrolls within its own box; scrolled to its last column, the rank and team of each row are
    still beside it (sticky cells: Material's overflow: hidden on tables would pin them to the table instead)."""
    context = new_context(base_url=site_url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    scrolled, lost = [], []

    def check(url: str) -> None:
        for table in page.locator("table.lb").all():
            if not table.is_visible():
                continue
            moved = table.evaluate("""t => { const box = t.closest('.md-typeset__scrollwrap');
                if (box.scrollWidth <= box.clientWidth + 1) return false;
                box.scrollLeft = box.scrollWidth; return box.scrollLeft > 0; }""")
            if not moved:
                continue
            scrolled.append(url)
            row = table.locator("tbody tr").first
            for cell in (row.locator(".lb-rank"), row.locator(".lb-team")):
                box = cell.bounding_box()
                if box is None or box["x"] < -0.5 or box["x"] + box["width"] > 375.5:
                    lost.append((url, table.locator("caption").inner_text(), box))

    for url in board_pages(site):
        page.goto(url)
        visit_tabs(page, lambda: check(url))
    assert scrolled, "no board is wider than a phone: nothing was measured"
    assert lost == []


@pytest.mark.parametrize("path", ["archive/", "tasks/caption/", "2025/results/"])
def test_summary_tables_fit_a_phone_without_scrolling_sideways(new_context, site_url, path):
    """The archive, a series page and the results page with the longest task and team names: their plain tables
    fit 375 px, because names such as "MultimodalReasoning" or "AUEB_NLP_Group" wrap where they may. (Boards scroll
    their score columns instead, with rank and team kept in view: the test above.)"""
    page = new_context(base_url=site_url, viewport={"width": 375, "height": 812}).new_page()
    page.goto(path)
    tables = page.locator("article table:not(.lb)")
    assert tables.count() >= 1
    overflow = [t.evaluate("t => t.scrollWidth - t.closest('.md-typeset__scrollwrap').clientWidth") for t in tables.all()]
    assert max(overflow) <= 0, overflow


def test_fourteen_language_boards_are_all_reachable_at_375(new_context, site_url):
    context = new_context(base_url=site_url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto("2025/multimodal-reasoning/")
    labels = page.locator(".tabbed-labels > label")
    assert labels.count() >= 14
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 375, (i, box)
    labels.nth(labels.count() - 1).click()
    assert page.locator("table.lb:visible").count() == 1


def test_a_focused_tab_shows_its_focus(new_context, site_url):
    page = new_context(base_url=site_url).new_page()
    page.goto("2025/multimodal-reasoning/")
    page.locator(".tabbed-set > input").first.focus()
    page.keyboard.press("ArrowRight")
    label = page.locator(".tabbed-labels > label").nth(1)
    assert label.evaluate("l => getComputedStyle(l).outlineStyle") != "none"


def test_first_click_sorts_best_first(new_context, site_url):
    page = new_context(base_url=site_url).new_page()
    page.goto("2025/medical/gans/")
    table = page.locator("table.lb").first
    header = table.locator("thead th", has_text="Accuracy")
    header.click()
    values = [float(v) for v in table.locator("tbody tr td.lb-computed:nth-child(4)").all_inner_texts()[:5]]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("team", ["taotaozi", "mapan", "DeepLens", "AUEB NLP Group", "seifahmed"])
def test_search_finds_team_names_on_their_board_page(page, team, site):
    """The first hit is a page with the team's results: one of its boards, or the page of a task series
    that names it as a year's leader (a team on boards of several years)."""
    boards = board_pages(site)
    series = sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in (site / "tasks").glob("*/index.html"))
    expected = [url for url in boards + series if team in (site / url / "index.html").read_text(encoding="utf-8")]
    assert any(url in boards for url in expected)
    page.goto("./")
    first = search(page, team).locator(".md-search-result__item a").first
    first.wait_for()
    href = first.get_attribute("href").split("#")[0]
    assert any(href.endswith("/" + url) for url in expected), (href, expected)


def test_a_series_chart_is_visible_and_named(new_context, history_url):
    page = new_context(base_url=history_url).new_page()
    page.goto("tasks/alpha/")
    chart = page.get_by_role("img", name="Alpha: best score by year")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 200
    assert "2029: F1 0.55" in chart.locator("desc").text_content()
    # the same numbers in the table beside it
    assert page.locator("table", has_text="Leading team").locator("tr", has_text="2029").inner_text().count("0.55") == 1


def test_the_interval_beside_the_primary_score_is_visible_at_375(new_context, site_url):
    page = new_context(base_url=site_url, viewport={"width": 375, "height": 812}).new_page()
    page.goto("2025/medical/gans/")
    interval = page.locator("table.lb").first.locator("tbody tr").first.locator(".lb-ci")
    interval.scroll_into_view_if_needed()
    box = interval.bounding_box()
    assert interval.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert "[0.065, 0.232]" in interval.inner_text()
