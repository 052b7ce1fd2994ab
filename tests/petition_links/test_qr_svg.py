"""The letter page's QR code is the SVG segno itself would write for the same code."""

import segno
from hypothesis import given, settings, strategies as st

from petition_links.generator import QR_OPTIONS, qr_svg


def segno_svg(data):
    return segno.make(data, **QR_OPTIONS).svg_inline(scale=4, svgclass="qr-code", lineclass=None)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_draws_as_segno_draws_it(data):
    assert str(qr_svg(data)) == segno_svg(data)


def test_action_addresses_of_every_size_draw_as_segno_draws_them():
    for length in range(0, 600, 7):  # versions 2 to 15 and their run patterns
        url = "https://campaign.example.org/kk/actions/" + "free-them-" * (length // 10) + "x" * (length % 10) + "/"
        assert str(qr_svg(url)) == segno_svg(url), length
