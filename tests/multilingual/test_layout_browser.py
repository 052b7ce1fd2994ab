"""In real headless Chromium: every page type fits a 320 px phone, in ltr and rtl."""

import pytest
from conftest import action_md, minimal_files

pytestmark = pytest.mark.browser

PAGES = ["", "actions/", "briefings/", "actions/free-them/", "briefings/background/", "about/",
         "ar/", "ar/actions/free-them/"]


def test_pages_fit_320_px_without_horizontal_scrolling(site_builder, chromium, serve):
    files = minimal_files()
    files["actions/free-them.ar.md"] = action_md(lang="ar", title="أطلقوا سراحهم")
    site = site_builder(files, languages=("en", "ru", "ar"))
    base = serve(site.output)
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(f"{base}/{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"/{path} is {width}px wide at a 320px viewport"
        # Mirrored: in rtl the site name starts at the right edge.
        page.goto(f"{base}/ar/actions/free-them/")
        box = page.locator(".site-name").bounding_box()
        assert box["x"] + box["width"] > 250
    finally:
        context.close()
