"""The letter page's QR code scans as the address it was made for: its SVG path, drawn module by module,
reads back with a QR decoder (zxing-cpp's reader), in ASCII whatever the address's script."""

import urllib.parse

import zxingcpp
from hypothesis import given, settings, strategies as st
from qr_reading import modules_of, read_modules, scan

from campaign_content.names import MAX_SLUG_BYTES
from petition_links.generator import QR_BORDER, qr_svg
from petition_links.urls import ascii_url


def encoded_modules(url):
    """The dark modules of the code zxing-cpp makes for `url`, where the SVG should draw them."""
    code = zxingcpp.create_barcode(ascii_url(url), zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    height, width = image.shape
    pixels = image.tobytes()
    return {(QR_BORDER + i % width, QR_BORDER + i // width) for i, value in enumerate(pixels) if value == 0}, width


def action_address(length):
    return "https://campaign.example.org/kk/actions/" + "free-them-" * (length // 10) + "x" * (length % 10) + "/"


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


def test_a_percent_sign_is_kept_only_where_it_begins_an_escape():
    assert scan(qr_svg("https://e.org/a%D0%B1/100%/%zz%2")) == "https://e.org/a%D0%B1/100%25/%25zz%252"


def test_the_longest_slug_fits_a_code():
    # names.MAX_SLUG_BYTES of letters of four UTF-8 bytes each, percent-encoded: 720 characters.
    url = "https://campaign.example.org/kk/actions/" + "\U00020000" * (MAX_SLUG_BYTES // 4) + "/"
    assert scan(qr_svg(url)) == ascii_url(url)


def test_the_drawing_is_the_code_module_for_module_with_its_quiet_zone():
    for length in range(0, 600, 7):  # versions 3 to 20, and their run patterns
        url = action_address(length)
        dark, side = modules_of(qr_svg(url))
        expected, width = encoded_modules(url)
        assert (dark, side) == (expected, width + 2 * QR_BORDER), length
        # The quiet zone: no dark module within QR_BORDER modules of the edge.
        assert all(QR_BORDER <= x < side - QR_BORDER and QR_BORDER <= y < side - QR_BORDER for x, y in dark)


def test_addresses_of_every_size_scan_back_at_level_m():
    for length in range(0, 600, 7):
        found = read_modules(*modules_of(qr_svg(action_address(length))))
        assert (found.text, found.ec_level) == (action_address(length), "M"), length
