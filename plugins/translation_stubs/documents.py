"""Content files as translators see them: header, body, letter and fingerprint.

Files are read with campaign_content's own header parser, so this module and
the build agree on what a file says. Nothing here writes a file.

A Document holds a file's text, for the stub writer and `invoke translations
--diff`; a DocumentInfo holds only what the status needs of it, which is what
document_cache.py keeps between builds.
"""

import dataclasses
import fnmatch
import functools
import hashlib
import json
import os
import re

from campaign import contract
from campaign.problems import Problem
from campaign.sources import is_text_name, read_source
from campaign_content.header import read_header
from campaign_content.reader import CampaignMarkdownReader, extract_letter

FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}\Z")
# The text a translator translates. Metadata such as dates, deadlines and
# targets is left out on purpose: changing it does not outdate a translation.
TRANSLATABLE = ("title", "summary", "body", "letter")
# Translated too, but only some documents have them: they count only when
# present, so a document without them keeps the fingerprint it always had.
TRANSLATABLE_WHEN_PRESENT = ("outcome", "image-alt")
# The note at the top of a stub's body (stubs.py), which a translator deletes.
STUB_NOTE = "TRANSLATION STUB"


@dataclasses.dataclass(frozen=True)
class Project:
    """What the status and stub functions need to know about a site."""

    content_path: str
    default_lang: str
    languages: tuple  # every configured language, the default first
    document_paths: tuple  # folders under content_path holding documents
    catalog_path: str
    filename_pattern: str
    ignore_files: tuple = ()
    # Languages whose translations must be reviewed before publishing.
    review_languages: tuple = ()
    # The build's cache folder (CACHE_PATH): collect_status() then reads only
    # the files changed since the last build (document_cache.py). None: every file.
    cache_path: object = None
    # False (Pelican's --ignore-cache): read every file, then rewrite the cache.
    load_cache: bool = True
    # {path: (st_mtime_ns, st_size)} of the documents, when the build has
    # just looked at every file (plugins/incremental): no second walk and stat.
    stamps: object = None
    # The folder of targets.toml and people.toml, relative to content_path.
    data_path: str = "data"

    @property
    def translation_languages(self):
        return tuple(lang for lang in self.languages if lang != self.default_lang)


def project_from_settings(settings, cached=False):
    """A Project from Pelican settings (read_settings() output, before plugins ran).

    `cached`: use CACHE_PATH when CACHE_CONTENT is on, as Pelican does (the
    build). The stub writer and `invoke translations` read every file.
    """
    contract.prepare(settings)
    # A partial rebuild (plugins/incremental) narrows ARTICLE_PATHS and
    # PAGE_PATHS to the documents it reads and turns Pelican's content cache
    # off; the status is still the whole site's, from this plugin's cache.
    whole_site_paths = settings.get(contract.INCREMENTAL_DOCUMENT_PATHS)
    multilingual = settings["MULTILINGUAL"]
    ours = settings["TRANSLATION_STUBS"]
    data_path = settings["CAMPAIGN_CONTENT"]["data_path"]
    use_cache = cached and bool(settings.get("CACHE_CONTENT") or whole_site_paths)
    return Project(
        content_path=settings["PATH"],
        default_lang=settings["DEFAULT_LANG"],
        languages=tuple(multilingual["languages"]),
        document_paths=tuple(whole_site_paths or list(settings.get("ARTICLE_PATHS", [])) + list(settings.get("PAGE_PATHS", []))),
        catalog_path=multilingual["catalog_path"],
        filename_pattern=settings.get("FILENAME_METADATA") or r"(?P<slug>.*)",
        ignore_files=tuple(settings.get("IGNORE_FILES", ())),
        review_languages=tuple(ours["review_languages"]),
        cache_path=settings.get("CACHE_PATH") if use_cache else None,
        load_cache=bool(settings.get("LOAD_CONTENT_CACHE") or whole_site_paths) if use_cache else True,
        stamps=getattr(contract.incremental(settings).plan, "stamps", None) if use_cache else None,
        data_path=data_path,
    )


