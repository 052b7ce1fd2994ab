"""Checks on a built site: links, HTML validity, accessibility, privacy,
no-JS and page budget. Not a Pelican plugin: `invoke check`, `invoke publish`
and the tests call `check_site()` / `run_checks()`; `python -m site_checks`
runs them from the command line.

Every defect is a `campaign.problems.Problem` naming the page; `Report.found`
holds each check's problems under its name. The errors are CheckErrors:
`ChecksFailed` (exit 1), `CheckUnavailable` (a tool is missing, exit 2),
`NoBuiltSite` and `UnreadablePage` (exit 1); an unknown check name or a bad
option is a ConfigurationError (exit 2).
"""

from .problems import CheckUnavailable, ChecksFailed, NoBuiltSite, Problem, UnreadablePage
from .runner import CHECKS, NAMES, Report, check_site, print_report, run_checks, select
from .site import Page, Site

__all__ = ["CHECKS", "NAMES", "CheckUnavailable", "ChecksFailed", "NoBuiltSite", "Page", "Problem", "Report", "Site",
           "UnreadablePage", "check_site", "print_report", "run_checks", "select"]
