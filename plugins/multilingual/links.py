"""URLs between languages: switcher targets, hreflang alternates, home pages."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class LanguageLink:
    lang: str
    name: str
    url: str
    current: bool
    # False when the link falls back to that language's home page.
    same_document: bool


def language_prefix(lang, default_lang):
    return "" if lang == default_lang else f"{lang}/"


def folder_url(path, index_files=False):
    """A link to a folder; with index_files it names the folder's index.html,
    so that the site also works opened from disk (file://)."""
    if index_files and (path == "" or path.endswith("/")):
        return path + "index.html"
    return path


def versions(document):
    """{lang: document} for a document and its translations."""
    return {document.lang: document, **{t.lang: t for t in document.translations}}


def document_language_links(document, languages, default_lang, index_files=False):
    """The switcher: the same document in each language, else that language's home."""
    found = versions(document)
    return [
        LanguageLink(
            lang=language.code,
            name=language.name,
            url=(found[language.code].url if language.code in found
                 else folder_url(language_prefix(language.code, default_lang), index_files)),
            current=language.code == document.lang,
            same_document=language.code in found,
        )
        for language in languages
    ]


def page_language_links(path, lang, languages, default_lang, index_files=False):
    """The switcher on a page that exists in every language (home, lists)."""
    return [
        LanguageLink(
            lang=language.code,
            name=language.name,
            url=folder_url(language_prefix(language.code, default_lang) + path, index_files),
            current=language.code == lang,
            same_document=True,
        )
        for language in languages
    ]


def alternates(links, default_lang):
    """[(hreflang, url)] for <link rel=alternate>: each version, then x-default."""
    present = [(link.lang, link.url) for link in links if link.same_document]
    default = [url for lang, url in present if lang == default_lang]
    return present + [("x-default", default[0])] if default else present
