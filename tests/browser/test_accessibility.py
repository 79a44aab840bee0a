"""axe-core audit (pinned, from npm by `make setup`) of the main kinds of page: no serious or critical violation."""

from __future__ import annotations

import json

import pytest

PAGES = {
    "home": "",
    "edition": "2026/",
    "task with leaderboards and citations": "2025/medical/gans/",
    "results": "2025/results/",
}


def _audit(page, axe_script) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                      summary: n.failureSummary}))
        }));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violations(new_context, site_url, axe_script, name, scheme):
    page = new_context(base_url=site_url, color_scheme=scheme).new_page()
    page.goto(PAGES[name])
    page.wait_for_load_state("networkidle")
    violations = _audit(page, axe_script)
    assert not violations, f"{name} (/{PAGES[name]}, {scheme}):\n" + json.dumps(violations, indent=1, ensure_ascii=False)


def test_the_audit_detects_a_violation(new_context, site_url, axe_script):
    """Guards the gate itself: axe runs in this browser and reports what it should."""
    page = new_context(base_url=site_url).new_page()
    page.goto("")
    page.evaluate("""() => {
        const img = document.createElement("img");
        img.src = "assets/images/favicon.png";  // no alt text: rule image-alt, critical
        document.querySelector("article").append(img);
    }""")
    assert "image-alt" in {v["id"] for v in _audit(page, axe_script)}
