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
from conftest import ROOT
from site_checks import ChecksFailed, check_site
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
    assert "unknown check(s) spelling" in capsys.readouterr().err


def test_a_missing_tool_is_exit_2_saying_what_to_install(tmp_path):
    env = {**os.environ, "SITE_CHECKS_NODE_MODULES": str(tmp_path / "node_modules")}
    result = subprocess.run([sys.executable, "-m", "site_checks", str(fixtures.site("clean").output), "--only", "html"],
                            cwd=ROOT / "plugins", env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (f"site_checks: the Nu Html Checker is missing ({tmp_path}/node_modules/vnu-jar/build/dist/"
                             "vnu.jar). Run `npm ci --ignore-scripts` in the project folder (`invoke check` does it "
                             "when node_modules/ is missing)\n")