@dataclasses.dataclass(frozen=True)
class Document:
    """One Markdown file: where it is, what it is, and its text."""

    path: str  # relative to the content folder, with '/'
    kind: str
    slug: str
    lang: str
    header: dict  # lowercased key -> [values]
    raw_body: str  # the body as written, letter block in place
    body: str  # the body without the letter block
    letter: object  # the letter's text, or None
    lines: dict = dataclasses.field(default_factory=dict)  # lowercased key -> the 1-based line it is written on

    def field(self, name):
        values = self.header.get(name)
        return "\n".join(values) if values else None

    @property
    def translatable(self):
        present = {name: self.field(name) for name in TRANSLATABLE_WHEN_PRESENT if name in self.header}
        return translatable_text(self.field("title"), self.field("summary"), self.body, self.letter, **present)

    @functools.cached_property
    def fingerprint(self):
        return fingerprint(self.translatable)

    @property
    def stub_note(self):
        """The body still holds the stub note."""
        return STUB_NOTE in self.raw_body

    @property
    def fields(self):
        """The header, one string per key (lines joined by newlines)."""
        return {key: "\n".join(values) for key, values in self.header.items()}

    def info(self, project):
        """The DocumentInfo of this file in `project`.

        Its fingerprint only where the status compares it: an original's, and
        a stub's (Stub-Fingerprint). A translation's would cost as much as the
        rest of reading it, and nothing reads it.
        """
        needed = self.lang == project.default_lang or "stub-fingerprint" in self.header
        return DocumentInfo(path=self.path, kind=self.kind, slug=self.slug, lang=self.lang, fields=self.fields,
                            fingerprint=self.fingerprint if needed else None, stub_note=self.stub_note,
                            lines=self.lines)


@dataclasses.dataclass(frozen=True)
class DocumentInfo:
    """What the status needs of one file, without its text: what the cache keeps.

    The header is kept as `fields`, one string per key: a header line never
    holds a newline, so splitting gives the header back, and one string per
    key loads faster than a list.
    """

    path: str
    kind: str
    slug: str
    lang: str
    fields: dict  # lowercased key -> the field's lines joined by newlines
    fingerprint: object  # of the translatable text; None in a translation that has no Stub-Fingerprint
    stub_note: bool  # the body still holds the stub note
    lines: dict = dataclasses.field(default_factory=dict)  # lowercased key -> the 1-based line it is written on

    @property
    def header(self):
        return {key: value.split("\n") for key, value in self.fields.items()}

    def field(self, name):
        return self.fields.get(name)


