"""Share networks: one registry, NETWORKS, that the settings, the share links and the action page read.

A network is one `Network` entry: its key (the name PETITION_LINKS["share_networks"]
lists, the utm_source of its links and the link's class `share-<key>`), the name on
its button, the function that builds its share URL, and how long a shared text may
be there. To add a network, add one entry to NETWORKS; then list its key where it
should be offered, in DEFAULTS["share_networks"] (settings.py) or in pelicanconf.py.
A name marked N_("…") is translated with the theme's catalogs (babel.cfg extracts
it from this file); brand names are shown as they are.

Nothing here knows about Pelican.
"""

import dataclasses
import re
import types
from collections.abc import Callable

from campaign.problems import ConfigurationError

from .urls import fit_text, mailto_url, web_link, with_link

# A key is a CSS class, a utm_source and a settings name: no quotes, spaces or markup.
KEY = re.compile(r"^[a-z][a-z0-9-]*\Z")
COUNTS = ("chars", "x", "graphemes")


def N_(message):  # noqa: N802 - gettext's name for "extract this, translate it later"
    return message


@dataclasses.dataclass(frozen=True)
class TextLimit:
    """How long a shared text may be on a network, the page's link included (see urls.fit_text)."""

    characters: int
    # "chars" (code points), "x" (X's weighting, urls.x_weight) or "graphemes" (what Bluesky counts).
    count: str = "chars"
    # The link counts as this many characters whatever its length (X's t.co); None: its own length.
    link_weight: object = None


@dataclasses.dataclass(frozen=True)
class SharedPage:
    """What a network's builder shares: the page's absolute URL (with its utm_* when configured),
    its title, the text already cut to the network's limit, and the instance of a network that
    needs one (Mastodon's, from PETITION_LINKS["mastodon_instance"])."""

    url: str
    title: str
    text: str
    instance: object = None


@dataclasses.dataclass(frozen=True)
class Network:
    """One share network. A network without a builder cannot be made: every one that the
    settings may name renders a working link."""

    key: str
    # The button's text, in English; N_("…") to have translators translate it.
    name: str
    # A function of a SharedPage that returns the share URL.
    build: Callable
    # None: the network takes the text as it is.
    limit: object = None
    utm_medium: str = "social"
    # Shares on the instance in PETITION_LINKS["mastodon_instance"]; left out while that is None.
    needs_instance: bool = False

    def __post_init__(self):
        if not isinstance(self.key, str) or not KEY.match(self.key):
            raise ConfigurationError(
                f"petition_links: share network {self.key!r}: a key is lower-case letters, digits and '-', "
                "starting with a letter")
        if not callable(self.build):
            raise ConfigurationError(
                f"petition_links: share network '{self.key}' has no URL builder; give it build=, "
                "a function of a SharedPage that returns the share URL")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ConfigurationError(f"petition_links: share network '{self.key}' has no name to show on its button")
        if self.limit is not None and not (
                isinstance(self.limit, TextLimit) and isinstance(self.limit.characters, int)
                and self.limit.characters > 0 and self.limit.count in COUNTS):
            raise ConfigurationError(
                f"petition_links: share network '{self.key}': limit must be None or a TextLimit of a positive "
                f"number of characters counted as one of {', '.join(COUNTS)}")
        if not isinstance(self.utm_medium, str) or not KEY.match(self.utm_medium):
            raise ConfigurationError(
                f"petition_links: share network '{self.key}': utm_medium must be lower-case letters, digits and '-'")

    def url(self, page_url, title, text, instance=None):
        """The share URL of the page at `page_url`; the text is cut to the limit without breaking a
        word or the link."""
        if self.needs_instance and not instance:
            raise ValueError(f"a {self.name} share link needs an instance")
        if self.limit is not None:
            text = fit_text(text, self.limit.characters, link=page_url, count=self.limit.count,
                            link_weight=self.limit.link_weight)
        return self.build(SharedPage(page_url, title, text, instance))


def registry(*networks):
    """{key: Network}, read-only, in the order given; a key twice is refused."""
    found = {}
    for network in networks:
        if not isinstance(network, Network):
            raise ConfigurationError(f"petition_links: {network!r} is not a share Network")
        if network.key in found:
            raise ConfigurationError(f"petition_links: share network '{network.key}' is registered twice")
        found[network.key] = network
    return types.MappingProxyType(found)


def _x(page):
    return web_link("https://twitter.com/intent/tweet", [("text", page.text), ("url", page.url)])


def _facebook(page):
    return web_link("https://www.facebook.com/sharer/sharer.php", [("u", page.url)])


def _whatsapp(page):
    return web_link("https://api.whatsapp.com/send", [("text", with_link(page.text, page.url))])


def _telegram(page):
    return web_link("https://t.me/share/url", [("url", page.url), ("text", page.text)])


def _vk(page):
    return web_link("https://vk.com/share.php", [("url", page.url), ("title", page.title)])


def _bluesky(page):
    return web_link("https://bsky.app/intent/compose", [("text", with_link(page.text, page.url))])


def _linkedin(page):
    return web_link("https://www.linkedin.com/sharing/share-offsite/", [("url", page.url)])


def _mastodon(page):
    return web_link(f"https://{page.instance}/share", [("text", with_link(page.text, page.url))])


def _email(page):
    return mailto_url([], page.title, f"{page.text}\n\n{page.url}")


NETWORKS = registry(
    # X counts every link as 23 characters (t.co) and weighs characters (urls.x_weight).
    Network("x", "X", _x, TextLimit(280, count="x", link_weight=23)),
    Network("facebook", "Facebook", _facebook),
    Network("whatsapp", "WhatsApp", _whatsapp),
    Network("telegram", "Telegram", _telegram),
    Network("vk", "VK", _vk),
    Network("bluesky", "Bluesky", _bluesky, TextLimit(300, count="graphemes")),
    Network("linkedin", "LinkedIn", _linkedin),
    Network("mastodon", "Mastodon", _mastodon, TextLimit(500), needs_instance=True),
    Network("email", N_("Email"), _email, utm_medium="email"),
)


def share_url(key, url, title, text, mastodon_instance=None, networks=NETWORKS):
    """The share link of the network `key` for a page at `url`.

    `title` is the page's title, `text` the sentence shared with it; texts
    are cut to the network's limit without breaking a word or the link.
    """
    network = networks.get(key)
    if network is None:
        raise ValueError(f"unknown share network {key!r}")
    return network.url(url, title, text, mastodon_instance)
