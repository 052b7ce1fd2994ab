"""Run one Pelican build in-process and count what went wrong.

Not a Pelican plugin: tasks.py and the tests call `build()`. Like MkDocs'
strict mode, every warning and error is shown, then a strict build fails
with how many there were, instead of stopping at the first.
"""

import atexit
import copy
import dataclasses
import gc
import logging
import os

from pelican import Pelican
from pelican.settings import read_settings

from campaign.annotations import AnnotationHandler, under_github_actions
from campaign.output import remove_stale_temporaries
from campaign import contract
from campaign.problems import BuildError, ConfigurationError, TerminalSafeFilter
from campaign.processes import stop_resource_tracker
from campaign.contract import FullBuildNeeded, WiderBuildNeeded
from incremental import FULL_BUILD_KEY, PARTIAL_OK_KEY, RECORD_KEY, SITE_KEY, STATE_KEY, WIDE_BUILD_KEY, finish

logger = logging.getLogger(__name__)


class BuildFailed(BuildError):
    """A strict build saw warnings or errors, or the build itself broke."""


@dataclasses.dataclass
class BuildReport:
    output_path: str
    warnings: list
    errors: list
    # "full: <why>" or "partial: <what changed>" (plugins/incremental); None without it.
    plan: object = None
    # {original path: [why]} of the actions held back from this build (translation_stubs).
    held_back: dict = dataclasses.field(default_factory=dict)
    # Where the incremental manifest is, and the build it names: whoever puts
    # the output in place seals it (incremental.seal) so the next build may start from it.
    cache_path: str = ""
    build_id: str = ""

    @property
    def problems(self):
        return self.errors + self.warnings


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings, self.errors, self.logged = [], [], []

    def emit(self, record):
        message = record.getMessage()
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)
        self.logged.append((record.levelno, message))


