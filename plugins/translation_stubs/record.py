"""`invoke translations --done PATH` and `--reviewed PATH --reviewer NAME`.

They record, in a translation's own header, what a translator or reviewer
says of it: that it is up to date with its original (the original's
fingerprint and `Translation-Status: translated`), or that a second person
checked it (`Translation-Status: reviewed` and `Reviewer:`). Only those
header lines change; every other byte of the file stays as it was. A file
that is not a translation, or a review of a translation that is not up to
date, is refused with the reason.
"""

import dataclasses
import os
import re

from campaign.output import write_atomically
from campaign.problems import CONTROL
from campaign.sources import BYTE_ORDER_MARK
from campaign_content.header import META_END, META_LINE, META_MORE, read_header

from .status import OUTDATED, STUB, TRANSLATED, collect_status, missing_translated_fields


class RecordRefused(Exception):
    """Why a --done or --reviewed was not recorded; the file is unchanged."""


@dataclasses.dataclass(frozen=True)
class Recorded:
    path: str  # relative to the content folder
    changes: tuple  # the header lines written, e.g. ('Translation-Status: translated', …)


def _relative(project, path):
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(project.content_path)).replace(os.sep, "/")
    if relative.startswith("../") or not os.path.isfile(absolute):
        raise RecordRefused(f"{path} is not a file in the content folder {project.content_path}")
    return relative


def _entry(project, relative):
    report = collect_status(dataclasses.replace(project, cache_path=None))
    entry = report.entry_for_file(relative)
    if entry is None:
        raise RecordRefused(f"{relative} is not a translation: it is an original, or no original in "
                            f"'{project.default_lang}' has its slug. Nothing was changed")
    return entry


def _insertion_index(lines, header):
    """The 0-based line before which new fields go: inside the header, before the closing '---' or '...' of
    a header written between such lines, else before the blank line (or the end of the text) that ends it."""
    end = header.body_line - 1  # the first line of the body
    # The header reader ends a header at '---' or '...' with or without an opening '---'; a field line
    # never looks like one, so a line like that just above the body is the header's end.
    if header.lines and end >= 1 and META_END.match(lines[end - 1]):
        return end - 1
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


# What ends a line, as the header reader counts lines (campaign.sources turns each into '\n' first).
LINE_ENDING = re.compile(r"(\r\n|\r|\n)")


def split_lines(text):
    """[(line, its own ending)] of `text`, numbered as the header reader numbers them: '\r\n', a lone
    '\r' and '\n' each end a line. The last line's ending is ''."""
    parts = LINE_ENDING.split(text)
    return list(zip(parts[0::2], parts[1::2] + [""]))


def _continuations(contents, index, header):
    """The indexes of the header lines that continue the field on line index + 1 (indented four spaces)."""
    following = index + 1
    while following < header.body_line - 1 and META_MORE.match(contents[following]):
        yield following
        following += 1


def set_header_fields(text, values):
    """`text` with header fields set to `values` ({Name: value}): replaced where they are (with any
    continuation lines), added at the end of the header (a file without one gets one, and a blank line
    before its text). Every other line keeps its bytes and its own line ending, and the byte-order marks
    at its start stay first (the header reader, like every reader of content, skips them)."""
    marks = text[: len(text) - len(text.lstrip(BYTE_ORDER_MARK))]  # every one, as campaign.sources skips them
    if marks:
        return marks + set_header_fields(text[len(marks):], values)
    lines = split_lines(text)
    contents = [line for line, _ending in lines]
    header = read_header("\n".join(contents))
    replaced, dropped, added = {}, set(), []
    for name, value in values.items():
        number = header.lines.get(name.lower())
        if number is None:
            added.append(f"{name}: {value}")
            continue
        replaced[number - 1] = f"{name}: {value}"
        dropped.update(_continuations(contents, number - 1, header))  # of the value being replaced
    # A field written twice: the build reads the first line only and says so, so a later one (with its
    # continuation lines) is dropped, or a stale 'Translation-Status: stub' would stay below the new one.
    setting = {name.lower() for name in values}
    for index in range(header.body_line - 1):
        match = META_LINE.match(contents[index])
        key = match.group("key").lower() if match else None
        if key in setting and header.lines.get(key) != index + 1:
            dropped.update([index, *_continuations(contents, index, header)])
    end = _insertion_index(contents, header)
    if not header.lines and end < len(contents) and contents[end].strip():
        added.append("")  # the body began on the first line: a blank line keeps it out of the new header
    # New lines end as the line above them does (or as the text's first line, or '\n').
    endings = [ending for _line, ending in lines[:end][-1:] + lines if ending]
    newline = endings[0] if endings else "\n"
    result = []
    for index, (line, ending) in enumerate(lines):
        if index == end:
            result.extend(line + newline for line in added)
        if index not in dropped:
            result.append(replaced.get(index, line) + ending)
    if end == len(lines) and added:  # the header runs to the end of a text without a last line ending
        result[-1] += newline
        result.extend(line + newline for line in added)
    return "".join(result)


def _write(path, text):
    """Replace the file atomically, keeping its permissions."""
    write_atomically(path, text, keep_mode=True)


def _update(project, relative, values):
    path = os.path.join(project.content_path, relative)
    with open(path, encoding="utf-8", newline="") as stream:
        text = stream.read()
    _write(path, set_header_fields(text, values))
    return Recorded(relative, tuple(f"{name}: {value}" for name, value in values.items()))


def record_done(project, path):
    """Record that the translation at `path` is up to date with its original."""
    relative = _relative(project, path)
    entry = _entry(project, relative)
    missing = missing_translated_fields(entry.kind, entry.fields)
    if missing:
        raise RecordRefused(f"{relative} has no {' and no '.join(field.capitalize() for field in missing)} yet, so "
                            "the build would leave it out: "
                            "translate them, then run --done again. Nothing was changed")
    return _update(project, relative, {"Translation-Status": TRANSLATED, "Source-Fingerprint": entry.source_fingerprint})


def record_review(project, path, reviewer):
    """Record that a second person, `reviewer`, checked the up-to-date translation at `path`."""
    name = (reviewer or "").strip()
    if not name or CONTROL.search(name) or "\n" in name:
        raise RecordRefused("--reviewer needs a name on one line, e.g. --reviewer \"Dana\"")
    relative = _relative(project, path)
    entry = _entry(project, relative)
    if entry.state == STUB:
        raise RecordRefused(f"{relative} is still a stub: finish the translation and run --done first. Nothing was changed")
    if entry.state == OUTDATED:
        raise RecordRefused(f"{relative} is outdated: its original changed since it was translated. Update it and run "
                            "--done first, so the review is of the current text. Nothing was changed")
    return _update(project, relative, {"Translation-Status": "reviewed", "Reviewer": name})
