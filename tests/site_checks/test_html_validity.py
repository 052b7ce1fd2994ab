"""HTML validity with the Nu Html Checker: 0 errors on the clean site."""

import site_checks_fixtures as fixtures
from site_checks import Site, html_validity


def test_clean_site_is_valid_html():
    assert fixtures.report("clean", only="html").problems == []


def test_invalid_tag_is_caught_naming_the_page_and_line():
    report = fixtures.report("broken", only="html")
    (problem,) = [p for p in fixtures.problems(report, "html", "invalid-tag/index.html") if "center" in p.message]
    assert "obsolete" in problem.message
    # The line is vnu's line in the built page, and the text names it after the page.
    page_lines = (fixtures.site("broken").output / problem.file).read_text(encoding="utf-8").splitlines()
    assert "<center>" in page_lines[problem.line - 1]
    assert problem.text().startswith(f"invalid-tag/index.html:{problem.line}: The “center” element is obsolete")
    assert problem.text().endswith(". Correct the markup at that line (template or content file); "
                                   "https://html.spec.whatwg.org/ says what is allowed")
    # vnu also flags the image without alt text; nothing on the clean pages of the broken site.
    assert "no-alt/index.html" in fixtures.pages_with(report, "html")
    assert "actions/free-them/index.html" not in fixtures.pages_with(report, "html")


def test_pages_and_stylesheets_are_named_with_the_line_of_the_error(tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html>\n<html lang="en">\n<head><title>Home</title>\n'
                                         '<link rel="stylesheet" href="site.css"></head>\n<body>\n'
                                         "<center>Old</center>\n</body>\n</html>\n", encoding="utf-8")
    (tmp_path / "site.css").write_text("p { color: red; }\n\na { colr: blue; }\n", encoding="utf-8")
    found = {problem.file: problem for problem in html_validity.check(Site(tmp_path))}
    assert set(found) == {"index.html", "site.css"}
    assert found["index.html"].text().startswith("index.html:6: The “center” element is obsolete")
    assert found["site.css"].text().startswith("site.css:3: CSS: “colr”: Property “colr” doesn't exist")
