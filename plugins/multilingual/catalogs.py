"""The theme's gettext catalogs, read as translators' work: untrusted.

A .po file is checked line by line as GNU msgfmt checks it (Babel alone
reads a broken line without a word, cutting the text), read only from a
regular file inside its folder, and every translation that would break a
page, a feed or a template is named and left out. The build, the stub
writer, `invoke translations` and `invoke update`/`compile` all read
catalogs through here.
"""

import dataclasses
import codecs
import gettext as gettext_module
import struct
import io
import logging
import os
import re

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, read_po

from campaign.problems import Problem, log, shortened
from campaign.sources import (MAX_SOURCE_BYTES, XML_FORBIDDEN, NotRegularFile, close_bidi_spans, forbidden, is_inside,
                              read_at_most)

DOMAIN = "messages"

logger = logging.getLogger(__name__)


def catalog_file(catalog_path, lang, suffix):
    return os.path.join(catalog_path, lang, "LC_MESSAGES", f"{DOMAIN}.{suffix}")


# A line of a .po file that is not a comment or blank: an optional keyword, then one string in double quotes
# (a quote inside written \"). Babel reads other lines without a word, cutting or keeping stray characters
# (an unclosed "Действия became Действи); GNU msgfmt refuses them, and so do we.
PO_LINE = re.compile(r'\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*\Z')
# CLDR's languages have at most six plural forms; Babel makes room for as many as a header asks
# (nplurals=300000000 took 8 GB).
MAX_PLURAL_FORMS = 6
SYNTAX_FIX = 'Write each text in double quotes after its msgid or msgstr, a quote inside as \\"'
ENCODING_FIX = "Save it as UTF-8, with a header line \"Content-Type: text/plain; charset=UTF-8\\n\""
# What reading, checking and compiling a catalog raises on a bad one (Babel, gettext, a plural rule).
CATALOG_ERRORS = (UnicodeError, LookupError, ValueError, SyntaxError, RecursionError, OSError, EOFError, struct.error)


class CatalogError(ValueError):
    """A catalog that cannot be read: why, where (its 1-based line, or None) and what to do."""

    def __init__(self, message, line=None, fix=SYNTAX_FIX):
        super().__init__(message)
        self.line, self.fix = line, fix


KEYWORD = re.compile(r"\s*(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?")


