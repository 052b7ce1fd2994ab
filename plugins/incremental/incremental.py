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
file linking by {filename}, a changed URL, or a strict build that starts
from no published site.

What changed is decided by each file's content (manifest.py): a fresh
checkout, where every file has a new time, changes nothing.

A publish builds into a fresh folder and only then puts it in place of the
site (sitebuild.publishing). It names that site (SITE_KEY); when the seal
says the site holds what the last build wrote, a partial build starts from
a copy of it, and a full one from an empty folder.

Warnings about documents that were not read again are repeated from the
last build, so a partial build reports what a full one would.
"""

import collections
import hashlib
import itertools
import logging
import os
import shutil
import time
import unicodedata
import uuid

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import StaticGenerator

from campaign import contract
from campaign.problems import terminal_safe
from campaign.sources import is_inside, read_source

from . import manifest as manifests
from .manifest import Identity, Manifest, folder_stamps, is_document, seal, split_content, walk_stamps  # noqa: F401 - seal: for sitebuild.publishing
from .plan import full, identity_from_path, plan_build, related_groups
from .settings import SETTING

logger = logging.getLogger(__name__)

# The Build (plan and recorder), in the settings and so in every generator's context.
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
# Set by sitebuild when OUTPUT_PATH is a fresh folder that will replace this
# one (a publish): the site the manifest describes, and a partial build's start.
SITE_KEY = "INCREMENTAL_SITE"
# Set False by sitebuild for a build whose output is thrown away after use
# (the mirror bundle's): it leaves the last build's manifest as it was.
RECORD_KEY = "INCREMENTAL_RECORD"
TEMPLATE_CACHE = "jinja"
LARGE_PREFIX = "large:"
# The files of content the last full build published as they are or resized (BuildRecorder.unpublished).
PUBLISHED_MEMORY = "incremental.published"
# OUTPUT_PATH is compared on its own (the site's folder): a publish's fresh folder has a new name each time.
IGNORED_SETTINGS = (STATE_KEY, FULL_BUILD_KEY, WIDE_BUILD_KEY, PARTIAL_OK_KEY, DOCUMENT_PATHS_KEY, SITE_KEY,
                    RECORD_KEY, "OUTPUT_PATH", contract.CONVERSION_CACHE, contract.THEME_TRANSLATIONS)
DOCUMENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                  "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")


class BuildPlan(contract.Plan):
    """What this build is (full or partial) and what the last one left: it only answers.

    Plugins reach it as `contract.incremental(context).plan`.
    """

    def __init__(self, settings, config, plan, previous, key, stamps, digests, fingerprints):
        self.settings = settings
        self.config = config
        self.steps = plan
        self.last = previous if plan.partial else None
        self.site = site_of(settings)
        # Pages of the last build of this same site, to remove the ones no longer made.
        same_site = previous is not None and previous.output_path == self.site
        self.last_pages = previous.page_outputs if same_site else {}
        # Files of content the last build of this site published (BuildRecorder.unpublished).
        self.last_published = frozenset(previous.memory.get(PUBLISHED_MEMORY, ())) if same_site else frozenset()
        self.key = key
        self.stamps = stamps  # document source -> (mtime_ns, size), as this build found them
        self.digests = digests  # every file looked at -> (mtime_ns, size, hash) (manifest.digest_files)
        self.fingerprints = fingerprints  # document source -> its hash

    @property
    def partial(self):
        return self.steps.partial

    @property
    def reason(self):
        return self.steps.reason

    @property
    def reread(self):
        """Document sources read in this build: all of them in a full build."""
        return self.steps.reread if self.partial else frozenset(self.stamps)

    def previous(self, name, default=None):
        if self.last is None:
            return default
        return self.last.memory.get(name, default)

    def previous_large(self, name, default=None):
        if self.last is None:
            return default
        token = self.last.memory.get(LARGE_PREFIX + name)
        value = manifests.load_large(self.settings["CACHE_PATH"], name, token) if token else None
        return default if value is None else value

    def is_current(self, output, key):
        if key is None or self.last is None or self.last.outputs.get(output) != key:
            return False
        return os.path.exists(os.path.join(self.settings["OUTPUT_PATH"], output))

    def documents_key(self):
        """For a page made from all the documents' files (the translation
        status), equal keys mean the same page. None (never current) while a
        file is too recent for its time to be trusted."""
        if any(self.digests[source][0] == manifests.UNSETTLED for source in self.stamps):
            return None
        fingerprints = sorted(self.fingerprints.items())
        return hashlib.sha256(repr((self.key, fingerprints)).encode("utf-8", "surrogatepass")).hexdigest()

    def writes_pages_of(self, document):
        """In a narrow build, documents read only for what the changed pages show of them are not written."""
        if not self.partial:
            return True
        return (contract.kind_of(document), document.slug) in self.steps.render_groups

    def wider_build_reason(self, sources):
        if sources and self.partial and not self.steps.wide:
            return f"{sorted(sources)[0]} changed what other pages show of it"
        return None

    def path_identity(self, source):
        return path_identity(self.settings, source)

    def source_of(self, document):
        """The document's source relative to PATH, with '/' (Pelican's relative_source_path)."""
        return document.relative_source_path

    def document_identity(self, document):
        source = self.source_of(document)
        references = []
        for field, named_kind in self.config["references"].items():
            value = document.metadata.get(field)
            for slug in ([value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []):
                references.append((named_kind, str(slug)))
        published = getattr(document, "status", None) in ("published", "hidden")
        return source, Identity(
            kind=contract.kind_of(document),
            slug=document.slug,
            lang=document.lang,
            references=tuple(sorted(set(references))),
            save_as=(document.save_as or None) if published else None,
            url=(document.url or None) if published else None,
        )

    def widening(self, fresh):
        """(FullBuildNeeded or WiderBuildNeeded or None, every identity) once the documents read are known:
        whether the change stayed inside what a partial build read."""
        if not self.partial:
            return None, fresh
        merged = {s: i for s, i in self.last.identities.items() if s not in self.reread}
        merged.update(fresh)
        for source in self.steps.changed:
            # A new file is planned by its name until it is read: its Slug may put it in a group not read.
            if merged[source].group not in self.steps.render_groups:
                kind, slug = merged[source].group
                return contract.FullBuildNeeded(f"{source} is {kind}/{slug}, which was not read"), merged
        for source in sorted(self.reread):
            before = self.last.identities.get(source)
            now = merged[source]
            if before is not None and before.save_as and (before.save_as, before.url) != (now.save_as, now.url):
                return contract.FullBuildNeeded(f"{source}: its URL changed"), merged
        if self.steps.wide:
            reach = related_groups(self.steps.groups, merged)
            if not reach <= self.steps.groups:
                outside = sorted(reach - self.steps.groups)[0]
                return contract.FullBuildNeeded(f"the change now involves {outside[0]}/{outside[1]}, which was not read"), merged
            return None, merged
        changed = [source for source in self.steps.changed
                   if self.last.identities.get(source) is None
                   or self.last.identities[source].references != merged[source].references]
        reason = self.wider_build_reason(changed)
        return (contract.WiderBuildNeeded(reason) if reason else None), merged


class BuildRecorder(contract.Recorder):
    """What this build wrote and remembers: saved as the manifest the next build plans from."""

    def __init__(self, plan):
        self.plan = plan
        self.memory = {}
        self.large = {}
        self.outputs = {}
        self.identities = {}
        self.page_outputs = {}
        self.sources = {}  # id(document) -> its source, for page()
        self.read = {}  # document source -> (kind, slug, lang) as read, before grouping may leave it out
        self.published_files = set()
        self.static_files = ()  # Pelican's [Static] it copies; their save_as is final once pages are written
        self.build_id = uuid.uuid4().hex  # names the manifest, for the seal of the site it describes

    def remember(self, name, value):
        self.memory[name] = value

    def remember_large(self, name, value):
        """Kept in a file of its own, read by the next build only if it asks: for
        what most rebuilds never need. Not remembering it keeps the last one."""
        self.large[name] = value

    def output(self, output, key):
        """Note a file written (relative to OUTPUT_PATH) and the key of what it shows. It must be written by
        replacing it (campaign.output), never into it: a publish starts with a hard link to the last one."""
        self.outputs[output] = key

    def published(self, output):
        self.published_files.add(output)

    def published_now(self):
        """The files of content this build published: noted with published(), and Pelican's static files."""
        return self.published_files | {static.save_as for static in self.static_files}

    def written_names(self):
        """Every page and file this build wrote or published."""
        names = set(self.outputs) | self.published_now()
        for pages in self.page_outputs.values():
            names.update(pages)
        return names

    def unpublished(self):
        """After a full build: the files of content the last build published and this one no longer does.
        The published files are remembered for the next full build. A partial one removes none (it did not
        read everything) and adds what it published to the last list: a photo a changed document's new link
        published ({static} outside STATIC_PATHS, {attach}) leaves with the next full build that drops it."""
        published = self.published_now()
        if self.plan.partial:
            self.remember(PUBLISHED_MEMORY, sorted(self.plan.last_published | published))
            return []
        self.remember(PUBLISHED_MEMORY, sorted(published))
        return sorted(self.plan.last_published - published)

    def page(self, output, document):
        source = self.sources.get(id(document)) or self.plan.source_of(document)
        self.page_outputs.setdefault(source, set()).add(output)

    def documents(self, generators):
        """Note every document read; raise FullBuildNeeded or WiderBuildNeeded if
        a partial build's change reaches past what it read."""
        fresh = {}
        for generator in generators:
            for name in DOCUMENT_LISTS:
                for document in getattr(generator, name, None) or ():
                    source, identity = self.plan.document_identity(document)
                    fresh[source] = identity
                    self.sources[id(document)] = source
        for source in self.plan.reread:
            if source not in fresh:  # not published: a stub, a draft or a file with bad input
                fresh[source] = self.plan.path_identity(source)
                if source in self.read:  # read, then left out (a duplicate, a translation without its original)
                    kind, slug, lang = self.read[source]
                    fresh[source] = Identity(kind=kind, slug=slug, lang=lang)
        widening, self.identities = self.plan.widening(fresh)
        if widening is not None:
            raise widening

    def written_sources(self):
        """Document sources whose pages this build wrote again (or would have)."""
        plan = self.plan
        if not plan.partial:
            return set(plan.stamps)
        return {source for source in plan.reread
                if (self.identities.get(source) or plan.path_identity(source)).group in plan.steps.render_groups}

    def stale_pages(self):
        """Pages the last build wrote for documents read now, which this build did not write:
        a closed action's letter page, the pages of a document that is no longer published."""
        written = set(self.outputs)
        for outputs in self.page_outputs.values():
            written.update(outputs)
        stale, still_shown = set(), set()
        rewritten = self.written_sources()
        for source, outputs in self.plan.last_pages.items():
            if source in rewritten or source not in self.plan.stamps:
                stale.update(output for output in outputs if output not in written)
            else:
                still_shown.update(outputs)  # a file two documents share (an image) stays while one shows it
        return sorted(stale - still_shown)

    def repeated_warnings(self, logged):
        """The last build's warnings about documents not read again and not logged again now."""
        last = self.plan.last
        if last is None:
            return []
        now = collections.Counter(logged)
        repeated = []
        # As messages show them: a file name's invisible or control characters are escapes there.
        reread = {shown for source in self.plan.steps.reread
                  for shown in (source, terminal_safe(source), terminal_safe(source, one_line=True))}
        for level, message in last.warnings:
            if any(source in message for source in reread):
                continue
            if now[(level, message)]:
                now[(level, message)] -= 1
                continue
            repeated.append((level, message))
        return repeated

    def manifest(self, warnings, removed=()):
        """The Manifest to save; `removed`: the stale pages this build deleted."""
        plan, last = self.plan, self.plan.last
        outputs = dict(last.outputs) if last else {}
        outputs.update(self.outputs)
        for output in removed:
            outputs.pop(output, None)
        memory = dict(last.memory) if last else {}
        memory.update(self.memory)
        for name, value in self.large.items():
            token = uuid.uuid4().hex
            manifests.save_large(plan.settings["CACHE_PATH"], name, token, value)
            memory[LARGE_PREFIX + name] = token
        rewritten = self.written_sources()
        page_outputs = {source: pages for source, pages in plan.last_pages.items()
                        if source not in rewritten and source in plan.stamps} if plan.partial else {}
        page_outputs.update({source: tuple(sorted(pages)) for source, pages in self.page_outputs.items()})
        return Manifest(key=plan.key, stamps=plan.fingerprints,
                        identities=self.identities, outputs=outputs,
                        warnings=list(warnings), memory=memory, output_path=plan.site,
                        page_outputs=page_outputs, digests=plan.digests, build_id=self.build_id)


