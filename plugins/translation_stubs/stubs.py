"""Stub files: the source text, marked, in a new file beside it.

A stub is only ever created, never rewritten: the text is written to a
temporary file in the same folder and hard-linked to its name, which fails
when the name exists. A translator's file is never touched.
"""

import dataclasses
import os

from campaign.output import new_temporary
from campaign.problems import Problem

from multilingual.catalogs import CATALOG_ERRORS, catalog_file, load_catalog, read_catalog_file
from multilingual.i18n import language_name

from .documents import parse_text
from .status import MISSING, STUB_NOTE

# Fields copied into a stub besides Title, Slug, Lang and Summary. Dates,
# deadline, state, targets, people, petition and briefing are left out: the
# translation inherits them from the original, so they cannot drift.
KEPT_FIELDS = ("template",)
TRANSLATED_FIELDS = ("title", "summary", "outcome", "image-alt")


@dataclasses.dataclass(frozen=True)
class StubResult:
    path: str  # relative to the content folder
    created: bool
    reason: str = ""
    failed: bool = False  # the file system refused it (read-only folder, full disk): nothing was left behind


def stub_path(source_path, lang):
    """'actions/x.md' -> 'actions/x.ru.md' (the project's naming)."""
    folder, name = os.path.split(source_path)
    stem, extension = name.rsplit(".", 1)
    return f"{folder}/{stem}.{lang}.{extension}" if folder else f"{stem}.{lang}.{extension}"


def _language_name(lang):
    name = language_name(lang)
    return lang if name == lang else f"{name} ({lang})"


def N_(message):  # noqa: N802 - gettext's name for "extract this, translate it later"
    return message


# The note at the top of a stub, in the stub's language: translators own it in
# the theme catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po), and
# a language whose catalog lacks it gets the English. Plain words, no "--":
# it sits inside an HTML comment.
STUB_NOTE_TEXT = N_("Language: %(language)s. Translate this file in place: the Title and Summary lines, the text "
                    "below and the letter. Keep Slug, Lang and Source-Fingerprint as they are. When you are done, "
                    "change 'Translation-Status: stub' to 'Translation-Status: translated' and delete this note. "
                    "Guide: docs/translating.md")


def fits_in_comment(text):
    """True when `text` can sit inside an HTML comment: '--' (as in '-->', '--!>' or '<!--') would end or
    break it, and the rest of the stub would then be the page's HTML."""
    return "--" not in text


def _catalog_line(project, lang, msgid):
    """The line of `msgid` in `lang`'s messages.po, or None (only asked for a problem's line)."""
    path = catalog_file(project.catalog_path, lang, "po")
    try:
        message = read_catalog_file(path, project.catalog_path, lang).get(msgid)
    except CATALOG_ERRORS:
        return None
    return message.lineno if message else None


def stub_note(lang, project):
    """(the stub note in `lang` as an HTML comment, a Problem or None), from the theme catalogs (English where
    they have none, or where their translation could break out of the comment, with a warning)."""
    catalog = load_catalog(project.catalog_path, lang) if project.catalog_path else None
    english = STUB_NOTE_TEXT % {"language": _language_name(lang)}
    text = catalog.gettext(STUB_NOTE_TEXT) % {"language": _language_name(lang)} if catalog else english
    problem = None
    if not fits_in_comment(text):
        problem = Problem(os.path.relpath(catalog_file(project.catalog_path, lang, "po")), "msgstr",
                          "the translation of the stub note holds '--', which would end the HTML comment the note "
                          "is written in; the stubs get the English note",
                          "Write the translation without two hyphens in a row (use a dash '–')", level="warning",
                          line=_catalog_line(project, lang, STUB_NOTE_TEXT))
        text = english
    return f"<!-- {STUB_NOTE}: {text} -->", problem


def _header_line(name, values):
    return f"{name}: " + "\n    ".join(values)


def stub_text(source, lang, project, note):
    """The text of a new stub translating `source` (a Document) into `lang`, with `note` (stub_note's) on top."""
    body = note + "\n\n" + source.raw_body.strip("\n") + "\n"
    lines = [_header_line("Title", source.header.get("title", [""])), f"Slug: {source.slug}", f"Lang: {lang}"]
    for field in ("summary", "outcome", "image-alt") + KEPT_FIELDS:
        if field in source.header:
            lines.append(_header_line(field.capitalize(), source.header[field]))
    lines += ["Translation-Status: stub", f"Source-Fingerprint: {source.fingerprint}"]
    draft = "\n".join(lines) + "\n\n" + body
    # The stub's own fingerprint tells "edited but still a stub" from untouched.
    own = parse_text(stub_path(source.path, lang), draft, project).fingerprint
    lines.append(f"Stub-Fingerprint: {own}")
    return "\n".join(lines) + "\n\n" + body


def create_file(path, text):
    """Write `text` to a new file at `path` atomically; False when the path exists."""
    folder = os.path.dirname(path) or "."
    if os.path.lexists(path):
        return False
    handle, temporary = new_temporary(folder, prefix=".stub-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)  # fails if another writer got there first
        except FileExistsError:
            return False
        except OSError:
            # No hard links here: O_EXCL still never clobbers, then the text goes in.
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        return True
    finally:
        os.unlink(temporary)


def is_broken_link(path):
    """True when `path` is a symbolic link whose target does not exist."""
    return os.path.islink(path) and not os.path.exists(path)


def _selected(path, only):
    if not only:
        return True
    only = only.strip("/")
    return path == only or path.startswith(only + "/")


def make_stubs(project, report, langs=None, only=None):
    """Create a stub for every missing translation; ([StubResult], [Problem] of the notes' translations).

    `langs` limits the languages, `only` a file or folder relative to the
    content folder. Existing files are left as they are.
    """
    results, notes = [], {}
    by_path = {source.path: source for source in report.originals}
    for summary in report.languages:
        if langs and summary.lang not in langs:
            continue
        for entry in summary.entries:
            if entry.state != MISSING or not _selected(entry.source_file, only):
                continue
            relative = stub_path(entry.source_file, summary.lang)
            if is_broken_link(os.path.join(project.content_path, relative)):
                results.append(StubResult(relative, False, "is a symbolic link that leads nowhere, so no stub was "
                                          "written (nothing is ever written through a link). Delete the link, then "
                                          "run `invoke stubs` again", failed=True))
                continue
            if summary.lang not in notes:
                notes[summary.lang] = stub_note(summary.lang, project)
            text = stub_text(by_path[entry.source_file], summary.lang, project, notes[summary.lang][0])
            try:
                created = create_file(os.path.join(project.content_path, relative), text)
            except OSError as error:
                results.append(StubResult(relative, False, f"could not be written ({error.strerror or error}); "
                                          "nothing was left in its place", failed=True))
                continue
            results.append(StubResult(relative, created, "" if created else "a file with that name already exists; left as it is"))
    return results, [problem for _note, problem in notes.values() if problem]