class EntryCheck:
    """The order of keywords within each entry, as GNU msgfmt checks it and Babel does not (it keeps the
    first of two msgstr, fills a gap between plural forms with nothing, keeps the first of two msgids,
    gives a stray msgstr or a `#~` line to whichever entry is near)."""

    def __init__(self):
        self.seen = {}  # (msgctxt, msgid) as written -> the line of its msgid
        self.obsolete = False  # within an entry written with #~
        self._start()

    def _start(self):
        self.kinds, self.forms, self.texts, self.current = set(), 0, {}, None
        self.msgid_line = self.comment_line = None

    def comment(self, text, number):
        """A line starting with '#': an obsolete entry's line (#~) or a comment."""
        rest = text[2:].strip() if text.startswith("#~") else None
        if rest is None or rest.startswith("|"):  # a comment, or #~| an obsolete entry's previous msgid
            if self.kinds:
                self.comment_line = self.comment_line or number
            return
        if rest.startswith(("msgctxt", "msgid")) and not rest.startswith("msgid_plural"):
            if self.kinds and "msgstr" not in self.kinds:
                raise CatalogError(f"missing msgstr for msgid {shortened(self.texts.get('msgid', ''))!r}",
                                   self.msgid_line)
            self._finish()
            self.obsolete = True
        elif not self.obsolete:
            raise CatalogError("a '#~' line inside an entry that is not obsolete: mark all of an old entry's "
                               "lines with #~, or none", number)

    def keyword(self, name, index, number):
        """Raise CatalogError for a keyword out of place at line `number`."""
        self.obsolete = False
        if name in ("msgctxt", "msgid") and "msgstr" in self.kinds:
            self._finish()
        if self.comment_line is not None:
            raise CatalogError("a comment inside an entry: comments go before its msgctxt or msgid",
                               self.comment_line)
        if name in ("msgctxt", "msgid") and "msgid" in self.kinds:
            raise CatalogError(f"missing msgstr for msgid {shortened(self.texts.get('msgid', ''))!r}", self.msgid_line)
        if name in ("msgctxt", "msgid_plural") and name in self.kinds:
            raise CatalogError(f"a second {name} in one entry", number)
        if name in ("msgid_plural", "msgstr") and "msgid" not in self.kinds:
            raise CatalogError(f"{name} before its msgid", number)
        if name == "msgid_plural" and "msgstr" in self.kinds:
            raise CatalogError("msgid_plural after the msgstr: it goes right after its msgid", number)
        if name == "msgstr":
            if index is None and "msgid_plural" in self.kinds:
                raise CatalogError("msgstr for a msgid with a plural: write msgstr[0], msgstr[1] and so on", number)
            if index is not None and "msgid_plural" not in self.kinds:
                raise CatalogError(f"msgstr[{index}] for a msgid without a plural (msgid_plural): write msgstr", number)
            if index is not None and int(index) != self.forms:
                raise CatalogError(f"msgstr[{index}] where msgstr[{self.forms}] comes next: number the forms from 0, "
                                   "in order", number)
            if index is not None and self.forms >= MAX_PLURAL_FORMS:
                raise CatalogError(f"msgstr[{index}]: no language has more than {MAX_PLURAL_FORMS} plural forms",
                                   number)
            if index is None and "msgstr" in self.kinds:
                raise CatalogError("a second msgstr for one msgid; keep one", number)
            self.forms += index is not None
        if name == "msgid":
            self.msgid_line = number
        self.kinds.add(name)
        self.current = name if name in ("msgctxt", "msgid", "msgstr") else None
        self.texts.setdefault(self.current, "")

    def text(self, value):
        """A quoted string, on its keyword's line or a line of its own."""
        if self.current is not None:
            self.texts[self.current] += value

    def _finish(self):
        key = (self.texts.get("msgctxt"), self.texts.get("msgid"))
        if "msgid" in self.kinds:
            first = self.seen.setdefault(key, self.msgid_line)
            if first != self.msgid_line:
                raise CatalogError(f"the same msgid as line {first}; keep one of the two", self.msgid_line)
            if key[1] == "":  # a header: what Babel takes from it, checked before Babel acts on it
                header_problem(self.texts.get("msgstr", ""), self.msgid_line)
        self._start()

    def end(self):
        if self.kinds and "msgstr" not in self.kinds:
            raise CatalogError(f"missing msgstr for msgid {shortened(self.texts.get('msgid', ''))!r}", self.msgid_line)
        self._finish()


# Babel reads a header's fields in any case, its values with quotes or underscores in numbers; decoding
# follows the charset it names, line by line (punycode's decoder is quadratic: 2 MB took minutes).
HEADER_PLURALS = re.compile(r"nplurals\s*=\s*(?:\\?[\"'])?\s*([\d_]+)", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"charset\s*=\s*(?:\\?[\"'])?\s*([\w.:-]+)", re.IGNORECASE)
# Charsets a theme catalog may be in: UTF-8, and the one-byte sets editors still write (where a byte
# 0x5C is always a backslash, and decoding takes linear time).
ONE_BYTE_CHARSET = re.compile(r"(ascii|latin_?1|iso8859_\d+|cp125\d|koi8_[a-z]+|mac_[a-z]+)\Z")


