"""Accessibility: axe-core in headless Chromium on one page of every type in
every language: 0 violations (all of axe's rules but the experimental ones)."""

import logging

from . import tools
from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "accessibility"

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def check_pages(session, pages, axe_source, progress=None):
    """{page path: [violation]} for pages loaded one after another in one tab."""
    # bypass_csp: our CSP (rightly) forbids the injected axe script.
    context = session.new_context(bypass_csp=True)
    context.add_init_script(script=axe_source)
    found = {}
    try:
        tab = context.new_page()
        for page in pages:
            tab.goto(session.url(page), wait_until="load")
            found[page.path] = tab.evaluate(RUN_AXE)
            if progress:
                progress.advance()
    finally:
        context.close()
    return found


def check(site, progress=None, browser=None, all_pages=False, **_):
    axe_source = tools.axe_source()
    pages = site.pages if all_pages else site.samples()
    if progress:
        progress.start(len(pages))
    problems = []
    for path, found in check_pages(browser, pages, axe_source, progress).items():
        for violation in found:
            elements = ", ".join(violation["nodes"][:3]) + (" …" if len(violation["nodes"]) > 3 else "")
            problems.append(Problem(
                path, "",
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"({len(violation['nodes'])}×: {elements})",
                f"See {violation['helpUrl']}"))
    return problems
