"""In real headless Chromium, without JavaScript: the switcher leads to the translation."""

import pytest

pytestmark = pytest.mark.browser


def test_switcher_leads_from_english_to_russian_action_without_javascript(site_builder, chromium, serve):
    site = site_builder()
    base = serve(site.output)
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{base}/actions/free-them/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Free them"
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
        page.wait_for_url(f"{base}/ru/actions/free-them/")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("h1").inner_text() == "Освободите их"
        assert "Срок: " in page.locator(".action-header .deadline").inner_text()
        # The deadline and the call to act are above the fold on a phone.
        box = page.locator(".action-header .send-primary").first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 740
    finally:
        context.close()
