"""Pages written once per language in the same Pelican run: index pages,
feeds and one sitemap.xml with hreflang alternates."""

import os
import tempfile
from xml.sax.saxutils import quoteattr

from pelican.generators import Generator

from .i18n import describe_languages
from .links import alternates, document_language_links, folder_url, language_prefix, page_language_links, versions
from .settings import SETTING

FEED_PATH = "feeds/atom.xml"


def all_versions(originals):
    """Every document of a list of originals, translations included."""
    return [version for original in originals for version in versions(original).values()]


def documents_by_kind(documents, lang):
    """{kind: [documents in lang, newest first]}"""
    result = {}
    for document in sorted(documents, key=lambda d: (getattr(d, "date", None) is None, getattr(d, "date", None)), reverse=True):
        if document.lang == lang:
            result.setdefault(getattr(document, "kind", "pages"), []).append(document)
    return result


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


def write_atomically(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class LanguagePagesGenerator(Generator):
    """Writes MULTILINGUAL['index_pages'] and a feed for every language, and the sitemap."""

    def generate_context(self):
        self.config = self.settings[SETTING]
        self.default_lang = self.settings["DEFAULT_LANG"]
        self.languages = describe_languages(self.config)
        self.documents = all_versions(self.context.get("articles", [])) + all_versions(self.context.get("pages", []))
        for document in self.documents:
            document.language_links = document_language_links(
                document, self.languages, self.default_lang, self.config["index_file_links"])
            document.alternates = alternates(document.language_links, self.default_lang)
        self.context["LANGUAGES"] = self.languages

    def generate_output(self, writer):
        base_url = self.settings.get("SITEURL", "")
        sitemap_entries = []
        for language in self.languages:
            lang = language.code
            prefix = language_prefix(lang, self.default_lang)
            kinds = documents_by_kind(self.documents, lang)
            for path, template in self.config["index_pages"].items():
                index_files = self.config["index_file_links"]
                links = page_language_links(path, lang, self.languages, self.default_lang, index_files)
                page_alternates = alternates(links, self.default_lang)
                writer.write_file(
                    prefix + path + "index.html",
                    self.get_template(template),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    lang=lang,
                    documents=kinds,
                    language_links=links,
                    alternates=page_alternates,
                    page_url=folder_url(prefix + path, index_files),
                    page_template=template,
                    feed_url=prefix + FEED_PATH if self.config["feeds"] else None,
                )
                sitemap_entries.append((folder_url(prefix + path, index_files), page_alternates))
            if self.config["feeds"]:
                self._write_feed(writer, lang, prefix, kinds, base_url)
        for document in self.documents:
            sitemap_entries.append((document.url, document.alternates))
        if self.config["sitemap"]:
            write_atomically(os.path.join(self.output_path, "sitemap.xml"), sitemap_xml(sitemap_entries, base_url))

    def _write_feed(self, writer, lang, prefix, kinds, base_url):
        items = [d for kind, documents in kinds.items() if kind != "pages" for d in documents]
        items.sort(key=lambda d: d.date, reverse=True)
        feed_context = dict(self.context)
        feed_context["SITEURL"] = base_url
        feed_context["SITENAME"] = self.config["site_names"].get(lang, self.settings["SITENAME"])
        writer.write_feed(items, feed_context, prefix + FEED_PATH, feed_type="atom")
