"""The content model: which fields each kind of document needs, and checks.

Everything here is a plain function of (metadata, data); the signal
handlers in campaign_content.py log what these return.
"""

import collections
import datetime
import re
import urllib.parse

from campaign.problems import Problem, a_few_then_counted, shortened

ACTION_STATES = ("open", "closed")
REQUIRED = {
    "actions": ("title", "summary", "date", "deadline", "state", "people", "targets", "briefing"),
    "briefings": ("title", "summary", "date"),
    "pages": ("title",),
}
LIST_FIELDS = ("people", "targets", "required-languages")
# Where a page is written and what it is called are the site's to decide: a
# content file that could set them could write anywhere.
SITE_FIELDS = ("save_as", "url", "lang_save_as", "lang_url")
DOCUMENT_TEMPLATES = ("action", "briefing", "page", "article")
# Each kind is shown with its own template: another kind's lacks its parts (an action page without its
# letter and send buttons) or fails on a variable it does not have.
KIND_TEMPLATES = {"actions": ("action",), "briefings": ("briefing",), "pages": ("page",)}
# Pelican fields this site decides itself. 'status' would make a page a draft written elsewhere, or hide
# it (an error: the document is left out). The others would put a person's name or a label of their own
# in the feeds, the mirror bundle included (a warning: the line is ignored, as ignored_fields says).
NOT_A_PERSON = ("is not published: the site names its team, never a person, so the line was ignored",
                "Delete the line", "warning")
REFUSED_FIELDS = {
    "status": ("is decided by the site, not by a content file (it would hide the page or make it a draft)",
               "Delete the line: an action closes with 'State: closed', and a translation says how far it is "
               "with 'Translation-Status'", "error"),
    "author": NOT_A_PERSON,
    "authors": NOT_A_PERSON,
    "category": ("is not used by this site (the folder decides the kind), so the line was ignored",
                 "Delete the line", "warning"),
    "tags": ("is not used by this site, so the line was ignored", "Delete the line", "warning"),
}
# Every field a content file may write (docs/authoring.md), besides REFUSED_FIELDS and SITE_FIELDS, which
# are named with their own reasons. Pelican makes every metadata key an attribute of its document, so any
# other key could set what the site decides itself ('_content' skipped the sanitiser, 'override_save_as'
# wrote over another page, 'default_status' made a draft): unknown_fields are left out of the metadata.
DOCUMENT_FIELDS = ("title", "slug", "lang", "date", "modified", "summary", "template", "deadline", "state", "outcome",
                   "outcome-date", "people", "targets", "briefing", "petition", "required-languages", "image",
                   "image-alt", "translation-status", "source-fingerprint", "stub-fingerprint", "translator",
                   "reviewer")
# The earliest Date or Modified a feed can carry as written (older dates take a local mean time offset with
# seconds, 0001-01-01T00:00:00+05:07:48 in Almaty, which Atom's date format cannot hold).
EARLIEST_DATE = datetime.date(1970, 1, 1)
# An unknown id is named with at most this many of the known ones (and at most NAMED_AT_MOST unknown ids
# of one field one by one): two long lists must not make a log of their product.
SUGGESTED_IDS = 10
# Each official (each group sharing a salutation) gets a copy of the letter on the page: many officials
# times a long letter made pages of tens of megabytes.
MAX_TARGETS = 50
# What a file under STATIC_PATHS may be to be published (and a {static} or {attach} link show): an image. A
# web page, an SVG, a script or a style sheet there would be served from the campaign's own address.
STATIC_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# The longest text each short field may hold, with what to do instead. Each reaches its page several times
# (heading, title, description, share previews) and the lists and feeds: a one-megabyte Summary made a
# 5.6-megabyte page. Three times what the demo's longest translation needs, or more.
MAX_FIELD_CHARACTERS = {
    "title": (200, "Shorten the title to a line; the text below it can say the rest"),
    "summary": (600, "Keep the summary to a sentence or two; the text below it can say the rest"),
    "outcome": (1200, "Say in a few sentences what happened; the body can tell the rest"),
    "image-alt": (300, "Say in a sentence what the image shows"),
}


def FieldProblem(field, problem, fix, level="error", line=None):  # noqa: N802 - reads as the Problem it makes
    """A Problem with one field of a document; campaign_content fills in the file when it logs it.

    "error" leaves the document out; "warning" keeps it (strict builds fail on both).
    """
    return Problem("", field, problem, fix, level=level, line=line)


