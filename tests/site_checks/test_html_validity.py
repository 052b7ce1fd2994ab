"""HTML validity with the Nu Html Checker: 0 errors on the clean site."""

import site_checks_fixtures as fixtures


def test_clean_site_is_valid_html():
    assert fixtures.report("clean", only="html").problems == []


def test_invalid_tag_is_caught_naming_the_page_and_line():
    report = fixtures.report("broken", only="html")
    (problem,) = [p for p in fixtures.problems(report, "html", "invalid-tag/index.html") if "center" in p.message]
    assert problem.message.startswith("line ") and "obsolete" in problem.message
    # vnu also flags the image without alt text; nothing on the clean pages of the broken site.
    assert "no-alt/index.html" in fixtures.pages_with(report, "html")
    assert "actions/free-them/index.html" not in fixtures.pages_with(report, "html")
