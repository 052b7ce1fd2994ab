"""Theme strings not yet translated, read from the Babel catalogs."""

import dataclasses
import os

from multilingual.catalogs import CATALOG_ERRORS, DOMAIN, catalog_file, read_catalog_file, unreadable_catalog


@dataclasses.dataclass(frozen=True)
class ThemeStrings:
    lang: str
    catalog: str  # the .po file
    total: int
    untranslated: tuple  # msgids that are empty, fuzzy or not in the catalog
    problem: object = None  # a message when the catalog is missing or unreadable

    def as_dict(self):
        return {"catalog": self.catalog, "total": self.total, "untranslated": list(self.untranslated),
                "problem": self.problem}


def _msgid(message):
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def _translated(message):
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not message.fuzzy and all(strings)


def theme_strings(catalog_path, lang):
    """ThemeStrings of one language: which theme msgids still need a translation.

    The template (messages.pot, when present) lists every string the theme
    uses, so a string the catalog has not been updated with counts as well.
    """
    po_path = catalog_file(catalog_path, lang, "po")
    pot_path = os.path.join(catalog_path, f"{DOMAIN}.pot")
    wanted = []
    if os.path.exists(pot_path):
        try:
            wanted = [_msgid(m) for m in read_catalog_file(pot_path, catalog_path) if m.id]
        except CATALOG_ERRORS as error:  # a broken template is reported, not fatal
            return ThemeStrings(lang, po_path, 0, (), unreadable_catalog(os.path.relpath(pot_path), error).text()
                                + " Or run `invoke extract` to make it again.")
    if not os.path.exists(po_path):
        return ThemeStrings(lang, po_path, len(wanted), tuple(sorted(wanted)),
                            f"{po_path} does not exist; run `invoke update` to create it")
    try:
        catalog = read_catalog_file(po_path, catalog_path, lang)
    except CATALOG_ERRORS as error:
        return ThemeStrings(lang, po_path, len(wanted), tuple(sorted(wanted)),
                            unreadable_catalog(os.path.relpath(po_path), error).text())
    messages = {_msgid(m): m for m in catalog if m.id}
    if not wanted:
        wanted = list(messages)
    untranslated = sorted(msgid for msgid in set(wanted) if msgid not in messages or not _translated(messages[msgid]))
    return ThemeStrings(lang, po_path, len(set(wanted)), tuple(untranslated))
