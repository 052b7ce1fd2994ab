"""The letter page's QR code scans as the address it was made for: its SVG path, drawn module by module,
reads back with a QR decoder (zxing-cpp's reader), in ASCII whatever the address's script."""

import re
import urllib.parse

import zxingcpp
from hypothesis import given, settings, strategies as st
from PIL import Image

from petition_links.generator import QR_BORDER, QR_SCALE, qr_svg
from petition_links.urls import ascii_url

SIZE = re.compile(r'^<svg width="(\d+)" height="\1" class="qr-code"><path transform="scale\(4\)" stroke="#000" d="([^"]*)"/></svg>$')
MOVE = re.compile(r"([Mm])(-?\d+(?:\.5)?) (-?\d+(?:\.5)?)h(\d+)")


def modules_of(svg):
    """The dark modules the SVG's path strokes, as {(x, y)} counted from the image's corner, and its side."""
    found = SIZE.match(str(svg))
    assert found, svg
    return modules_drawn(int(found.group(1)), found.group(2))


def modules_drawn(width, path):
    assert "".join(m.group(0) for m in MOVE.finditer(path)) == path  # nothing but moves and strokes
    dark, x, y = set(), 0.0, 0.0
    for command, dx, dy, length in MOVE.findall(path):
        x, y = (float(dx), float(dy)) if command == "M" else (x + float(dx), y + float(dy))
        dark.update((int(x) + step, int(y)) for step in range(int(length)))  # a 1-wide stroke along y + 0.5
        x += int(length)
    return dark, width // QR_SCALE


def scan_modules(dark, side, pixels_per_module=4):
    image = Image.new("L", (side * pixels_per_module,) * 2, 255)
    for x, y in dark:
        image.paste(0, (x * pixels_per_module, y * pixels_per_module,
                        (x + 1) * pixels_per_module, (y + 1) * pixels_per_module))
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found.text if found else None


def scan(svg):
    """What a scanner reads from the SVG qr_svg wrote."""
    return scan_modules(*modules_of(svg))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=300))
def test_any_text_scans_back_in_ascii(data):
    scanned = scan(qr_svg(data))
    assert scanned == ascii_url(data) and scanned.isascii()
    if "%" not in data:
        assert urllib.parse.unquote(scanned) == data


def test_an_address_in_cyrillic_scans_as_its_percent_encoded_form():
    url = "https://campaign.example.org/kk/actions/бостандық-үшін/?a=1&b=2#хат"
    assert scan(qr_svg(url)) == ("https://campaign.example.org/kk/actions/%D0%B1%D0%BE%D1%81%D1%82%D0%B0%D0%BD"
                                 "%D0%B4%D1%8B%D2%9B-%D2%AF%D1%88%D1%96%D0%BD/?a=1&b=2#%D1%85%D0%B0%D1%82")


def test_action_addresses_of_every_size_scan_back_with_a_quiet_zone():
    for length in range(0, 600, 7):  # versions 2 to 15 and their run patterns
        url = "https://campaign.example.org/kk/actions/" + "free-them-" * (length // 10) + "x" * (length % 10) + "/"
        dark, side = modules_of(qr_svg(url))
        assert scan(qr_svg(url)) == url, length
        # The quiet zone: no dark module within QR_BORDER modules of the edge.
        assert all(QR_BORDER <= x < side - QR_BORDER and QR_BORDER <= y < side - QR_BORDER for x, y in dark)
