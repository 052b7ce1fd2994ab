"""The allowlist every piece of content HTML passes before it reaches a page or a feed.

Markdown lets authors write raw HTML, and content comes from volunteers'
pull requests: bodies and summaries are cleaned by nh3 (ammonia) after
Markdown has produced them, keeping what authors use (emphasis, links to
http, https, mailto and the site itself, lists, tables, footnotes,
abbreviations, headings, code, quotations, images from the site) and
removing the rest: scripts, styles, forms, frames, event handlers, `meta`
and `base`, and any link that would run or load something. `Sanitizer.clean`
returns the clean HTML and what it removed, so the build can say so.
"""

import collections
import html as html_text
import re

import nh3

from campaign.sources import XML_FORBIDDEN, forbidden

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "class"},
    "abbr": set(),
    "code": {"class"},
    "div": {"class"},
    "img": {"src", "alt", "width", "height"},
    "li": {"class"},
    "ol": {"start"},
    "sup": {"class"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# Classes the Markdown extensions write (footnotes, toc) and code languages.
CLASSES = {"footnote", "footnote-ref", "footnote-backref", "toclink"}
CODE_LANGUAGE = re.compile(r"^language-[A-Za-z0-9_+-]{1,30}\Z")
URL_SCHEMES = {"http", "https", "mailto"}
# An image must come from the site itself: no scheme, no other host.
OFF_SITE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")

START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*))?")
DROPPED_CONTENT = re.compile(r"<(script|style)\b", re.IGNORECASE)

# What a browser reads past in an address but HTML does not allow in one (the URL standard's "valid URL
# string"): a link to `?ids[]=1` or `?markers=1|2` made its page invalid HTML, and the site checks stop a
# publish on it. Such a character is percent-encoded, as a browser encodes it when it follows the link; the
# address leads where it did. A link in Pelican's own syntax ({static}…, |filename|…) stays as it is (Pelican
# writes its address), and so do an IPv6 host's brackets.
NOT_IN_ADDRESS = frozenset('"<>\\^`{|}[]\x7f') | frozenset(map(chr, range(0x21)))
# Those, and the two that are kept where they begin an escape or the fragment.
MAY_NEED_ENCODING = re.compile("[" + re.escape("".join(sorted(NOT_IN_ADDRESS))) + "%#]")
PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
PELICAN_LINK = re.compile(r"[{|][a-z]+[}|]")
IPV6_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\[[0-9A-Fa-f:.]*\]")


def valid_address(value):
    """`value`, an address, with every character a link may not carry percent-encoded (MAY_NEED_ENCODING).
    Only ever adds escapes, never takes a character out: it cannot make a scheme of what had none."""
    if not MAY_NEED_ENCODING.search(value) or PELICAN_LINK.match(value):
        return value
    kept = IPV6_HOST.match(value)
    start = kept.end() if kept else 0
    encoded, fragment = [value[:start]], False
    for index in range(start, len(value)):
        character = value[index]
        if character == "#" and not fragment:
            fragment = True
        elif character in NOT_IN_ADDRESS or character == "#" or (
                character == "%" and not PERCENT_ESCAPE.match(value, index)):
            character = f"%{ord(character):02X}"
        encoded.append(character)
    return "".join(encoded)


def _keep_attribute(removed, mail_links):
    def keep(element, attribute, value):
        if attribute == "href" and value.lstrip()[:7].lower() == "mailto:":
            mail_links.append(value)
        if attribute == "class":
            kept = [name for name in value.split() if name in CLASSES or (element == "code" and CODE_LANGUAGE.match(name))]
            if len(kept) != len(value.split()):
                removed.append(f'class="{value}" on <{element}>')
            return " ".join(kept) or None
        if element == "img" and attribute == "src" and OFF_SITE.match(value):
            return None  # said by _removed_markup, with its address
        if attribute in ENCODED_ADDRESSES:
            return valid_address(value)
        return value
    return keep


# Attributes whose value is an address: a removed one is said with it.
ADDRESSES = ("href", "src", "action", "formaction", "srcdoc", "data", "content")
# The kept ones, whose values the cleaner writes as valid_address() makes them.
ENCODED_ADDRESSES = ("href", "src")


def _inventory(html):
    """Counter of (tag, attribute or '', the address or '') in `html`."""
    counts = collections.Counter()
    for match in START_TAG.finditer(html):
        tag = match.group(1).lower()
        counts[(tag, "", "")] += 1
        for attribute in ATTRIBUTE.finditer(match.group(2)):
            name = attribute.group(1).lower()
            value = (attribute.group(2) or "").strip("\"'") if name in ADDRESSES else ""
            if name in ENCODED_ADDRESSES and value:
                # As the cleaner writes it: an address only percent-encoded was not taken out.
                value = valid_address(html_text.unescape(value))
            counts[(tag, name, value)] += 1
    return counts


class Sanitizer:
    """One nh3 cleaner for a process; `clean(html)` -> (clean HTML, [what was removed]). After each clean,
    `mail_links` holds the `mailto:` addresses of the links it kept, as written."""

    def __init__(self):
        self._removed = []
        self.mail_links = []
        self._cleaner = nh3.Cleaner(
            tags=TAGS,
            attributes=ATTRIBUTES,
            attribute_filter=_keep_attribute(self._removed, self.mail_links),
            url_schemes=URL_SCHEMES,
            filter_style_properties={"text-align"},
            link_rel=None,
            strip_comments=True,
        )

    def clean(self, html):
        self.mail_links.clear()
        if not html:
            return html, []
        self._removed.clear()
        cleaned = self._cleaner.clean(html)
        removed = list(self._removed)
        if cleaned != html and "<" in html and _footnote_marks_as_nh3_writes_them(html) != cleaned:
            removed = _removed_markup(html, cleaned) + removed
        if "&#" in html and forbidden(cleaned):
            # A character reference (`&#1;`, `&#xFFFE;`) is written by the cleaner as its character: one the
            # source text could not hold (campaign.sources) must not come back this way into pages and feeds.
            found = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(XML_FORBIDDEN.findall(cleaned))))
            removed.append(f"the character reference(s) to {found}, which pages and feeds cannot carry")
            cleaned = XML_FORBIDDEN.sub("", cleaned)
        return cleaned, removed


def _footnote_marks_as_nh3_writes_them(html):
    """`html` with the two character references of Markdown's footnotes written as nh3 writes them:
    a document that differs only there lost nothing, and looking for what it lost costs more than cleaning."""
    return html.replace("&#160;", "&nbsp;").replace("&#8617;", "\u21a9")


def _removed_markup(before, after):
    """What the cleaner took out, said as tags and attributes (an address with its value)."""
    had, kept = _inventory(before), _inventory(after)
    gone_tags = {tag for (tag, attribute, _), count in had.items() if not attribute and kept[(tag, "", "")] < count}
    said = []
    for (tag, attribute, value), count in had.items():
        if kept[(tag, attribute, value)] >= count or attribute == "class":
            continue
        if not attribute:
            said.append(f"<{tag}>")
        elif value:
            said.append(f'{attribute}="{value[:80]}" on <{tag}>')
        elif tag not in gone_tags and attribute not in ADDRESSES:
            said.append(f"{attribute}= on <{tag}>")
    if DROPPED_CONTENT.search(before) and not any(s in ("<script>", "<style>") for s in said):
        said.append("a script or style")
    return list(dict.fromkeys(said))
