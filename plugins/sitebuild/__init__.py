"""Run one Pelican build in-process and count what went wrong.

Not a Pelican plugin: tasks.py and the tests call `build()`. Like MkDocs'
strict mode, every warning and error is shown, then a strict build fails
with how many there were, instead of stopping at the first.
"""

import dataclasses
import logging

from pelican import Pelican
from pelican.settings import read_settings


class BuildFailed(RuntimeError):
    """A strict build saw warnings or errors, or the build itself broke."""


@dataclasses.dataclass
class BuildReport:
    output_path: str
    warnings: list
    errors: list

    @property
    def problems(self):
        return self.errors + self.warnings


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings, self.errors = [], []

    def emit(self, record):
        message = record.getMessage()
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


def load_settings(settings_file="pelicanconf.py", overrides=None):
    return read_settings(settings_file, override=overrides or {})


def build(settings_file="pelicanconf.py", overrides=None, strict=False):
    """Build the site; return a BuildReport, or raise BuildFailed in strict mode."""
    settings = load_settings(settings_file, overrides)
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        try:
            pelican = Pelican(settings)
        except ValueError as error:
            # Plugins validate their settings when Pelican starts.
            raise BuildFailed(f"configuration: {error}") from None
        pelican.run()
    finally:
        root.removeHandler(counter)
    report = BuildReport(settings["OUTPUT_PATH"], counter.warnings, counter.errors)
    if strict and report.problems:
        raise BuildFailed(
            f"strict build: {len(report.errors)} error(s) and {len(report.warnings)} warning(s); "
            "fix them (each names the file and field) and build again"
        )
    return report
