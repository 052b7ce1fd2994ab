"""Content files as translators see them: header, body, letter and fingerprint.

Files are read with campaign_content's own header parser, so this module and
the build agree on what a file says. Nothing here writes a file.
"""

import dataclasses
import fnmatch
import hashlib
import json
import os
import re

from campaign_content.reader import CampaignMarkdownReader, extract_letter, split_header

FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")
# The text a translator translates. Metadata such as dates, deadlines and
# targets is left out on purpose: changing it does not outdate a translation.
TRANSLATABLE = ("title", "summary", "body", "letter")


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong with one file, with the fix."""

    file: str
    field: str
    problem: str
    fix: str
    # "error" or "warning": the build logs it so (strict builds fail);
    # "notice": only the translation report shows it.
    level: str = "warning"

    def message(self):
        where = f"{self.file}: field '{self.field}'" if self.field else self.file
        return f"{where}: {self.problem}. {self.fix}"

    def as_dict(self):
        return {"file": self.file, "field": self.field, "problem": self.problem, "fix": self.fix,
                "level": self.level, "message": self.message()}


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

    @property
    def translation_languages(self):
        return tuple(lang for lang in self.languages if lang != self.default_lang)


def project_from_settings(settings):
    """A Project from Pelican settings (read_settings() output, before plugins ran)."""
    from multilingual.settings import merge_settings as merge_multilingual

    from .settings import SETTING, merge_settings

    multilingual = merge_multilingual(settings.get("MULTILINGUAL"), settings["DEFAULT_LANG"], settings["THEME"])
    ours = merge_settings(settings.get(SETTING), multilingual["languages"], settings["DEFAULT_LANG"])
    return Project(
        content_path=settings["PATH"],
        default_lang=settings["DEFAULT_LANG"],
        languages=tuple(multilingual["languages"]),
        document_paths=tuple(settings.get("ARTICLE_PATHS", [])) + tuple(settings.get("PAGE_PATHS", [])),
        catalog_path=multilingual["catalog_path"],
        filename_pattern=settings.get("FILENAME_METADATA") or r"(?P<slug>.*)",
        ignore_files=tuple(settings.get("IGNORE_FILES", ())),
        review_languages=tuple(ours["review_languages"]),
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

    def field(self, name):
        values = self.header.get(name)
        return "\n".join(values) if values else None

    @property
    def translatable(self):
        return translatable_text(self.field("title"), self.field("summary"), self.body, self.letter)

    @property
    def fingerprint(self):
        return fingerprint(self.translatable)


def _normalize(text):
    if text is None:
        return ""
    lines = [line.rstrip() for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def translatable_text(title, summary, body, letter):
    """{field: normalized text} of the fields in TRANSLATABLE."""
    return dict(zip(TRANSLATABLE, (_normalize(title), _normalize(summary), _normalize(body), _normalize(letter))))


def fingerprint(translatable):
    """'sha256:<hex>' of a translatable_text() dict; whitespace at line ends does not count."""
    payload = json.dumps([translatable[name] for name in TRANSLATABLE], ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_fingerprint(value):
    return bool(value) and bool(FINGERPRINT.match(value.strip().lower()))


def parse_text(path, text, project):
    """A Document from a file's text; `path` is relative to the content folder."""
    header, raw_body = split_header(text.replace("\r\n", "\n"))
    body, letter = extract_letter(raw_body)
    name = os.path.basename(path).rsplit(".", 1)[0]
    match = re.match(project.filename_pattern, name)
    groups = match.groupdict() if match else {}
    slug = (header.get("slug") or [groups.get("slug") or name])[0].strip()
    lang = (header.get("lang") or [groups.get("lang") or project.default_lang])[0].strip()
    return Document(path=path, kind=path.split("/", 1)[0], slug=slug, lang=lang, header=header,
                    raw_body=raw_body, body=body, letter=letter)


def read_document(content_path, path, project):
    """(Document, None) or (None, Problem) for a file that cannot be read."""
    try:
        with open(os.path.join(content_path, path), encoding="utf-8") as stream:
            text = stream.read()
    except UnicodeDecodeError as error:
        return None, Problem(path, "", f"cannot be read: it is not UTF-8 text ({error.reason} at byte {error.start})",
                             "Save the file as UTF-8 in your editor; no text was changed")
    except OSError as error:
        return None, Problem(path, "", f"cannot be read ({error.strerror})", "Check that the file exists and is readable")
    return parse_text(path, text, project), None


def document_files(project):
    """Paths (relative to the content folder, sorted) of every Markdown document."""
    extensions = tuple("." + e for e in CampaignMarkdownReader.file_extensions)
    found = []
    for folder in project.document_paths:
        top = os.path.join(project.content_path, folder)
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in files:
                if not name.endswith(extensions) or any(fnmatch.fnmatch(name, p) for p in project.ignore_files):
                    continue
                relative = os.path.relpath(os.path.join(root, name), project.content_path)
                found.append(relative.replace(os.sep, "/"))
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
