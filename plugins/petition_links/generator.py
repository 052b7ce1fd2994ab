"""The act links of every action page, and the printable letter pages.

LetterPagesGenerator runs after the articles are read and resolved
(campaign_content) and before any page is written: its generate_context
gives each action version `.act_links` (None when the action is not open),
and its generate_output writes /<lang>/actions/<slug>/letter/ with a QR code.
"""

import dataclasses
import logging
import posixpath
import re

import zxingcpp
from markupsafe import Markup
from pelican.generators import Generator

from campaign import contract
from campaign.problems import Problem, log
from campaign_content.data import has_text
from multilingual.i18n import theme_translations

from .letter import parse_letter
from .links import LetterSender, act_links, over_budget
from .settings import SETTING
from .urls import ascii_url

logger = logging.getLogger(__name__)
PLUGIN = "petition_links"

LETTER_PATH = "letter/"


def N_(message):  # noqa: N802 - gettext's name for "extract this, translate it later"
    return message


# The last line of every letter, for the sender to fill in: in the letter's
# language, from the theme catalogs, so translators own it.
CLOSING_LINE = N_("[Your name], [your town]")
# The lines of a printed letter for the sender to fill in, in the letter's language.
PRINT_LABELS = {"date": N_("Date:"), "signature": N_("Signature:"), "sender": N_("Your name and address:")}


def letter_texts(catalogs):
    """{lang: {closing, date, signature, sender}}: the letter's own lines in each language."""
    return {lang: {"closing": catalog.gettext(CLOSING_LINE),
                   **{name: catalog.gettext(label) for name, label in PRINT_LABELS.items()}}
            for lang, catalog in catalogs.items()}


def action_versions(articles):
    """Every action document: originals and their translations."""
    found = []
    for article in articles:
        for version in [article, *getattr(article, "translations", [])]:
            if contract.kind_of(version) == "actions":
                found.append(version)
    return found


def read_letters(actions):
    """{slug: {lang: Letter}} and the [Problem] to log."""
    letters, problems = {}, []
    for action in actions:
        raw = action.metadata.get("letter")
        if raw is None:
            if getattr(action, "is_open", False):
                problems.append(Problem(
                    action.source_file, "letter", "is missing, so the page offers no letter to send",
                    "Add a '::: letter' block (see docs/authoring.md)", level="warning"))
            continue
        letter, problem = parse_letter(raw, action.source_file)
        if problem:
            problems.append(dataclasses.replace(
                problem, message=f"{problem.message}, so the page is built without send links"))
            continue
        letters.setdefault(action.slug, {})[action.lang] = letter
    return letters, problems


def fallback_salutations(action, raw_targets, letters, default_lang):
    """[(target id, letter language)] where a letter would open with another language's salutation."""
    found = []
    for target_id in action.metadata.get("targets", []):
        target = raw_targets.get(target_id)
        if target is None:
            continue
        langs = {action.lang} | ({target.language} if target.language in letters else set())
        found += [(target_id, lang) for lang in sorted(langs) if not has_text(target.salutation, lang, default_lang)]
    return found


def absolute_url(base_url, url):
    return f"{base_url.rstrip('/')}/{url}" if base_url else None


QR_SCALE, QR_BORDER = 4, 4  # pixels per module; the quiet zone every QR code needs, in modules
DARK_RUNS = re.compile(b"\x00+")  # zxing-cpp's image of a code: a byte per module, 0 where it is dark


