"""incremental: a rebuild reads and writes only what a change touches.

Every build leaves a manifest in CACHE_PATH (manifest.py): a key of
everything that is not a document (settings, theme, plugins, data files,
the date, the software), each document's stamp and identity, the key of each
list page written, the warnings logged, and what plugins asked to remember.

The next build compares (plan.py). When only documents changed or were
added, Pelican reads just those documents and every document whose pages
show them: their translations, the briefing an action names and the actions
that name that briefing. Only those documents' pages are written again;
list pages, feeds and the sitemap are made from the records the multilingual
plugin remembers, and written only when what they show changed. Anything
else is a full build, and the log says why: the first build, a changed
setting, template, plugin or data file, a new day, a deleted document, a
file linking by {filename}, a changed URL, or a strict build.

Warnings about documents that were not read again are repeated from the
last build, so a partial build reports what a full one would.
"""

import collections
import functools
import hashlib
import logging
import os
import time
import uuid

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from campaign import contract
from campaign.sources import read_source

from . import manifest as manifests
from .manifest import Identity, Manifest, is_document, split_content, walk_stamps
from .plan import full, identity_from_path, plan_build, related_groups
from .settings import SETTING, merge_settings

logger = logging.getLogger(__name__)

# The BuildState, in the settings and so in every generator's context.
STATE_KEY = contract.INCREMENTAL
# Set by whoever runs the build (sitebuild) to a reason to read everything.
FULL_BUILD_KEY = "INCREMENTAL_FULL_BUILD"
# Set by sitebuild to a reason to write the changed documents' neighbours too.
WIDE_BUILD_KEY = "INCREMENTAL_WIDE_BUILD"
# Set by sitebuild, which builds again (wider, or in full) when a partial
# build finds that its change reaches further. Without it (the `pelican`
# command), every build is a full one.
PARTIAL_OK_KEY = "INCREMENTAL_PARTIAL_OK"
# ARTICLE_PATHS + PAGE_PATHS as configured, when a partial build narrowed them.
DOCUMENT_PATHS_KEY = contract.INCREMENTAL_DOCUMENT_PATHS
TEMPLATE_CACHE = "jinja"
LARGE_PREFIX = "large:"
IGNORED_SETTINGS = (STATE_KEY, FULL_BUILD_KEY, WIDE_BUILD_KEY, PARTIAL_OK_KEY, DOCUMENT_PATHS_KEY)
DOCUMENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                  "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")


class FullBuildNeeded(RuntimeError):
    """A partial build found that its change reaches further: build everything."""


class WiderBuildNeeded(RuntimeError):
    """A narrow partial build found that other pages show what changed: write those too."""


