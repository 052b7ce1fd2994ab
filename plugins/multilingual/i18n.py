"""Theme strings and dates in the language of the page being rendered.

One Jinja environment renders every language: the gettext callables and
date filters look up the page's language in the template context.
"""

import dataclasses
import functools
import gettext as gettext_module

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from jinja2 import pass_context
from markupsafe import escape

from campaign import contract

from .catalogs import load_catalog
from .links import folder_url, versions


@dataclasses.dataclass(frozen=True)
class Language:
    code: str
    locale: str
    name: str
    direction: str

    @functools.cached_property
    def babel_locale(self):
        return Locale.parse(self.locale.replace("-", "_"))

    @functools.cached_property
    def og_locale(self):
        """The language_TERRITORY form Open Graph wants (en_GB, ru_RU, kk_KZ), from CLDR's likely subtags."""
        locale = self.babel_locale
        if locale.territory:
            return f"{locale.language}_{locale.territory}"
        likely = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
        return f"{locale.language}_{likely.territory}" if likely.territory else locale.language


def language_name(code, in_lang=None):
    """The name of language `code` in `in_lang` ('Russian' in en, 'русский' in ru), in its own
    language when `in_lang` is None; the code itself where Babel knows no name. The one rule for
    language names: menus, stub notes and letter labels."""
    try:
        name = Locale.parse((in_lang or code).replace("-", "_")).languages.get(code.replace("-", "_").split("_")[0])
    except (UnknownLocaleError, ValueError):
        name = None
    return name or code


def is_language_code(code):
    """Whether `code` is a language code as settings write them ('-' before a region or script) that
    Babel knows as written: 'kk', 'pt-BR', 'sr-Latn'; not 'kz', 'KK', 'pt_br', 'und', 'ru@latin' or ''."""
    if not code or "_" in code or "@" in code:
        return False
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return str(locale).replace("_", "-") == code


def describe_languages(settings):
    """[Language] for MULTILINGUAL['languages'], in order."""
    result = []
    for code in settings["languages"]:
        locale_name = settings["locales"].get(code, code)
        locale = Locale.parse(locale_name.replace("-", "_"))
        name = language_name(code)
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        result.append(Language(code=code, locale=locale_name, name=name[:1].upper() + name[1:], direction=direction))
    return result


def page_language(context, default_lang):
    """The language of the page a template is rendering."""
    for key in ("article", "page"):
        document = context.get(key)
        lang = getattr(document, "lang", None)
        if lang:
            return lang
    return context.get("lang") or default_lang


def theme_translations(settings):
    """The build's ThemeTranslations: every catalog and language loaded once, then shared.

    Kept as long as the settings: sitebuild reads them afresh for every build
    (and every pass of one), so an edited catalog shows in the next build.
    """
    if contract.THEME_TRANSLATIONS not in settings:
        config = contract.merged(settings, "MULTILINGUAL")
        catalogs = {lang: load_catalog(config["catalog_path"], lang) for lang in config["languages"]}
        settings[contract.THEME_TRANSLATIONS] = ThemeTranslations(catalogs, describe_languages(config),
                                                                  settings["DEFAULT_LANG"])
    return settings[contract.THEME_TRANSLATIONS]


def as_template_text(context, text):
    """A translation as the template shows text: escaped (Markup, so that `%` escapes the variables too)
    where it autoescapes."""
    return escape(text) if context.eval_ctx.autoescape else text


