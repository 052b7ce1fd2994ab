"""images: an optional picture for actions, briefings and people at risk.

An action or briefing names it with `Image: images/photo.jpg` (a file under
content/) and describes it with `Image-Alt: …` (required: a missing alt is an
error); a translation gives its own Image-Alt and shares the original's
image. A person in people.toml has `image` and `image_alt` the same way.
Each image is resized at build time into WebP files of several widths
(sizes.py), cached by content hash in CACHE_PATH/images/, written under
`images/sized/`; templates get `lead_image` / `image` with src, srcset,
width, height and alt, and load it lazily below the fold.
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from campaign import contract
from campaign.output import copy_into_site
from campaign.problems import Problem, log, shortened
from campaign.sources import is_inside


logger = logging.getLogger(__name__)

OUTPUT_FOLDER = "images/sized"
CACHE_FOLDER = "images"
KINDS = ("actions", "briefings")


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
        """[Variant] of content/<relative>, or None with the problem logged."""
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

    def generate_output(self, writer):
        copy_into_site(self.files, self.output_path)
        # Written by this build, whoever shows them (a person's picture too): none is stale now.
        record = contract.incremental(self.context).record
        for output in self.files:
            record.output(output, os.path.basename(output))


def add_generator(pelican):
    return ImagesGenerator


def register():
    signals.get_generators.connect(add_generator)
