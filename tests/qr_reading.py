"""Reading back the QR codes qr_svg draws: its SVG path as modules, and the modules through a QR decoder."""

import re

import zxingcpp
from PIL import Image

from petition_links.generator import QR_SCALE

SVG = re.compile(r'^<svg width="(\d+)" height="\1" class="qr-code"><path transform="scale\(4\)" stroke="#000" d="([^"]*)"/></svg>$')
MOVE = re.compile(r"([Mm])(-?\d+(?:\.5)?) (-?\d+(?:\.5)?)h(\d+)")


def modules_of(svg):
    """The dark modules qr_svg's SVG strokes, as {(x, y)} counted from the image's corner, and its side."""
    found = SVG.match(str(svg))
    assert found, svg
    return modules_drawn(int(found.group(1)), found.group(2))


def modules_drawn(width, path):
    """The modules a path of moves and 1-wide strokes (along y + 0.5) covers, in an image `width` pixels wide."""
    assert "".join(m.group(0) for m in MOVE.finditer(path)) == path  # nothing but moves and strokes
    dark, x, y = set(), 0.0, 0.0
    for command, dx, dy, length in MOVE.findall(path):
        x, y = (float(dx), float(dy)) if command == "M" else (x + float(dx), y + float(dy))
        assert x.is_integer() and (y - 0.5).is_integer()  # on the module grid
        dark.update((int(x) + step, int(y)) for step in range(int(length)))
        x += int(length)
    return dark, width // QR_SCALE


def read_modules(dark, side, pixels_per_module=4):
    """What a scanner reads from the modules: zxing-cpp's Barcode, or None."""
    image = Image.new("L", (side * pixels_per_module,) * 2, 255)
    for x, y in dark:
        image.paste(0, (x * pixels_per_module, y * pixels_per_module,
                        (x + 1) * pixels_per_module, (y + 1) * pixels_per_module))
    return zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)


def scan(svg):
    """The text a scanner reads from qr_svg's SVG, or None."""
    found = read_modules(*modules_of(svg))
    return found.text if found else None
