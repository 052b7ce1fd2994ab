"""URL builders: mailto (RFC 6068), web composers, share texts cut to a limit, UTM.

Pure functions of strings; nothing here knows about Pelican.
"""

import dataclasses
import re
import urllib.parse

import regex

# Line breaks as str.splitlines() sees them: none may reach a subject.
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
NEWLINE = re.compile(r"\r\n|\r|\n")
GRAPHEME = regex.compile(r"\X")

# X's weighting (twitter-text, configuration v3): code points in these ranges
# count 1 (Latin, Cyrillic, Arabic, …, general punctuation), every other one
# 2 (CJK, …), and an emoji, however many code points it takes, 2.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")
ELLIPSIS = "…"


def _quote(value):
    """UTF-8, percent-encoded; a space is %20, and &, #, ?, = are encoded too."""
    return urllib.parse.quote(value, safe="")


STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def ascii_url(url):
    """`url` with every character a URL may not carry as it is (any non-ASCII letter, a space, a `%`
    that begins no escape) percent-encoded as UTF-8; escapes and the URL's own delimiters stay."""
    return urllib.parse.quote(STRAY_PERCENT.sub("%25", url), safe="!#$%&'()*+,/:;=?@[]~")


def one_line(text):
    """A subject never carries a line break: each becomes a space."""
    return LINE_BREAK.sub(" ", text)


def crlf(text):
    """Every line break as CRLF, as RFC 6068 asks of a body."""
    return NEWLINE.sub("\r\n", text)


def _query(fields):
    return "&".join(f"{name}={_quote(value)}" for name, value in fields)


def _encoded_query(fields):
    return "&".join(f"{name}={value}" for name, value in fields)


@dataclasses.dataclass(frozen=True)
class EncodedLetter:
    """A letter's subject, body and cc, percent-encoded once for every link
    that sends it (mailto and each web composer): a long letter in Cyrillic
    costs more to encode than anything else in its links."""

    subject: str
    body: str
    # None without cc.
    cc: object = None

    def fields(self, subject_name="subject"):
        fields = [(subject_name, self.subject), ("body", self.body)]
        if self.cc is not None:
            fields.append(("cc", self.cc))
        return fields


def encode_letter(subject, body, cc=()):
    """The subject on one line and the body with CRLF line breaks, percent-encoded."""
    return EncodedLetter(_quote(one_line(subject)), _quote(crlf(body)), _quote(",".join(cc)) if cc else None)


def mailto_link(recipients, letter):
    """mailto_url() of an EncodedLetter."""
    path = ",".join(urllib.parse.quote(address, safe="@+") for address in recipients)
    return f"mailto:{path}?{_encoded_query(letter.fields())}"


def mailto_subject_link(recipients, subject):
    """mailto: with the addresses and the subject only (the addresses alone when `subject` is None): the send
    button of a letter too long for a link."""
    path = ",".join(urllib.parse.quote(address, safe="@+") for address in recipients)
    return f"mailto:{path}" if subject is None else f"mailto:{path}?subject={_quote(one_line(subject))}"


def gmail_link(recipients, letter):
    """gmail_url() of an EncodedLetter."""
    to = [("view", "cm"), ("fs", "1"), ("to", _quote(",".join(recipients)))]
    return "https://mail.google.com/mail/?" + _encoded_query(to + letter.fields("su"))


def outlook_link(recipients, letter):
    """outlook_url() of an EncodedLetter."""
    to = [("to", _quote(",".join(recipients)))]
    return "https://outlook.live.com/mail/0/deeplink/compose?" + _encoded_query(to + letter.fields())


def mailto_url(recipients, subject, body, cc=()):
    """mailto:a@x,b@y?subject=…&body=…[&cc=…] (RFC 6068).

    Recipients go in the path, never `?to=`; only subject, body and cc,
    each once; no bcc, which would expose supporters. Values are UTF-8 and
    percent-encoded (%20 for a space, %0D%0A for a line break), so no `&`,
    `#`, `?` or `=` in a translation can add a field or cut the link.
    """
    return mailto_link(recipients, encode_letter(subject, body, cc))


def gmail_url(recipients, subject, body, cc=()):
    """Gmail's web composer with the same letter."""
    return gmail_link(recipients, encode_letter(subject, body, cc))


def outlook_url(recipients, subject, body, cc=()):
    """Outlook on the web's composer with the same letter."""
    return outlook_link(recipients, encode_letter(subject, body, cc))


# Web composers by name, each a function of (recipients, EncodedLetter).
WEBMAIL_BUILDERS = {"gmail": gmail_link, "outlook": outlook_link}


def graphemes(text):
    """User-perceived characters (Unicode extended grapheme clusters)."""
    return GRAPHEME.findall(text)


def x_weight(cluster):
    """X's count of one grapheme cluster."""
    if EMOJI.search(cluster):
        return 2
    return sum(1 if any(low <= ord(char) <= high for low, high in X_LIGHT_RANGES) else 2 for char in cluster)


def x_length(text):
    """X's weighted length of a text (without links)."""
    return sum(x_weight(cluster) for cluster in graphemes(text))


def fit_text(text, limit, link="", count="chars", link_weight=None):
    """Cut `text` so that text + " " + link fits `limit`.

    Returns the (possibly cut) text, without the link. It is cut after the
    last whole word that fits, with "…"; a text with no space in reach (a
    script written without spaces) is cut between two graphemes. The link is
    never cut: when it alone fills the limit the text is dropped.
    `count` is "chars" (code points), "x" (X's weighting: x_weight) or
    "graphemes" (Bluesky); `link_weight` counts the link as that many
    characters (X's t.co).
    """
    measure = {"chars": len, "x": x_length, "graphemes": lambda s: len(graphemes(s))}[count]
    link_cost = 0 if not link else 1 + (link_weight if link_weight is not None else measure(link))
    text = text.strip()
    if measure(text) + link_cost <= limit:
        return text
    room = limit - link_cost - measure(ELLIPSIS)
    if room <= 0:
        return ""
    taken, used = [], 0
    clusters = graphemes(text)
    for cluster in clusters:
        cost = len(cluster) if count == "chars" else x_weight(cluster) if count == "x" else 1
        if used + cost > room:
            break
        taken.append(cluster)
        used += cost
    following = clusters[len(taken)] if len(taken) < len(clusters) else ""
    prefix = "".join(taken)
    if not following.isspace():
        # The cut falls inside a word: go back to the last space, if any.
        spaces = [i for i, cluster in enumerate(taken) if cluster.isspace()]
        if spaces:
            prefix = "".join(taken[: spaces[-1]])
    prefix = prefix.rstrip()
    return prefix + ELLIPSIS if prefix else ""


def with_link(text, link):
    return f"{text} {link}" if text else link


UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


def add_utm(url, source, medium, campaign):
    """The URL with utm_source, utm_medium and utm_campaign set (others kept as written: decoding and encoding
    them again would change what the site they lead to reads, e.g. a Latin-1 '%E9' or a '+')."""
    parts = urllib.parse.urlsplit(url)
    kept = [pair for pair in parts.query.split("&")
            if urllib.parse.unquote_plus(pair.split("=", 1)[0]) not in UTM_KEYS] if parts.query else []
    added = urllib.parse.urlencode([("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)],
                                   quote_via=urllib.parse.quote)
    return urllib.parse.urlunsplit(parts._replace(query="&".join(kept + [added])))


def web_link(base, fields):
    """`base`?name=value&…, every value percent-encoded (a share network's web address)."""
    return base + "?" + _query(fields)
