"""The share network registry: one entry is a network the settings accept and the action page shows."""

import types
import urllib.parse

import jinja2
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.util import pathmatch
from bs4 import BeautifulSoup
from conftest import ROOT

from campaign.problems import ConfigurationError
from petition_links.links import ActLinks, share_links
from petition_links.networks import NETWORKS, Network, TextLimit, registry
from petition_links.settings import merge_settings
from petition_links.urls import web_link

PAGE = "https://campaign.example.org/actions/free-them/"
TEXT = "Hundreds were held for gathering peacefully. Demand their release and compensation now, today."


def diaspora(page):
    return web_link("https://share.diasporafoundation.org/", [("url", page.url), ("title", page.title),
                                                              ("text", page.text)])


def render_share_links(links, gettext=None):
    """The theme's share section, rendered as the action page renders it (pelicanconf's Jinja options)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True,
                             extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_null_translations(newstyle=True)
    article = types.SimpleNamespace(act_links=ActLinks(groups=[], petition=None, share=links, letter_page=None))
    return BeautifulSoup(env.get_template("_share_links.html").render(article=article), "html.parser")


def query(href):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query))


def test_a_network_added_to_the_registry_is_accepted_by_the_settings_and_renders_a_link_with_its_name():
    networks = registry(*NETWORKS.values(), Network("diaspora", "diaspora*", diaspora, TextLimit(60, link_weight=23)))
    config = merge_settings({"share_networks": {"en": ["diaspora", "x"]}, "utm": True}, networks)
    soup = render_share_links(share_links(PAGE, "Free them", TEXT, "en", "free-them", config, networks))
    first, second = soup.select(".share-links a")
    assert first["class"] == ["share-diaspora"] and first.get_text() == "diaspora*"
    assert first["href"].startswith("https://share.diasporafoundation.org/?url=")
    shared = query(first["href"])
    assert shared["title"] == "Free them"
    assert query(shared["url"]) == {"utm_source": "diaspora", "utm_medium": "social", "utm_campaign": "free-them"}
    # Its limit is applied: the text is cut after a word to fit 60 characters with the link (counted as 23).
    assert shared["text"].endswith("…") and TEXT.startswith(shared["text"][:-1]) and len(shared["text"]) + 24 <= 60
    assert second["class"] == ["share-x"] and second.get_text() == "X"


def test_a_network_the_registry_lacks_is_refused_by_the_settings_naming_it():
    with pytest.raises(ConfigurationError) as error:
        merge_settings({"share_networks": {"en": ["diaspora"]}})
    assert "'diaspora'" in str(error.value) and "known networks are x, facebook," in str(error.value)


def test_a_network_without_a_builder_cannot_exist():
    with pytest.raises(ConfigurationError) as error:
        Network("myspace", "MySpace", None)
    assert str(error.value).startswith("petition_links: share network 'myspace' has no URL builder")
    with pytest.raises(ConfigurationError, match="'myspace' has no URL builder"):
        Network("myspace", "MySpace", "https://myspace.example/share")
    with pytest.raises(TypeError):
        Network("myspace", "MySpace")


@pytest.mark.parametrize("entry, named", [
    (lambda: Network("myspace", "", diaspora), "'myspace' has no name"),
    (lambda: Network("myspace", "MySpace", diaspora, limit=280), "'myspace': limit must be"),
    (lambda: Network("myspace", "MySpace", diaspora, TextLimit(280, count="words")), "'myspace': limit must be"),
    (lambda: Network("myspace", "MySpace", diaspora, TextLimit(0)), "'myspace': limit must be"),
    (lambda: Network("myspace", "MySpace", diaspora, utm_medium="a b"), "'myspace': utm_medium"),
    (lambda: registry(*NETWORKS.values(), Network("x", "X again", diaspora)), "'x' is registered twice"),
    (lambda: registry("x"), "'x' is not a share Network"),
])
def test_a_registry_entry_missing_what_a_link_needs_is_refused_naming_it(entry, named):
    with pytest.raises(ConfigurationError, match=named):
        entry()


@pytest.mark.parametrize("key", ['x" onclick="alert(1)', "X", "my space", "x<b>", "", None, "-x"])
def test_a_key_that_could_break_out_of_the_class_attribute_or_the_utm_source_is_refused(key):
    with pytest.raises(ConfigurationError, match="a key is lower-case letters"):
        Network(key, "Evil", diaspora)


def test_a_network_name_and_url_are_escaped_in_the_page():
    def evil(page):
        return 'https://evil.example/?q="><script>alert(1)</script>'

    networks = registry(*NETWORKS.values(), Network("evil", "<img src=x onerror=alert(1)>", evil))
    config = merge_settings({"share_networks": {"en": ["evil"]}}, networks)
    soup = render_share_links(share_links(PAGE, "T", TEXT, "en", "s", config, networks))
    (link,) = soup.select(".share-links a")
    assert link.get_text() == "<img src=x onerror=alert(1)>" and not soup.select("img, script")
    assert link["href"] == 'https://evil.example/?q="><script>alert(1)</script>'


def test_names_are_given_in_the_page_language():
    config = merge_settings({"share_networks": {"ru": ["telegram", "email"]}})
    names = {"Email": "Эл. почта"}
    links = share_links(PAGE, "T", TEXT, "ru", "s", config, translate=lambda name: names.get(name, name))
    assert [link.get_text() for link in render_share_links(links).select(".share-links a")] == ["Telegram", "Эл. почта"]


@pytest.mark.parametrize("key", list(NETWORKS))
def test_every_registered_network_builds_a_link_to_the_page(key):
    network = NETWORKS[key]
    config = merge_settings({"share_networks": {"en": [key]}, "mastodon_instance": "mastodon.social"})
    (link,) = share_links(PAGE, "Free them", TEXT, "en", "free-them", config)
    assert (link.network, link.name) == (key, network.name) and link.name.strip()
    assert link.url.startswith(("https://", "mailto:"))
    assert urllib.parse.quote(PAGE, safe="") in link.url


def translatable_names():
    """The network names babel.cfg has extracted from networks.py (those marked N_)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    path = "plugins/petition_links/networks.py"
    method, pattern = next((method, pattern) for pattern, method in method_map if pathmatch(pattern, path))
    return {message for _, message, _, _ in extract_from_file(method, ROOT / path, options=options_map[pattern])}


def test_translatable_network_names_are_extracted_and_translated_in_every_theme_catalog():
    names = translatable_names()
    assert names == {"Email"} and names <= {network.name for network in NETWORKS.values()}
    catalogs = ROOT / "theme" / "translations"
    with open(catalogs / "messages.pot", "rb") as handle:
        assert names <= {message.id for message in read_po(handle)}
    for po in catalogs.glob("*/LC_MESSAGES/messages.po"):
        with open(po, "rb") as handle:
            translated = {message.id: message.string for message in read_po(handle) if not message.fuzzy}
        assert all(translated.get(name) for name in names), po
