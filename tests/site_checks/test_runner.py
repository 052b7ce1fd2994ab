"""The whole run on fixture sites: no false positive on a clean site, and a
readable report naming every broken page on a broken one."""

import io

import pytest
from rich.console import Console

import site_checks_fixtures as fixtures
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


def test_report_names_page_problem_and_fix():
    out = io.StringIO()
    with pytest.raises(ChecksFailed) as failed:
        check_site(fixtures.site("broken").output, only="links", console=Console(file=out, width=300))
    text = out.getvalue()
    assert "✗ links" in text
    assert "broken-link/index.html: broken link" in text
    assert "fix: correct the link" in text
    assert len(failed.value.problems) == 3


def test_command_line_exit_codes(capsys):
    assert main([str(fixtures.site("clean").output), "--only", "links,budget"]) == 0
    assert main([str(fixtures.site("broken").output), "--only", "links"]) == 1
    assert main([str(fixtures.site("broken").output), "--only", "spelling"]) == 2
    assert "unknown check(s) spelling" in capsys.readouterr().err
