"""A social card: the 1200 x 630 PNG a share preview shows, drawn with Pillow.

`draw_card(card, bold_font, regular_font)` is a plain function of the
card's texts: a kicker ("Urgent action"), the title, a deadline line and
the site name, in the page's language and direction (right-to-left text is
shaped and aligned to the right; Pillow's raqm layout does the shaping).
Colours follow the theme.

Texts come from content and volunteers' translations, so a card reads only
the start of each that it can show: the title wraps onto at most
TITLE_LINES lines (a word too long for a line is broken), the other texts
onto one line each, and a text cut short ends with … . So a card's work and
memory have a bound, the same for a title of 6 million characters as for
one of 6 thousand.
"""

import dataclasses
import functools
import io
import itertools

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
INK, PAPER, ACCENT, MUTED = (27, 27, 27), (255, 255, 255), (255, 212, 0), (190, 190, 190)
TITLE_SIZES = (68, 60, 54, 48, 44, 40)
TITLE_LINES = 4
# No line holds more characters than this, however narrow they draw (combining marks draw none), so
# measuring and drawing a line costs little whatever the text. 4 lines at 40 points hold about 80 of
# the narrowest letters; 200 leaves room for fully vowelled Arabic.
LINE_CHARS = 200
TITLE_CHARS = TITLE_LINES * LINE_CHARS
ELLIPSIS = "…"
# Drawing changes invalidate every cached card: bump this when draw_card draws differently.
DRAWING_VERSION = 2


@dataclasses.dataclass(frozen=True)
class Card:
    lang: str
    direction: str  # "ltr" or "rtl"
    kicker: str
    title: str
    deadline: str  # "" when there is none
    site_name: str


def _fits(text, font, width, direction):
    return len(text) <= LINE_CHARS and font.getlength(text, direction=direction) <= width


def _longest_fitting_start(text, fits):
    """How many of `text`'s first characters fit (at least one, so a wrap always moves on)."""
    low, high = 1, min(len(text), LINE_CHARS)
    while low < high:  # binary search: a line's width grows with its characters
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _wrap(text, font, width, direction):
    """Lines of `text` that fit `width` at `font`, broken between words, and inside a word too long for a line.
    A generator: the caller takes the lines it has room for, and the rest are never measured."""
    def fits(line):
        return _fits(line, font, width, direction)

    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            yield line
        while not fits(word):
            cut = _longest_fitting_start(word, fits)
            yield word[:cut]
            word = word[cut:]
        line = word
    if line:
        yield line


def _ended(line, font, width, direction):
    """`line` ending with … , shortened (between words where it can) so that it still fits."""
    def ended(start):
        return start.rstrip(" ,.;:") + ELLIPSIS

    def fits(start):
        return _fits(ended(start), font, width, direction)

    if fits(line):
        return ended(line)
    cut = _longest_fitting_start(line, fits)
    start = line[:cut]
    if not line[cut:].startswith(" ") and " " in start:
        start = start[:start.rindex(" ")]
    return ended(start)


def one_line(text, font, width, direction, upper=False):
    """`text` (in capitals if `upper`) on one line that fits `width` at `font`: line breaks read as spaces,
    cut with … when too long. Reads no more of `text` than a line can hold, and one character more."""
    start = text[:LINE_CHARS + 1]
    line = " ".join((start.upper() if upper else start).splitlines())
    return line if _fits(line, font, width, direction) else _ended(line, font, width, direction)


def title_layout(title, font_at, width, direction):
    """(font, lines): the largest size at which the title fits TITLE_LINES lines; at the smallest, the
    first lines, the last ending with … . `font_at(size)` is the title's font at a size. Reads no more of
    the title than the lines can hold (TITLE_CHARS): a longer title is cut."""
    start, goes_on = title[:TITLE_CHARS], len(title) > TITLE_CHARS
    for size in TITLE_SIZES:
        font = font_at(size)
        # One line more than the card has room for says the title does not fit at this size.
        lines = list(itertools.islice(_wrap(start, font, width, direction), TITLE_LINES + 1))
        if len(lines) <= TITLE_LINES and not goes_on:
            return font, lines
    lines = lines[:TITLE_LINES] or [""]
    lines[-1] = _ended(lines[-1], font, width, direction)
    return font, lines


def draw_card(card, bold_font, regular_font):
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), INK)
    draw = ImageDraw.Draw(image)
    rtl = card.direction == "rtl"
    features = {"direction": card.direction, "language": card.lang}
    x = WIDTH - MARGIN if rtl else MARGIN
    anchor = "ra" if rtl else "la"
    bar = (WIDTH - 24, 0, WIDTH, HEIGHT) if rtl else (0, 0, 24, HEIGHT)
    draw.rectangle(bar, fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN - 8
    kicker = ImageFont.truetype(bold_font, 30)
    kicker_line = one_line(card.kicker, kicker, text_width, card.direction, upper=True)
    draw.text((x, y), kicker_line, font=kicker, fill=ACCENT, anchor=anchor, **features)
    y += 58
    font, lines = title_layout(card.title, functools.partial(ImageFont.truetype, bold_font), text_width,
                               card.direction)
    for line in lines:
        draw.text((x, y), line, font=font, fill=PAPER, anchor=anchor, **features)
        y += int(font.size * 1.18)
    if card.deadline:
        y += 18
        label = ImageFont.truetype(bold_font, 36)
        deadline = one_line(card.deadline, label, text_width, card.direction)
        length = label.getlength(deadline, direction=card.direction)
        box = (x - length - 32, y - 10, x + 16, y + 52) if rtl else (x - 16, y - 10, x + length + 32, y + 52)
        draw.rectangle(box, fill=ACCENT)
        draw.text((x - 16 if rtl else x, y), deadline, font=label, fill=INK, anchor=anchor, **features)
    site = ImageFont.truetype(regular_font, 30)
    site_name = one_line(card.site_name, site, text_width, card.direction)
    draw.text((x, HEIGHT - MARGIN), site_name, font=site, fill=MUTED, anchor="rs" if rtl else "ls", **features)
    # A small palette keeps the file well under 100 KB; antialiased text needs a few dozen greys.
    stream = io.BytesIO()
    image.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(stream, format="PNG", optimize=True)
    return stream.getvalue()