def plain_log_handler(stream=None):
    """A log handler for CI logs and files: 'LEVEL message', one line each, never wrapped."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    return handler


def load_settings(settings_file="pelicanconf.py", overrides=None):
    """Pelican's settings with every plugin's setting merged and checked (campaign.contract).

    Dicts and lists are copies: publishconf.py imports pelicanconf.py, whose
    module (and its MARKDOWN, which Pelican's reader adds to) Python keeps
    between builds in one process (`invoke regenerate`, tests).
    """
    settings = read_settings(settings_file, override=overrides or {})
    settings.update((name, copy.deepcopy(value)) for name, value in settings.items() if isinstance(value, (dict, list)))
    return contract.prepare(settings)


BUILD_GC_THRESHOLDS = (50_000, 20, 20)


def end_process_quickly():
    """For a process that ends after building (`invoke build`, `invoke publish`, the bench's passes).

    At exit the interpreter collects every reference cycle still alive: the
    whole site the build made, about half a second at 1,000 x 3, for memory
    the operating system is about to take back anyway. Frozen first (by an
    exit handler, which runs before that collection and before logging
    flushes its handlers), those objects are left to it. Nothing is lost:
    every file is written and closed by then. It acts only at exit, so a
    process that builds again and again (`invoke livereload`) loses nothing
    by it either.
    """
    atexit.register(gc.freeze)


def build(settings_file="pelicanconf.py", overrides=None, strict=False, site=None, remember=True):
    """Build the site; return a BuildReport, or raise BuildFailed in strict mode.

    With the incremental plugin, a build reads only the documents that
    changed since the last one. When a partial build finds that its change
    reaches further, the whole site is built.

    `site`: the folder whose site this build's output (a fresh folder) will
    replace once checked, as a publish does. A strict build is a full one,
    checking every document, unless `site` holds the site the last build
    wrote (sealed, so published after passing strict): then it starts from a
    copy of it and reads what changed, and the last build's warnings, of
    which there were none, would be repeated.

    `remember=False`: the output is thrown away after use (the mirror
    bundle's); the build is full and leaves the last build's manifest alone.
    """
    def fresh_settings():
        settings = load_settings(settings_file, overrides)
        if site is not None:
            settings[SITE_KEY] = os.path.abspath(site)
        elif strict:
            settings[FULL_BUILD_KEY] = "a strict build checks every document"
        if not remember:
            settings[RECORD_KEY] = False
            settings[FULL_BUILD_KEY] = "a build whose output is thrown away after use"
        return settings

    settings = fresh_settings()
    for path in remove_stale_temporaries(settings["CACHE_PATH"]):
        logger.info("sitebuild: removed %s, left by a build that was stopped", path)
    # What is loaded by now (Pelican, the plugins, the settings) lives for the
    # whole build: the cyclic collector need not walk it again and again. Nor,
    # as the documents read pile up, need it start every 700 new objects (as
    # mypy does for its own build).
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        counter, plan, held_back, build_id = _run_until_done(settings, fresh_settings)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        stop_resource_tracker()  # no process of the build outlives it
    report = BuildReport(settings["OUTPUT_PATH"], counter.warnings, counter.errors, plan, held_back,
                         settings["CACHE_PATH"], build_id)
    if strict and report.problems:
        raise BuildFailed(
            f"strict build: {len(report.errors)} error(s) and {len(report.warnings)} warning(s); "
            "fix them (each names the file and field) and build again"
        )
    return report


def _run_until_done(settings, fresh_settings):
    """Run the build, wider or full when a partial build finds its change reaches further."""
    settings[PARTIAL_OK_KEY] = True
    while True:
        try:
            return _run(settings)
        except WiderBuildNeeded as reason:
            # Nothing was written yet: build again, writing the pages that show what changed.
            logger.info("incremental: writing the neighbours too: %s", reason)
            settings = fresh_settings()
            settings[WIDE_BUILD_KEY] = str(reason)
            settings[PARTIAL_OK_KEY] = True
        except FullBuildNeeded as reason:
            if settings.get(FULL_BUILD_KEY):
                raise  # a full build cannot widen any further
            logger.info("incremental: building everything: %s", reason)
            settings = fresh_settings()
            settings[FULL_BUILD_KEY] = str(reason)


class _Held(logging.Handler):
    """Keeps a pass's log records until the pass is known to count."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def forget_logged_messages():
    """Pelican drops a warning already logged in this process (pelican.log.LimitFilter); each pass
    of a build must report all of its own. Internal state of Pelican: tests/contracts/ names it."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _run(settings):
    """One Pelican run: (the counted warnings and errors, the last build's repeated in a partial one; the plan).

    Its log records reach the real outputs only when the pass counts: a pass
    abandoned for a wider build (WiderBuildNeeded, FullBuildNeeded) shows
    nothing, so a rebuild reports exactly what the build that counts found.
    """
    root = logging.getLogger()
    outputs = list(root.handlers)
    if under_github_actions():
        # Each problem also on its file's line in the pull request's diff.
        outputs.append(AnnotationHandler(os.path.relpath(settings["PATH"]).replace(os.sep, "/")))
    counter, held = _Counter(), _Held()
    # Content reaches log lines (titles, names, slugs): none may drive the terminal.
    safe = TerminalSafeFilter()
    for handler in (counter, held):
        handler.addFilter(safe)
    root.handlers = [held, counter]
    forget_logged_messages()
    counts = True
    try:
        try:
            pelican = Pelican(settings)
        except ConfigurationError:
            raise
        except ValueError as error:
            # Pelican checks its own settings when it starts.
            raise ConfigurationError(f"configuration: {error}") from None
        pelican.run()
        plan = finish(pelican.settings, counter.logged)
        held_back = dict(pelican.settings.get(contract.TRANSLATION_HELD_BACK) or {})
        state = pelican.settings.get(STATE_KEY)
        build_id = state.record.build_id if state is not None else ""
    except (WiderBuildNeeded, FullBuildNeeded):
        counts = False
        raise
    finally:
        root.handlers = [handler for handler in outputs if not isinstance(handler, AnnotationHandler)]
        if counts:
            for record in held.records:
                for handler in outputs:
                    if record.levelno >= handler.level:
                        handler.handle(record)
    return counter, plan, held_back, build_id


def watch(paths, rebuild, stop_event=None):
    """Call rebuild() now and after every batch of changes under `paths`, until `stop_event` is set.

    watchfiles (which Pelican itself uses) waits on the system's file events
    and leaves out editors' swap and backup files; changes made while a build
    runs start the next one.
    """
    from watchfiles import watch as changes_under

    rebuild()
    for _changes in changes_under(*paths, stop_event=stop_event):
        rebuild()