class BuildState:
    """What this build is (full or partial), and what it will leave for the next one.

    Plugins reach it as context['INCREMENTAL_STATE'] and use `partial`,
    `reread`, `previous()`, `remember()`, `previous_large()`, `remember_large()`,
    `is_current()`, `wrote()`,
    `should_write()`, `shown_changed()`, `documents_key()` and `need_full_build()`.
    """

    def __init__(self, settings, config, plan, previous, key, stamps):
        self.settings = settings
        self.config = config
        self.plan = plan
        self._previous = previous if plan.partial else None
        # Pages of the last build into this same folder, to remove the ones no longer made.
        self._last_pages = (previous.page_outputs if previous is not None
                            and previous.output_path == settings["OUTPUT_PATH"] else {})
        self.page_outputs = {}
        self._sources = {}  # id(document) -> its source, for page_written()
        self._content_prefix = os.path.join(os.path.abspath(settings["PATH"]), "")
        self.key = key
        self.stamps = stamps
        self.looked_ns = time.time_ns()  # when the stamps were taken (just before)
        self.memory = {}
        self.large = {}
        self.outputs = {}
        self.identities = {}
        # Jinja keys each compiled template by its source's checksum: a changed template is compiled again.
        folder = os.path.join(settings["CACHE_PATH"], TEMPLATE_CACHE)
        os.makedirs(folder, exist_ok=True)
        self.template_cache = FileSystemBytecodeCache(folder)

    @property
    def partial(self):
        return self.plan.partial

    @property
    def reread(self):
        """Document sources read in this build: all of them in a full build."""
        return self.plan.reread if self.partial else frozenset(self.stamps)

    def previous(self, name, default=None):
        """What a plugin remembered in the last build; `default` in a full build."""
        if self._previous is None:
            return default
        return self._previous.memory.get(name, default)

    def remember(self, name, value):
        self.memory[name] = value

    def previous_large(self, name, default=None):
        """What a plugin kept apart in the last build (remember_large), read only when asked for."""
        if self._previous is None:
            return default
        token = self._previous.memory.get(LARGE_PREFIX + name)
        value = manifests.load_large(self.settings["CACHE_PATH"], name, token) if token else None
        return default if value is None else value

    def remember_large(self, name, value):
        """Keep `value` in a file of its own, read by the next build only if it asks:
        for what most rebuilds never need. Not remembering it keeps the last one."""
        self.large[name] = value

    def is_current(self, output, key):
        """True when the last build wrote `output` (relative to OUTPUT_PATH) from the same key and it is there."""
        if key is None or self._previous is None or self._previous.outputs.get(output) != key:
            return False
        return os.path.exists(os.path.join(self.settings["OUTPUT_PATH"], output))

    def documents_key(self):
        """A key of every document's stamp and of everything else the build
        depends on: for a page made from all the documents' files (the
        translation status), equal keys mean the same page. None (never
        current) while a file is too recent for its stamp to be trusted."""
        if manifests.UNSETTLED in self.settled_stamps.values():
            return None
        stamps = sorted(self.settled_stamps.items())
        return hashlib.sha256(repr((self.key, stamps)).encode("utf-8", "surrogatepass")).hexdigest()

    @functools.cached_property
    def settled_stamps(self):
        """The stamps the next build may trust (manifest.settled_stamps)."""
        return manifests.settled_stamps(self.stamps, self.looked_ns)

    def wrote(self, output, key):
        self.outputs[output] = key

    def should_write(self, document):
        """Whether this build writes the document's pages: in a narrow build,
        documents read only for what the changed pages show of them are not."""
        if not self.partial:
            return True
        kind = getattr(document, "kind", None) or self.path_identity(self.source_of(document)).kind
        return (kind, document.slug) in self.plan.render_groups

    def shown_changed(self, sources):
        """What list pages and other documents' pages show of these documents
        changed (multilingual compares their records): a narrow build must
        write the pages that show them too."""
        if sources and self.partial and not self.plan.wide:
            raise WiderBuildNeeded(f"{sorted(sources)[0]} changed what other pages show of it")

    def written_sources(self):
        """Document sources whose pages this build wrote again (or would have)."""
        if not self.partial:
            return set(self.stamps)
        return {source for source in self.reread
                if (self.identities.get(source) or self.path_identity(source)).group in self.plan.render_groups}

    def page_written(self, output, document):
        """A writer tells which document a page shows (parallel_render does)."""
        source = self._sources.get(id(document)) or self.source_of(document)
        self.page_outputs.setdefault(source, set()).add(output)

    def stale_pages(self):
        """Pages the last build wrote for documents read now, which this build did not write:
        a closed action's letter page, the pages of a document that is no longer published."""
        written = set(self.outputs)
        for outputs in self.page_outputs.values():
            written.update(outputs)
        stale = set()
        rewritten = self.written_sources()
        for source, outputs in self._last_pages.items():
            if source in rewritten or source not in self.stamps:
                stale.update(output for output in outputs if output not in written)
        return sorted(stale)

    def need_full_build(self, reason):
        raise FullBuildNeeded(reason)

    # -- identities -------------------------------------------------------

    def path_identity(self, source):
        return path_identity(self.settings, source)

    def source_of(self, document):
        """The document's source relative to PATH, with '/' (what Pelican's get_relative_source_path gives)."""
        path = document.source_path
        if path.startswith(self._content_prefix):  # the usual case, without os.path.relpath's work
            return path[len(self._content_prefix):].replace(os.sep, "/")
        return document.get_relative_source_path().replace(os.sep, "/")

    def document_identity(self, document):
        source = self.source_of(document)
        kind = getattr(document, "kind", None) or self.path_identity(source).kind
        references = []
        for field, named_kind in self.config["references"].items():
            value = document.metadata.get(field)
            for slug in ([value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []):
                references.append((named_kind, str(slug)))
        published = getattr(document, "status", None) in ("published", "hidden")
        return source, Identity(
            kind=kind,
            slug=document.slug,
            lang=document.lang,
            references=tuple(sorted(set(references))),
            save_as=(document.save_as or None) if published else None,
            url=(document.url or None) if published else None,
        )

    def collect(self, generators):
        """Identify every document read; in a partial build, check that the change stayed inside what was read."""
        fresh = {}
        for generator in generators:
            for name in DOCUMENT_LISTS:
                for document in getattr(generator, name, None) or ():
                    source, identity = self.document_identity(document)
                    fresh[source] = identity
                    self._sources[id(document)] = source
        for source in self.reread:
            if source not in fresh:  # not published: a stub, a draft or a file with bad input
                fresh[source] = self.path_identity(source)
        if not self.partial:
            self.identities = fresh
            return
        merged = {s: i for s, i in self._previous.identities.items() if s not in self.reread}
        merged.update(fresh)
        for source in sorted(self.reread):
            before = self._previous.identities.get(source)
            now = merged[source]
            if before is not None and before.save_as and (before.save_as, before.url) != (now.save_as, now.url):
                self.need_full_build(f"{source}: its URL changed")
        if self.plan.wide:
            reach = related_groups(self.plan.groups, merged)
            if not reach <= self.plan.groups:
                outside = sorted(reach - self.plan.groups)[0]
                self.need_full_build(f"the change now involves {outside[0]}/{outside[1]}, which was not read")
        else:
            for source in self.plan.changed:
                before = self._previous.identities.get(source)
                if before is None or before.references != merged[source].references:
                    self.shown_changed([source])
        self.identities = merged

    # -- the end of a successful build ---------------------------------------

    def repeated_warnings(self, logged):
        """The last build's warnings about documents not read again and not logged again now."""
        if self._previous is None:
            return []
        now = collections.Counter(logged)
        repeated = []
        for level, message in self._previous.warnings:
            if any(source in message for source in self.plan.reread):
                continue
            if now[(level, message)]:
                now[(level, message)] -= 1
                continue
            repeated.append((level, message))
        return repeated

    def manifest(self, warnings):
        outputs = dict(self._previous.outputs) if self._previous else {}
        outputs.update(self.outputs)
        memory = dict(self._previous.memory) if self._previous else {}
        memory.update(self.memory)
        for name, value in self.large.items():
            token = uuid.uuid4().hex
            manifests.save_large(self.settings["CACHE_PATH"], name, token, value)
            memory[LARGE_PREFIX + name] = token
        rewritten = self.written_sources()
        page_outputs = {source: pages for source, pages in self._last_pages.items()
                        if source not in rewritten and source in self.stamps} if self.partial else {}
        page_outputs.update({source: tuple(sorted(pages)) for source, pages in self.page_outputs.items()})
        return Manifest(key=self.key, stamps=self.settled_stamps,
                        identities=self.identities, outputs=outputs,
                        warnings=list(warnings), memory=memory, output_path=self.settings["OUTPUT_PATH"],
                        page_outputs=page_outputs)


def path_identity(settings, source):
    return identity_from_path(source, settings.get("PATH_METADATA"), settings.get("FILENAME_METADATA"),
                              settings["DEFAULT_LANG"])


def remove_empty_folders(output_path, folder):
    """Remove `folder` (relative to output_path) and its parents while they are empty, as a fresh build has none."""
    while folder and folder not in (os.curdir, os.sep):
        try:
            os.rmdir(os.path.join(output_path, folder))
        except OSError:
            return  # not empty (or gone): its parents are not empty either
        folder = os.path.dirname(folder)


def finish(settings, logged):
    """After a successful build: repeat the last build's warnings that still
    hold (logging them again) and save the manifest. `logged` is
    [(levelno, message)] of what this build logged at WARNING and above.
    Returns what kind of build it was ("partial: ..." or "full: ..."), or None."""
    state = settings.get(STATE_KEY)
    if state is None:
        return None
    logged = list(logged)  # the caller's list grows as the repeated warnings are logged
    for page in state.stale_pages():
        try:
            os.unlink(os.path.join(settings["OUTPUT_PATH"], page))
            logger.info("incremental: removed %s, which the site no longer has", page)
        except FileNotFoundError:
            pass
        remove_empty_folders(settings["OUTPUT_PATH"], os.path.dirname(page))
    repeated = state.repeated_warnings(logged)
    for level, message in repeated:
        # Straight to the handlers: Pelican's loggers drop a warning already logged in this process.
        repeater = logging.getLogger(state_logger_name(message))
        repeater.callHandlers(repeater.makeRecord(repeater.name, level, __file__, 0, "%s", (message,), None))
    manifests.save(settings["CACHE_PATH"], state.manifest(logged + repeated))
    return f"{'partial' if state.partial else 'full'}: {state.plan.reason}"


def state_logger_name(message):
    """Repeat a warning under the plugin that first logged it (its messages start 'plugin: ')."""
    plugin = message.split(":", 1)[0]
    return plugin if plugin.isidentifier() else __name__


def configure(pelican):
    """Decide between a full and a partial build before any generator exists."""
    settings = pelican.settings
    config = merge_settings(settings.get(SETTING))
    settings[SETTING] = config
    article_paths, page_paths = list(settings["ARTICLE_PATHS"]), list(settings["PAGE_PATHS"])
    document_paths = article_paths + page_paths
    stamps, others = split_content(walk_stamps(settings["PATH"]), document_paths)
    folders = [settings["THEME"], *settings.get("PLUGIN_PATHS", []), *config["extra_paths"]]
    key = manifests.global_key(settings, others, folders, IGNORED_SETTINGS)
    previous = manifests.load(settings["CACHE_PATH"])
    if not config["enabled"]:
        plan = full(f"{SETTING}['enabled'] is False")
    elif settings.get(FULL_BUILD_KEY):
        plan = full(settings[FULL_BUILD_KEY])
    elif not settings.get(PARTIAL_OK_KEY):
        plan = full("partial builds run through sitebuild (`invoke build`), not the pelican command")
    else:
        def read_text(source):
            # A file that cannot be read has no identity to compare: the build reads and reports it.
            return read_source(os.path.join(settings["PATH"], source), settings["PATH"])[0] or ""
        pages = frozenset(source for source in stamps if is_document(source, page_paths))
        plan = plan_build(previous, key, stamps, settings["OUTPUT_PATH"],
                          lambda source: path_identity(settings, source), read_text, pages,
                          wide=settings.get(WIDE_BUILD_KEY) or False)
    if previous is None or previous.key != key:
        # Pelican's content cache checks only each file's time: what it holds
        # was read by other code (a plugin upgrade that sanitises differently)
        # or other settings. Read everything again; the cache is rewritten.
        settings["LOAD_CONTENT_CACHE"] = False
    state = BuildState(settings, config, plan, previous, key, stamps)
    settings[STATE_KEY] = state
    if not plan.partial:
        logger.info("incremental: full build: %s", plan.reason)
        return
    logger.info("incremental: partial build: %s; reading %d of %d documents, writing the pages of %d",
                plan.reason, len(plan.reread), len(stamps), len(state.written_sources()))
    settings[DOCUMENT_PATHS_KEY] = document_paths
    settings["PAGE_PATHS"] = sorted(s for s in plan.reread if is_document(s, page_paths))
    settings["ARTICLE_PATHS"] = sorted(s for s in plan.reread if is_document(s, article_paths)
                                       and s not in settings["PAGE_PATHS"])
    # Pelican's content cache holds every document; loading it costs more than reading the few changed ones.
    settings["LOAD_CONTENT_CACHE"] = False
    settings["CACHE_CONTENT"] = False


def cache_compiled_templates(generator):
    """Keep compiled templates in CACHE_PATH: compiling the theme costs more than a small rebuild."""
    state = generator.context.get(STATE_KEY)
    if state is not None:
        generator.env.bytecode_cache = state.template_cache


def collect_documents(generators):
    state = generators[0].context.get(STATE_KEY) if generators else None
    if state is not None:
        state.collect(generators)
        # Pages are about to be written: a build that stops half-way must not
        # leave a manifest that no longer matches output/.
        manifests.forget(state.settings["CACHE_PATH"])


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(cache_compiled_templates)
    signals.all_generators_finalized.connect(collect_documents)