def header_problem(header, line):
    """Raise CatalogError for a header (the msgstr of msgid "", as written) that Babel would act on badly."""
    for count in HEADER_PLURALS.findall(header):
        if int(count.replace("_", "") or 0) > MAX_PLURAL_FORMS:
            raise CatalogError(f"its Plural-Forms asks for {count} plural forms; no language has more than "
                               f"{MAX_PLURAL_FORMS}", line, "Copy the Plural-Forms line of the language from "
                               "`invoke update`'s template or from CLDR")
    for name in HEADER_CHARSET.findall(header):
        try:
            codec = codecs.lookup(name).name.replace("-", "_")
        except LookupError:
            codec = name
        if codec != "utf_8" and not ONE_BYTE_CHARSET.match(codec):
            raise CatalogError(f"its Content-Type names the charset {name!r}, which a theme catalog may not be in",
                               line, ENCODING_FIX)


def parse_catalog(data, lang=None):
    """A babel Catalog from a .po file's bytes, or CatalogError naming the first line that is not gettext."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as an editor may add
    entries = EntryCheck()
    # Split on line feeds only, as gettext does: a form feed or U+2028 inside a text is no line break.
    for number, line in enumerate(data.decode("utf-8", "replace").split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            entries.comment(stripped, number)
            continue
        if not PO_LINE.match(line.rstrip("\r")):
            raise CatalogError(f"{shortened(stripped)!r} is not a gettext line", number)
        keyword = KEYWORD.match(line)
        if keyword:
            entries.keyword(keyword.group(1), keyword.group(2), number)
        entries.text(stripped[stripped.index('"') + 1:-1])  # the string, without its quotes
    entries.end()
    try:
        return read_po(io.BytesIO(data), locale=lang.replace("-", "_") if lang else None, abort_invalid=True)
    except PoFileError as error:  # a string without its keyword, a msgid without a msgstr
        raise CatalogError(str(error).rsplit(" on ", 1)[0], error.lineno + 1) from None  # Babel's is 0-based


def read_catalog_file(path, folder, lang=None):
    """parse_catalog of the .po file at `path`, which must be a regular file inside `folder`."""
    if not is_inside(path, folder):
        raise CatalogError("is a link to a file outside its folder, so it was not read", None,
                           "Put the catalog itself in its folder instead of a link")
    try:
        data = read_at_most(path, MAX_SOURCE_BYTES + 1)
    except NotRegularFile:
        raise CatalogError("is not a regular file (a named pipe, socket or device), so it was not read", None,
                           "Replace it with the catalog file") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise CatalogError(f"is larger than the limit of {MAX_SOURCE_BYTES // 1024} KB", None,
                           "A theme catalog holds a few hundred short strings: check what else is in it")
    return parse_catalog(data, lang)


def catalog_translations(catalog_path, lang):
    """(gettext translations or None, [Problem]) of one language's catalog in `catalog_path`.

    Catalogs are written by translators, so they are untrusted: the .po (or,
    without one, a compiled .mo) is read into a babel catalog; a translation
    that would not format as its original is left out (the page shows the
    original), characters XML forbids are taken out, each named; a catalog
    that cannot be read at all is named and gives None.
    """
    po_path = catalog_file(catalog_path, lang, "po")
    mo_path = catalog_file(catalog_path, lang, "mo")
    path = po_path if os.path.lexists(po_path) else mo_path
    if not os.path.lexists(path):
        return None, []
    file = os.path.relpath(path)
    problems = []
    try:
        if path == po_path:
            catalog = read_catalog_file(path, catalog_path, lang)
        elif not is_inside(path, catalog_path) or not os.path.isfile(path) or os.path.getsize(path) > MAX_SOURCE_BYTES:
            raise CatalogError("is a link leading outside its folder, not a regular file, or larger than "
                               f"{MAX_SOURCE_BYTES // 1024} KB, so it was not read", None,
                               "Put the compiled catalog itself in its folder, or better its .po")
        else:
            with open(path, "rb") as handle:
                catalog = read_mo(handle)
        for message in list(catalog):
            if not message.id:
                continue  # "" is the catalog's header
            where = shortened(" ".join(originals_of(message)))
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            if any(forbidden(text or "") for text in strings):
                problems.append(Problem(file, where, "its translation holds control characters, which pages and "
                                        "feeds cannot carry; they were left out", "Delete them (an editor may show "
                                        "them as boxes or nothing at all)", level="warning", line=message.lineno))
                strings = [XML_FORBIDDEN.sub("", text or "") for text in strings]
                message.string = strings if isinstance(message.string, (list, tuple)) else strings[0]
            closed = [close_bidi_spans(text or "", file, where) for text in strings]
            unclosed = [problem for _text, found in closed for problem in found]
            if unclosed:
                problems.append(dataclasses.replace(unclosed[0], line=message.lineno))
                closed = [text for text, _found in closed]
                message.string = closed if isinstance(message.string, (list, tuple)) else closed[0]
            problem = format_problem(message)
            if problem:
                problems.append(Problem(
                    file, where,
                    f"its translation does not format as the original does ({problem}), so pages show the original",
                    "Keep the original's placeholders such as %(date)s unchanged, and write a per cent sign as %%",
                    level="warning", line=message.lineno))
                catalog.delete(message.id, message.context)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext_module.GNUTranslations(buffer), problems
    except CATALOG_ERRORS as error:
        # A catalog that cannot be read (or a plural rule that is not one): the pages show the source
        # strings, and the build says which file to fix.
        problems.append(unreadable_catalog(file, error))
        return None, problems


def unreadable_catalog(file, error):
    """The Problem of the catalog `file` (as it is to be named) that raised one of CATALOG_ERRORS."""
    if isinstance(error, CatalogError):
        message, line, fix = str(error), error.line, error.fix
    else:
        message, line = f"{type(error).__name__}: {error}", None
        fix = (ENCODING_FIX if isinstance(error, (UnicodeError, LookupError))
               else "Compare it with another language's catalog, its header's Plural-Forms line especially")
    return Problem(file, "", f"cannot be read as a catalog: {message}", fix, line=line)


def load_catalog(catalog_path, lang):
    """The gettext translations for one language (catalog_translations), its problems logged; the source
    (English) strings for a language whose catalog is missing or cannot be read."""
    translations, problems = catalog_translations(catalog_path, lang)
    for problem in problems:
        log(logger, "multilingual", problem)
    return translations or gettext_module.NullTranslations()


PLACEHOLDER = re.compile(r"%\((\w+)\)")
# A whole placeholder: name, flags, width, precision and conversion.
PLACEHOLDER_SPEC = re.compile(r"%\(\w+\)[#0 +-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]?")
UNNAMED_CONVERSION = re.compile(r"%(?!\()")


def originals_of(message):
    """A catalog message's original texts: one, or the singular and the plural."""
    return message.id if isinstance(message.id, (list, tuple)) else (message.id,)


def format_problem(message):
    """Why a translation of `message` would fail where templates format it with the original's
    placeholders (Jinja's gettext formats every message, `%%` being one `%`), or None."""
    originals = originals_of(message)
    values = {name: 0 for original in originals for name in PLACEHOLDER.findall(original or "")}
    if message.pluralizable:
        values.setdefault("num", 0)  # what ngettext adds
    translations = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    written = {spec for original in originals for spec in PLACEHOLDER_SPEC.findall(original or "")}
    if message.pluralizable:
        written.add("%(num)s")
    for text in translations:
        if not text:
            continue
        if UNNAMED_CONVERSION.search(text.replace("%%", "")):
            return "a '%' that is neither '%%' nor a placeholder such as %(name)s"
        # The templates pass text: another conversion (%(date)d) fails on the page, a width
        # (%(date)30000000s) makes every page that huge.
        other = sorted(set(PLACEHOLDER_SPEC.findall(text.replace("%%", ""))) - written)
        if other:
            return f"{other[0]} is not a placeholder of the original (write it as the original does)"
        try:
            text % values
        except (KeyError, ValueError, TypeError) as error:
            return f"{type(error).__name__}: {error}"
    return None
