"""Pages written once per language in the same Pelican run: index pages,
feeds and one sitemap.xml with hreflang alternates.

They are made from DocumentRecords (records.py), never from the documents
themselves, so that a partial build (plugins/incremental) can make them
from the records the last build remembered. Each is written only when what
it shows changed.
"""

import os
from xml.sax.saxutils import quoteattr

from pelican.generators import Generator

from campaign import contract
from campaign.output import write_atomically

from .feeds import atom_feed
from .i18n import theme_translations
from .links import alternates, document_language_links, folder_url, language_prefix, page_language_links, versions
from .records import Entry, by_kind, entry_of, key_of, newest_first, record_of
from .settings import SETTING

FEED_PATH = "feeds/atom.xml"
SITEMAP_PATH = "sitemap.xml"
RECORDS_MEMORY = "multilingual.records"
INDEX_MEMORY = "multilingual.index"


def all_versions(originals):
    """Every document of a list of originals, translations included."""
    return [version for original in originals for version in versions(original).values()]


def absolute(base_url, url):
    return f"{base_url}/{url}" if base_url else f"/{url}"


def sitemap_xml(entries, base_url):
    """entries: [(url, [(hreflang, url)])] -> sitemap with xhtml:link alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, links in entries:
        lines.append(f"  <url><loc>{_xml_text(absolute(base_url, url))}</loc>")
        for hreflang, href in links:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(absolute(base_url, href))}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class LanguagePagesGenerator(Generator):
    """Writes MULTILINGUAL['index_pages'] and a feed for every language, and the sitemap."""

    def generate_context(self):
        self.config = self.settings[SETTING]
        self.default_lang = self.settings["DEFAULT_LANG"]
        self.languages = list(theme_translations(self.settings).languages.values())
        build = contract.incremental(self.context)
        self.plan, self.record = build.plan, build.record
        documents = all_versions(self.context.get("articles", [])) + all_versions(self.context.get("pages", []))
        for document in documents:
            document.language_links = document_language_links(
                document, self.languages, self.default_lang, self.config["index_file_links"])
            document.alternates = alternates(document.language_links, self.default_lang)
        self.context[contract.LANGUAGES] = self.languages
        self._records(documents)

    def _records(self, documents):
        """Every document's Entry: this build's, and the last build's for documents not read again.

        The records themselves (what list pages show) of documents not read
        again are loaded only when a list page, feed or the sitemap must be
        written again (self._all_records).
        """
        live, fresh = {}, {}
        for document in documents:
            source = document.relative_source_path  # Pelican's, set once: the method computes it again each call
            live[source] = document
            fresh[source] = record_of(document, source, contract.kind_of(document), document.alternates)
        # Kept as plain tuples: thousands of named tuples pickle several times slower.
        previous = {source: Entry._make(values) for source, values in self.plan.previous(INDEX_MEMORY, {}).items()}
        if self.plan.partial:
            # Other pages show documents by their records: a changed record means those pages change too.
            reason = self.plan.wider_build_reason(
                [s for s in fresh if s not in previous or previous[s].digest != fresh[s].digest]
                + [s for s in previous if s in self.plan.reread and s not in fresh])
            if reason:
                raise contract.WiderBuildNeeded(reason)
        index = {source: entry for source, entry in previous.items() if source not in self.plan.reread}
        index.update((source, entry_of(record)) for source, record in fresh.items())
        self.order = newest_first(index)
        self.index, self.fresh, self.records = index, fresh, None
        self.feed_documents = {}  # {source: document} whose content its feed shows, read in generate_output
        if self.config["feeds"]:
            for language in self.languages:
                for source in self._feed_sources(language.code):
                    if source in live:
                        self.feed_documents[source] = live[source]
                    elif index[source].feed_digest is None:
                        raise contract.FullBuildNeeded(f"the '{language.code}' feed now shows {source}")

    def _feed_contents(self):
        """The feeds' content of each document, and the index that remembers it. Read once every generator has
        its context: Pelican finds the files of {static} links in the static generator's, which comes last (a
        content read before it kept '{static}/images/…' as it was, in the feed and on the page, whose content
        Pelican keeps once read)."""
        base_url = self.settings.get("SITEURL", "")
        for source, document in self.feed_documents.items():
            self.fresh[source].set_feed_content(document.get_content(base_url))
            self.index[source] = entry_of(self.fresh[source])
        self.record.remember(INDEX_MEMORY, {source: tuple(entry) for source, entry in self.index.items()})
        if not self.plan.partial:
            self._all_records()

    def _all_records(self):
        """Every record, newest first; in a partial build, read from the last build's and kept again."""
        if self.records is None:
            records = dict(self.fresh)
            if self.plan.partial:
                kept = self.plan.previous_large(RECORDS_MEMORY)
                if kept is None:
                    raise contract.FullBuildNeeded("the last build's records are missing")
                records = {**{s: r for s, r in kept.items() if s not in self.plan.reread}, **self.fresh}
            self.records = [records[source] for source in self.order]
            self.record.remember_large(RECORDS_MEMORY, records)
        return self.records

    def _feed_sources(self, lang):
        sources = [s for s in self.order if self.index[s].lang == lang and self.index[s].kind != "pages"]
        limit = self.settings.get("FEED_MAX_ITEMS")
        return sources if limit is None else sources[:limit]

    def generate_output(self, writer):
        self._feed_contents()
        base_url = self.settings.get("SITEURL", "")
        index_files = self.config["index_file_links"]
        sitemap_entries = []
        for language in self.languages:
            lang = language.code
            prefix = language_prefix(lang, self.default_lang)
            shown = {}
            for source in self.order:
                entry = self.index[source]
                if entry.lang == lang:
                    shown.setdefault(entry.kind, []).append(entry.digest)
            shown = list(shown.items())
            for path, template in self.config["index_pages"].items():
                links = page_language_links(path, lang, self.languages, self.default_lang, index_files)
                page_alternates = alternates(links, self.default_lang)
                sitemap_entries.append((folder_url(prefix + path, index_files), page_alternates))
                output = prefix + path + "index.html"
                key = key_of(output, template, lang, shown)
                if self.plan.is_current(output, key):
                    continue
                writer.write_file(
                    output,
                    self.get_template(template),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    lang=lang,
                    documents=by_kind(self._all_records(), lang),
                    language_links=links,
                    alternates=page_alternates,
                    page_url=folder_url(prefix + path, index_files),
                    page_template=template,
                    feed_url=prefix + FEED_PATH if self.config["feeds"] else None,
                )
                self.record.output(output, key)
            if self.config["feeds"]:
                self._write_feed(lang, prefix, base_url)
        if self.config["sitemap"]:
            order = {language.code: index for index, language in enumerate(self.languages)}
            index = self.index
            sources = sorted(index, key=lambda s: (index[s].kind, index[s].slug, order.get(index[s].lang, len(order)), s))
            # The documents' digests cover their URLs and alternates.
            key = key_of(sitemap_entries, base_url, [index[source].digest for source in sources])
            if not self.plan.is_current(SITEMAP_PATH, key):
                records = {record.source: record for record in self._all_records()}
                sitemap_entries.extend((records[s].url, records[s].alternates) for s in sources)
                write_atomically(os.path.join(self.output_path, SITEMAP_PATH), sitemap_xml(sitemap_entries, base_url))
                self.record.output(SITEMAP_PATH, key)

    def _write_feed(self, lang, prefix, base_url):
        sources = self._feed_sources(lang)
        site_name = self.config["site_names"].get(lang, self.settings["SITENAME"])
        output = prefix + FEED_PATH
        build_date = self.context.get(contract.CAMPAIGN_BUILD_DATE)
        key = key_of(output, site_name, base_url, [(self.index[s].digest, self.index[s].feed_digest) for s in sources],
                     None if sources else build_date)
        if self.plan.is_current(output, key):
            return
        records = {record.source: record for record in self._all_records()}
        feed = atom_feed([records[source] for source in sources], self.settings, site_name=site_name,
                         site_url=base_url, path=output, build_date=build_date)
        write_atomically(os.path.join(self.output_path, output), feed)
        self.record.output(output, key)
