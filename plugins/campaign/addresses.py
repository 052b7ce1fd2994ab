"""Email addresses: the one rule for every address a mail link carries.

Targets' addresses (campaign_content, data/targets.toml) and the copies on
every letter (petition_links, PETITION_LINKS["cc"]) are checked here, so a
link never carries an address one of them would refuse.
"""

import re
import urllib.parse

from .problems import shortened

# Checked on the address as mail links carry it: ASCII, the domain in its
# IDNA form, no percent sign (a mail program decodes %2C into a comma, which
# would add recipients).
# RFC 5321: a path holds at most 256 octets with its angle brackets. Every letter on a page and each of its
# mail links carry the address: a longer one made pages of megabytes.
MAX_ADDRESS_CHARACTERS = 254
EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\Z")


def mail_address(value):
    """(the address as mail links carry it, None) or (None, why it cannot be one).

    The reason starts with the value (its start only, if it is long), e.g.
    "'a@b@example.org' is not an email address".
    """
    if not isinstance(value, str):
        return None, f"{shortened(repr(value))} is not a text"
    shown = repr(shortened(value, 100))  # an address has up to 254 characters; a message needs no more
    if len(value) > MAX_ADDRESS_CHARACTERS:
        return None, f"{shown} is {len(value):,} characters long; an address has at most {MAX_ADDRESS_CHARACTERS}"
    decoded = urllib.parse.unquote(value)
    if decoded != value:
        return None, f"{shown} holds percent-encoding, which mail programs read as {shortened(decoded, 100)!r}"
    local, at, domain = value.strip().rpartition("@")
    if not at or not local or not domain:
        return None, f"{shown} is not an email address"
    if not local.isascii():
        return None, f"{shown} has letters outside ASCII before the '@', which mail links cannot carry everywhere"
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None, f"{shown} has a domain that cannot be written as an international domain name"
    address = f"{local}@{domain}"
    if not EMAIL.match(address):
        return None, f"{shown} is not an email address"
    return address, None


MAIL_LINK_RECIPIENT_FIELDS = ("to", "cc", "bcc")


def mail_link_recipients(href):
    """The addresses a `mailto:` link sends to, as a mail program reads them: the ones before '?' and those
    of its to, cc and bcc fields, percent-decoded, split at commas, in lower case, sorted."""
    parts = urllib.parse.urlsplit(href.strip())
    values = [urllib.parse.unquote(parts.path)]
    values += [value for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
               if name.lower() in MAIL_LINK_RECIPIENT_FIELDS]
    return tuple(sorted({address.strip().lower() for value in values for address in value.split(",") if address.strip()}))


def site_url_from_environment(environ, required=True):
    """The site's public address from SITEURL or CAMPAIGN_SITEURL, without a trailing slash.

    The one rule for publishconf.py and the tasks. With `required`, a
    missing or relative address is a ConfigurationError saying how to set it;
    otherwise a missing one is ''.
    """
    from .problems import ConfigurationError

    value = (environ.get("SITEURL") or environ.get("CAMPAIGN_SITEURL") or "").strip()
    if not value:
        if not required:
            return ""
        raise ConfigurationError(
            "publishconf.py: SITEURL is not set. Give the site's public address, e.g. "
            "`SITEURL=https://campaign.example.org invoke publish` (or set CAMPAIGN_SITEURL)")
    if not value.startswith(("https://", "http://")):
        raise ConfigurationError(
            f"publishconf.py: SITEURL must be an absolute http(s) address such as https://campaign.example.org, "
            f"not {value!r}")
    return value.rstrip("/")
