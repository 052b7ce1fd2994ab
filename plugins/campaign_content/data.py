"""Targets and people at risk, defined once in TOML files under content/data/.

A text field is either a plain string or a table of languages, e.g.
``title = { en = "Prosecutor General", ru = "Генеральный прокурор" }``.
"""

import dataclasses
import os
import re
import tomllib

from campaign.addresses import mail_address
from campaign.problems import ContentError, Problem, shortened
from campaign.sources import clean_text, read_source
from multilingual.i18n import is_language_code

ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
# An id is a short name written in Targets: and People: lines, and in every message about its entry.
MAX_ID_CHARACTERS = 80
# Where tomllib says a syntax error is (Python 3.11 gives it only in the message).
TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")

TARGET_FIELDS = ("name", "title", "email", "address", "salutation", "language")
TARGET_TEXT_FIELDS = ("name", "title", "address", "salutation")
PERSON_FIELDS = ("name", "description")
# A person may have a picture (plugins/images): a file under content/ and its description.
PERSON_OPTIONAL_FIELDS = ("image", "image_alt")
# The longest each text may be, in characters: every page naming the person or official carries it, and
# the letters and mail links carry a target's. A text is a line or two (an address, a few lines).
MAX_TEXT_CHARACTERS = {"name": 200, "title": 200, "salutation": 200, "address": 600, "description": 600,
                       "image_alt": 300}


class DataError(ContentError):
    """One problem in a data file, with the fix; `.problem` is the Problem to log."""

    def __init__(self, path, field, problem, fix, level="error", line=None):
        self.path, self.field = path, field
        self.problem = Problem(path, field, problem, fix, level=level, line=line)
        super().__init__(self.problem.text())


def localize(value, lang, default_lang):
    """Pick the text for `lang` from a string or a {lang: text} table."""
    if isinstance(value, str):
        return value
    if lang in value:
        return value[lang]
    if default_lang in value:
        return value[default_lang]
    return next(iter(value.values()))


@dataclasses.dataclass(frozen=True)
class Target:
    id: str
    name: object
    title: object
    email: str
    address: object
    salutation: object
    language: str

    def in_language(self, lang, default_lang):
        return LocalizedTarget(
            id=self.id,
            email=self.email,
            language=self.language,
            lang=lang,
            **{f: localize(getattr(self, f), lang, default_lang) for f in TARGET_TEXT_FIELDS},
        )


@dataclasses.dataclass(frozen=True)
class LocalizedTarget:
    """A target's texts in one language, ready for templates."""

    id: str
    name: str
    title: str
    email: str
    address: str
    salutation: str
    language: str
    lang: str

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.strip().splitlines() if line.strip()]


@dataclasses.dataclass(frozen=True)
class Person:
    id: str
    name: object
    description: object
    image: str = ""
    image_alt: object = ""

    def in_language(self, lang, default_lang):
        return LocalizedPerson(
            id=self.id,
            name=localize(self.name, lang, default_lang),
            description=localize(self.description, lang, default_lang),
            image_alt=localize(self.image_alt, lang, default_lang) if self.image_alt else "",
        )


@dataclasses.dataclass(frozen=True)
class LocalizedPerson:
    id: str
    name: str
    description: str
    image_alt: str = ""


def _check_text(path, entry_id, field, value, default_lang):
    where = f"{entry_id}.{field}"
    if isinstance(value, str) and value.strip():
        return
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        if default_lang and default_lang not in value:
            raise DataError(path, where, f"has no '{default_lang}' text, so pages in other languages would fall back "
                            f"to {', '.join(sorted(value))}", f'Add {default_lang} = "…" to the table')
        return
    raise DataError(
        path, where, "must be a non-empty text or a table of languages",
        f'Write e.g. {field} = "…" or {field} = {{ en = "…", ru = "…" }}',
    )