def split_ids(value):
    """'a, b' or ['a', 'b'] -> ['a', 'b']: each once, in order, empty items left out."""
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return list(dict.fromkeys(part.strip() for part in str(value).split(",") if part.strip()))


def list_problems(field, value, lines=None):
    """Empty and repeated items of a comma-separated list field."""
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    items = [part.strip() for part in str(value).split(",")]
    line = (lines or {}).get(field)
    problems = []
    if "" in items and any(items):
        problems.append(FieldProblem(field, f"{quoted(value)} has an empty item", "Separate the ids by single commas, "
                                     "with nothing after the last", level="warning", line=line))
    counts = collections.Counter(item for item in items if item)  # items.count() for each item: 20,000 took 10 s
    repeated = sorted(item for item, count in counts.items() if count > 1)
    if repeated:
        problems.append(FieldProblem(field, f"lists {', '.join(repeated)} more than once; each is used once",
                                     "Write each id once", level="warning", line=line))
    return problems


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value):
    """A date written YYYY-MM-DD (ValueError otherwise: fromisoformat alone takes week dates too)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"{text!r} is not written YYYY-MM-DD")
    return datetime.date.fromisoformat(text)


def is_web_url(value):
    try:
        parts = urllib.parse.urlsplit(str(value).strip())
    except ValueError:  # a host urllib cannot read ('https://[x')
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def field_length_problems(fields, lines=None):
    """An error for each field of MAX_FIELD_CHARACTERS longer than its limit; `fields`: name -> [lines]."""
    problems = []
    for field, (limit, fix) in MAX_FIELD_CHARACTERS.items():
        length = len("\n".join(fields.get(field, ())))
        if length > limit:
            problems.append(FieldProblem(field, f"is {length:,} characters long; the limit is {limit:,}", fix,
                                         line=(lines or {}).get(field)))
    return problems


# A formatted field (Summary) may grow as Markdown writes it, but not by more than this: an abbreviation or a
# link defined once and used a hundred times made a 600-character Summary 45 KB of HTML on every list and
# feed. Escaping ('<' as '&lt;') and an address written as entities stay well below.
MAX_FORMATTED_GROWTH = 10


def html_limit(field):
    """The most characters of HTML a formatted field (Summary) may make: MAX_FORMATTED_GROWTH times its limit."""
    return MAX_FIELD_CHARACTERS[field][0] * MAX_FORMATTED_GROWTH


def formatted_length_problems(formatted, lines=None):
    """An error for each formatted field whose HTML is longer than html_limit()."""
    problems = []
    for field, html in formatted.items():
        if field in MAX_FIELD_CHARACTERS and len(html) > html_limit(field):
            problems.append(FieldProblem(field, f"makes {len(html):,} characters of HTML; the limit is "
                                         f"{html_limit(field):,}", "Write it as plain sentences: an "
                                         "abbreviation or a link used again and again repeats its text each time",
                                         line=(lines or {}).get(field)))
    return problems


def leading_summary_problem(summary):
    """A warning when the summary cut from a text's first words (a document without a Summary line) is
    longer than a Summary may make, or None: a first 'word' of 20,000 letters reached the home page."""
    if len(summary) <= html_limit("summary"):
        return None
    return FieldProblem("summary", f"is missing, and the text's first words make {len(summary):,} characters, "
                        f"more than the {html_limit('summary'):,} a summary may have, so the pages show none",
                        "Add a line 'Summary: …' of a sentence or two", level="warning")


def unknown_fields(fields):
    """The header fields (lower-case names) this site does not know, as a set: each is left out."""
    return {field for field in fields
            if field not in DOCUMENT_FIELDS and field not in REFUSED_FIELDS and field not in SITE_FIELDS}


def unknown_field_problems(unknown, lines):
    """Warnings for the `unknown` fields, in the order of their `lines`: a few named, the rest counted."""
    return a_few_then_counted(
        sorted(unknown, key=lambda field: lines.get(field, 0)),
        lambda field: FieldProblem(shortened(field), "is not a field of this site, so the line was ignored",
                                   "Check its spelling against docs/authoring.md, or delete the line",
                                   level="warning", line=lines.get(field)),
        lambda more: FieldProblem("", f"has {more} more fields this site does not know; their lines were ignored",
                                  "Check the header against docs/authoring.md", level="warning"))


def written_refused_fields(metadata, lines=None):
    """The REFUSED_FIELDS the document's file wrote (`lines`: the reader's field lines), not those Pelican's
    defaults or another plugin put in `metadata` (a stub left out gets status 'skip')."""
    return [field for field in REFUSED_FIELDS if field in metadata and (lines is None or field in lines)]


def ignored_fields(metadata, lines=None, problems=()):
    """The fields a kept document loses: the refused ones the file wrote (REFUSED_FIELDS), and a Modified
    date found wrong in `problems` (a feed would carry it as the document's last change)."""
    ignored = [field for field in written_refused_fields(metadata, lines) if REFUSED_FIELDS[field][2] != "error"]
    if "modified" in metadata and any(problem.field == "modified" for problem in problems):
        ignored.append("modified")
    return ignored


def modified_problem(value, published, today):
    """Why `value` cannot be a document's Modified date, or None. `published`: its Date, if known."""
    try:
        modified = parse_iso_date(value)
    except (TypeError, ValueError):
        return f"{quoted(value)} is not a date", "Write it as YYYY-MM-DD, e.g. 2019-03-01"
    earliest = max(filter(None, (EARLIEST_DATE, _date_or_none(published))))
    if modified < earliest:
        return f"{modified.isoformat()} is before {earliest.isoformat()}", "Write the day the text last changed"
    if today is not None and modified > today:
        return (f"{modified.isoformat()} is after the day of the build ({today.isoformat()})",
                "Write the day the text last changed; a date to come would keep it at the top of feed readers")
    return None


def unknown_id_problems(field, refs, known, name, lines=None):
    """The ids of `refs` that `known` lacks: a few named one by one, the rest counted."""
    unknown = [ref for ref in refs if ref not in known]
    if not unknown:
        return []
    shown = sorted(known)[:SUGGESTED_IDS]
    suggestion = ", ".join(shortened(ref) for ref in shown) or "none defined yet"
    if len(known) > len(shown):
        suggestion += f" (and {len(known) - len(shown)} more in content/data/{name})"
    line = (lines or {}).get(field)
    return a_few_then_counted(
        unknown,
        lambda ref: FieldProblem(field, f"'{shortened(ref)}' is not defined in content/data/{name}",
                                 f"Use one of: {suggestion}; or add [{shortened(ref)}] to that file", line=line),
        lambda more: FieldProblem(field, f"{more} more ids are not defined in content/data/{name}",
                                  "Check every id of the line against that file", line=line))


def check_document(kind, metadata, data, optional=(), languages=None, lines=None, today=None):
    """Return the FieldProblems of one document's metadata (empty when fine).

    `optional` names fields a translation may leave out because it takes
    them from its original (the locked fields, and the outcome text).
    `languages`, when given, are the configured languages an action's
    Required-Languages may name. `today`: the build date, which a Modified date may not pass.
    """
    problems = []
    for field in SITE_FIELDS:
        if field in metadata:
            problems.append(FieldProblem(field, "is decided by the site's settings, not by a content file",
                                         "Delete the line; the Slug decides the address", line=(lines or {}).get(field)))
    for field in written_refused_fields(metadata, lines):
        message, fix, level = REFUSED_FIELDS[field]
        problems.append(FieldProblem(field, message, fix, level=level, line=(lines or {}).get(field)))
    template = metadata.get("template")
    templates = KIND_TEMPLATES.get(kind, DOCUMENT_TEMPLATES)
    if template is not None and template not in templates:
        problems.append(FieldProblem("template", f"{quoted(template)} is not the template of this "
                                     "kind of document", "Delete the line: the folder decides the template "
                                     f"({', '.join(templates)})", line=(lines or {}).get("template")))
    for field in REQUIRED.get(kind, ()):
        if field in optional:
            continue
        if field not in metadata or metadata[field] in ("", None, []):
            problems.append(FieldProblem(field, "is missing", f"Add a line '{field.capitalize()}: …' to the metadata at the top of the file (see docs/authoring.md)"))
        elif field in LIST_FIELDS and not split_ids(metadata[field]):
            problems.append(FieldProblem(field, f"{quoted(metadata[field])} names nobody", f"Write the ids, separated by commas, "
                                         f"e.g. '{field.capitalize()}: prosecutor-general'", line=(lines or {}).get(field)))
    for field in LIST_FIELDS:
        if field in metadata:
            problems += list_problems(field, metadata[field], lines)
    if "date" in metadata and not isinstance(metadata["date"], datetime.date):
        problems.append(FieldProblem("date", f"{quoted(metadata['date'])} is not a date", "Write it as YYYY-MM-DD, e.g. 2019-02-27",
                                     line=(lines or {}).get("date")))
    elif "date" in metadata and _date_or_none(metadata["date"]) < EARLIEST_DATE:
        problems.append(FieldProblem("date", f"{_date_or_none(metadata['date']).isoformat()} is before "
                                     f"{EARLIEST_DATE.isoformat()}, which the feeds cannot carry",
                                     "Write the day the document was first published", line=(lines or {}).get("date")))
    if metadata.get("modified") is not None:
        found = modified_problem(metadata["modified"], metadata.get("date"), today)
        if found:
            problems.append(FieldProblem("modified", *found, level="warning", line=(lines or {}).get("modified")))
    if kind != "actions":
        return problems

    if metadata.get("deadline") not in ("", None):
        try:
            parse_iso_date(metadata["deadline"])
        except ValueError:
            problems.append(FieldProblem("deadline", f"{quoted(metadata['deadline'])} is not a date",
                                         "Write it as YYYY-MM-DD, e.g. 2027-02-27", line=(lines or {}).get("deadline")))
    state = str(metadata.get("state", "")).strip().lower()
    if state and state not in ACTION_STATES:
        problems.append(FieldProblem("state", f"{quoted(metadata['state'])} is not a state", "Write 'open' or 'closed'",
                                     line=(lines or {}).get("state")))
    if state == "closed" and "outcome" not in optional and not str(metadata.get("outcome", "")).strip():
        problems.append(FieldProblem("outcome", "is missing for a closed action", "Add 'Outcome: …' saying what happened"))
    if metadata.get("outcome-date") not in ("", None):
        try:
            parse_iso_date(metadata["outcome-date"])
        except ValueError:
            problems.append(FieldProblem("outcome-date", f"{quoted(metadata['outcome-date'])} is not a date",
                                         "Write it as YYYY-MM-DD", line=(lines or {}).get("outcome-date")))
    ids = {field: split_ids(metadata.get(field, "")) for field in ("targets", "people")}
    for field, known, name in (("targets", data.targets, "targets.toml"), ("people", data.people, "people.toml")):
        problems += unknown_id_problems(field, ids[field], known, name, lines)
    if len(ids["targets"]) > MAX_TARGETS:
        problems.append(FieldProblem("targets", f"names {len(ids['targets'])} officials; the limit is {MAX_TARGETS}",
                                     "Write to the few officials who decide; a petition reaches the rest",
                                     line=(lines or {}).get("targets")))
    petition = metadata.get("petition")
    if petition not in (None, ""):
        problem = petition_problem(str(petition))
        if problem:
            problems.append(FieldProblem("petition", problem, "Write the full address, starting with https://, "
                                         "as the petition site shows it", line=(lines or {}).get("petition")))
    problems += date_order_problems(metadata, lines)
    if languages is not None:
        # A few named, the rest counted: 20,000 codes made 20,000 messages.
        problems += a_few_then_counted(
            [lang for lang in split_ids(metadata.get("required-languages", "")) if lang not in languages],
            lambda lang: FieldProblem("required-languages", f"{quoted(lang)} is not a configured language",
                                      f"Use languages from MULTILINGUAL['languages'] in pelicanconf.py ({', '.join(languages)}), "
                                      f"or add {quoted(lang)} there"),
            lambda more: FieldProblem("required-languages", f"{more} more languages are not configured",
                                      "Name only languages of MULTILINGUAL['languages'] in pelicanconf.py"))
    return problems


# The petition link is on the action page in every language: a one-megabyte address made megabyte pages.
# Browsers and petition sites keep addresses far shorter.
MAX_PETITION_CHARACTERS = 2000


def petition_problem(address):
    """Why `address` cannot be the petition link, or None."""
    value = address.strip()
    if any(char.isspace() or char in "\"'<>`\\" for char in value) or any(ord(char) < 32 for char in value):
        return f"{shortened(value)!r} holds spaces, quotes or other characters no address has"
    if not is_web_url(value):
        return f"{shortened(value)!r} is not an http(s) address"
    if len(value) > MAX_PETITION_CHARACTERS:
        return f"{shortened(value)!r} is {len(value):,} characters long; the limit is {MAX_PETITION_CHARACTERS:,}"
    parts = urllib.parse.urlsplit(value)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return f"{shortened(value)!r} carries a user name or password ('…@' before the host)"
    return web_address_problem(value, parts)


# What a browser reads past but HTML does not allow in a link (the WHATWG URL standard's "valid URL string"):
# an action page whose petition link held one was invalid HTML in every language, and `invoke publish` failed
# on the built pages. Outside an IPv6 host's brackets these characters are never part of an address. (In
# content's own links the sanitizer percent-encodes the same characters, sanitize.valid_address; the team's
# petition address is refused instead, so that the team sees it.)
NOT_IN_ADDRESS = re.compile(r"[\[\]{}|^]")
STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9A-Fa-f]*)\Z")
DOTTED_QUAD_PART = re.compile(r"^(?:0|[1-9][0-9]{0,2})\Z")