def qr_svg(url):
    """An inline SVG QR code of `url` (error correction level M), made at build time.

    The code holds the URL in ASCII (ascii_url): scanners read other bytes in
    whichever character set they guess. An action's URL always fits: its slug
    (at most 240 bytes, names.MAX_SLUG_BYTES) takes at most 720 characters
    encoded, and a code at level M holds 2,331. One stroke per run of dark
    modules, each move relative to where the last run ended. zxing-cpp makes
    the code in C++, two to three times as fast as segno in Python
    (docs/performance.md).
    """
    code = zxingcpp.create_barcode(ascii_url(url), zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    height, width = image.shape
    modules = image.tobytes()
    moves, last_x, last_row = [], 0, None
    for row in range(height):
        for run in DARK_RUNS.finditer(modules, row * width, (row + 1) * width):
            start, end = run.start() - row * width, run.end() - row * width
            if last_row is None:
                moves.append(f"M{QR_BORDER + start} {QR_BORDER + row + 0.5}h{end - start}")
            else:
                moves.append(f"m{start - last_x} {row - last_row}h{end - start}")
            last_x, last_row = end, row
    size = (width + 2 * QR_BORDER) * QR_SCALE
    return Markup(f'<svg width="{size}" height="{size}" class="qr-code"><path transform="scale({QR_SCALE})" '
                  f'stroke="#000" d="{"".join(moves)}"/></svg>')


class LazyQrSvg:
    """The QR code of `url`, made only when the template renders it: with
    parallel_render that happens in the rendering processes."""

    def __init__(self, url):
        self.url = url

    def __html__(self):
        return qr_svg(self.url)

    __str__ = __html__


def letter_url(document_url):
    """The letter page beside an action page, in the same URL style
    (`actions/x/` -> `actions/x/letter/`, `actions/x/index.html` -> `actions/x/letter/index.html`)."""
    if document_url.endswith("/index.html"):
        return document_url[: -len("index.html")] + LETTER_PATH + "index.html"
    return document_url + LETTER_PATH


def letter_page_save_as(action):
    return posixpath.join(posixpath.dirname(action.save_as), LETTER_PATH, "index.html")


class LetterPagesGenerator(Generator):
    """Act links for action pages; a printable letter page per open action and language."""

    def generate_context(self):
        config = self.settings[SETTING]
        base_url = self.settings.get("SITEURL", "")
        default_lang = self.settings["DEFAULT_LANG"]
        data = self.context.get(contract.CAMPAIGN_DATA)
        raw_targets = data.targets if data else {}
        self.actions = action_versions(self.context.get("articles", []))
        letters, problems = read_letters(self.actions)
        for problem in problems:
            log(logger, PLUGIN, problem)
        warned, warned_salutations = set(), set()
        sender = LetterSender(config)
        translations = theme_translations(self.settings)
        self.letter_texts = letter_texts(translations.catalogs)
        closings = {lang: texts["closing"] for lang, texts in self.letter_texts.items()}
        sources = {}
        for action in self.actions:
            sources.setdefault((action.slug, action.lang), action.source_file)
        for action in self.actions:
            action.act_links = None
            if not getattr(action, "is_open", False):
                continue
            versions = letters.get(action.slug, {})
            links = act_links(
                action.lang, action.slug, action.metadata.get("targets", []), raw_targets, versions,
                default_lang, config,
                petition=action.metadata.get("petition"),
                page_url=absolute_url(base_url, action.url),
                title=action.title,
                share_text=Markup(action.summary or "").striptags(),
                letter_page=letter_url(action.url) if config["letter_pages"] and action.lang in versions else None,
                sender=sender,
                closings=closings,
                translate=translations.catalog(action.lang).gettext,
            )
            action.act_links = links
            for target_id, lang in fallback_salutations(action, raw_targets, versions, default_lang):
                if (target_id, lang) not in warned_salutations:
                    warned_salutations.add((target_id, lang))
                    source = sources.get((action.slug, lang), action.source_file)
                    log(logger, PLUGIN, Problem(
                        data.files.get("targets", "targets.toml"), f"{target_id}.salutation",
                        f"has no '{lang}' text, so the '{lang}' letter of {source} opens with the "
                        f"'{default_lang}' salutation", f'Add {lang} = "…" to the salutation table', level="warning"))
            for over in over_budget(links.groups):
                key = (action.slug, over.lang, over.emails)
                if key in warned:
                    continue
                warned.add(key)
                log(logger, PLUGIN, Problem(
                    sources.get((action.slug, over.lang), action.source_file), "letter",
                    f"the mailto link of the '{over.lang}' letter to {', '.join(over.emails)} would be "
                    f"{over.length} characters, over the budget of {config['mailto_budget']}; the page shows the "
                    "addresses and the letter to copy instead", "Shorten the letter to get a send button back",
                    level="warning"))

    def generate_output(self, writer):
        base_url = self.settings.get("SITEURL", "")
        pages = {a.url: a for a in self.actions if a.act_links and a.act_links.letter_page}
        for action in pages.values():
            page_url = action.act_links.letter_page
            qr_target = absolute_url(base_url, action.url) or action.url
            language_links = [
                dataclasses.replace(link, url=letter_url(link.url)) if link.url in pages else link
                for link in getattr(action, "language_links", [])
            ]
            alternates = [(lang, letter_url(url)) for lang, url in getattr(action, "alternates", []) if url in pages]
            writer.write_file(
                letter_page_save_as(action),
                self.get_template("letter"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                article=action,
                page_url=page_url,
                language_links=language_links,
                alternates=alternates,
                qr_svg=LazyQrSvg(qr_target),
                qr_target=qr_target,
                letter_texts=self.letter_texts,
            )
