"""What `invoke build`, `publish` and `bundle` do, as functions tasks.py calls.

A build's report is printed here; a publish builds into a fresh folder,
checks it and only then puts it in place of output/ and seals it, so that
the next publish may start from a copy of it and read only what changed
(plugins/incremental); a bundle builds the
same site with links that work from disk, checks it and zips it. Errors are
campaign.problems errors, which tasks.py turns into exit codes.
"""

import logging
import os
import shutil
import sys
import tempfile

from campaign.annotations import append_job_summary, held_back_markdown
from campaign.output import new_folder
from campaign.problems import terminal_safe

from incremental import seal

from . import build, load_settings, plain_log_handler

PUBLISH_SETTINGS = "publishconf.py"

logger = logging.getLogger(__name__)


def build_and_report(settings_file, strict=False, overrides=None, out=sys.stdout, site=None, remember=True):
    """Build with Pelican's log set up for a person (terminal) or CI (one line per problem); print the outcome."""
    from pelican.log import DEFAULT_LOG_HANDLER, init as init_logging

    init_logging(level=None, handler=DEFAULT_LOG_HANDLER if sys.stderr.isatty() else plain_log_handler())
    report = build(settings_file, overrides=overrides, strict=strict, site=site, remember=remember)
    if report.held_back:
        print("\nHeld back from this build (written in no language until their required translations are ready):",
              file=out)
        for path, reasons in sorted(report.held_back.items()):
            # Like the plan below, it names files, which are a volunteer's: a line feed in a name must not
            # start a line of its own in CI's log, which the runner would read as a command (::error::).
            print(terminal_safe(f"  {path}: {'; '.join(reasons)}", one_line=True), file=out)
    if report.held_back or os.path.basename(settings_file) == PUBLISH_SETTINGS:
        append_job_summary(held_back_markdown(report.held_back))
    if report.plan:
        # "partial: 1 changed document(s)" or "full: <why>" (plugins/incremental)
        kind, why = report.plan.split(":", 1)
        print(f"\n{terminal_safe(f'{kind.capitalize()} build:{why}', one_line=True)}", file=out)
    if report.problems:
        print(f"\nBuilt with {len(report.errors)} error(s) and {len(report.warnings)} warning(s); "
              "`invoke build --strict` fails on them.", file=out)
    return report


def _remove(path):
    """Remove a folder, or a link or file where one was (rmtree refuses a link: it is unlinked, never followed)."""
    if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
        os.unlink(path)
    else:
        shutil.rmtree(path, ignore_errors=True)


def replace_folder(new, target):
    """Put the folder `new` where `target` is, keeping `target` whole until the last moment."""
    previous = target + ".previous"
    _remove(previous)
    if os.path.lexists(target):
        os.replace(target, previous)
    os.replace(new, target)
    _remove(previous)


def publish(root, output, check, run_build=build_and_report, settings_file=None, overrides=None):
    """A strict production build into a fresh folder beside `output`, then `check(folder)`;
    `output` is replaced only if both pass (a failure raises and leaves it as it was), and sealed.

    The build starts from a copy of `output` and reads only what changed when
    `output` is sealed by the last build (incremental); else it is a full one.
    `settings_file`: publishconf.py by default; `overrides`: more settings (the benchmark's).
    """
    staging = new_folder(os.path.dirname(os.path.abspath(output)), "publish-")
    try:
        report = run_build(settings_file or os.path.join(root, PUBLISH_SETTINGS), strict=True,
                           overrides={**(overrides or {}), "OUTPUT_PATH": staging, "DELETE_OUTPUT_DIRECTORY": False},
                           site=output)
        check(staging)
        replace_folder(staging, output)
        if report is not None and report.build_id:
            try:
                seal(report.cache_path, output, report.build_id)
            except OSError as error:  # the site is published; only the next publish's head start is lost
                logger.warning("sitebuild: could not seal %s (%s); the next publish will be a full one", output, error)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def bundle(root, zip_path, name, check, strict=True, run_build=build_and_report):
    """The production site with links that work opened from disk, checked, as a zip with its SHA-256.
    Returns (checksum file, checksum)."""
    from site_checks import bundle as mirror

    staging = tempfile.mkdtemp(prefix="bundle-")
    try:
        settings_file = os.path.join(root, mirror.BUNDLE_SETTINGS_FILE)
        # Thrown away once zipped: the manifest of the published site stays as it is.
        run_build(settings_file, strict=strict, remember=False,
                  overrides={"OUTPUT_PATH": staging, **mirror.bundle_overrides(load_settings(settings_file))})
        check(staging)
        return mirror.write_zip(staging, zip_path, name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