def web_address_problem(value, parts):
    """Why the http(s) address `value` (split as `parts`) is not one a link may carry, or None."""
    shown = repr(shortened(value))
    host = parts.netloc.rpartition("@")[2]
    rest = value.replace(host, "", 1) if host.startswith("[") else value
    if NOT_IN_ADDRESS.search(rest) or value.count("#") > 1:
        return f"{shown} holds a character a link may not carry ([ ] {{ }} | ^ or a second #); write it percent-encoded"
    if STRAY_PERCENT.search(value):
        return f"{shown} has a '%' that begins no percent-escape; write it as %25"
    try:
        parts.port
    except ValueError:
        return f"{shown} has a port that is not a number from 0 to 65535"
    name = (parts.hostname or "").rstrip(".")
    if host.startswith("["):
        return None
    if "%" in host:
        return f"{shown} has a '%' in its host name"
    labels = name.split(".")
    if not name or "" in labels:
        return f"{shown} has an empty part in its host name (two dots in a row, or a dot first)"
    if NUMERIC_LABEL.match(labels[-1]) and not (len(labels) == 4 and all(DOTTED_QUAD_PART.match(label)
                                                                           and int(label) < 256 for label in labels)):
        return f"{shown} has a host that is neither a name nor an IPv4 address such as 192.0.2.1"
    for label in labels:
        try:
            encoded = label.encode("idna") if not label.isascii() else label.encode("ascii")
            if encoded[:4].lower() == b"xn--":
                encoded[4:].decode("punycode")
        except UnicodeError:
            return f"{shown} has a host name that cannot be an international domain name"
        if len(encoded) > 63:
            return f"{shown} has a part of its host name over 63 characters"
    return None


