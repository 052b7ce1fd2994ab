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
LIST_FIELDS = ("people", "targets")


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


def check_document(kind, metadata, data):
    """Return the FieldProblems of one document's metadata (empty when fine)."""
    problems = []
    for field in REQUIRED.get(kind, ()):
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
    if state == "closed" and not str(metadata.get("outcome", "")).strip():
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
    return problems


def normalize_action(metadata):
    """Turn checked action fields into Python values (in place)."""
    metadata["deadline"] = parse_iso_date(metadata["deadline"])
    metadata["state"] = str(metadata["state"]).strip().lower()
    for field in LIST_FIELDS:
        metadata[field] = split_ids(metadata.get(field, ""))
    if metadata.get("outcome-date") not in (None, ""):
        metadata["outcome-date"] = parse_iso_date(metadata["outcome-date"])
    if metadata.get("petition"):
        metadata["petition"] = str(metadata["petition"]).strip()
    metadata["briefing"] = str(metadata["briefing"]).strip()


def is_open(state, deadline, today):
    """An action is open until it is closed or its deadline has passed."""
    return state == "open" and deadline >= today


def action_sort_key(action):
    """Open actions first, soonest deadline first; then closed, newest first."""
    if action.is_open:
        return (0, action.deadline.toordinal(), action.slug)
    return (1, -action.deadline.toordinal(), action.slug)
