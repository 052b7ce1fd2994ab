"""Resizing one image into the widths a `srcset` offers, with Pillow, cached by content hash."""

import dataclasses
import hashlib
import os

from PIL import Image, UnidentifiedImageError

from campaign.output import atomic_target

WIDTHS = (320, 640, 960, 1280)
QUALITY = 72
# Bump when the resizing changes: every cached variant is made again.
SIZING_VERSION = 1
EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
MAX_PIXELS = 40_000_000  # a larger "image" is a mistake or an attack on the build's memory
MAX_SIDE = 16_383  # the longest side WebP can hold


@dataclasses.dataclass(frozen=True)
class Variant:
    width: int
    height: int
    path: str  # in the cache


def image_problem(path):
    """Why the file at `path` cannot be a page's image, or None."""
    if not path.lower().endswith(EXTENSIONS):
        return f"must be a JPEG, PNG or WebP file ({', '.join(EXTENSIONS)})"
    if not os.path.isfile(path):
        return ("is not a regular file (a folder, named pipe, socket or device)" if os.path.exists(path)
                else "is not a file under content/")
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                return f"is {image.width} x {image.height} pixels, over the limit of {MAX_PIXELS // 1_000_000} megapixels"
            if max(image.size) > MAX_SIDE:
                return f"is {image.width} x {image.height} pixels; a side may be at most {MAX_SIDE:,} pixels"
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        return f"cannot be read as an image ({error})"
    return None


class UnreadableImage(Exception):
    """An image whose header reads but whose pixels do not (truncated, damaged): str() says why."""


def variants(path, cache_folder):
    """[Variant] of the image at `path`: each width of WIDTHS below its own, and its own if smaller, as WebP."""
    with open(path, "rb") as stream:
        digest = hashlib.sha256(stream.read() + f"{SIZING_VERSION}:{QUALITY}".encode()).hexdigest()[:20]
    found = []
    with Image.open(path) as image:
        try:
            image = image.convert("RGB")  # reads every pixel: verify() does not (a truncated JPEG passes it)
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            raise UnreadableImage(f"cannot be read as an image ({error})") from None
        widths = [w for w in WIDTHS if w < image.width] or [image.width]
        if image.width < WIDTHS[-1] and image.width not in widths:
            widths.append(image.width)
        for width in widths:
            height = max(1, round(image.height * width / image.width))  # a strip of a banner is still a row
            target = os.path.join(cache_folder, f"{digest}-{width}.webp")
            if not os.path.exists(target):
                with atomic_target(target) as temporary:
                    image.resize((width, height), Image.Resampling.LANCZOS).save(temporary, "WEBP", quality=QUALITY)
            found.append(Variant(width, height, target))
    return found
