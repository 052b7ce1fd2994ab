"""The metadata header at the top of a content file, read line by line.

`Key: value` lines, continued by lines indented four spaces, up to the first
blank line (Python-Markdown's meta syntax, optionally between `---` lines).
Unlike Markdown's meta extension it knows where each field was written, and
says so when a line in the header is not a field or a field is written twice,
instead of silently turning the rest of the header into body text or merging
two values.
"""

import dataclasses
import re

from campaign.problems import Problem, a_few_then_counted, shortened

from .model import DOCUMENT_FIELDS

META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclasses.dataclass
class Header:
    fields: dict  # lowercased key -> [values]
    body: str
    lines: dict  # lowercased key -> the 1-based line it is written on
    body_line: int  # the 1-based line the body starts on
    problems: list
    # (first, last) 0-based indexes of the blank lines that ended the header above more document fields, or None
    cut: object = None


# A header line meant as a field that holds a volunteer's name, written without its colon: it is named by
# that word alone, since the build's messages reach CI's log, which anyone may read for a public repository.
NAME_FIELD_LINE = re.compile(r"^(translator|reviewer)\b", re.IGNORECASE)

# A header is a few lines: the text is split only this far unless the header goes on beyond it.
HEADER_LINES_AT_MOST = 64


def read_header(text, file=""):
    """Split a document into its Header (fields, body, line numbers, problems)."""
    lines = text.split("\n", HEADER_LINES_AT_MOST)  # the last item: the rest of the text, not split
    header = _scan(lines, file)
    if header.body_line > HEADER_LINES_AT_MOST and len(lines) > HEADER_LINES_AT_MOST:
        header = _scan(text.split("\n"), file)  # the scan reached the unsplit rest
    return header


def _scan(lines, file):
    fields, where, key, index = {}, {}, None, 0
    repeated, no_colon = [], []  # (line, key) and (line, text): named by a few, the rest counted
    if lines and META_BEGIN.match(lines[0]):
        index = 1
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (META_END.match(line) and key is not None):
            if META_END.match(line):
                index += 1
            break
        match = META_LINE.match(line)
        more = None if match else META_MORE.match(line)
        if match:
            key = match.group("key").lower()
            if key in fields:
                repeated.append((index + 1, key))
                key = None  # its continuation lines go with the ignored line
            else:
                fields[key] = [match.group("value").strip()]
                where[key] = index + 1
        elif more and key is not None:
            fields[key].append(more.group("value").strip())
        elif more and fields:
            pass  # continues a line already reported
        elif fields:
            no_colon.append((index + 1, line.strip()))
            key = None
        else:
            break  # no header: the body starts on the first line
        index += 1
    problems = a_few_then_counted(
        repeated, lambda found: Problem(file, found[1], f"is written twice (lines {where[found[1]]} and {found[0]}); "
                                        "only the first is used", "Delete one of the two lines", line=found[0]),
        lambda more: Problem(file, "", f"{more} more fields are written twice; only the first of each is used",
                             "Write each field once"))
    problems += a_few_then_counted(
        no_colon, lambda found: Problem(file, "", f"the header line '{_as_named(found[1])}' has no colon, so it "
                                        "is not a field", "Write it as 'Name: value' (e.g. 'Petition: https://…'), or "
                                        "leave a blank line before the text if it belongs to the body", line=found[0]),
        lambda more: Problem(file, "", f"{more} more header lines have no colon", "Write each as 'Name: value', or "
                             "leave a blank line before the text if it belongs to the body"))
    cut = _fields_after_a_blank_line(lines, index, fields, file)
    if cut:
        problems.append(cut[0])
    return Header(fields, "\n".join(lines[index:]), where, index + 1, problems, cut[1] if cut else None)


def _fields_after_a_blank_line(lines, index, fields, file):
    """(Problem, (first, last) indexes of the blank lines) when the header ended at a blank line (line
    index + 1) and the text goes on with a document's fields, as a web editor's stray blank line leaves it:
    they would be the page's first paragraph. None otherwise."""
    if not fields or index >= len(lines) or lines[index].strip():
        return None
    following = index
    while following < len(lines) and not lines[following].strip() and following - index < HEADER_LINES_AT_MOST:
        following += 1
    match = META_LINE.match(lines[following].split("\n", 1)[0]) if following < len(lines) else None
    key = match.group("key").lower() if match else None
    if key not in DOCUMENT_FIELDS or key in fields:
        return None
    return (Problem(file, key, f"line {index + 1} is blank, so the header ends there and "
                    f"'{match.group('key')}:' on line {following + 1}, with any field below it, is read as the "
                    "page's text", f"Delete the blank line {index + 1}", line=index + 1), (index, following - 1))


def _as_named(line):
    """How a message quotes a header line: shortened, and without the name a Translator or Reviewer line holds."""
    name_field = NAME_FIELD_LINE.match(line)
    return f"{name_field.group(1)} …" if name_field else shortened(line, 60)


def split_header(text):
    """({key: [values]}, body) of a document, as Markdown's meta extension splits it."""
    header = read_header(text)
    return header.fields, header.body
