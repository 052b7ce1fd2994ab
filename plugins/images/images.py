"""images: an optional picture for actions, briefings and people at risk.

An action or briefing names it with `Image: images/photo.jpg` (a file under
content/) and describes it with `Image-Alt: …` (required: a missing alt is an
error); a translation gives its own Image-Alt and shares the original's
image. A person in people.toml has `image` and `image_alt` the same way.
Each image is resized at build time into WebP files of several widths
(sizes.py), cached by content hash in CACHE_PATH/images/, written under
`images/sized/`; templates get `lead_image` / `image` with src, srcset,
width, height and alt, and load it lazily below the fold.

A JPEG, PNG, WebP or GIF file Pelican would copy into the site as it is (under
STATIC_PATHS, what a `{static}` link shows) is published as a copy without
its metadata instead (sizes.published_copy): a photo's EXIF can say where it
was taken and whose camera took it, which on a campaign's site endangers the
people in it and the person who took it.
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from campaign import contract
from campaign.output import copy_into_site
from campaign.problems import Problem, log, shortened
from campaign.sources import is_inside
from campaign_content.model import STATIC_EXTENSIONS


logger = logging.getLogger(__name__)

OUTPUT_FOLDER = "images/sized"
CACHE_FOLDER = "images"
KINDS = ("actions", "briefings")
# The context's [Static] of the images taken from Pelican's copying.
ORIGINALS = "IMAGES_ORIGINALS"


def picture(found, alt, output_folder=OUTPUT_FOLDER):
    """What a template needs: the largest variant as src, every variant in srcset, its size and alt."""
    largest = max(found, key=lambda variant: variant.width)
    return {
        "src": f"{output_folder}/{os.path.basename(largest.path)}",
        "srcset": [(variant.width, f"{output_folder}/{os.path.basename(variant.path)}") for variant in found],
        "width": largest.width,
        "height": largest.height,
        "alt": alt,
    }


class ImagesGenerator(Generator):
    """Resizes the images documents and people name, and writes the variants into the site."""

    def generate_context(self):
        self.files = {}  # output path -> cached variant
        self._cache = os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER)
        # (name, file, field) -> _find()'s result: a translation shares its original's image, which is then
        # resized, and its problem named, once.
        self._found_by_place = {}
        default_lang = self.settings["DEFAULT_LANG"]
        for original in self.context.get("articles", []):
            if contract.kind_of(original) not in KINDS:
                continue
            for version in [original, *getattr(original, "translations", [])]:
                self._document(version, original if version.lang != default_lang else None)
        pictures = {}
        data = self.context.get(contract.CAMPAIGN_DATA)
        for person in (data.people.values() if data else []):
            if person.image:
                found = self._found(person.image, data.files.get("people", "people.toml"), f"{person.id}.image")
                if found:
                    pictures[person.id] = picture(found, "")
        self.context[contract.PEOPLE_PICTURES] = pictures

    def _found(self, relative, file, field):
        """[Variant] of content/<relative>, or None with the problem logged (once for each place naming it)."""
        place = (relative, file, field)
        if place not in self._found_by_place:
            self._found_by_place[place] = self._find(relative, file, field)
        return self._found_by_place[place]

    def _find(self, relative, file, field):
        from .sizes import UnreadableImage, image_problem, variants  # Pillow is loaded only by a build with images

        path = os.path.join(self.settings["PATH"], relative)
        problem = None if is_inside(path, self.settings["PATH"]) else "leads outside the content folder"
        problem = problem or image_problem(path)
        found = None
        if not problem:
            try:
                found = variants(path, self._cache)
            except UnreadableImage as error:
                problem = str(error)
        if problem:
            log(logger, "images", Problem(file, field, f"{shortened(relative)!r} {problem}", "Name a JPEG, PNG or WebP file under "
                                          "content/, e.g. images/photo.jpg"))
            return None
        for variant in found:
            self.files[f"{OUTPUT_FOLDER}/{os.path.basename(variant.path)}"] = variant.path
        return found

    def _document(self, document, original):
        source = original or document
        relative = str(source.metadata.get("image") or "").strip()
        document.lead_image = None
        if not relative:
            return
        alt = str(document.metadata.get("image-alt") or (original.metadata.get("image-alt") if original else "") or "").strip()
        if not alt:
            log(logger, "images", Problem(document.source_file, "image-alt", "is missing: every image needs a "
                                          "description", "Add 'Image-Alt: …' saying what the image shows, for people "
                                          "who cannot see it"))
            return
        found = self._found(relative, source.source_file, "image")
        if found:
            document.lead_image = picture(found, alt)
            build = contract.incremental(self.context)
            if build.plan.writes_pages_of(document):
                # The document's files: a rebuild that changes its image removes the old ones.
                for variant in found:
                    build.record.page(f"{OUTPUT_FOLDER}/{os.path.basename(variant.path)}", document)

    def _published_copies(self):
        """Each image take_over_images() took from Pelican goes into self.files as its published copy."""
        from .sizes import PUBLISHED_FORMATS, UnreadableImage, image_problem, published_copy

        for static in self.context.get(ORIGINALS, ()):
            # save_as read now, not when the static generator finished: reading it fixes where the file goes,
            # and a body's {attach} link moves the file beside its document when the document's content is read.
            save_as, source, relative = static.save_as, static.source_path, static.get_relative_source_path()
            if not is_inside(source, self.settings["PATH"]):
                continue  # named by campaign_content, whose check of static files runs first (PLUGIN_ORDER)
            problem = image_problem(source, STATIC_EXTENSIONS, PUBLISHED_FORMATS, named_for_format=True)
            if not problem:
                try:
                    self.files[save_as] = published_copy(source, self._cache)
                    continue
                except UnreadableImage as error:
                    problem = str(error)
            log(logger, "images", Problem(relative, "", f"{problem}, so it was not published",
                                          "Replace it with a JPEG, PNG, WebP or GIF file that opens in an image viewer, "
                                          "named for its format (.jpg, .png, .webp or .gif)"))

    def generate_output(self, writer):
        self._published_copies()
        copy_into_site(self.files, self.output_path)
        # Written by this build, whoever shows them (a person's picture too): none is stale now.
        record = contract.incremental(self.context).record
        for output in self.files:
            record.output(output, os.path.basename(output))
            record.published(output)


def take_over_images(generator):
    """Take the JPEG, PNG, WebP and GIF files out of what Pelican's StaticGenerator copies as they are (they stay
    in its context, so {static} links still find them); ImagesGenerator publishes them without metadata."""
    kept, taken = [], []
    for static in generator.staticfiles:
        (taken if static.source_path.lower().endswith(STATIC_EXTENSIONS) else kept).append(static)
    generator.staticfiles[:] = kept  # the same list the context holds, which Pelican copies from
    generator.context[ORIGINALS] = taken  # their save_as is read when they are copied ({attach} moves them)


def add_generator(pelican):
    return ImagesGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.static_generator_finalized.connect(take_over_images)
