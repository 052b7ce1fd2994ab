"""A fixture site in en, ru, kk built in one run: URLs, alternates, switcher, i18n."""

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from conftest import action_md, briefing_md, minimal_files


def text_of(element):
    """Visible text with CLDR's narrow no-break spaces made plain."""
    return element.get_text().replace("\u202f", " ").replace("\xa0", " ")


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}


def switcher(soup):
    nav = soup.find("nav", class_="languages")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def test_default_language_at_root_others_under_their_prefix(site_builder):
    site = site_builder()
    assert site.exists("actions/free-them/index.html")
    assert site.exists("ru/actions/free-them/index.html")
    assert site.exists("briefings/background/index.html")
    assert site.exists("ru/briefings/background/index.html")
    assert site.exists("about/index.html")
    assert not site.exists("kk/actions/free-them/index.html")  # no kk translation
    for lang in ("", "ru/", "kk/"):
        for page in ("index.html", "actions/index.html", "briefings/index.html", "feeds/atom.xml"):
            assert site.exists(lang + page), lang + page


def test_every_page_declares_its_translations_and_x_default(site_builder):
    site = site_builder()
    links = alternates(site.soup("ru/actions/free-them/index.html"))
    assert links == {
        "en": "/actions/free-them/",
        "ru": "/ru/actions/free-them/",
        "x-default": "/actions/free-them/",
    }
    assert alternates(site.soup("actions/free-them/index.html")) == links
    home = alternates(site.soup("kk/index.html"))
    assert home == {"en": "/", "ru": "/ru/", "kk": "/kk/", "x-default": "/"}


def test_alternates_are_absolute_with_a_site_url(site_builder):
    site = site_builder(settings={"SITEURL": "https://example.org/campaign"})
    links = alternates(site.soup("actions/free-them/index.html"))
    assert links["ru"] == "https://example.org/campaign/ru/actions/free-them/"


def test_switcher_goes_to_the_same_document_or_the_language_home(site_builder):
    site = site_builder()
    links = switcher(site.soup("actions/free-them/index.html"))
    assert links == {"en": "../../actions/free-them/", "ru": "../../ru/actions/free-them/", "kk": "../../kk/"}
    current = site.soup("ru/actions/free-them/index.html").find("a", attrs={"aria-current": "page"})
    assert current["hreflang"] == "ru"


def test_html_lang_and_dir_follow_the_page_language(site_builder):
    files = minimal_files()
    files["actions/free-them.ar.md"] = action_md(lang="ar", title="أطلقوا سراحهم")
    site = site_builder(files, languages=("en", "ru", "ar"))
    for path, lang, direction in (
        ("actions/free-them/index.html", "en", "ltr"),
        ("ru/actions/free-them/index.html", "ru", "ltr"),
        ("ar/actions/free-them/index.html", "ar", "rtl"),
        ("ar/index.html", "ar", "rtl"),
    ):
        html = site.soup(path).html
        assert (html["lang"], html["dir"]) == (lang, direction), path


def test_theme_strings_are_translated_per_page(site_builder):
    site = site_builder()
    assert "Urgent action" in site.text("actions/free-them/index.html")
    ru = site.text("ru/actions/free-them/index.html")
    assert "Срочная акция" in ru and "Urgent action" not in ru
    assert "Срок: " in ru
    assert "Қазір әрекет етіңіз" in site.text("kk/index.html")


def test_dates_are_formatted_per_locale(site_builder):
    site = site_builder()
    en = site.soup("actions/free-them/index.html")
    ru = site.soup("ru/actions/free-them/index.html")
    assert "Deadline: 31 December 2026" in text_of(en.find("p", class_="deadline"))
    assert "Срок: 31 декабря 2026 г." in text_of(ru.find("p", class_="deadline"))
    assert "5 марта 2019 г." in text_of(ru.find("footer", class_="action-footer"))
    files = minimal_files()
    files["briefings/background.md"] = briefing_md().replace("2019-03-05", "2019-02-27")
    files["briefings/background.ru.md"] = briefing_md(lang="ru", title="Контекст").replace("2019-03-05", "2019-02-27")
    site = site_builder(files)
    assert "27 февраля 2019 г." in text_of(site.soup("ru/briefings/index.html"))


def test_home_lists_open_actions_by_deadline_then_briefings_then_closed(site_builder):
    files = minimal_files()
    files["actions/later.md"] = action_md(slug="later", title="Later deadline", deadline="2027-05-01")
    files["actions/sooner.md"] = action_md(slug="sooner", title="Sooner deadline", deadline="2026-07-01")
    files["actions/over.md"] = action_md(slug="over", title="Already over", deadline="2026-01-01")
    files["actions/done.md"] = action_md(slug="done", title="Closed one", state="closed")
    site = site_builder(files)
    soup = site.soup("index.html")
    headings = [h.get_text() for h in soup.find_all("h3")]
    # Closed ones: the most recent deadline first.
    assert headings == ["Sooner deadline", "Free them", "Later deadline", "Background", "Closed one", "Already over"]
    # Only documents in the page's language are listed.
    ru_titles = [h.get_text() for h in site.soup("ru/index.html").find_all("h3")]
    assert ru_titles == ["Освободите их", "Контекст"]


