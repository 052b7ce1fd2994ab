"""A language's Atom feed from DocumentRecords, with feedgenerator (the library Pelican's own feeds use).

Written by us rather than through Pelican's Writer.write_feed: that method
reads documents' attributes in undocumented ways, and records are not
documents. The feed says what Pelican's would for the same settings
(title, links, tag URIs, dates in TIMEZONE, summary left out when it is the
content, FEED_APPEND_REF, FEED_DOMAIN), so the output did not change when
the writer did; except that an entry's title is the document's title as text,
as its page shows it, where Pelican's takes it for HTML and strips tags.
"""

import datetime
from posixpath import join as posix_join
from urllib.parse import urljoin, urlsplit

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import Markup
from pelican.utils import set_date_tzinfo


def url_joiner(settings):
    """How a feed joins a base address and a URL (Pelican's rule for RELATIVE_URLS)."""
    if settings.get("RELATIVE_URLS"):
        return posix_join
    return lambda base, url: urljoin(base if base.endswith("/") else base + "/", str(url))


class AtomFeed(Atom1Feed):
    """An Atom feed whose <updated> never depends on the moment of the build.

    feedgenerator dates a feed with no dated entry "now", so two builds of the
    same site differed; such a feed is dated `empty_date` instead.
    """

    def __init__(self, *args, empty_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_date = empty_date

    def item_attributes(self, item):
        # A relative link in an entry's content (a footnote's '#fn:1', a '../' link as the page resolves it) is
        # read against the entry's xml:base, else against the feed's own address (RFC 4287): without it a
        # footnote led to the feed file, and '../../briefings/' out of a SITEURL with a path.
        if urlsplit(item["link"]).scheme:
            return {"xml:base": item["link"]}
        return {}

    def latest_post_date(self):
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        return self.empty_date


def atom_feed(records, settings, *, site_name, site_url, path, build_date=None):
    """The Atom feed's text: `records` newest first, `path` the feed's own path under the site.
    `build_date` (a date) dates a feed with no entries; the Unix epoch without it."""
    join = url_joiner(settings)
    timezone = settings.get("TIMEZONE")
    empty_date = datetime.datetime.combine(build_date or datetime.date(1970, 1, 1), datetime.time(),
                                           tzinfo=datetime.timezone.utc)
    feed = AtomFeed(
        empty_date=empty_date,
        title=Markup(site_name).striptags(),
        link=site_url + "/",
        feed_url=join(settings.get("FEED_DOMAIN", site_url), path),
        description=settings.get("SITESUBTITLE", ""),
        subtitle=settings.get("SITESUBTITLE", None),
    )
    for record in records:
        link = join(site_url, record.url)
        if settings.get("FEED_APPEND_REF"):
            link += "?ref=feed"
        content = record.feed_content
        summary = getattr(record, "summary", None)
        categories = ([record.category] if hasattr(record, "category") else []) + list(getattr(record, "tags", []))
        modified = getattr(record, "modified", None)
        feed.add_item(
            title=str(record.title),  # a title is text, as the page shows it
            link=link,
            unique_id=get_tag_uri(link, record.date),
            description=None if summary == content else summary,
            content=content,
            categories=categories or None,
            author_name=getattr(record, "author", ""),
            pubdate=set_date_tzinfo(record.date, timezone),
            updateddate=set_date_tzinfo(modified, timezone) if hasattr(record, "modified") else None,
        )
    return feed.writeString("utf-8")
