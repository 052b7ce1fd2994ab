"""In real headless Chromium: footnotes are easy to tap and named in the page's language, a closed
action points to the open ones, the site has its icon, and an action page with a picture still
sends at most 100 KB for its first screen on a phone."""

import io

import pytest
from PIL import Image

from conftest import action_md, briefing_md, minimal_files

pytestmark = pytest.mark.browser


def test_footnotes_are_24_px_targets_with_notes_in_the_page_language(site_builder, chromium, serve):
    site = site_builder()
    soup = site.soup("ru/briefings/background/index.html")
    assert soup.select_one(".notes-heading").get_text() == "Примечания"
    assert soup.select_one(".footnote-backref")["title"] == "Вернуться к тексту у примечания 1"
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{serve(site.output)}/ru/briefings/background/")
        for selector in (".footnote-ref", ".footnote-backref"):
            box = page.locator(selector).first.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (selector, box)
    finally:
        context.close()


def test_a_closed_action_shows_its_outcome_first_and_the_open_actions(site_builder):
    files = minimal_files()
    files["actions/closed-one.md"] = action_md(slug="closed-one", title="Closed one", state="closed")
    site = site_builder(files)
    soup = site.soup("actions/closed-one/index.html")
    header = soup.select_one(".action-header")
    assert header.select_one(".closed-notice").find("p")["class"] == ["outcome"]
    assert [a["href"] for a in header.select(".open-actions a")] == ["../../actions/free-them/#act"]
    assert not soup.select("a.send-primary, a[href^='mailto:']")
    head = site.soup("index.html").head
    assert head.select_one('link[rel="icon"]')["href"].endswith("theme/favicon.svg")
    assert head.select_one('meta[name="theme-color"]')["content"]
    assert (site.output / "theme" / "favicon.svg").read_text().startswith("<svg")


def test_the_first_screen_of_an_action_with_a_picture_is_at_most_100_kb(site_builder, tmp_path, chromium, serve):
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    stream = io.BytesIO()
    Image.effect_noise((3000, 2000), 80).convert("RGB").save(stream, "JPEG", quality=95)  # a heavy photo
    (images / "photo.jpg").write_bytes(stream.getvalue())
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/photo.jpg\nImage-Alt: A crowd outside the office")
    files["briefings/background.md"] = briefing_md()
    site = site_builder(files)
    assert not site.report.problems
    # As a supporter's phone loads it (the site has no script; Chromium honours loading="lazy" only
    # where scripting is on, as in every ordinary browser).
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes = []
    page.on("response", lambda response: sizes.append((response.url, len(response.body()))))
    try:
        page.goto(f"{serve(site.output)}/actions/free-them/", wait_until="networkidle")
    finally:
        context.close()
    # Page, stylesheets, icon and, where the picture reaches the first screen, the size a phone needs:
    # a 640 px WebP of a 3000 px photo full of detail (the worst case), not the photo.
    assert sum(size for _, size in sizes) <= 100 * 1024, sizes
    assert [url.rsplit("-", 1)[1] for url, _ in sizes if "images/sized" in url] in ([], ["640.webp"])