def _date_or_none(value):
    try:
        return parse_iso_date(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None  # reported as not a date


def date_order_problems(metadata, lines=None):
    """A deadline or outcome date before the action's own date."""
    published = _date_or_none(metadata.get("date"))
    problems = []
    if published is None:
        return problems
    for field, what in (("deadline", "the deadline"), ("outcome-date", "the outcome date")):
        value = _date_or_none(metadata.get(field))
        if value is not None and value < published:
            problems.append(FieldProblem(field, f"{what} {value.isoformat()} is before the action's Date "
                                         f"{published.isoformat()}", f"Check both dates; {what} comes after the Date",
                                         line=(lines or {}).get(field)))
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


def quoted(value):
    """A field's value as a message quotes it: its start only, if it is long."""
    return repr(shortened(display(value)))


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


def fields_original_lacks(original_metadata, translation_metadata, locked_fields):
    """The locked fields a translation sets and its original does not: the original decides them, so a
    translation cannot add one (a petition link of its own, say)."""
    return [field for field in locked_fields if field in translation_metadata and field not in original_metadata]


def is_open(state, deadline, today):
    """An action is open until it is closed or its deadline has passed."""
    return state == "open" and deadline >= today


def action_sort_key(action):
    """Open actions first, soonest deadline first; then closed, newest first."""
    if action.is_open:
        return (0, action.deadline.toordinal(), action.slug)
    return (1, -action.deadline.toordinal(), action.slug)
