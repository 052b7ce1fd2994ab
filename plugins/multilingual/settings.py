"""The MULTILINGUAL setting: defaults, merging and validation."""

import os

from babel import Locale, UnknownLocaleError

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "MULTILINGUAL"

DEFAULTS = {
    # Configured languages; DEFAULT_LANG is added first when missing.
    "languages": [],
    # Babel locale per language where it differs from the code, e.g. {"en": "en_GB"}.
    "locales": {},
    # Site name per language; SITENAME where a language has none.
    "site_names": {},
    # gettext catalogs of the theme: <catalog_path>/<lang>/LC_MESSAGES/messages.po
    "catalog_path": None,
    # An Atom feed per language.
    "feeds": True,
    # One sitemap.xml with hreflang alternates.
    "sitemap": True,
    # Links name index.html instead of ending in a folder, so the site works
    # opened from disk (file://): the mirror bundle sets this.
    "index_file_links": False,
    # Pages written once per language: {path under the language: template}.
    "index_pages": {"": "index"},
}



def _fail(key, problem):
    raise ConfigurationError(f"multilingual: {SETTING}['{key}'] {problem}")


def merge_settings(user_value, default_lang, theme_path):
    """Return MULTILINGUAL merged onto DEFAULTS, or raise naming the key."""
    merged = merged_onto_defaults("multilingual", SETTING, user_value, DEFAULTS)
    languages = merged["languages"]
    if not isinstance(languages, (list, tuple)) or not all(isinstance(x, str) for x in languages):
        _fail("languages", 'must be a list of language codes, e.g. ["en", "ru"]')
    languages = [default_lang] + [lang for lang in languages if lang != default_lang]
    if len(set(languages)) != len(languages):
        _fail("languages", "lists a language twice")
    merged["languages"] = languages
    for key in ("locales", "site_names"):
        if not isinstance(merged[key], dict):
            _fail(key, "must be a dict keyed by language code")
        strays = sorted(set(merged[key]) - set(languages))
        if strays:
            _fail(key, f"names {', '.join(strays)}, which is not in {SETTING}['languages']")
    for lang in languages:
        locale_name = merged["locales"].get(lang, lang)
        try:
            Locale.parse(locale_name.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            _fail("languages", f"has '{lang}' (locale '{locale_name}'), which Babel does not know; use an ISO 639 code such as 'ru'")
    if merged["catalog_path"] is None:
        merged["catalog_path"] = os.path.join(theme_path, "translations")
    if not isinstance(merged["catalog_path"], str) or not merged["catalog_path"].strip():
        _fail("catalog_path", "must be the folder of the theme's catalogs (<folder>/<lang>/LC_MESSAGES/messages.po), "
                              "or None for the theme's translations/ folder")
    pages = merged["index_pages"]
    if not isinstance(pages, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in pages.items()):
        _fail("index_pages", 'must map a path to a template name, e.g. {"": "index", "actions/": "actions"}')
    if any(path and not path.endswith("/") for path in pages):
        _fail("index_pages", "paths must be '' or end with '/', e.g. 'actions/'")
    for key in ("feeds", "sitemap", "index_file_links"):
        if not isinstance(merged[key], bool):
            _fail(key, "must be True or False")
    return merged