def _normalize(text):
    if text is None:
        return ""
    lines = [line.rstrip() for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def translatable_text(title, summary, body, letter, **present):
    """{field: normalized text} of the fields in TRANSLATABLE, and of those in TRANSLATABLE_WHEN_PRESENT
    given in `present` ({'outcome': …, 'image-alt': …}, by their header names)."""
    texts = dict(zip(TRANSLATABLE, (_normalize(title), _normalize(summary), _normalize(body), _normalize(letter))))
    texts.update((name, _normalize(present[name])) for name in TRANSLATABLE_WHEN_PRESENT if name in present)
    return texts


def fingerprint(translatable):
    """'sha256:<hex>' of a translatable_text() dict; whitespace at line ends does not count.

    A field of TRANSLATABLE_WHEN_PRESENT adds [name, text] only when the document has it: without them
    the payload, and so the fingerprint, is what it was before they counted.
    """
    values = [translatable[name] for name in TRANSLATABLE]
    values += [[name, translatable[name]] for name in TRANSLATABLE_WHEN_PRESENT if name in translatable]
    payload = json.dumps(values, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_fingerprint(value):
    return bool(value) and bool(FINGERPRINT.match(value.strip().lower()))


def parse_text(path, text, project):
    """A Document from a file's text; `path` is relative to the content folder."""
    text = text.replace("\r\n", "\n")
    parsed = read_header(text)
    field_lines = parsed.lines
    if parsed.cut:
        # A stray blank line inside the header (the build names it): the status reads the fields below it as
        # the translator meant them, so a 'Translation-Status: stub' there still keeps the file unpublished.
        first, last = parsed.cut
        lines = text.split("\n")
        parsed = read_header("\n".join(lines[:first] + lines[last + 1:]))
        field_lines = {key: line + (last - first + 1 if line > first else 0) for key, line in parsed.lines.items()}
    header, raw_body = parsed.fields, parsed.body
    body, letter = extract_letter(raw_body)
    name = os.path.basename(path).rsplit(".", 1)[0]
    match = re.match(project.filename_pattern, name)
    groups = match.groupdict() if match else {}
    slug = (header.get("slug") or [groups.get("slug") or name])[0].strip()
    lang = (header.get("lang") or [groups.get("lang") or project.default_lang])[0].strip()
    return Document(path=path, kind=contract.kind_of_source(path), slug=slug, lang=lang, header=header,
                    raw_body=raw_body, body=body, letter=letter, lines=field_lines)


def stamp_of(result):
    """(st_mtime_ns, st_size) of an os.stat() result: a file whose stamp is unchanged was not edited."""
    return (result.st_mtime_ns, result.st_size)


def read_stamped_document(content_path, path, project):
    """(Document, stamp, None) or (None, None, Problem) for a file that cannot be read.

    The stamp is taken before the text is read, so an edit made meanwhile
    changes the stamp again and the file is read again next time.
    """
    full_path = os.path.join(content_path, path)
    try:
        stamp = stamp_of(os.stat(full_path))
    except OSError as error:
        if os.path.islink(full_path):
            return None, None, Problem(path, "", "is a symbolic link that leads nowhere, so it was not read",
                                       "Delete the link, or put the file itself in its place", level="warning")
        return None, None, Problem(path, "", f"cannot be read ({error.strerror})", "Check that the file exists and is readable",
                                   level="warning")
    text, problems = read_source(full_path, content_path, file=path)
    if text is None:
        found = problems[0]
        return None, None, Problem(path, "", f"cannot be read: it {found.message}" if found.message.startswith("is")
                                   else found.message, found.fix, level="error")
    return parse_text(path, text, project), stamp, None


def read_document(content_path, path, project):
    """(Document, None) or (None, Problem) for a file that cannot be read."""
    document, _stamp, problem = read_stamped_document(content_path, path, project)
    return document, problem


def document_files(project):
    """Paths (relative to the content folder, sorted) of every Markdown document."""
    extensions = tuple("." + e for e in CampaignMarkdownReader.file_extensions)
    ignored = re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in project.ignore_files) or "(?!)")
    if project.stamps is not None:
        folders = tuple(folder.rstrip("/") + "/" for folder in project.document_paths)
        return sorted(path for path in project.stamps
                      if path.startswith(folders) and path.endswith(extensions) and is_text_name(path)
                      and not ignored.match(os.path.normcase(path.rsplit("/", 1)[-1])))
    found = []
    for folder in project.document_paths:
        top = os.path.join(project.content_path, folder)
        for root, dirs, files in os.walk(top):
            dirs.sort()
            # One relpath per folder: per file, it cost more than the cached status itself.
            prefix = os.path.relpath(root, project.content_path).replace(os.sep, "/") + "/"
            prefix = "" if prefix == "./" else prefix
            # A name that is not UTF-8 is no document (campaign_content names it in the build).
            found.extend(prefix + name for name in files if name.endswith(extensions) and is_text_name(prefix + name)
                         and not ignored.match(os.path.normcase(name)))
    return sorted(set(found))


def read_documents(project):
    """([Document], [Problem]) for every document of the site."""
    documents, problems = [], []
    for path in document_files(project):
        document, problem = read_document(project.content_path, path, project)
        if problem:
            problems.append(problem)
        else:
            documents.append(document)
    return documents, problems
