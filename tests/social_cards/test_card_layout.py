"""A card drawn by the plain functions of social_cards.cards, no build: a normal title is laid out as
it always was, and any text, however long, is broken and cut to what the card can show."""

import io
import pathlib

import pytest
from PIL import Image, ImageFont

from social_cards.cards import (ELLIPSIS, HEIGHT, MARGIN, TITLE_CHARS, TITLE_LINES, WIDTH, Card, draw_card, one_line,
                                title_layout)

FONTS = pathlib.Path(__file__).resolve().parents[2] / "theme" / "fonts"
BOLD, REGULAR = str(FONTS / "DejaVuSans-Bold.ttf"), str(FONTS / "DejaVuSans.ttf")
TEXT_WIDTH = WIDTH - 2 * MARGIN
# However long the title, its layout measures no more characters than this (30,000 at most for the
# titles below, at all six sizes), where wrapping a whole title measured it at every size, word by word.
MEASURED_AT_MOST = 50_000


class MeasuredFonts:
    """title_layout's font_at: the bold font at a size, adding up how many characters the layout measures."""

    def __init__(self):
        self.measured = 0

    def __call__(self, size):
        return MeasuredFont(ImageFont.truetype(BOLD, size), self)


class MeasuredFont:
    def __init__(self, font, fonts):
        self.font, self.fonts, self.size = font, fonts, font.size

    def getlength(self, text, **options):
        self.fonts.measured += len(text)
        return self.font.getlength(text, **options)


def layout(title, direction="ltr", fonts=None):
    return title_layout(title, fonts or MeasuredFonts(), TEXT_WIDTH, direction)


def card(title, lang="en", direction="ltr", kicker="Urgent action", deadline="Deadline: 31 December 2026",
         site_name="Campaign"):
    return Card(lang, direction, kicker, title, deadline, site_name)


def drawn_size(data):
    return Image.open(io.BytesIO(data)).size


def test_a_normal_title_keeps_its_layout():
    font, lines = layout("Kazakhstan: compensate everyone detained for peaceful protest on 27 February")
    assert font.size == 68
    assert lines == ["Kazakhstan: compensate", "everyone detained for", "peaceful protest on 27", "February"]
    font, lines = layout("Kazakhstan: compensate everyone detained for peaceful protest on 27 February, and release "
                         "everyone still held for the peaceful assembly of the 27th in Almaty, Astana, Shymkent and "
                         "every other city of the country, now")
    assert font.size == 40
    assert lines == ["Kazakhstan: compensate everyone detained", "for peaceful protest on 27 February, and",
                     "release everyone still held for the peaceful", "assembly of the 27th in Almaty, Astana…"]


def test_a_word_longer_than_a_line_is_broken_and_cut_with_an_ellipsis():
    title = "W" * 60_000
    font, lines = layout(title)
    assert len(lines) == TITLE_LINES and lines[-1].endswith(ELLIPSIS)
    assert all(0 < font.getlength(line) <= TEXT_WIDTH for line in lines)
    assert title.startswith("".join(lines).removesuffix(ELLIPSIS))
    assert drawn_size(draw_card(card(title), BOLD, REGULAR)) == (WIDTH, HEIGHT)


LONG_TITLES = {
    "many short words": ("en", "ltr", "a " * 200_000),
    "Cyrillic": ("ru", "ltr", "Казахстан: освободите Дмитрия Тихонова и 32 мирных протестующих в Алматы. " * 5_000),
    "Arabic without a space": ("ar", "rtl", "كازاخستان" * 20_000),
}


@pytest.mark.parametrize("lang, direction, title", LONG_TITLES.values(), ids=LONG_TITLES.keys())
def test_a_long_title_is_drawn_on_its_lines_and_cut_with_an_ellipsis(lang, direction, title):
    fonts = MeasuredFonts()
    font, lines = layout(title, direction, fonts)
    assert fonts.measured < MEASURED_AT_MOST
    assert font.size == 40 and len(lines) == TITLE_LINES and lines[-1].endswith(ELLIPSIS)
    assert all(0 < font.getlength(line, direction=direction) <= TEXT_WIDTH for line in lines)
    data = draw_card(card(title, lang=lang, direction=direction), BOLD, REGULAR)
    assert drawn_size(data) == (WIDTH, HEIGHT)


@pytest.mark.parametrize("word", ["W", "a ", "i ", "\u0301", "Free them ", "Казахстан: "])
def test_a_title_of_several_megabytes_is_read_only_as_far_as_the_card_can_show(word):
    """The layout of a 6 MB title and of the same title cut to 20 KB (both far more than a card holds)
    are the same and cost the same: what comes later is never read."""
    layouts, measured = [], []
    for length in (20_000, 6_000_000):
        fonts = MeasuredFonts()
        font, lines = layout(word * (length // len(word)), fonts=fonts)
        layouts.append((font.size, lines))
        measured.append(fonts.measured)
        assert len(lines) == TITLE_LINES and lines[-1].endswith(ELLIPSIS)
        assert sum(len(line) for line in lines) <= TITLE_CHARS + 1
    assert layouts[0] == layouts[1]
    assert measured[0] == measured[1] < MEASURED_AT_MOST


def test_a_long_word_after_short_ones_starts_a_line_of_its_own():
    font, lines = layout("Free " + "W" * 30)
    assert lines[0] == "Free" and "".join(lines[1:]) == "W" * 30
    assert all(font.getlength(line) <= TEXT_WIDTH for line in lines)


def test_the_last_line_of_a_cut_title_fits_with_its_ellipsis():
    # At 40 points four lines of "detained" are full to the last word: the ellipsis takes that word's place.
    font, lines = layout(" ".join(["detained"] * 200))
    assert font.size == 40 and len(lines) == TITLE_LINES
    assert all(font.getlength(line) <= TEXT_WIDTH for line in lines)
    assert lines[-1].endswith(" detained…") and lines[-1].count("detained") == lines[0].count("detained") - 1


@pytest.mark.parametrize("text", ["W" * 60_000, "Срочно " * 10_000, "line\n" * 10_000])
def test_the_other_texts_are_cut_to_one_line_that_fits(text):
    font = ImageFont.truetype(BOLD, 30)
    line = one_line(text, font, TEXT_WIDTH, "ltr")
    assert line.endswith(ELLIPSIS) and "\n" not in line and font.getlength(line) <= TEXT_WIDTH
    data = draw_card(card("Free them", kicker=text, deadline=text, site_name=text), BOLD, REGULAR)
    assert drawn_size(data) == (WIDTH, HEIGHT)


def test_a_short_text_stays_as_it_is_on_its_line():
    font = ImageFont.truetype(BOLD, 36)
    assert one_line("Deadline: 31 December 2026", font, TEXT_WIDTH, "ltr") == "Deadline: 31 December 2026"

