"""The content model: which fields each kind of document needs, and checks.

Everything here is a plain function of (metadata, data); the signal
handlers in campaign_content.py log what these return.
"""

import dataclasses
import datetime
import urllib.parse

ACTION_STATES = ("open", "closed")
REQUIRED = {
    "actions": ("title", "summary", "date", "deadline", "state", "people", "targets", "briefing"),
    "briefings": ("title", "summary", "date"),
    "pages": ("title",),
}
LIST_FIELDS = ("people", "targets", "required-languages")


@dataclasses.dataclass(frozen=True)
class FieldProblem:
    field: str
    problem: str
    fix: str

    def message(self, source_file):
        return f"{source_file}: field '{self.field}': {self.problem}. {self.fix}"


def split_ids(value):
    """'a, b' or ['a', 'b'] -> ['a', 'b']"""
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [part.strip() for part in str(value).split(",") if part.strip()]


def parse_iso_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())


def is_web_url(value):
    parts = urllib.parse.urlsplit(str(value).strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_document(kind, metadata, data, optional=(), languages=None):
    """Return the FieldProblems of one document's metadata (empty when fine).

    `optional` names fields a translation may leave out because it takes
    them from its original (the locked fields, and the outcome text).
    `languages`, when given, are the configured languages an action's
    Required-Languages may name.
    """
    problems = []
    for field in REQUIRED.get(kind, ()):
        if field in optional:
            continue
        if field not in metadata or metadata[field] in ("", None, []):
            problems.append(FieldProblem(field, "is missing", f"Add a line '{field.capitalize()}: …' to the metadata at the top of the file (see docs/authoring.md)"))
    if "date" in metadata and not isinstance(metadata["date"], datetime.date):
        problems.append(FieldProblem("date", f"{metadata['date']!r} is not a date", "Write it as YYYY-MM-DD, e.g. 2019-02-27"))
    if kind != "actions":
        return problems

    if metadata.get("deadline") not in ("", None):
        try:
            parse_iso_date(metadata["deadline"])
        except ValueError:
            problems.append(FieldProblem("deadline", f"{metadata['deadline']!r} is not a date", "Write it as YYYY-MM-DD, e.g. 2027-02-27"))
    state = str(metadata.get("state", "")).strip().lower()
    if state and state not in ACTION_STATES:
        problems.append(FieldProblem("state", f"{metadata['state']!r} is not a state", "Write 'open' or 'closed'"))
    if state == "closed" and "outcome" not in optional and not str(metadata.get("outcome", "")).strip():
        problems.append(FieldProblem("outcome", "is missing for a closed action", "Add 'Outcome: …' saying what happened"))
    if metadata.get("outcome-date") not in ("", None):
        try:
            parse_iso_date(metadata["outcome-date"])
        except ValueError:
            problems.append(FieldProblem("outcome-date", f"{metadata['outcome-date']!r} is not a date", "Write it as YYYY-MM-DD"))
    for field, known, name in (("targets", data.targets, "targets.toml"), ("people", data.people, "people.toml")):
        for ref in split_ids(metadata.get(field, "")):
            if ref not in known:
                suggestion = ", ".join(sorted(known)) or "none defined yet"
                problems.append(FieldProblem(field, f"'{ref}' is not defined in content/data/{name}", f"Use one of: {suggestion}; or add [{ref}] to that file"))
    petition = metadata.get("petition")
    if petition not in (None, "") and not is_web_url(petition):
        problems.append(FieldProblem("petition", f"{petition!r} is not an http(s) address", "Write the full address, starting with https://"))
    if languages is not None:
        for lang in split_ids(metadata.get("required-languages", "")):
            if lang not in languages:
                problems.append(FieldProblem("required-languages", f"'{lang}' is not a configured language",
                                             f"Use languages from MULTILINGUAL['languages'] in pelicanconf.py ({', '.join(languages)}), "
                                             f"or add '{lang}' there"))
    return problems


def normalize_action(metadata):
    """Turn checked action fields into Python values (in place); absent ones stay absent."""
    if "deadline" in metadata:
        metadata["deadline"] = parse_iso_date(metadata["deadline"])
    if "state" in metadata:
        metadata["state"] = str(metadata["state"]).strip().lower()
    for field in LIST_FIELDS:
        if field in metadata:
            metadata[field] = split_ids(metadata[field])
    if metadata.get("outcome-date") not in (None, ""):
        metadata["outcome-date"] = parse_iso_date(metadata["outcome-date"])
    if metadata.get("petition"):
        metadata["petition"] = str(metadata["petition"]).strip()
    if "briefing" in metadata:
        metadata["briefing"] = str(metadata["briefing"]).strip()


def comparable(field, value):
    """A locked field's value in a form two files can be compared by."""
    if field in ("date", "modified") and hasattr(value, "date"):
        return value.date() if hasattr(value, "hour") else value
    return value


def display(value):
    """A metadata value as its author wrote it, for messages."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def locked_field_conflicts(original_metadata, translation_metadata, locked_fields):
    """[(field, original value, translation value)] where a translation contradicts its original."""
    conflicts = []
    for field in locked_fields:
        if field in translation_metadata and field in original_metadata:
            mine, theirs = comparable(field, translation_metadata[field]), comparable(field, original_metadata[field])
            if mine != theirs:
                conflicts.append((field, original_metadata[field], translation_metadata[field]))
    return conflicts


def is_open(state, deadline, today):
    """An action is open until it is closed or its deadline has passed."""
    return state == "open" and deadline >= today


def action_sort_key(action):
    """Open actions first, soonest deadline first; then closed, newest first."""
    if action.is_open:
        return (0, action.deadline.toordinal(), action.slug)
    return (1, -action.deadline.toordinal(), action.slug)
