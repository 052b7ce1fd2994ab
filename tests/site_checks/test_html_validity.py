"""HTML validity with the Nu Html Checker: 0 errors on the clean site."""

import site_checks_fixtures as fixtures


def test_clean_site_is_valid_html():
    assert fixtures.report("clean", only="html").problems == []


def test_invalid_tag_is_caught_naming_the_page_and_line():
    report = fixtures.report("broken", only="html")
    (problem,) = [p for p in fixtures.problems(report, "html", "invalid-tag/index.html") if "center" in p.message]
    assert "obsolete" in problem.message
    # The text names the page and the line vnu gives.
    assert problem.text().startswith(f"invalid-tag/index.html:{problem.line}: The “center” element is obsolete")
    assert problem.text().endswith(". Correct the markup at that line (template or content file); "
                                   "https://html.spec.whatwg.org/ says what is allowed")
    # vnu also flags the image without alt text; nothing on the clean pages of the broken site.
    assert "no-alt/index.html" in fixtures.pages_with(report, "html")
    assert "actions/free-them/index.html" not in fixtures.pages_with(report, "html")