class ThemeTranslations:
    """gettext callables and date filters that follow the page's language."""

    def __init__(self, catalogs, languages, default_lang):
        self.catalogs = catalogs
        self.languages = {language.code: language for language in languages}
        self.default_lang = default_lang
        self._formatted_dates = {}
        self._template_messages = {}  # (lang, message, autoescape) -> what `_(message)` gives

    def catalog(self, lang):
        """The theme's translations in `lang`: the source strings for a language the site does not have."""
        return self.catalogs.get(lang) or gettext_module.NullTranslations()

    def _catalog(self, context):
        return self.catalog(page_language(context, self.default_lang))

    def _locale(self, context):
        language = self.languages.get(page_language(context, self.default_lang))
        return language.babel_locale if language else Locale.parse(self.default_lang)

    def callables(self):
        """gettext, ngettext, pgettext and npgettext for Jinja's i18n extension. A translation is text,
        escaped where the template escapes: catalogs are translators' work, and may hold markup."""
        @pass_context
        def gettext(context, message):
            return as_template_text(context, self._catalog(context).gettext(message))

        @pass_context
        def ngettext(context, singular, plural, count):
            return as_template_text(context, self._catalog(context).ngettext(singular, plural, count))

        @pass_context
        def pgettext(context, message_context, message):
            return as_template_text(context, self._catalog(context).pgettext(message_context, message))

        @pass_context
        def npgettext(context, message_context, singular, plural, count):
            return as_template_text(context, self._catalog(context).npgettext(message_context, singular, plural, count))

        return gettext, ngettext, pgettext, npgettext

    def template_gettext(self):
        """Jinja's newstyle `gettext` (and `_`) for templates, with a message without variables looked up once
        per language: a page calls it a dozen times, and Jinja's own goes through three calls, a Markup and a
        format each time. Same result: the translation is text, escaped when autoescaping, and always a
        format string (`%%` is one `%`), its variables escaped."""
        def translate(context, message, variables):
            translated = self._catalog(context).gettext(message)
            return as_template_text(context, translated) % variables

        @pass_context
        def gettext(context, message, **variables):
            if variables:
                return translate(context, message, variables)
            key = (page_language(context, self.default_lang), message, context.eval_ctx.autoescape)
            found = self._template_messages.get(key)
            if found is None:
                found = self._template_messages[key] = translate(context, message, {})
            return found

        return gettext

    def filters(self):
        @pass_context
        def localdate(context, value, format="long"):
            """A date in the page's language: 'long' gives 27 февраля 2019 г. in ru."""
            if value is None:
                return ""
            locale = self._locale(context)
            key = (value, format, str(locale))
            if key not in self._formatted_dates:  # a site shows the same few dates on many pages
                self._formatted_dates[key] = format_date(value, format=format, locale=locale)
            return self._formatted_dates[key]

        @pass_context
        def localskeleton(context, value, skeleton="dMMMM"):
            """A date by CLDR skeleton: 'dMMMM' gives 12 April, 12 апреля, 12 сәуір."""
            if value is None:
                return ""
            return format_skeleton(skeleton, value, locale=self._locale(context))

        return {"localdate": localdate, "localskeleton": localskeleton}

    def globals(self, settings):
        return _globals_for(self, settings)


def _globals_for(translations, settings):
    config = settings["MULTILINGUAL"]
    default_lang = settings["DEFAULT_LANG"]

    @pass_context
    def page_lang(context):
        return page_language(context, default_lang)

    @pass_context
    def text_direction(context):
        language = translations.languages.get(page_language(context, default_lang))
        return language.direction if language else "ltr"

    @pass_context
    def site_name(context):
        return config["site_names"].get(page_language(context, default_lang), settings["SITENAME"])

    @pass_context
    def lang_home(context):
        """The path of the page language's home page, relative to SITEURL."""
        lang = page_language(context, default_lang)
        return "" if lang == default_lang else f"{lang}/"

    @pass_context
    def lang_url(context, path=""):
        """A page of the page language's site, relative to SITEURL: lang_url('actions/')."""
        return folder_url(lang_home(context) + path, config["index_file_links"])

    @pass_context
    def in_page_language(context, document):
        """The version of a document in the page's language, or None."""
        return versions(document).get(page_language(context, default_lang))

    return {
        "in_page_language": in_page_language,
        "page_lang": page_lang,
        "text_direction": text_direction,
        "site_name": site_name,
        "lang_home": lang_home,
        "lang_url": lang_url,
        "SITE_BASE_URL": settings.get("SITEURL", ""),
        "og_locale": lambda code: translations.languages[code].og_locale if code in translations.languages else code,
    }

