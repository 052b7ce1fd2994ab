"""What list pages, feeds and the sitemap show of each document, as plain data.

The generator makes a record of every document of the build and renders
list pages, feeds and the sitemap from the records alone. A partial build
(plugins/incremental) reads only the documents a change touches: the
records the last build remembered stand in for all the others, so those
pages still show every document, byte for byte as a full build would.
"""

import hashlib
import typing

from campaign import contract

# Attributes of a document that list pages and feeds may show: the contract
# names them (a theme that shows another one on a list page adds it there).
SHOWN_ATTRIBUTES = contract.LIST_ATTRIBUTES
MISSING = object()
# Objects Pelican gives as attributes that records keep as their text.
TEXT_ATTRIBUTES = ("category", "author")


class DocumentRecord:
    """A document as list pages, feeds and the sitemap see it.

    It has only the attributes the document had (so `hasattr` answers as it
    would for the document), plus `feed_content` for documents recent enough
    to be in a feed (feeds.py). `digest`
    and `feed_digest` are kept with it, so that a rebuild keys a list page
    of 1,000 documents without looking at each one's fields again.
    """

    def __init__(self, **fields):
        self.__dict__.update(fields)
        self._digest = key_of(self.shown())

    def set_feed_content(self, content):
        self.feed_content = content
        self._feed_digest = key_of(content)

    def shown(self):
        """Everything a list page may show of it (not the feed content)."""
        return tuple((key, value) for key, value in self.__dict__.items()
                     if key != "feed_content" and not key.startswith("_"))

    @property
    def digest(self):
        """A digest of shown()."""
        return self._digest

    @property
    def feed_digest(self):
        return self._feed_digest

    def __repr__(self):
        return f"DocumentRecord({self.source!r})"


def record_of(document, source, kind, alternates):
    fields = {"source": source, "kind": kind, "slug": document.slug, "lang": document.lang, "url": document.url,
              "alternates": tuple(alternates)}
    for name in SHOWN_ATTRIBUTES:
        value = getattr(document, name, MISSING)
        if value is MISSING:
            continue
        if name in TEXT_ATTRIBUTES:
            value = str(value)
        elif name == "tags":
            value = [str(tag) for tag in value]
        fields[name] = value
    return DocumentRecord(**fields)


class Entry(typing.NamedTuple):
    """What ordering and keying need of a record: kept for every document, so
    that a rebuild can tell whether a list page changed without the records."""

    kind: str
    lang: str
    slug: str
    date_key: object  # the date as a timestamp, or None
    digest: str
    feed_digest: object  # of the feed content, when it has one


def entry_of(record):
    date = getattr(record, "date", None)
    return Entry(record.kind, record.lang, record.slug, None if date is None else date.timestamp(), record.digest,
                 getattr(record, "_feed_digest", None))


def newest_first(index):
    """{source: Entry} -> sources, newest first; undated last; the same date by slug, so every build orders them alike."""
    ordered = sorted(index, key=lambda source: (index[source].slug, source))
    ordered.sort(key=lambda source: (index[source].date_key is not None, index[source].date_key or 0), reverse=True)
    return ordered


def by_kind(ordered_records, lang):
    """{kind: [records in lang]}, in the order given."""
    result = {}
    for record in ordered_records:
        if record.lang == lang:
            result.setdefault(record.kind, []).append(record)
    return result


def key_of(*parts):
    """A key of what a page shows: equal keys, equal pages.

    From repr(), not pickle: pickle writes a value seen twice as a reference,
    so equal values made in different builds could pickle differently.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()
