"""social_cards: what a shared link previews as.

Every page gets Open Graph and Twitter tags and a canonical link (theme,
base.html). With SOCIAL_CARDS['enabled'] (publishconf.py), each action and
briefing in each language also gets a card, a 1200 x 630 PNG beside its page
(`actions/<slug>/card.png`), and every other page its language's site card
(`card.png`, `ru/card.png`). A card is drawn only when its text, the fonts or
the drawing change: drawn cards are kept in CACHE_PATH/social-cards/, named
by a hash of all three, so CI can keep them between runs.
"""

import functools
import hashlib
import json
import logging
import os
import posixpath

from babel.dates import format_date
from pelican import signals
from pelican.generators import Generator

from campaign import contract
from campaign.output import copy_into_site, write_atomically
from multilingual.i18n import theme_translations

from .cards import DRAWING_VERSION, HEIGHT, WIDTH, Card
from .settings import SETTING

logger = logging.getLogger(__name__)

CARD_NAME = "card.png"
CACHE_FOLDER = "social-cards"
KINDS_WITH_CARDS = ("actions", "briefings")


def N_(message):  # noqa: N802 - gettext's name for "extract this, translate it later"
    return message


# The alt text of a language's site card; the documents' cards say their own texts.
SITE_CARD_ALT = N_("Share preview: %(name)s")


def configure(pelican):
    contract.prepare(pelican.settings)


@functools.lru_cache(maxsize=None)
def _file_digest(path):
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def card_key(card, config):
    """A hash of everything a card's pixels depend on."""
    payload = json.dumps([DRAWING_VERSION, _file_digest(config["bold_font"]), _file_digest(config["regular_font"]),
                          card.lang, card.direction, card.kicker, card.title, card.deadline, card.site_name])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cached_card(card, config, cache_folder):
    """The path of the card's PNG in the cache, drawn now only when no earlier build drew it."""
    path = os.path.join(cache_folder, card_key(card, config) + ".png")
    if not os.path.exists(path):
        from .cards import draw_card  # Pillow is loaded only by a build that draws cards

        write_atomically(path, draw_card(card, config["bold_font"], config["regular_font"]))
    return path


class CardTexts:
    """The theme's words for cards in each language (kicker, deadline), from its catalogs."""

    def __init__(self, settings):
        multilingual = contract.merged(settings, "MULTILINGUAL")
        translations = theme_translations(settings)
        self.default_lang = settings["DEFAULT_LANG"]
        self.languages = translations.languages
        self.catalog = translations.catalog
        self.site_names = multilingual["site_names"]
        self.site_name_default = settings["SITENAME"]

    def gettext(self, lang, message):
        return self.catalog(lang).gettext(message)

    def direction(self, lang):
        language = self.languages.get(lang)
        return language.direction if language else "ltr"

    def site_name(self, lang):
        return self.site_names.get(lang, self.site_name_default)

    def document_card(self, document):
        lang = document.lang
        if document.kind == "actions":
            kicker = self.gettext(lang, "Urgent action" if getattr(document, "is_open", False) else "Past action")
        else:
            kicker = self.gettext(lang, "Briefing")
        deadline = ""
        if document.kind == "actions" and getattr(document, "is_open", False):
            language = self.languages.get(lang)
            date = format_date(document.deadline, "long", locale=language.babel_locale) if language else str(document.deadline)
            deadline = self.gettext(lang, "Deadline: %(date)s") % {"date": date}
        # A title is text, shown on the page as written (escaped): '<No. 5>' or '&amp;' are words of it.
        title = str(document.title)
        return Card(lang, self.direction(lang), kicker, title, deadline, self.site_name(lang))

    def site_card(self, lang):
        name = self.site_name(lang)
        return Card(lang, self.direction(lang), self.gettext(lang, "Actions"), name, "", "")


def card_info(url, alt):
    """What templates need of a card: its URL path (relative to SITEURL), alt text, size."""
    return {"url": url, "alt": alt, "width": WIDTH, "height": HEIGHT}


def card_path_of(document):
    """`actions/x/index.html` -> `actions/x/card.png`."""
    return posixpath.join(posixpath.dirname(document.save_as), CARD_NAME)


def language_prefix(lang, default_lang):
    return "" if lang == default_lang else f"{lang}/"


class SocialCardsGenerator(Generator):
    """Gives documents and languages their cards, and copies them into the site."""

    def generate_context(self):
        self.config = self.settings[SETTING]
        self.cards = {}  # output path -> cached PNG path
        if not self.config["enabled"]:
            return
        texts = CardTexts(self.settings)
        cache = os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER)
        site_cards = {}
        for lang in texts.languages:
            card = texts.site_card(lang)
            path = language_prefix(lang, texts.default_lang) + CARD_NAME
            self.cards[path] = cached_card(card, self.config, cache)
            site_cards[lang] = card_info(path, texts.gettext(lang, SITE_CARD_ALT) % {"name": card.title})
        self.context[contract.SOCIAL_SITE_CARDS] = site_cards
        for document in self._documents():
            card = texts.document_card(document)
            path = card_path_of(document)
            self.cards[path] = cached_card(card, self.config, cache)
            document.social_card = card_info(path, f"{card.kicker}: {card.title}"
                                             + (f". {card.deadline}" if card.deadline else ""))

    def _documents(self):
        found = []
        for article in self.context.get("articles", []):
            for version in [article, *getattr(article, "translations", [])]:
                if contract.kind_of(version) in KINDS_WITH_CARDS:
                    found.append(version)
        return found

    def generate_output(self, writer):
        copy_into_site(self.cards, self.output_path)


def add_generator(pelican):
    return SocialCardsGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
