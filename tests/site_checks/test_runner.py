"""The whole run on fixture sites: no false positive on a clean site, and a
readable report naming every broken page on a broken one."""

import io
import os
import re
import subprocess
import sys

import pytest
from rich.console import Console

import site_checks_fixtures as fixtures
from campaign.problems import ConfigurationError
from conftest import ROOT
from site_checks import ChecksFailed, check_site, run_checks
from site_checks.__main__ import main


@pytest.mark.browser
def test_clean_site_passes_every_check(chromium):
    report = fixtures.report("clean", chromium)
    assert report.problems == []
    assert set(report.timings) == {"links", "html", "budget", "privacy", "accessibility", "no-js"}


def test_page_types_are_found_from_the_built_site():
    site = fixtures.report("clean", only="links").site
    assert {"home", "list actions/", "list briefings/", "actions/* (open)", "actions/* (closed)", "briefings/*",
            "actions/*/letter", "page about/"} <= set(site.kinds())
    sampled = {(page.kind, page.lang) for page in site.samples()}
    assert {("actions/* (open)", "ru"), ("actions/*/letter", "ru"), ("home", "kk")} <= sampled
    assert site.page("ru/actions/free-them/index.html").kind == "actions/* (open)"
    assert site.page("actions/closed-one/index.html").kind == "actions/* (closed)"


def test_report_names_page_line_problem_and_fix():
    out = io.StringIO()
    with pytest.raises(ChecksFailed) as failed:
        check_site(fixtures.site("broken").output, only="links", console=Console(file=out, width=300))
    lines = out.getvalue().splitlines()
    assert "✗ links: 3 problem(s)" in lines
    (line,) = [line for line in lines if line.startswith("  broken-link/index.html:")]
    assert re.fullmatch(r'  broken-link/index\.html:\d+: broken link <a href="\.\./missing-page/">: missing-page does '
                        r"not exist in the built site\. Correct the link, or add the page it points to", line)
    # Each problem is printed once, as Problem.text() says it, under the check that found it.
    assert list(failed.value.found) == ["links"] and len(failed.value.problems) == 3
    assert [line for line in lines if line.startswith("  ")] == [f"  {p.text()}" for p in failed.value.problems]
    assert lines[-1].startswith("3 problem(s) on ") and str(failed.value) == "3 problem(s) found by the site checks"


def test_command_line_exit_codes(capsys):
    assert main([str(fixtures.site("clean").output), "--only", "links,budget"]) == 0
    assert main([str(fixtures.site("broken").output), "--only", "links"]) == 1
    assert main([str(fixtures.site("broken").output), "--only", "spelling"]) == 2
    assert "unknown check 'spelling'; the checks are links, html" in capsys.readouterr().err


def test_a_missing_tool_is_exit_2_saying_what_to_install(tmp_path):
    env = {**os.environ, "SITE_CHECKS_NODE_MODULES": str(tmp_path / "node_modules")}
    result = subprocess.run([sys.executable, "-m", "site_checks", str(fixtures.site("clean").output), "--only", "html"],
                            cwd=ROOT / "plugins", env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (f"site_checks: the Nu Html Checker is missing ({tmp_path}/node_modules/vnu-jar/build/dist/"
                             "vnu.jar). Run `npm ci --ignore-scripts` in the project folder (`invoke check` does it "
                             "when node_modules/ is missing)\n")


def test_an_unknown_check_is_refused_before_any_check_runs():
    out = io.StringIO()
    with pytest.raises(ConfigurationError) as refused:
        check_site(fixtures.site("broken").output, only="links,lnks", console=Console(file=out))
    assert str(refused.value) == ("--only: unknown check 'lnks' (did you mean 'links'?); the checks are links, html, "
                                  "budget, privacy, accessibility, no-js")
    assert refused.value.exit_code == 2
    assert out.getvalue() == ""  # the links check did not run: no report
    with pytest.raises(ConfigurationError, match=r"unknown checks 'htm' \(did you mean 'html'\?\), 'spelling';"):
        run_checks("no-such-folder", only=["htm", "spelling"])  # the names are checked before the folder


def test_an_unknown_check_on_the_command_line_is_one_line_and_exit_2():
    result = subprocess.run([sys.executable, "-m", "site_checks", str(fixtures.site("clean").output), "--only", "lnks"],
                            cwd=ROOT / "plugins", capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == ("site_checks: --only: unknown check 'lnks' (did you mean 'links'?); the checks are links, "
                             "html, budget, privacy, accessibility, no-js\n")
    assert result.stdout == ""


def test_an_only_that_names_no_check_is_refused():
    with pytest.raises(ConfigurationError, match=r"--only: ',' names no check; name one or more of links, html"):
        run_checks(fixtures.site("clean").output, only=",")


def test_a_site_url_that_is_not_an_address_is_refused():
    with pytest.raises(ConfigurationError, match=r"the site's address 'campaign\.example\.org' \(--site-url, or else "
                                                 r"SITEURL\) is not an absolute http\(s\) address"):
        run_checks(fixtures.site("clean").output, only="links", site_url="campaign.example.org")
