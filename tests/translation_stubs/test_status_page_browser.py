"""In real headless Chromium: the team's status page fits a 390 px phone, paste line included."""

import pytest

from conftest import minimal_files

pytestmark = pytest.mark.browser


def test_the_status_page_fits_a_phone(site_builder, chromium, serve):
    files = minimal_files()
    files["briefings/background.ru.md"] = files["briefings/background.ru.md"].replace(
        "Lang: ru", "Lang: ru\nTranslation-Status: translated\nTranslator: A volunteer with a long name\n"
        "Source-Fingerprint: sha256:" + "0" * 64)
    site = site_builder(files)
    assert "Once updated, paste: <code>Source-Fingerprint: sha256:" in site.text("translation-status/index.html")
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{serve(site.output)}/translation-status/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the status page is {width}px wide at a 390px viewport"
    finally:
        context.close()
