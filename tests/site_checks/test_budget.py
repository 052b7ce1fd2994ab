"""Page budget: the action page's HTML + CSS and its gzipped HTML."""

import site_checks_fixtures as fixtures
from site_checks import Site, budget


def test_clean_action_pages_are_within_budget():
    assert fixtures.report("clean", only="budget").problems == []


def test_oversized_action_page_is_caught_on_both_budgets():
    report = fixtures.report("broken", only="budget")
    assert fixtures.pages_with(report, "budget") == ["actions/oversized/index.html"]
    messages = [p.message for p in report.problems]
    assert any("over the 50 KB budget" in m for m in messages)
    assert any("gzipped, over the 14 KB budget" in m for m in messages)


def test_weights_count_html_and_every_stylesheet():
    site = Site(fixtures.site("clean").output)
    page = site.page("actions/free-them/index.html")
    weight = budget.weigh(site, page)
    css = sum(f.stat().st_size for f in (site.root / "theme" / "css").glob("*.css")
              if f'theme/css/{f.name}' in site.read_bytes(page.path).decode())
    assert weight.html == len(site.read_bytes(page.path)) and weight.css == css > 0
    assert set(budget.by_kind(budget.weights(site))) == set(site.kinds())
