"""axe-core (the npm package in node_modules, installed by `make install`; never from a CDN), injected
into a page by Playwright: the accessibility rules it breaks, split into what fails a test (impact
serious or critical) and the rest (printed, not failed)."""

from __future__ import annotations

from pathlib import Path

from tests.support.services import unavailable

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def require_axe() -> None:
    if not AXE.exists():
        unavailable(f"axe-core is not installed at {AXE} (run `make install` or `npm ci`)")


def violations(page) -> list[dict]:
    """Every axe-core violation on the page as it is now (the WCAG 2.x A and AA rules and best practices)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': '
                + n.failureSummary.split('\\n').slice(1).join(' '))}));
    }""")


def describe(found: list[dict]) -> str:
    return "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']}\n" + "\n".join(f"      {n}" for n in v["nodes"])
        for v in found
    )


def blocking(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in BLOCKING]
