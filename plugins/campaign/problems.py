"""One error hierarchy and one problem type for every plugin.

A Problem is something wrong with the input, said once: the file, the line
(when known), the field, what is wrong and how to fix it, and how bad it is.
`Problem.text()` is the one way it is printed; `log()` sends it to a
plugin's logger, so strict builds count it like any other warning.
Errors that stop a build or a task derive from CampaignError; tasks.py maps
them to exit codes in one place.
"""

import dataclasses
import logging
import re


class CampaignError(Exception):
    """Base of every error this project raises on purpose; its text is for people."""

    exit_code = 1


class ConfigurationError(CampaignError, ValueError):
    """A bad setting in pelicanconf.py or publishconf.py (a ValueError, as Pelican expects of plugins)."""

    exit_code = 2


class ContentError(CampaignError):
    """A content file cannot be used as it is."""


class BuildError(CampaignError):
    """The build itself failed, or a strict build saw problems."""


class CheckError(CampaignError):
    """A check of the built site failed."""


LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "notice": logging.INFO}

# C0 and C1 control characters except tab and line feed, DEL, and surrogates
# (a file name that is not UTF-8 reaches Python with its bytes as surrogates):
# a content file or a data value must not move the cursor, recolour or
# retitle a terminal, or hide text in a CI log. ONE_LINE_CONTROL: line feeds
# too, for text that is one line (a problem, whose file name could otherwise
# start a line of its own).
# The bidirectional marks, embeddings, overrides and isolates too (U+061C, U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069): they would show the rest of a line reversed, so that a message reads as something else;
# and the line and paragraph separators (U+2028, U+2029), which a log viewer may show as a new line.
# The characters that show as nothing (zero-width space, word joiner and invisible operators, a byte order
# mark inside a file): quoted, an id holding one would read as the very id the message says is valid. Not
# the zero-width joiner and non-joiner, which Persian and Indic words need.
SHOWN_AS_ESCAPES = (r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
                    r"\ufeff\ud800-\udfff")
CONTROL = re.compile(f"[{SHOWN_AS_ESCAPES}]")
ONE_LINE_CONTROL = re.compile(f"[\\n{SHOWN_AS_ESCAPES}]")
# A line GitHub Actions would take as a workflow command (`::error ...`, `::stop-commands::`, `##[error]`,
# after any leading spaces): a CI log shows content's file names and values, which must not give commands.
WORKFLOW_COMMAND = re.compile(r"^([ \t]*)(?=::|##\[)", re.MULTILINE)


def escaped(match):
    """A character as Python writes it in a string: \\x1b, \\u202e."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text, one_line=False):
    """`text` with every control character shown as an escape (ESC -> \\x1b), line feeds too with
    `one_line`, and no line a CI runner would read as a command (`::error` -> `\\::error`)."""
    text = str(text)
    control = ONE_LINE_CONTROL if one_line else CONTROL
    if control.search(text):
        text = control.sub(escaped, text)
    if "::" in text or "##[" in text:
        text = WORKFLOW_COMMAND.sub(lambda match: match.group(1) + "\\", text)
    return text


def shortened(text, limit=40):
    """`text` as a message quotes it: at most `limit` characters, the rest cut to an ellipsis."""
    return text if len(text) <= limit else text[: limit - 3] + "…"


# A long list of mistakes of one kind (unknown ids, fields, languages, lines) is named by this many, the
# rest counted: thousands of them must not make thousands of messages.
NAMED_AT_MOST = 5


def a_few_then_counted(items, one, rest):
    """[one(item)] for the first NAMED_AT_MOST items, then rest(how many more) if there are more."""
    problems = [one(item) for item in items[:NAMED_AT_MOST]]
    if len(items) > NAMED_AT_MOST:
        problems.append(rest(len(items) - NAMED_AT_MOST))
    return problems


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem with the input, with its fix."""

    file: str
    field: str
    message: str
    fix: str
    level: str = "error"
    line: object = None  # 1-based line number in `file`, when known

    def where(self):
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place}: field '{self.field}'" if self.field else place

    def text(self):
        fix = f" {self.fix}" if self.fix else ""
        return terminal_safe(f"{self.where()}: {self.message}.{fix}", one_line=True)

    def as_dict(self):
        return {"file": self.file, "line": self.line, "field": self.field, "problem": self.message,
                "fix": self.fix, "level": self.level, "message": self.text()}


def log(logger, plugin, problem):
    """Log `problem` on a plugin's logger, as '<plugin>: <problem text>'."""
    logger.log(LEVELS[problem.level], "%s: %s", plugin, problem.text(), extra={"problem": problem})


class TerminalSafeFilter(logging.Filter):
    """A handler filter: no log line carries a control character to the terminal."""

    def filter(self, record):
        message = record.getMessage()
        safe = terminal_safe(message)
        if safe is not message:
            record.msg, record.args = safe, ()
        return True
