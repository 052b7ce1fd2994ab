"""Problems as GitHub Actions annotations: `::error file=…,line=…::message`.

Under GitHub Actions (GITHUB_ACTIONS=true) every content problem is also
printed as a workflow command, so GitHub shows it on the line of the file in
the pull request's diff, where the translator or author who wrote it looks.
"""

import logging
import os
import re
import sys

from campaign.problems import CONTROL, escaped

# Messages that name no Problem object still start 'plugin: file[:line]: …'.
MESSAGE = re.compile(r"^(?P<plugin>[a-z_]+): (?P<file>[^\s:]+\.(?:md|markdown|mkd|mdown|toml|po))"
                     r"(?::(?P<line>\d+))?: (?P<text>.*)$", re.DOTALL)
COMMANDS = {"error": "error", "warning": "warning", "notice": "notice"}


def under_github_actions(environ=os.environ):
    return environ.get("GITHUB_ACTIONS") == "true"


def _data(text):
    # A file name is content too: its escape sequence or bidirectional override must not reach the log.
    text = CONTROL.sub(escaped, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text):
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(level, file, line, message, title=None):
    """One annotation; `file` relative to the repository root."""
    properties = [f"file={_property(file)}"]
    if line:
        properties.append(f"line={int(line)}")
    if title:
        properties.append(f"title={_property(title)}")
    return f"::{COMMANDS.get(level, 'error')} {','.join(properties)}::{_data(message)}"


def annotation_of(levelname, message, content_folder, problem=None, plugin=None):
    """The annotation of one logged problem, or None when it names no file."""
    level = "error" if levelname in ("ERROR", "CRITICAL") else "warning"
    if problem is not None and problem.file:
        file, line, text = problem.file, problem.line, problem.text()
    else:
        match = MESSAGE.match(message)
        if not match:
            return None
        file, line, text, plugin = match.group("file"), match.group("line"), message, match.group("plugin")
    path = file if file.startswith(content_folder + "/") or os.path.isabs(file) else f"{content_folder}/{file}"
    return workflow_command(level, path, line, text, title=plugin)


def markdown_code(text, table=False):
    """`text` as one Markdown code span, shown as typed: content's file names and values never become a
    link, an image, HTML or a heading on a job summary. On one line (a line feed shows as \\n); its fence
    is longer than any run of backticks in it; `table`: a '|' is escaped, which would end a table cell."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    if table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "  # CommonMark strips one space each side, so a backtick at an end stays text
    return f"{fence}{text}{fence}"


def append_job_summary(markdown, environ=os.environ):
    """Add Markdown to the job's summary page under GitHub Actions; elsewhere do nothing."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(markdown.rstrip("\n") + "\n\n")


def held_back_markdown(held_back):
    """The actions a build held back, as Markdown for a job summary."""
    lines = ["### Held back from this build", ""]
    if not held_back:
        return "\n".join(lines + ["None: every action is published."])
    lines.append("Not written in any language until their required translations are ready:")
    lines.append("")
    lines += [f"- {markdown_code(path)}: {markdown_code('; '.join(reasons))}" for path, reasons in sorted(held_back.items())]
    return "\n".join(lines)


class AnnotationHandler(logging.Handler):
    """Prints an annotation for every warning and error that names a content file."""

    def __init__(self, content_folder, stream=None):
        super().__init__(logging.WARNING)
        self.content_folder = content_folder.rstrip("/")
        self.stream = stream or sys.stdout

    def emit(self, record):
        command = annotation_of(record.levelname, record.getMessage(), self.content_folder,
                                getattr(record, "problem", None), plugin=record.name.split(".")[0])
        if command:
            print(command, file=self.stream, flush=True)
