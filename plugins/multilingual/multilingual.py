"""multilingual: every configured language built in one Pelican run.

The default language sits at the site root and every other language under
/<lang>/ with the same paths. Translations share their original's slug; this
plugin groups them, reports the ones that do not fit, renders theme strings
and dates in each page's language, gives every page its language switcher
and hreflang alternates, and writes the per-language index pages, feeds and
the sitemap (generator.py).
"""

import dataclasses
import logging

from pelican import signals

from campaign import contract
from campaign.problems import log

from .generator import LanguagePagesGenerator
from .grouping import group_translations, link_translations
from .links import folder_url
from .i18n import theme_translations
from .settings import SETTING

logger = logging.getLogger(__name__)

DOCUMENT_URL_SETTINGS = ("ARTICLE_URL", "ARTICLE_LANG_URL", "PAGE_URL", "PAGE_LANG_URL")


def configure(pelican):
    """Merge and validate MULTILINGUAL before anything is read."""
    settings = pelican.settings
    contract.prepare(settings)
    if settings[SETTING]["index_file_links"]:
        for key in DOCUMENT_URL_SETTINGS:
            settings[key] = folder_url(settings[key], index_files=True)


def install_i18n(generator):
    """Give a generator's Jinja environment the page-language gettext and filters."""
    translations = theme_translations(generator.settings)
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    gettext, ngettext, pgettext, npgettext = translations.callables()
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext)
    # The same gettext, cheaper for the messages pages repeat (`_` is the i18n extension's name for it).
    env.globals["gettext"] = env.globals["_"] = translations.template_gettext()
    env.filters.update(translations.filters())
    env.globals.update(translations.globals(generator.settings))


def _group(generator, documents):
    """Group one generator's documents into (originals, translations), reporting the rest."""
    default_lang = generator.settings["DEFAULT_LANG"]
    groups, problems = group_translations(documents, default_lang, contract.languages(generator.settings),
                                          skipped=generator.context.get(contract.SKIPPED_DOCUMENTS, frozenset()))
    for problem in problems:
        log(logger, "multilingual", dataclasses.replace(problem, level="error"))
    return link_translations(groups, default_lang)


def group_articles(generator):
    generator.articles, generator.translations = _group(
        generator, list(generator.articles) + list(generator.translations))


def group_pages(generator):
    generator.pages, generator.translations = _group(generator, list(generator.pages) + list(generator.translations))
    generator.context["pages"] = generator.pages


def add_generator(pelican):
    return LanguagePagesGenerator


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(install_i18n)
    signals.article_generator_pretaxonomy.connect(group_articles)
    signals.page_generator_finalized.connect(group_pages)
    signals.get_generators.connect(add_generator)
