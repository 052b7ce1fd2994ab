"""Share previews: every page's Open Graph tags, resolving to files of the site; a card per
action and briefing per language, the right size, redrawn only when its text changes."""

import io
import os
import urllib.parse

import pytest
from PIL import Image

from campaign_content.model import MAX_FIELD_CHARACTERS
from conftest import action_md, build_site, minimal_files

BASE = "https://campaign.example.org"
REQUIRED = ("og:title", "og:description", "og:type", "og:url", "og:site_name", "og:locale", "og:image",
            "og:image:alt", "og:image:width", "og:image:height")


def publish_settings(tmp_path):
    return {"SITEURL": BASE, "SOCIAL_CARDS": {"enabled": True}, "CACHE_PATH": str(tmp_path / "card-cache")}


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("share")
    return build_site(folder, minimal_files(), settings=publish_settings(folder), strict=True), folder


def local_path(site, url):
    assert url.startswith(BASE + "/"), url
    path = urllib.parse.urlsplit(url).path.lstrip("/")
    return site.output / (path + "index.html" if path.endswith("/") or not path else path)


def test_every_page_has_share_tags_that_resolve_to_files_of_the_site(shared_site):
    site, _ = shared_site
    pages = [p for p in site.output.rglob("index.html") if "letter" not in p.parts]
    assert len(pages) > 10
    for page in pages:
        soup = site.soup(page.relative_to(site.output).as_posix())
        tags = {tag["property"]: tag["content"] for tag in soup.select("meta[property]")}
        assert all(tags.get(name) for name in REQUIRED), (page, sorted(tags))
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == tags["og:url"] and local_path(site, canonical) == page
        assert local_path(site, tags["og:image"]).is_file()
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    en = site.soup("actions/free-them/index.html")
    assert en.select_one('meta[property="og:locale"]')["content"] == "en_GB"
    assert [t["content"] for t in en.select('meta[property="og:locale:alternate"]')] == ["ru_RU"]  # no kk version
    home = site.soup("kk/index.html")
    assert home.select_one('meta[property="og:locale"]')["content"] == "kk_KZ"


def test_cards_are_the_right_size_and_differ_per_language(shared_site):
    site, _ = shared_site
    cards = {lang: (site.output / prefix / "actions/free-them/card.png").read_bytes()
             for lang, prefix in (("en", ""), ("ru", "ru"))}
    for data in cards.values():
        assert len(data) < 100 * 1024
        assert Image.open(io.BytesIO(data)).size == (1200, 630)
    assert len(set(cards.values())) == 2
    site_cards = {(site.output / prefix / "card.png").read_bytes() for prefix in ("", "ru", "kk")}
    assert len(site_cards) == 3
    assert (site.output / "briefings/background/card.png").is_file() and not (site.output / "about/card.png").exists()


def test_a_card_is_redrawn_only_when_its_text_changes(tmp_path):
    files = minimal_files()
    build_site(tmp_path, files, settings=publish_settings(tmp_path))
    cache = tmp_path / "card-cache" / "social-cards"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    build_site(tmp_path, files, settings=publish_settings(tmp_path))
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    files["actions/free-them.md"] = action_md(title="Free them now")
    site = build_site(tmp_path, files, settings=publish_settings(tmp_path))
    assert len(set(os.listdir(cache)) - set(before)) == 1  # only the retitled English card is new
    assert "Free them now" in site.soup("actions/free-them/index.html").select_one(
        'meta[property="og:image:alt"]')["content"]


def test_a_hostile_title_is_text_in_the_tags_and_the_card(tmp_path):
    files = minimal_files()
    files["actions/free-them.md"] = action_md(title='Free "them" <script>alert(1)</script>')
    site = build_site(tmp_path, files, settings=publish_settings(tmp_path))
    html = site.text("actions/free-them/index.html")
    assert "<script>alert(1)</script>" not in html
    # The preview shows the title the page shows, as text: nothing of it is taken for markup and dropped.
    page = site.soup("actions/free-them/index.html")
    assert page.select_one('meta[property="og:title"]')["content"] == page.h1.get_text() == \
        'Free "them" <script>alert(1)</script>'
    assert "alert(1)" in site.soup("actions/free-them/index.html").select_one('meta[property="og:image:alt"]')["content"]


def test_a_title_of_one_enormous_word_builds_with_the_production_card_settings(tmp_path):
    # The longest word a Title may be (a longer one leaves the document out, campaign_content).
    files = minimal_files()
    files["actions/free-them.md"] = action_md(title="W" * MAX_FIELD_CHARACTERS["title"][0])
    site = build_site(tmp_path, files, settings=publish_settings(tmp_path))
    data = (site.output / "actions/free-them/card.png").read_bytes()
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_the_card_and_its_alt_text_show_the_title_the_page_shows(tmp_path, monkeypatch):
    # A title is text: tag-like and entity-like words are shown on the page as written. The card drew
    # 'Law & order', and its alt text said so, while the page's heading said 'Law <No. 5> &amp; order'.
    from social_cards import social_cards as plugin

    drawn, cached_card = [], plugin.cached_card
    monkeypatch.setattr(plugin, "cached_card", lambda card, *args: drawn.append(card.title) or cached_card(card, *args))
    title = "Law <No. 5> &amp; order"
    files = minimal_files()
    files["actions/free-them.md"] = action_md(title=title)
    site = build_site(tmp_path, files, settings=publish_settings(tmp_path))
    page = site.soup("actions/free-them/index.html")
    assert page.h1.get_text() == page.select_one('meta[property="og:title"]')["content"] == title
    assert page.select_one('meta[property="og:image:alt"]')["content"] == \
        f"Urgent action: {title}. Deadline: 31 December 2026"
    assert title in drawn
