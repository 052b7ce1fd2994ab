"""Checks on a built site: links, HTML validity, accessibility, privacy,
no-JS and page budget. Not a Pelican plugin: `invoke check`, `invoke publish`
and the tests call `check_site()` / `run_checks()`; `python -m site_checks`
runs them from the command line.
"""

from .problems import CheckUnavailable, ChecksFailed, Problem
from .runner import CHECKS, NAMES, check_site, print_report, run_checks
from .site import Page, Site

__all__ = ["CHECKS", "NAMES", "CheckUnavailable", "ChecksFailed", "Page", "Problem", "Site", "check_site",
           "print_report", "run_checks"]