class Build(contract.IncrementalBuild):
    """The plan and the recorder of one build, and its cache of compiled templates."""

    def __init__(self, plan, cache_path):
        super().__init__(plan, BuildRecorder(plan))
        # Jinja keys each compiled template by its source's checksum: a changed template is compiled again.
        folder = os.path.join(cache_path, TEMPLATE_CACHE)
        os.makedirs(folder, exist_ok=True)
        self.template_cache = FileSystemBytecodeCache(folder)


def path_identity(settings, source):
    return identity_from_path(source, settings.get("PATH_METADATA"), settings.get("FILENAME_METADATA"),
                              settings["DEFAULT_LANG"])


def folded(name):
    """A file name as a case-insensitive file system (macOS's, Windows') compares it."""
    return unicodedata.normalize("NFC", name).casefold()


def removable(output_path, output, kept):
    """Whether the build may remove `output` (relative to output_path), a page or file the site no longer has:
    only inside the site with links followed (a name from the manifest never leads elsewhere), and never when
    it is another name of a file this build wrote (`kept`: {folded(name): name}), as 'Rally.JPG' is of the
    'rally.jpg' a rename gave on a case-insensitive file system."""
    path = os.path.join(output_path, output)
    if not is_inside(path, output_path):
        return False
    twin = kept.get(folded(output))
    if twin is None or twin == output:
        return True
    try:
        return not os.path.samefile(path, os.path.join(output_path, twin))
    except OSError:  # either is gone: not the same file
        return True


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
    build = settings.get(STATE_KEY)
    if build is None:
        return None
    record = build.record
    logged = list(logged)  # the caller's list grows as the repeated warnings are logged
    stale = record.stale_pages()
    kept = {folded(name): name for name in record.written_names()}
    for output in stale + record.unpublished():
        if not removable(settings["OUTPUT_PATH"], output, kept):
            continue
        try:
            os.unlink(os.path.join(settings["OUTPUT_PATH"], output))
            logger.info("incremental: removed %s, which the site no longer has", output)
        except FileNotFoundError:
            pass
        remove_empty_folders(settings["OUTPUT_PATH"], os.path.dirname(output))
    repeated = record.repeated_warnings(logged)
    for level, message in repeated:
        # Straight to the handlers: Pelican's loggers drop a warning already logged in this process.
        repeater = logging.getLogger(state_logger_name(message))
        repeater.callHandlers(repeater.makeRecord(repeater.name, level, __file__, 0, "%s", (message,), None))
    if settings.get(RECORD_KEY, True):
        manifests.save(settings["CACHE_PATH"], record.manifest(logged + repeated, removed=stale))
    else:
        record.build_id = ""  # nothing to seal: no manifest describes this output
    return f"{'partial' if build.plan.partial else 'full'}: {build.plan.reason}"


