"""The checks that load pages in Chromium: accessibility, privacy, no-JS."""

import pytest

import site_checks_fixtures as fixtures

pytestmark = pytest.mark.browser


def test_image_without_alt_text_is_an_accessibility_violation(chromium):
    report = fixtures.report("broken", chromium)
    found = fixtures.problems(report, "accessibility", "no-alt/index.html")
    assert any(p.message.startswith("image-alt") for p in found)
    (alt,) = [p for p in found if p.message.startswith("image-alt")]
    assert alt.text().startswith("no-alt/index.html: image-alt (critical): Images must have alternative text")
    assert ". See https://dequeuniversity.com/rules/axe/" in alt.text()


def test_third_party_stylesheet_is_recorded_as_a_request(chromium):
    report = fixtures.report("broken", chromium)
    (problem,) = fixtures.problems(report, "privacy", "third-party-css/index.html")
    assert problem.message == "requests a third party: https://cdn.example.com/style.css"


def test_inline_script_is_caught(chromium):
    report = fixtures.report("broken", chromium)
    (problem,) = fixtures.problems(report, "privacy", "inline-script/index.html")
    assert problem.message.startswith("inline <script>")


def test_privacy_flags_only_the_broken_pages(chromium):
    report = fixtures.report("broken", chromium)
    assert fixtures.pages_with(report, "privacy") == ["inline-script/index.html", "third-party-css/index.html"]


def test_missing_csp_meta_tag_is_caught_on_every_page(chromium):
    report = fixtures.report("no-js", chromium, only="privacy,no-js")
    missing = [p for p in report.problems if p.message == "no Content-Security-Policy meta tag"]
    assert len(missing) == len(report.site.pages) and "ru/index.html" in {p.file for p in missing}


def test_act_section_hidden_without_javascript_is_caught_per_language(chromium):
    report = fixtures.report("no-js", chromium, only="privacy,no-js")
    assert fixtures.pages_with(report, "no-js") == ["actions/free-them/index.html", "ru/actions/free-them/index.html"]
    assert "act section (#act) is not shown" in report.problems[-1].message
