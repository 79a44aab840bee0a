"""axe-core audit (pinned, from npm by `make setup`) of every kind of page, in the light and the dark colour
scheme, with every collapsed block (BibTeX, "How these numbers were computed") opened and every tab visited: no
serious or critical violation."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

PAGES = {
    "home": "",
    "edition": "2026/",
    "past edition": "2019/",
    "task with leaderboards and citations": "2025/medical/gans/",
    "task with fourteen boards": "2025/multimodal-reasoning/",
    "task with a wide board": "2025/medical/mediqa-magic/",
    "task without results": "2026/deepfake/",
    "parent task": "2025/medical/",
    "results": "2025/results/",
    "all editions": "archive/",
    "all tasks": "tasks/",
    "task series": "tasks/caption/",
    "events": "events/",
    "event": "events/medical-foundation-models-2026/",
    "publications, every BibTeX block open": "publications/",
    "how results are computed": "scoring/",
    "guide": "guide/results/",
}
SCHEMES = ("default", "slate")  # Material's light and dark palettes (mkdocs.yml theme.palette)


def _audit(page, axe_script) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({
            rule: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                      summary: n.failureSummary}))
        }));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violations(page, axe_script, name):
    page.goto(PAGES[name])
    page.wait_for_load_state("load")
    # colours are read mid-transition otherwise, right after the scheme changes
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    found = {}
    for scheme in SCHEMES:
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.locator("form[data-md-component=palette] label:visible").first.click()  # as a visitor does
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        violations = _audit(page, axe_script)
        for i, label in enumerate(page.locator(".tabbed-labels > label").all()):
            if label.is_visible() and i:  # each tab shown in turn (the first is shown already)
                label.click()
                violations += _audit(page, axe_script)
        if violations:
            found[scheme] = violations
    assert not found, f"{name} (/{PAGES[name]}):\n" + json.dumps(found, indent=1, ensure_ascii=False)


def test_the_audit_detects_a_violation(page, axe_script):
    """Guards the gate itself: axe runs in this browser and reports what it should."""
    page.goto("")
    page.evaluate("""() => {
        const img = document.createElement("img");
        img.src = "assets/images/favicon.png";  // no alt text: rule image-alt, critical
        document.querySelector("article").append(img);
    }""")
    assert "image-alt" in {v["rule"] for v in _audit(page, axe_script)}