def state_logger_name(message):
    """Repeat a warning under the plugin that first logged it (its messages start 'plugin: ')."""
    plugin = message.split(":", 1)[0]
    return plugin if plugin.isidentifier() else __name__


def file_to_hash(content_path, name):
    """The path of a file to hash: `name` under the content folder (relative) or the theme and plugins
    (absolute). A content file whose links lead outside the folder is not read (OSError: its stamp stands in)."""
    if os.path.isabs(name):
        return name
    path = os.path.join(content_path, name)
    if not is_inside(path, content_path):
        raise OSError(f"{name} leads outside the content folder")
    return path


def site_of(settings):
    """The folder the site ends up in: SITE_KEY when a publish builds into a fresh folder, else OUTPUT_PATH."""
    return os.path.abspath(settings.get(SITE_KEY) or settings["OUTPUT_PATH"])


def configure(pelican):
    """Decide between a full and a partial build before any generator exists."""
    settings = pelican.settings
    config = contract.merged(settings, SETTING)
    article_paths, page_paths = list(settings["ARTICLE_PATHS"]), list(settings["PAGE_PATHS"])
    document_paths = article_paths + page_paths
    content_stamps = walk_stamps(settings["PATH"])
    stamps, others = split_content(content_stamps, document_paths)
    folders = [settings["THEME"], *settings.get("PLUGIN_PATHS", []), *config["extra_paths"]]
    previous = manifests.load(settings["CACHE_PATH"])
    site, output = site_of(settings), os.path.abspath(settings["OUTPUT_PATH"])
    looked_ns = time.time_ns()
    digests = manifests.digest_files({**content_stamps, **folder_stamps(folders)},
                                     lambda name: file_to_hash(settings["PATH"], name),
                                     previous.digests if previous is not None else {}, looked_ns)
    fingerprints = {source: digests[source][2] for source in stamps}
    key = manifests.global_key(settings, {name: digests[name][2] for name in digests if name not in stamps},
                               IGNORED_SETTINGS)
    if not config["enabled"]:
        plan = full(f"{SETTING}['enabled'] is False")
    elif settings.get(FULL_BUILD_KEY):
        plan = full(settings[FULL_BUILD_KEY])
    elif not settings.get(PARTIAL_OK_KEY):
        plan = full("partial builds run through sitebuild (`invoke build`), not the pelican command")
    elif previous is not None and previous.output_path != site:
        plan = full(f"the last build wrote its site to {previous.output_path}, not {site}")
    elif previous is not None and site != output and not manifests.is_sealed(settings["CACHE_PATH"], site, previous):
        plan = full(f"{site} does not hold the site the last build wrote (it was not put in place)")
    else:
        def read_text(source):
            # A file that cannot be read has no identity to compare: the build reads and reports it.
            return read_source(os.path.join(settings["PATH"], source), settings["PATH"])[0] or ""
        pages = frozenset(source for source in stamps if is_document(source, page_paths))
        plan = plan_build(previous, key, fingerprints, site,
                          lambda source: path_identity(settings, source), read_text, pages,
                          wide=settings.get(WIDE_BUILD_KEY) or False)
    if site != output and plan.partial:
        plan = publish_plan(plan, previous, site)
    if previous is None or previous.key != key or site != output:
        # A publish (site != output) trusts no file time either.
        # Pelican's content cache checks only each file's time: what it holds
        # was read by other code (a plugin upgrade that sanitises differently)
        # or other settings. Read everything again; the cache is rewritten.
        settings["LOAD_CONTENT_CACHE"] = False
    if site != output:
        # A content file Pelican copies into the site (an image under STATIC_PATHS) is written in place:
        # never a link, even where its path is one a build noted (a file named like a resized image).
        start_output(output, site if plan.partial else None, replaced_outputs(previous) - others.keys())
    build = Build(BuildPlan(settings, config, plan, previous, key, stamps, digests, fingerprints), settings["CACHE_PATH"])
    settings[STATE_KEY] = build
    if not plan.partial:
        logger.info("incremental: full build: %s", plan.reason)
        return
    logger.info("incremental: partial build: %s; reading %d of %d documents, writing the pages of %d",
                plan.reason, len(plan.reread), len(stamps), len(build.record.written_sources()))
    settings[DOCUMENT_PATHS_KEY] = document_paths
    settings["PAGE_PATHS"] = sorted(s for s in plan.reread if is_document(s, page_paths))
    settings["ARTICLE_PATHS"] = sorted(s for s in plan.reread if is_document(s, article_paths)
                                       and s not in settings["PAGE_PATHS"])
    # Pelican's content cache holds every document; loading it costs more than reading the few changed ones.
    settings["LOAD_CONTENT_CACHE"] = False
    settings["CACHE_CONTENT"] = False


