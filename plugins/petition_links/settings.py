"""The PETITION_LINKS setting: defaults, merging and validation."""

import re

from campaign.addresses import mail_address
from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

from .networks import NETWORKS

SETTING = "PETITION_LINKS"

WEBMAIL = ("gmail", "outlook")

DEFAULTS = {
    # A mailto: URL longer than this fails in common browsers and mail
    # clients: the page shows the addresses and the letter to copy instead.
    # Gmail and Outlook compose links obey the same budget.
    "mailto_budget": 1800,
    # Web composers offered next to the mailto link, in this order.
    "webmail": ["gmail", "outlook"],
    # Addresses copied on every letter (the campaign's inbox, to count them).
    # Never bcc: a bcc would expose supporters.
    "cc": [],
    # Share networks (keys of networks.NETWORKS) and their order per language;
    # "default" for the others. A language listed here replaces the default
    # list for that language.
    "share_networks": {
        "default": ["x", "facebook", "whatsapp", "bluesky", "linkedin", "mastodon", "email"],
        "ru": ["telegram", "vk", "whatsapp", "x", "facebook", "bluesky", "mastodon", "email"],
        "kk": ["telegram", "vk", "whatsapp", "x", "facebook", "bluesky", "mastodon", "email"],
    },
    # The Mastodon instance share links open, e.g. "mastodon.social".
    # None: no Mastodon link, even where a list names it.
    "mastodon_instance": None,
    # Add utm_source, utm_medium and utm_campaign to the petition link and
    # to shared addresses (one utm_source per channel).
    "utm": False,
    # utm_campaign; None means the action's slug.
    "utm_campaign": None,
    # Write a printable letter page (with a QR code) per open action and language.
    "letter_pages": True,
}

HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\Z")
UTM_VALUE = re.compile(r"^[A-Za-z0-9._~-]+\Z")


def _fail(key, problem):
    raise ConfigurationError(f"petition_links: {SETTING}['{key}'] {problem}")


def _check_networks(key, value, networks):
    if not isinstance(value, (list, tuple)) or not all(isinstance(n, str) for n in value):
        _fail(key, 'must be a list of network names, e.g. ["telegram", "vk"]')
    for network in value:
        if network not in networks:
            _fail(key, f"names '{network}', which is not a share network; known networks are {', '.join(networks)}")
    if len(set(value)) != len(value):
        _fail(key, "names a network twice")
    return list(value)


def merge_settings(user_value, networks=NETWORKS):
    """Return PETITION_LINKS merged onto DEFAULTS, or raise naming the key.

    `networks` is the share network registry the lists may name (networks.registry()).
    """
    merged = merged_onto_defaults("petition_links", SETTING, user_value, DEFAULTS)

    budget = merged["mailto_budget"]
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 200:
        _fail("mailto_budget", "must be a whole number of characters, at least 200 (1800 is safe)")

    webmail = merged["webmail"]
    if not isinstance(webmail, (list, tuple)) or not all(isinstance(w, str) for w in webmail):
        _fail("webmail", 'must be a list, e.g. ["gmail", "outlook"] or []')
    for name in webmail:
        if name not in WEBMAIL:
            _fail("webmail", f"names '{name}'; known web composers are {', '.join(WEBMAIL)}")
    merged["webmail"] = list(webmail)

    cc = merged["cc"]
    if isinstance(cc, str) or not isinstance(cc, (list, tuple)):
        _fail("cc", 'must be a list of email addresses, e.g. ["letters@example.org"]')
    addresses = []
    for value in cc:
        address, problem = mail_address(value)
        if problem:
            _fail("cc", f"has an address mail links cannot carry: {problem}")
        addresses.append(address)
    merged["cc"] = addresses

    lists = merged["share_networks"]
    if not isinstance(lists, dict) or not all(isinstance(k, str) for k in lists):
        _fail("share_networks", 'must be a dict of language code to a list of networks, e.g. {"ru": ["telegram", "vk"]}')
    lists = {**DEFAULTS["share_networks"], **lists}
    merged["share_networks"] = {lang: _check_networks(f"share_networks']['{lang}", value, networks)
                                for lang, value in lists.items()}

    instance = merged["mastodon_instance"]
    if instance is not None:
        if not isinstance(instance, str):
            _fail("mastodon_instance", 'must be a host name such as "mastodon.social", or None')
        host = re.sub(r"^https://", "", instance.strip()).rstrip("/")
        if not HOST.match(host):
            _fail("mastodon_instance", f"= {instance!r} is not a host name; write e.g. \"mastodon.social\"")
        merged["mastodon_instance"] = host

    for key in ("utm", "letter_pages"):
        if not isinstance(merged[key], bool):
            _fail(key, "must be True or False")
    campaign = merged["utm_campaign"]
    if campaign is not None and (not isinstance(campaign, str) or not UTM_VALUE.match(campaign)):
        _fail("utm_campaign", "must be None (the action's slug) or letters, digits, '.', '_', '~' and '-'")
    return merged


def networks_for(merged, lang, networks=NETWORKS):
    """The keys of the share networks, in order, for one language; a network that needs an instance
    is left out while none is set."""
    keys = merged["share_networks"].get(lang, merged["share_networks"]["default"])
    return [key for key in keys if not networks[key].needs_instance or merged["mastodon_instance"]]