def _language_key_problems(path, entry_id, field, value, languages):
    """Warnings for the keys of a text table that are no language at all ('kz' for 'kk', 'EN', ''), or a
    variant of one the site has ('ru-RU' on a site in 'ru'): a typo, whose text is never shown. Another
    language the site lacks is kept quietly for when it is added."""
    if not languages or not isinstance(value, dict):
        return []
    return [Problem(path, f"{entry_id}.{field}", f"has a text for '{shortened(key)}', which is not a language code "
                    "of the site, so it is never shown", f"Use one of {', '.join(languages)} (MULTILINGUAL['languages'] in "
                    "pelicanconf.py)", level="warning")
            for key in value if key not in languages and (not is_language_code(key) or key.split("-")[0] in languages)]


def _clean_texts(path, entry_id, entry, text_fields, default_lang, problems):
    """The entry with characters XML forbids taken out of its texts, and a translation longer than
    MAX_TEXT_CHARACTERS left out (its pages show the default language's), each said in `problems`; a
    default-language text that long is a DataError."""
    cleaned = dict(entry)
    for field in text_fields:
        value = entry.get(field)
        texts = value if isinstance(value, dict) else {None: value}
        limit = MAX_TEXT_CHARACTERS.get(field)
        out = {}
        for lang, text in texts.items():
            if isinstance(text, str):
                where = f"{entry_id}.{field}" + (f".{lang}" if lang else "")
                if limit is not None and len(text) > limit:
                    too_long = f"is {len(text):,} characters long; the limit is {limit:,}"
                    fix = "Shorten it to a line or two"
                    if lang is None or lang == default_lang or default_lang not in texts:
                        raise DataError(path, where, too_long, fix)
                    problems.append(Problem(path, where, f"{too_long}, so pages in '{shortened(lang)}' show the "
                                            f"'{default_lang}' text instead", fix))
                    continue
                text, found = clean_text(text, path, where)
                problems.extend(found)
            out[lang] = text
        cleaned[field] = out if isinstance(value, dict) else out[None]
    return cleaned


def _entries(path, content_path=None):
    """(The TOML table of the data file at `path`, which must lie inside `content_path` (default: its folder),
    [Problem] of its reading: the characters it had that pages cannot carry, each named by line)."""
    text, problems = read_source(path, content_path or os.path.dirname(path) or ".", file=path, bidi_by_line=False)
    if text is None:
        raise DataError(path, "(file)", problems[0].message, problems[0].fix, line=problems[0].line)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = TOML_ERROR_LINE.search(str(error))
        raise DataError(path, "(file)", f"is not valid TOML ({error})", "Fix the syntax at that line",
                        line=int(where.group(1)) if where else None) from None
    except RecursionError:
        raise DataError(path, "(file)", "nests arrays or tables too deeply to be read",
                        "Write each entry as a table of plain values, as docs/authoring.md shows") from None
    return table, problems


def _parse_entries(path, fields, text_fields, make, default_lang=None, optional=(), content_path=None, languages=None):
    """Return ({id: make(id, entry)}, [Problem]) for one TOML data file; `languages`, when given, are the
    site's, which the keys of a text table must be."""
    found, errors = {}, []
    table, kept_problems = _entries(path, content_path)
    for entry_id, entry in table.items():
        try:
            if not ID.match(entry_id):
                raise DataError(path, shortened(entry_id), "is not a valid id", "Use lowercase letters, digits and hyphens")
            if len(entry_id) > MAX_ID_CHARACTERS:
                raise DataError(path, shortened(entry_id), f"is {len(entry_id):,} characters long; an id has at most "
                                f"{MAX_ID_CHARACTERS}", "Use a short id, such as the person's or office's name in a few words")
            if not isinstance(entry, dict):
                raise DataError(path, entry_id, "must be a table", f"Write it as [{entry_id}] followed by its fields")
            unknown = sorted(set(entry) - set(fields) - set(optional))
            if unknown:
                raise DataError(path, f"{entry_id}.{unknown[0]}", "is not a known field", f"Known fields: {', '.join(fields)}")
            for field in fields:
                if field not in entry:
                    raise DataError(path, f"{entry_id}.{field}", "is missing", "Every entry needs " + ", ".join(fields))
            if "image" in optional and entry.get("image") and not entry.get("image_alt"):
                raise DataError(path, f"{entry_id}.image_alt", "is missing: every image needs a description",
                                'Write image_alt = { en = "…", ru = "…" } saying what the image shows')
            if "image" in optional and not isinstance(entry.get("image", ""), str):
                raise DataError(path, f"{entry_id}.image", "must be a path such as \"images/photo.jpg\"",
                                "Write the path of a file under content/")
            texts = text_fields + tuple(field for field in ("image_alt",) if field in optional and entry.get(field))
            for field in texts:
                _check_text(path, entry_id, field, entry[field], default_lang)
                kept_problems.extend(_language_key_problems(path, entry_id, field, entry[field], languages))
            found[entry_id] = make(path, entry_id, _clean_texts(path, entry_id, entry, texts, default_lang, kept_problems))
        except DataError as error:
            errors.append(error.problem)
    return found, errors + kept_problems