def publish_plan(plan, previous, site):
    """A partial plan for a publish, or a full one where a partial publish could differ from a full one.

    A new document, or one the last build did not publish (a stub being
    filled in), is grouped by its file name until it is read, and its Slug
    may say otherwise; a symbolic link in the site would carry writes out of
    the fresh folder.
    """
    for source in plan.changed:
        identity = previous.identities.get(source)
        if identity is None or not identity.save_as:
            return full(f"{source} is new or was not published: a publish reads everything")
    for folder, folders, files in os.walk(site):
        for name in folders + files:
            if os.path.islink(os.path.join(folder, name)):
                return full(f"{os.path.join(folder, name)} is a symbolic link: a publish starts from an empty folder")
    return plan


def start_output(output, site, linked=frozenset()):
    """Empty the fresh folder `output`, then fill it with `site` (a partial build's start) unless None.

    A full build starts from nothing, so that nothing of the old site (a
    deleted image) stays; a build tried again (wider, full) starts over too.
    The files named in `linked` (relative to `site`, with '/') become hard
    links to the site's: no bytes to copy, and the old site's folder goes
    later without freeing them. Only files the build replaces and never
    writes into may be linked, or a build would change the published site
    before it is checked: see replaced_outputs(). The rest (theme and static
    files, which Pelican copies into place) is copied; so is everything where
    the file system has no hard links.
    """
    if os.path.isdir(output):
        for entry in os.scandir(output):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    if site is not None:
        _fill(os.path.abspath(site), os.path.abspath(output), linked, "")


