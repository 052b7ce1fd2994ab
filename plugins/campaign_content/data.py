"""Targets and people at risk, defined once in TOML files under content/data/.

A text field is either a plain string or a table of languages, e.g.
``title = { en = "Prosecutor General", ru = "Генеральный прокурор" }``.
"""

import dataclasses
import os
import re
import tomllib

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

TARGET_FIELDS = ("name", "title", "email", "address", "salutation", "language")
TARGET_TEXT_FIELDS = ("name", "title", "address", "salutation")
PERSON_FIELDS = ("name", "description")


class DataError(ValueError):
    """One problem in a data file, with the fix."""

    def __init__(self, path, field, problem, fix):
        self.path, self.field = path, field
        super().__init__(f"{path}: field '{field}': {problem}. {fix}")


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

    def in_language(self, lang, default_lang):
        return LocalizedPerson(
            id=self.id,
            name=localize(self.name, lang, default_lang),
            description=localize(self.description, lang, default_lang),
        )


@dataclasses.dataclass(frozen=True)
class LocalizedPerson:
    id: str
    name: str
    description: str


def _check_text(path, entry_id, field, value):
    where = f"{entry_id}.{field}"
    if isinstance(value, str) and value.strip():
        return
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        return
    raise DataError(
        path, where, "must be a non-empty text or a table of languages",
        f'Write e.g. {field} = "…" or {field} = {{ en = "…", ru = "…" }}',
    )


def _entries(path):
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DataError(path, "(file)", f"is not valid TOML ({error})", "Fix the syntax at that line") from None
    return table


def _parse_entries(path, fields, text_fields, make):
    """Return ({id: make(id, entry)}, [DataError]) for one TOML data file."""
    found, errors = {}, []
    for entry_id, entry in _entries(path).items():
        try:
            if not ID.match(entry_id):
                raise DataError(path, entry_id, "is not a valid id", "Use lowercase letters, digits and hyphens")
            if not isinstance(entry, dict):
                raise DataError(path, entry_id, "must be a table", f"Write it as [{entry_id}] followed by its fields")
            unknown = sorted(set(entry) - set(fields))
            if unknown:
                raise DataError(path, f"{entry_id}.{unknown[0]}", "is not a known field", f"Known fields: {', '.join(fields)}")
            for field in fields:
                if field not in entry:
                    raise DataError(path, f"{entry_id}.{field}", "is missing", "Every entry needs " + ", ".join(fields))
            for field in text_fields:
                _check_text(path, entry_id, field, entry[field])
            found[entry_id] = make(path, entry_id, entry)
        except DataError as error:
            errors.append(error)
    return found, errors


def _make_target(path, entry_id, entry):
    if not isinstance(entry["email"], str) or not EMAIL.match(entry["email"]):
        raise DataError(path, f"{entry_id}.email", f"{entry['email']!r} is not an email address", "Write one address like office@example.org")
    if not isinstance(entry["language"], str) or not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$", entry["language"]):
        raise DataError(path, f"{entry_id}.language", f"{entry['language']!r} is not a language code", 'Write a code such as "ru" or "kk"')
    return Target(id=entry_id, **{f: entry[f] for f in TARGET_FIELDS})


def parse_targets(path):
    """Return ({id: Target}, [DataError]) for a targets.toml file."""
    return _parse_entries(path, TARGET_FIELDS, TARGET_TEXT_FIELDS, _make_target)


def parse_people(path):
    """Return ({id: Person}, [DataError]) for a people.toml file."""
    return _parse_entries(path, PERSON_FIELDS, PERSON_FIELDS,
                          lambda path, entry_id, entry: Person(id=entry_id, name=entry["name"], description=entry["description"]))


@dataclasses.dataclass
class CampaignData:
    targets: dict
    people: dict
    errors: list


def load_data(content_path, data_path):
    """Read targets.toml and people.toml; a missing file is an empty set."""
    folder = os.path.join(content_path, data_path)
    targets, people, errors = {}, {}, []
    for name, parse, into in (("targets.toml", parse_targets, targets), ("people.toml", parse_people, people)):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        try:
            found, problems = parse(os.path.relpath(path))
        except DataError as error:
            found, problems = {}, [error]
        into.update(found)
        errors.extend(problems)
    return CampaignData(targets=targets, people=people, errors=errors)