def _make_target(path, entry_id, entry):
    email, problem = mail_address(entry["email"])
    if problem:
        raise DataError(path, f"{entry_id}.email", problem, "Write one address like office@example.org")
    entry = {**entry, "email": email}
    if not isinstance(entry["language"], str) or not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?\Z", entry["language"]):
        raise DataError(path, f"{entry_id}.language", f"{entry['language']!r} is not a language code", 'Write a code such as "ru" or "kk"')
    return Target(id=entry_id, **{f: entry[f] for f in TARGET_FIELDS})


def parse_targets(path, default_lang=None, content_path=None, languages=None):
    """Return ({id: Target}, [Problem]) for a targets.toml file (inside `content_path`, default: its folder)."""
    return _parse_entries(path, TARGET_FIELDS, TARGET_TEXT_FIELDS, _make_target, default_lang, content_path=content_path,
                          languages=languages)


def parse_people(path, default_lang=None, content_path=None, languages=None):
    """Return ({id: Person}, [Problem]) for a people.toml file (inside `content_path`, default: its folder)."""
    return _parse_entries(path, PERSON_FIELDS, PERSON_FIELDS,
                          lambda path, entry_id, entry: Person(id=entry_id, name=entry["name"], description=entry["description"],
                                                               image=entry.get("image", ""), image_alt=entry.get("image_alt", "")),
                          default_lang, optional=PERSON_OPTIONAL_FIELDS, content_path=content_path, languages=languages)


@dataclasses.dataclass
class CampaignData:
    targets: dict
    people: dict
    errors: list
    # {"targets": path, "people": path} of the files read, for messages.
    files: dict = dataclasses.field(default_factory=dict)


def has_text(value, lang, default_lang):
    """True when a text field has its own text in `lang` (a plain string is the default language's)."""
    return lang == default_lang if isinstance(value, str) else lang in value


def missing_texts(data, lang, default_lang):
    """[(file, entry id, field)] of every target and person text that has no `lang` version."""
    found = []
    for kind, entries, fields in (("targets", data.targets, TARGET_TEXT_FIELDS), ("people", data.people, PERSON_FIELDS)):
        for entry_id, entry in sorted(entries.items()):
            for field in fields + (("image_alt",) if getattr(entry, "image_alt", "") else ()):
                if not has_text(getattr(entry, field), lang, default_lang):
                    found.append((data.files.get(kind, f"{kind}.toml"), entry_id, field))
    return found


def load_data(content_path, data_path, default_lang=None, languages=None):
    """Read targets.toml and people.toml; a missing file is an empty set.

    With `default_lang`, every text table must have a text in it; with `languages`, a key of a text table
    that is none of them is a warning.
    """
    folder = os.path.join(content_path, data_path)
    targets, people, errors, files = {}, {}, [], {}
    for name, parse, into in (("targets.toml", parse_targets, targets), ("people.toml", parse_people, people)):
        path = os.path.join(folder, name)
        if not os.path.lexists(path):
            continue
        files[name.split(".")[0]] = os.path.relpath(path)
        try:
            # Checked against the content folder: a data folder that is a link may not lead out of it.
            found, problems = parse(os.path.relpath(path), default_lang, content_path, languages)
        except DataError as error:
            found, problems = {}, [error.problem]
        into.update(found)
        errors.extend(problems)
    return CampaignData(targets=targets, people=people, errors=errors, files=files)