def _fill(site, output, linked, relative):
    """Make `output`/`relative` hold what `site`/`relative` holds (see start_output); folders are made
    anew (with mkdir's permissions, as a full build makes them), links stay links."""
    folder = os.path.join(output, relative)
    if relative:
        os.mkdir(folder)
    else:
        os.makedirs(folder, exist_ok=True)
    for entry in os.scandir(os.path.join(site, relative)):
        name = f"{relative}/{entry.name}" if relative else entry.name
        target = os.path.join(folder, entry.name)
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            _fill(site, output, linked, name)
        elif name not in linked or not _linked(entry.path, target):
            shutil.copy2(entry.path, target)


def _linked(source, target):
    try:
        os.link(source, target)
        return True
    except OSError:  # no hard links on this file system (or across two): a copy will do
        return False


def replaced_outputs(manifest):
    """The files of the last build's site that a build only ever replaces (written beside, then renamed
    over: parallel_render's pages, campaign.output's writes): every page and every file noted with
    Record.page or Record.output. Whoever notes a file there must write it that way."""
    if manifest is None:
        return frozenset()
    pages = (page for outputs in manifest.page_outputs.values() for page in outputs)
    return frozenset(itertools.chain(manifest.outputs, pages))


def cache_compiled_templates(generator):
    """Keep compiled templates in CACHE_PATH: compiling the theme costs more than a small rebuild."""
    build = generator.context.get(STATE_KEY)
    if build is not None:
        generator.env.bytecode_cache = build.template_cache


def note_read(document):
    """Note what a document read is, before grouping can leave it out unseen (a duplicate, a translation without its original)."""
    build = document.settings.get(STATE_KEY)
    source = document.relative_source_path
    if build is not None and source in build.plan.stamps:
        build.record.read[source] = (contract.kind_of(document), document.slug, document.lang)


def collect_documents(generators):
    build = generators[0].context.get(STATE_KEY) if generators else None
    if build is not None:
        build.record.documents(generators)
        build.record.static_files = [static for generator in generators if isinstance(generator, StaticGenerator)
                                     for static in generator.staticfiles]
        # Pages are about to be written: a build that stops half-way must not
        # leave a manifest that no longer matches output/.
        if build.plan.settings.get(RECORD_KEY, True):
            manifests.forget(build.plan.settings["CACHE_PATH"])


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(cache_compiled_templates)
    signals.content_object_init.connect(note_read)
    signals.all_generators_finalized.connect(collect_documents)
