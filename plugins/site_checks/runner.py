"""Run the checks on a built site with progress, and print a readable report:
what is wrong, where (the page), how to fix it."""

import dataclasses
import difflib
import logging
import time
import urllib.parse

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from campaign.annotations import append_job_summary
from campaign.problems import ConfigurationError

from . import accessibility, budget, html_validity, links, nojs, privacy
from .browser import BrowserSession
from .problems import ChecksFailed
from .site import Site

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    describe: str
    run: object
    needs_browser: bool = False


CHECKS = [
    Check(links.NAME, "internal links and #anchors", links.check),
    Check(html_validity.NAME, "HTML validity (Nu Html Checker)", html_validity.check),
    Check(budget.NAME, "page budget", budget.check),
    Check(privacy.NAME, "privacy: CSP and same-origin requests", privacy.check, needs_browser=True),
    Check(accessibility.NAME, "accessibility (axe-core in Chromium)", accessibility.check, needs_browser=True),
    Check(nojs.NAME, "works without JavaScript", nojs.check, needs_browser=True),
]
NAMES = [check.name for check in CHECKS]


@dataclasses.dataclass
class Report:
    site: Site
    found: dict  # check name -> [campaign.problems.Problem] it found, in the order the checks ran
    timings: dict  # check name -> seconds
    weights: list

    @property
    def problems(self):
        """Every problem found, check after check."""
        return [problem for problems in self.found.values() for problem in problems]

    @property
    def ok(self):
        return not self.problems


class _Step:
    """The progress handle a check gets: start(total), advance()."""

    def __init__(self, progress, task):
        self.progress, self.task = progress, task

    def start(self, total):
        self.progress.update(self.task, total=total, completed=0)

    def advance(self):
        self.progress.advance(self.task)


def select(only=None):
    """The checks named in `only` ("links,html" or a list), in CHECKS order; all of them for None or "".

    A name that is not a check is a ConfigurationError naming the checks and the closest name.
    """
    if only is None or only == "":
        return CHECKS
    wanted = [name.strip() for name in (only.split(",") if isinstance(only, str) else only) if name.strip()]
    if not wanted:
        raise ConfigurationError(f"--only: {only!r} names no check; name one or more of {', '.join(NAMES)}, "
                                 "separated by commas, or leave --only out to run them all")
    unknown = [name for name in dict.fromkeys(wanted) if name not in NAMES]
    if unknown:
        named = ", ".join(_with_closest(name) for name in unknown)
        raise ConfigurationError(f"--only: unknown check{'s' if len(unknown) > 1 else ''} {named}; "
                                 f"the checks are {', '.join(NAMES)}")
    return [check for check in CHECKS if check.name in wanted]


def _with_closest(name):
    """'lnks' (did you mean 'links'?), or just 'spelling' when no check's name is close."""
    close = difflib.get_close_matches(name, NAMES, n=1)
    return f"'{name}' (did you mean '{close[0]}'?)" if close else f"'{name}'"


def valid_site_url(site_url):
    """'' or an absolute http(s) address: the links check counts links under it as internal."""
    if not site_url:
        return ""
    parts = urllib.parse.urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"the site's address {site_url!r} (--site-url, or else SITEURL) is not an absolute "
                                 "http(s) address, so links to the site itself cannot be told from links elsewhere; "
                                 "give the public address, e.g. https://campaign.example.org")
    return site_url


def run_checks(path, only=None, console=None, browser=None, **options):
    """Run the selected checks on the site at `path`; return a Report.

    options go to every check: site_url (absolute URLs under it count as
    internal), all_pages (browser checks on every page, not one per type and
    language), require_index_files (links must not end at a folder).
    """
    console = console or report_console(stderr=True)
    checks = select(only)
    if "site_url" in options:
        options["site_url"] = valid_site_url(options["site_url"])
    site = Site(path)
    found, timings = {}, {}
    session = BrowserSession(site.root, browser=browser) if any(c.needs_browser for c in checks) else None
    with Progress(TextColumn("{task.description:<44}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False, disable=not console.is_terminal) as progress:
        if session:
            session.__enter__()
        try:
            for check in checks:
                task = progress.add_task(check.describe, total=None)
                started = time.perf_counter()
                problems = check.run(site, progress=_Step(progress, task), browser=session, **options)
                timings[check.name] = time.perf_counter() - started
                found[check.name] = problems
                progress.update(task, description=f"{check.describe} "
                                                  f"[{'ok' if not problems else f'{len(problems)} problem(s)'}]")
        finally:
            if session:
                session.__exit__(None, None, None)
    return Report(site=site, found=found, timings=timings, weights=budget.weights(site))


def report_console(stderr=False):
    """A console for reports: in a terminal as wide as it is; elsewhere (CI logs, files) never wrapped."""
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console = Console(stderr=stderr, width=10_000, soft_wrap=True)
    return console


def weights_markdown(report):
    """The page-weight table as Markdown, for a CI job summary."""
    lines = ["### Page weight by type (the heaviest page of each)", "",
             "| page type | page | HTML | HTML gzipped | CSS | HTML+CSS |", "|---|---|--:|--:|--:|--:|"]
    for kind, weight in budget.by_kind(report.weights).items():
        lines.append(f"| {kind} | `{weight.page}` | {_kb(weight.html)} | {_kb(weight.html_gzipped)} | "
                     f"{_kb(weight.css)} | {_kb(weight.total)} |")
    return "\n".join(lines)


def print_report(report, console=None):
    console = console or report_console()
    table = Table(title="Page weight by type (the heaviest page of each)", title_justify="left")
    for column in ("page type", "page", "HTML", "HTML gzipped", "CSS", "HTML+CSS"):
        table.add_column(column, justify="left" if column.startswith("page") else "right")
    for kind, weight in budget.by_kind(report.weights).items():
        table.add_row(kind, weight.page, _kb(weight.html), _kb(weight.html_gzipped), _kb(weight.css), _kb(weight.total))
    console.print(table)
    console.print("Checks: " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in report.timings.items()))
    pages = len(report.site.pages)
    root = escape(str(report.site.root))
    if report.ok:
        console.print(f"[green]All {len(report.timings)} check(s) passed on {pages} page(s) in {root}[/green]")
        return
    for name, found in report.found.items():
        if not found:
            continue
        console.print(f"\n[bold red]✗ {escape(name)}: {len(found)} problem(s)[/bold red]")
        for problem in found:
            # Problem.text(): "page[:line]: what is wrong. How to fix it", with control characters escaped.
            console.print(f"  {problem.text()}", markup=False, highlight=False)
    console.print(f"\n[red]{len(report.problems)} problem(s) on {pages} page(s) in {root}[/red]")


def check_site(path, only=None, console=None, **options):
    """run_checks + print_report; raise ChecksFailed when anything failed."""
    report = run_checks(path, only=only, console=console, **options)
    print_report(report, console)
    append_job_summary(weights_markdown(report))
    if not report.ok:
        raise ChecksFailed(report.found)
    return report


def _kb(size):
    return f"{size / 1024:.1f} KB"
