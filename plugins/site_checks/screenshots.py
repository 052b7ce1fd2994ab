"""`invoke screenshots`: the demo's action and home pages, phone and desktop, in every language.

The action shown is the first action (by file name) translated into every
configured language, so the pictures follow the content, not a slug
written here.
"""

import os

from campaign import contract

PHONE_HEIGHT = 844
DESKTOP = (1280, 900)


def action_in_every_language(settings):
    """The slug of the first action (by file name) with a version in every configured language, or None."""
    from translation_stubs.documents import project_from_settings, read_documents

    documents, _ = read_documents(project_from_settings(settings))
    languages = set(contract.languages(settings))
    found = {}
    for document in sorted(documents, key=lambda d: d.path):
        if document.kind == "actions":
            found.setdefault(document.slug, set()).add(document.lang)
    return next((slug for slug, langs in found.items() if langs >= languages), None)


def page_shots(settings, width):
    """{(width, height): {file name: path under the site}} for the phone width and the desktop."""
    default = settings["DEFAULT_LANG"]
    slug = action_in_every_language(settings)
    shots = {(width, PHONE_HEIGHT): {}, DESKTOP: {}}
    for lang in contract.languages(settings):
        prefix = "" if lang == default else f"{lang}/"
        for size, infix in (((width, PHONE_HEIGHT), ""), (DESKTOP, "desktop-")):
            shots[size][f"home-{infix}{lang}.png"] = prefix
            if slug:
                shots[size][f"action-{infix}{lang}.png"] = f"{prefix}actions/{slug}/"
    return shots


def site_screenshots(output, settings, out_folder, width=390):
    """Photograph the built site in `output` without JavaScript; yield each PNG's path."""
    from .browser import BrowserSession

    with BrowserSession(output) as session:
        for (shot_width, shot_height), names in page_shots(settings, width).items():
            context = session.new_context(viewport={"width": shot_width, "height": shot_height},
                                          java_script_enabled=False)
            page = context.new_page()
            for name, path in names.items():
                page.goto(f"{session.origin}/{path}")
                target = os.path.join(out_folder, name)
                page.screenshot(path=target)
                yield target
            context.close()
