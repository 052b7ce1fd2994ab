"""Resizing one image into the widths a `srcset` offers, with Pillow, cached by content hash."""

import dataclasses
import hashlib
import io
import json
import os

from PIL import Image, ImageCms, ImageMath, ImageOps, ImageSequence, UnidentifiedImageError

from campaign.output import atomic_target, write_atomically

WIDTHS = (320, 640, 960, 1280)
QUALITY = 72
# Bump when the resizing changes: every cached variant is made again.
SIZING_VERSION = 4  # 2: turned upright as the photo's EXIF orientation says; 3: as_shown(); 4: 16-bit tRNS
# The copy of an image published under its own name (what a {static} link shows): encoded again, at this
# quality where the format loses any, with nothing of the original's metadata but these. EXIF holds where a
# photo was taken and whose camera took it; XMP, IPTC and comments can name the photographer.
PUBLISHED_QUALITY = 90
PUBLISHED_VERSION = 4  # 2: an MPO is published as its first image, upright; 3: as_shown(), GIF; 4: as_shown() each frame
# What an animated image keeps of its original's info (a still image keeps nothing: as_shown()).
KEPT_INFO = ("transparency", "duration", "loop", "background")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SIXTEEN_BITS = ("I;16", "I;16B", "I;16L", "I")
EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
# What Pillow may read such a file as (its JPEG reader also gives an MPO: a JPEG with more images after it).
# Any other (a TIFF, GIF or BMP named .jpg) would be published in its own format under the name, and a
# multi-page TIFF keeps its XMP and IPTC when saved again.
FORMATS = ("JPEG", "PNG", "WEBP")
PUBLISHED_FORMATS = FORMATS + ("GIF",)
# The formats a published copy may be in under each name: a server tells browsers the type its name says.
FORMATS_NAMED = {".jpg": ("JPEG", "MPO"), ".jpeg": ("JPEG", "MPO"), ".png": ("PNG",), ".webp": ("WEBP",), ".gif": ("GIF",)}
MAX_PIXELS = 40_000_000  # a larger "image" is a mistake or an attack on the build's memory
MAX_SIDE = 16_383  # the longest side WebP can hold
# All the frames of an animated image: Pillow holds every frame in memory (as RGB or RGBA) to save it again.
MAX_ANIMATION_PIXELS = 100_000_000


@dataclasses.dataclass(frozen=True)
class Variant:
    width: int
    height: int
    path: str  # in the cache


def image_problem(path, extensions=EXTENSIONS, formats=FORMATS, named_for_format=False):
    """Why the file at `path` cannot be a page's image (or, with campaign_content's STATIC_EXTENSIONS,
    PUBLISHED_FORMATS and `named_for_format`, an image a {static} link shows), or None.
    `named_for_format`: the file is published under its name, so its name must say its format."""
    if not path.lower().endswith(extensions):
        return f"must be a JPEG, PNG or WebP file ({', '.join(EXTENSIONS)})"
    if not os.path.isfile(path):
        return ("is not a regular file (a folder, named pipe, socket or device)" if os.path.exists(path)
                else "is not a file under content/")
    try:
        with Image.open(path, formats=formats) as image:
            extension = os.path.splitext(path)[1].lower()
            if named_for_format and image.format not in FORMATS_NAMED.get(extension, ()):
                return f"is a {image.format} image under a name ending in {extension}"
            frames = getattr(image, "n_frames", 1) if image.format != "MPO" else 1
            if frames > 1:
                image.seek(frames - 1)  # a GIF grows to hold a later frame larger than its first
                if image.width * image.height * frames > MAX_ANIMATION_PIXELS:
                    return (f"has {frames} frames of {image.width} x {image.height} pixels, over the limit of "
                            f"{MAX_ANIMATION_PIXELS // 1_000_000} megapixels in all")
                image.seek(0)
            if image.width * image.height > MAX_PIXELS:
                return f"is {image.width} x {image.height} pixels, over the limit of {MAX_PIXELS // 1_000_000} megapixels"
            if max(image.size) > MAX_SIDE:
                return f"is {image.width} x {image.height} pixels; a side may be at most {MAX_SIDE:,} pixels"
            image.verify()
    except UnidentifiedImageError:
        return "cannot be read as an image (it is not a JPEG, PNG or WebP image inside: another format, or damaged)"
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        return f"cannot be read as an image ({error})"
    return None


class UnreadableImage(Exception):
    """An image whose header reads but whose pixels do not (truncated, damaged): str() says why."""


