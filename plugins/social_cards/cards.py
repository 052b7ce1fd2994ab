"""A social card: the 1200 x 630 PNG a share preview shows, drawn with Pillow.

`draw_card(card, fonts)` is a plain function of the card's texts: a kicker
("Urgent action"), the title, a deadline line and the site name, in the
page's language and direction (right-to-left text is shaped and aligned to
the right; Pillow's raqm layout does the shaping). Colours follow the theme.
"""

import dataclasses
import io

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
INK, PAPER, ACCENT, MUTED = (27, 27, 27), (255, 255, 255), (255, 212, 0), (190, 190, 190)
TITLE_SIZES = (68, 60, 54, 48, 44, 40)
TITLE_LINES = 4
# Drawing changes invalidate every cached card: bump this when draw_card draws differently.
DRAWING_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Card:
    lang: str
    direction: str  # "ltr" or "rtl"
    kicker: str
    title: str
    deadline: str  # "" when there is none
    site_name: str


def _fonts():
    from PIL import ImageFont  # loaded only when a card is drawn: most builds draw none

    return ImageFont


def _wrap(text, font, width, direction):
    """Lines of `text` that fit `width` at `font`, broken between words."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or font.getlength(candidate, direction=direction) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _title_layout(title, font_path, width, direction):
    """(font, lines): the largest size at which the title fits TITLE_LINES lines (cut with … at the smallest)."""
    for size in TITLE_SIZES:
        font = _fonts().truetype(font_path, size)
        lines = _wrap(title, font, width, direction)
        if len(lines) <= TITLE_LINES:
            return font, lines
    lines = lines[:TITLE_LINES]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
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
    draw.text((x, y), card.kicker.upper(), font=kicker, fill=ACCENT, anchor=anchor, **features)
    y += 58
    font, lines = _title_layout(card.title, bold_font, text_width, card.direction)
    for line in lines:
        draw.text((x, y), line, font=font, fill=PAPER, anchor=anchor, **features)
        y += int(font.size * 1.18)
    if card.deadline:
        y += 18
        label = ImageFont.truetype(bold_font, 36)
        length = label.getlength(card.deadline, direction=card.direction)
        box = (x - length - 32, y - 10, x + 16, y + 52) if rtl else (x - 16, y - 10, x + length + 32, y + 52)
        draw.rectangle(box, fill=ACCENT)
        draw.text((x - 16 if rtl else x, y), card.deadline, font=label, fill=INK, anchor=anchor, **features)
    site = ImageFont.truetype(regular_font, 30)
    draw.text((x, HEIGHT - MARGIN), card.site_name, font=site, fill=MUTED, anchor="rs" if rtl else "ls", **features)
    # A small palette keeps the file well under 100 KB; antialiased text needs a few dozen greys.
    stream = io.BytesIO()
    image.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(stream, format="PNG", optimize=True)
    return stream.getvalue()
