"""The model letter: parsing the `::: letter` block and grouping targets.

The reader (campaign_content) keeps the block's raw text in
metadata["letter"]: a `Subject: …` line, a blank line, then the body.
"""

import dataclasses
import re

from campaign.problems import Problem

SUBJECT = re.compile(r"^subject:[ \t]*(?P<subject>.*)$", re.IGNORECASE)
# Every group of officials gets its own copy of the letter on the page (and in its links): a letter of
# any length times many groups made pages of tens of megabytes. A letter an official reads is a page or two.
MAX_LETTER_CHARACTERS = 10_000
# The subject goes into every copy too, and into each mail link; a subject is a line.
MAX_SUBJECT_CHARACTERS = 200


@dataclasses.dataclass(frozen=True)
class Letter:
    subject: str
    body: str


def _problem(source_file, message, fix):
    return Problem(source_file, "letter", message, fix)


def parse_letter(raw, source_file):
    """Return (Letter, None) or (None, Problem) for the letter block of `source_file`."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    first = lines[0].strip() if lines else ""
    match = SUBJECT.match(first)
    if not match:
        return None, _problem(
            source_file, "has no subject",
            "Start the ::: letter block with a line 'Subject: …', then a blank line, then the body")
    subject = match.group("subject").strip()
    if not subject:
        return None, _problem(source_file, "has an empty subject", "Write the subject after 'Subject:'")
    if len(subject) > MAX_SUBJECT_CHARACTERS:
        return None, _problem(source_file, f"has a subject {len(subject):,} characters long; the limit is "
                              f"{MAX_SUBJECT_CHARACTERS:,}", "Say in the subject, in a few words, what the letter asks")
    rest = lines[1:]
    if rest and rest[0].strip():
        return None, _problem(
            source_file, "has no blank line after the subject", "Leave one empty line between 'Subject: …' and the body")
    body = "\n".join(line.rstrip() for line in rest).strip("\n")
    if not body.strip():
        return None, _problem(source_file, "has no body", "Write the letter's text after the subject and a blank line")
    if len(body) > MAX_LETTER_CHARACTERS:
        return None, _problem(source_file, f"is {len(body):,} characters long; the limit is {MAX_LETTER_CHARACTERS:,}",
                              "Shorten the letter: say what you ask, of whom and why, and link to the briefing")
    return Letter(subject=subject, body=body), None


def with_salutations(body, salutations):
    """The body under the recipients' salutations, each once, in order."""
    unique = list(dict.fromkeys(s.strip() for s in salutations if s.strip()))
    return "\n".join(unique) + "\n\n" + body if unique else body


def group_targets(targets, page_lang, letter_langs):
    """[(letter language, [target ids])]: targets grouped for one mailto each.

    Targets who prefer the page's language, or whose language has no
    letter, share the page-language group (first); the others are grouped
    by their preferred language, in order of first appearance.
    """
    groups = {page_lang: []}
    for target in targets:
        lang = target.language if target.language in letter_langs else page_lang
        groups.setdefault(lang, []).append(target.id)
    return [(lang, ids) for lang, ids in groups.items() if ids]