def as_shown(image):
    """The pixels a browser shows of `image` and nothing more, read to the last one: upright as its EXIF
    orientation says; in sRGB, its colour profile applied and then dropped (a profile can name its owner);
    8 bits a channel (16-bit values scaled, not clipped to white); and no colour where it is transparent
    (an image editor may keep the colours of what was erased, a face, under pixels made transparent)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in SIXTEEN_BITS:
        info, transparent_value = image.info, image.info.get("transparency")
        grey = image.point(lambda value: value / 256).convert("L")
        if isinstance(transparent_value, int):  # a tRNS grey level is 16-bit too: scaled, it named another
            alpha = ImageMath.lambda_eval(lambda args: (args["v"] != transparent_value) * 255, v=image.convert("I"))
            grey = grey.convert("LA")
            grey.putalpha(alpha.convert("L"))
        grey.info = {key: value for key, value in info.items() if key != "transparency"}
        image = grey
    transparent = image.has_transparency_data
    mode = "RGBA" if transparent else "RGB"
    profile = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(mode)
    try:
        image = (ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode=mode)
                 if profile else image.convert(mode))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        image = image.convert(mode)  # a profile that cannot be read, or is for other colours: the values as they are
    if transparent:
        image.paste((0, 0, 0, 0), mask=image.getchannel("A").point(lambda alpha: 255 if alpha == 0 else 0))
    image.info = {}
    return image


def variant_path(cache_folder, digest, width):
    """Where the cache keeps the WebP variant `width` pixels wide of the image whose digest is `digest`."""
    return os.path.join(cache_folder, f"{digest}-{width}.webp")


def variants(path, cache_folder):
    """[Variant] of the image at `path`: each width of WIDTHS below its own, and its own if smaller, as WebP.

    The sizes made of an image are kept beside its variants (`<digest>-<widths>.sizes`, written last): an image
    whose variants are all in the cache is not decoded again (a 12-megapixel photo took 0.18 s a build)."""
    with open(path, "rb") as stream:
        digest = hashlib.sha256(stream.read() + f"{SIZING_VERSION}:{QUALITY}".encode()).hexdigest()[:20]
    # Named for the widths too: they are not in the digest (each variant's name has its own), and a record
    # made with other WIDTHS would give the old srcset.
    sizes_file = os.path.join(cache_folder, f"{digest}-{'-'.join(map(str, WIDTHS))}.sizes")
    try:
        with open(sizes_file, encoding="utf-8") as stream:
            cached = [Variant(int(width), int(height), variant_path(cache_folder, digest, int(width)))
                      for width, height in json.load(stream)]
        if cached and all(os.path.isfile(variant.path) for variant in cached):
            return cached
    except (OSError, ValueError, TypeError):
        pass  # not made yet, or damaged: made again
    found = []
    with Image.open(path, formats=FORMATS) as image:
        try:
            image = as_shown(image)  # reads every pixel: verify() does not (a truncated JPEG passes it)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise UnreadableImage(f"cannot be read as an image ({error})") from None
        widths = [w for w in WIDTHS if w < image.width] or [image.width]
        if image.width < WIDTHS[-1] and image.width not in widths:
            widths.append(image.width)
        for width in widths:
            height = max(1, round(image.height * width / image.width))  # a strip of a banner is still a row
            target = variant_path(cache_folder, digest, width)
            if not os.path.exists(target):
                with atomic_target(target) as temporary:
                    image.resize((width, height), Image.Resampling.LANCZOS).save(temporary, "WEBP", quality=QUALITY)
            found.append(Variant(width, height, target))
    write_atomically(sizes_file, json.dumps([[variant.width, variant.height] for variant in found]))
    return found


def published_copy(path, cache_folder):
    """The path, in `cache_folder`, of the copy of the image at `path` that the site publishes in its place:
    in the format it is in, its pixels as_shown() and none of its metadata. JPEG and WebP are encoded again at
    PUBLISHED_QUALITY, PNG without loss; an animated image keeps its frames (and KEPT_INFO only)."""
    with open(path, "rb") as stream:
        data = stream.read()
    extension = os.path.splitext(path)[1].lower()
    digest = hashlib.sha256(data + f"published:{PUBLISHED_VERSION}:{PUBLISHED_QUALITY}".encode()).hexdigest()[:20]
    target = os.path.join(cache_folder, f"{digest}-published{extension}")
    if os.path.exists(target):
        return target
    with Image.open(io.BytesIO(data), formats=PUBLISHED_FORMATS) as original:
        options = {"quality": PUBLISHED_QUALITY} if original.format in ("JPEG", "MPO", "WEBP") else {}
        try:
            # An MPO's images after the first (a camera's preview, a phone's depth or HDR gain map) are not
            # shown by browsers, may show what the first was cropped or blurred to hide, and kept the photo
            # on its side: only the first is published, as a JPEG.
            animated = getattr(original, "n_frames", 1) > 1 and original.format != "MPO"
            if original.format == "GIF":  # a GIF keeps its palette: it has no EXIF or profile
                image, frames = original, {}
                image.info = {key: original.info[key] for key in KEPT_INFO if key in original.info}
            elif animated:  # an animated PNG or WebP: each frame as_shown(), as a still image
                shown = [(as_shown(frame), frame.info.get("duration", 0)) for frame in ImageSequence.Iterator(original)]
                image = shown[0][0]
                frames = {"append_images": [frame for frame, _ in shown[1:]], "duration": [d for _, d in shown],
                          "loop": original.info.get("loop", 0)}
            else:
                image, frames = as_shown(original), {}
            with atomic_target(target) as temporary:
                image.save(temporary, "JPEG" if original.format == "MPO" else original.format, save_all=animated,
                           **options, **frames)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise UnreadableImage(f"cannot be read as an image ({error})") from None
    return target