def test_closed_action_says_so_and_shows_its_outcome(site_builder):
    files = minimal_files()
    files["actions/free-them.md"] = action_md(state="closed")
    site = site_builder(files)
    soup = site.soup("actions/free-them/index.html")
    notice = soup.find(class_="closed-notice").get_text()
    assert "This action is closed." in notice
    assert "They were released four hours later." in notice
    assert soup.find(class_="kicker").get_text() == "Past action"
    assert soup.find(id="act") is None


def test_action_past_its_deadline_is_closed_on_the_build_date(site_builder):
    files = minimal_files()
    files["actions/free-them.md"] = action_md(deadline="2026-05-31")
    site = site_builder(files, today="2026-06-01")
    soup = site.soup("actions/free-them/index.html")
    assert "The deadline for this action has passed." in soup.find(class_="closed-notice").get_text()
    assert soup.find(id="act") is None
    site = site_builder(files, today="2026-05-31")
    assert site.soup("actions/free-them/index.html").find(id="act") is not None


def test_feeds_per_language_hold_that_language_only(site_builder):
    site = site_builder()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    en = ET.fromstring(site.text("feeds/atom.xml").encode())
    ru = ET.fromstring(site.text("ru/feeds/atom.xml").encode())
    assert sorted(e.findtext("a:title", namespaces=ns) for e in en.findall("a:entry", ns)) == ["Background", "Free them"]
    assert sorted(e.findtext("a:title", namespaces=ns) for e in ru.findall("a:entry", ns)) == ["Контекст", "Освободите их"]
    kk = ET.fromstring(site.text("kk/feeds/atom.xml").encode())
    assert kk.findall("a:entry", ns) == []


def test_sitemap_lists_every_version_with_alternates(site_builder):
    site = site_builder(settings={"SITEURL": "https://example.org"})
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(site.text("sitemap.xml").encode())
    entries = {
        url.findtext("s:loc", namespaces=ns): {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    assert entries["https://example.org/ru/actions/free-them/"] == {
        "en": "https://example.org/actions/free-them/",
        "ru": "https://example.org/ru/actions/free-them/",
        "x-default": "https://example.org/actions/free-them/",
    }
    assert "https://example.org/kk/" in entries
    assert entries["https://example.org/about/"] == {"en": "https://example.org/about/", "x-default": "https://example.org/about/"}


def test_pages_make_no_third_party_requests(site_builder):
    site = site_builder()
    soup = site.soup("ru/actions/free-them/index.html")
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attr, "")
            if element.get("rel") == ["alternate"]:
                continue
            assert not value.startswith(("http:", "https:", "//")), value


def test_a_published_feed_links_absolute_addresses_with_dates_in_the_site_timezone(site_builder):
    site = site_builder(settings={"SITEURL": "https://example.org", "RELATIVE_URLS": False,
                                  "TIMEZONE": "Asia/Almaty", "FEED_APPEND_REF": True})
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(site.text("ru/feeds/atom.xml").encode())
    assert feed.find("a:link[@rel='self']", ns).get("href") == "https://example.org/ru/feeds/atom.xml"
    assert feed.find("a:link[@rel='alternate']", ns).get("href") == "https://example.org/"
    entry = next(e for e in feed.findall("a:entry", ns) if e.findtext("a:title", namespaces=ns) == "Освободите их")
    assert entry.find("a:link", ns).get("href") == "https://example.org/ru/actions/free-them/?ref=feed"
    assert entry.findtext("a:id", namespaces=ns).startswith("tag:example.org,")
    assert entry.findtext("a:published", namespaces=ns).endswith("+06:00")  # Almaty in 2019; the header gives no zone
    assert entry.find("a:content", ns) is not None


def test_a_feed_entry_has_the_title_the_page_shows(site_builder):
    # A title is text: 'Law <No. 5> &amp; order' is shown on the page as written, and was 'Law  & order' in the feed.
    title = "Law <No. 5> &amp; order"
    files = minimal_files()
    files["actions/free-them.md"] = action_md(title=title)
    site = site_builder(files)
    assert site.soup("actions/free-them/index.html").h1.get_text() == title
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(site.text("feeds/atom.xml").encode())
    assert title in [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]


def test_relative_links_in_a_feed_entry_lead_where_they_lead_on_its_page(site_builder):
    # A feed reader resolves a relative link in an entry's content against the entry's xml:base, else against
    # the feed's own address (RFC 4287): every footnote led to feeds/atom.xml#fn:1, and '../../briefings/'
    # written in a body led out of a SITEURL with a path (https://example.org/briefings/).
    from urllib.parse import urljoin

    files = minimal_files()
    files["actions/free-them.md"] = action_md(body="See [the briefings](../../briefings/).[^1]\n\n[^1]: A source.")
    site_url = "https://example.org/campaign"
    site = site_builder(files, settings={"SITEURL": site_url})
    feed_url = f"{site_url}/feeds/atom.xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(site.text("feeds/atom.xml").encode())
    entry = next(e for e in feed.findall("a:entry", ns) if e.findtext("a:title", namespaces=ns) == "Free them")
    base = urljoin(feed_url, entry.get("{http://www.w3.org/XML/1998/namespace}base", feed_url))
    page_url = f"{site_url}/actions/free-them/"
    content = BeautifulSoup(entry.findtext("a:content", namespaces=ns), "html.parser")
    links = {a.get_text(): urljoin(base, a["href"]) for a in content.find_all("a")}
    assert links["the briefings"] == f"{site_url}/briefings/"
    assert links["1"] == page_url + "#fn:1"
