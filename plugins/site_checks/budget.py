"""Page budget: an action page's HTML plus its CSS at most 50 KB uncompressed,
its HTML at most 14 KB gzipped (one round trip on a slow mobile link).
Every page type's weight is measured and reported.
"""

import dataclasses
import gzip
import logging
import posixpath

from .links import resolve
from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "budget"
KB = 1024
# Page types the budget applies to: the action pages, open or closed.
BUDGETED = ("actions/* (open)", "actions/* (closed)", "actions/*")
MAX_HTML_AND_CSS = 50 * KB
MAX_HTML_GZIPPED = 14 * KB


@dataclasses.dataclass(frozen=True)
class Weight:
    page: str
    kind: str
    html: int
    html_gzipped: int
    css: int

    @property
    def total(self):
        return self.html + self.css


def stylesheets(site, page_path):
    """The site's stylesheets a page links to (every media: browsers fetch them all)."""
    found = []
    for link in site.soup(page_path).find_all("link", href=True):
        if "stylesheet" not in link.get("rel", []):
            continue
        target, _, kind = resolve(site, page_path, link["href"])
        if kind in ("relative", "root-relative") and site.file(target).is_file():
            found.append(posixpath.normpath(target))
    return found


def weigh(site, page):
    html = site.read_bytes(page.path)
    css = sum(site.file(path).stat().st_size for path in stylesheets(site, page.path))
    return Weight(page.path, page.kind, len(html), len(gzip.compress(html, compresslevel=9)), css)


def weights(site):
    return [weigh(site, page) for page in site.pages]


def by_kind(all_weights):
    """{kind: heaviest Weight of that kind}"""
    heaviest = {}
    for weight in all_weights:
        if weight.kind not in heaviest or weight.total > heaviest[weight.kind].total:
            heaviest[weight.kind] = weight
    return dict(sorted(heaviest.items()))


def check(site, progress=None, budgeted=BUDGETED, max_total=MAX_HTML_AND_CSS, max_gzipped=MAX_HTML_GZIPPED, **_):
    problems = []
    measured = weights(site)
    if progress:
        progress.start(1)
        progress.advance()
    for weight in measured:
        if weight.kind not in budgeted:
            continue
        if weight.total > max_total:
            problems.append(Problem(
                weight.page, "",
                f"HTML + CSS is {weight.total / KB:.1f} KB ({weight.html / KB:.1f} KB HTML, {weight.css / KB:.1f} KB CSS), "
                f"over the {max_total / KB:.0f} KB budget",
                "Shorten the page (move background to a briefing) or trim the stylesheet"))
        if weight.html_gzipped > max_gzipped:
            problems.append(Problem(
                weight.page, "",
                f"HTML is {weight.html_gzipped / KB:.1f} KB gzipped, over the {max_gzipped / KB:.0f} KB budget",
                "Shorten the page: the first 14 KB arrive in one round trip on a slow link"))
    return problems
