"""axe-core in the browser tests: the WCAG 2.1 A and AA rules on a page, offline.

axe-core is vendored (``tests/browser/vendor/axe-core``, MPL-2.0) and injected into the page
under test as a script of the page's own origin, answered by the test itself (an intercepted
request, so nothing leaves the machine and the app's Content-Security-Policy, which refuses
inline scripts, is kept as it is): CI installs nothing for it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
#: Where the page finds it (never served by the app: the test answers the request).
AXE_PATH = "/__tests__/axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: What the tests allow none of.
BLOCKING = ("critical", "serious")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on ``page`` as it is now: rule, impact and the elements (their
    selector and HTML, shortened)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        url = f"{origin}{AXE_PATH}"
        page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
        page.add_script_tag(url=url)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => [n.target.join(' '), n.html.slice(0, 160)]),
            }));
        }""",
        TAGS,
    )


def blocking(violations: list[dict]) -> list[dict]:
    """The critical and serious violations."""
    return [v for v in violations if v["impact"] in BLOCKING]
