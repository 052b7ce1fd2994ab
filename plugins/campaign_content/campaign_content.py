"""campaign_content: the content model of action pages, briefings and pages.

It checks every document's metadata against the model (docs/authoring.md),
skips a document that breaks it with one message naming the file, the field
and the fix, and hands templates resolved objects: an action's targets and
people in the page's language, whether it is open on the build date, its
briefing; a briefing's related actions.
"""

import dataclasses
import datetime
import json
import logging
import os

from pelican import signals
from pelican.readers import HTMLReader, RstReader

from .data import load_data
from campaign import contract
from campaign.output import write_atomically
from campaign.problems import Problem, log
from campaign.sources import MAX_SOURCE_BYTES, is_inside

from .model import (STATIC_EXTENSIONS, action_sort_key, check_document, fields_original_lacks, ignored_fields, is_open, quoted,
                    locked_field_conflicts, normalize_action)
from .names import EXTENSIONS, LANGUAGE_CODE, file_name_problem, language_problem, site_paths, slug_problem
from .reader import (FIELD_LINES, MAIL_TO, READ_PROBLEMS, UNUSABLE, CampaignMarkdownReader, prefetch_articles,
                     prefetch_pages)
from .settings import SETTING, TEXT_FILE_EXTENSION, build_date

logger = logging.getLogger(__name__)

# Open and closed actions of this build, kept in the settings for the build record.
ACTION_COUNTS_KEY = "CAMPAIGN_ACTION_COUNTS"
# {original action's source: open?}, remembered for the next (partial) build's record.
OPEN_ACTIONS_MEMORY = "campaign_content.open_actions"
RESERVED_KEY = "CAMPAIGN_RESERVED_PATHS"
TEMPLATES = {"actions": "action", "briefings": "briefing"}
# Pelican will not build an article without a date; a translation that
# inherits its date carries this one until resolve_documents replaces it.
PLACEHOLDER_DATE = datetime.datetime(1970, 1, 1)


def configure(pelican):
    """Merge and validate CAMPAIGN_CONTENT before anything is read; keep links out of content/ out of the build."""
    contract.prepare(pelican.settings)
    exclude_refused_files(pelican.settings)


LINK_LEAVES = ("is a link to a place outside the content folder, so nothing in it is read or published",
               "Put the files themselves in the content folder instead of a link")
LINK_LOOPS = ("is a link to a folder it is in, so nothing in it is read (it would be read again and again)",
              "Delete the link")


# What Pelican's own readers would take. They run none of the campaign's checks (a reStructuredText
# `include` reads any file on the machine, raw HTML goes unsanitised), so use_campaign_reader switches
# them off, and a document in one of these formats is named rather than silently left out.
FOREIGN_EXTENSIONS = tuple("." + extension for extension in HTMLReader.file_extensions + RstReader.file_extensions)
FOREIGN_FORMAT = ("is not Markdown: only .md files are read as documents, so it was left out",
                  "Write it as Markdown, in a file whose name ends in .md")


MARKDOWN_EXTENSIONS = tuple("." + extension for extension in EXTENSIONS)


def document_name_meant(name):
    """The name a Markdown document was meant to have, when its own keeps it from being read (Pelican takes
    only these extensions, in lower case): 'about.ru.MD' -> 'about.ru.md', and 'about.ru.md.txt', as a
    browser may save it, -> 'about.ru.md'. None for any other name."""
    lowered = name.lower()
    for extension in MARKDOWN_EXTENSIONS:
        if lowered.endswith(extension + ".txt"):
            return name[: -len(extension) - 4] + extension
        if lowered.endswith(extension) and not name.endswith(extension):
            return name[: -len(extension)] + extension
    return None


def stray_document(relative, name, folders):
    """(message, fix) for a Markdown file nothing reads: misnamed ('about.ru.MD') in a document folder, or a
    translation ('about.ru.md') outside them, as a translator saving in the browser may leave it; else None."""
    meant = document_name_meant(name)
    if relative.startswith(folders):
        if meant:
            return (f"is not read as a document: only a name ending in '.md' in lower case is",
                    f"Rename it to '{meant}'")
        return None
    parts = (meant or name).split(".")
    if (meant or name.endswith(MARKDOWN_EXTENSIONS)) and len(parts) == 3 and LANGUAGE_CODE.match(parts[1]):
        where = ", ".join(folder.rstrip("/") + "/" for folder in folders)
        return (f"is not in {where}, so it is not read as a document",
                f"Move it into the folder that holds its original ({parts[0]}.md)")
    return None


def refused_files(content_path, document_folders=("",)):
    """[(path relative to content_path, is a folder, (message, fix))] of the symbolic links under it that
    lead outside it, or to a folder they are in, of the documents (under `document_folders`) in a format
    the site does not read, and of Markdown files nothing reads (stray_document)."""
    found = []
    folders = tuple(folder.strip("/") + "/" if folder.strip("/") else "" for folder in document_folders)
    for root, dirs, files in os.walk(content_path):
        # One relpath per folder: per file, thousands of documents cost a build time.
        prefix = os.path.relpath(root, content_path).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        for name in dirs + files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                if name in dirs:
                    continue
                relative = prefix + name
                if name.lower().endswith(FOREIGN_EXTENSIONS):
                    if relative.startswith(folders):
                        found.append((relative, False, FOREIGN_FORMAT))
                elif ".m" in name.lower() and not (name.endswith(".md") and relative.startswith(folders)):
                    stray = stray_document(relative, name, folders)
                    if stray:
                        found.append((relative, False, stray))
                continue
            relative = os.path.relpath(path, content_path).replace(os.sep, "/")
            if not is_inside(path, content_path):
                found.append((relative, name in dirs, LINK_LEAVES))
            elif name in dirs and is_inside(root, path):
                found.append((relative, True, LINK_LOOPS))
    return found


def exclude_refused_files(settings):
    """Nothing outside the content folder is read or copied, and no folder twice: a link that leads out,
    or back to a folder it is in, is refused by name; so is a document in a format we do not read."""
    folders = list(settings.get("ARTICLE_PATHS") or []) + list(settings.get("PAGE_PATHS") or [])
    for relative, is_folder, (message, fix) in refused_files(settings["PATH"], folders):
        # A link that leads out or loops is an error; a file that is not read only a warning.
        level = "error" if (message, fix) in (LINK_LEAVES, LINK_LOOPS) else "warning"
        log(logger, "campaign_content", Problem(relative, "", message, fix, level=level))
        if is_folder:
            for excludes in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
                settings[excludes] = list(settings.get(excludes) or []) + [relative]


def keep_static_files_inside(generator):
    """Static files (and {static} links) copied into the site only from inside the content folder, and only
    images (STATIC_EXTENSIONS) and the plain text files the settings name (text_files)."""
    content_path = generator.settings["PATH"]
    text_files = set(generator.settings[SETTING]["text_files"])
    kept = []
    for static in generator.staticfiles:
        relative = static.get_relative_source_path()  # with '/', as text_files names it
        if not is_inside(static.source_path, content_path):
            log(logger, "campaign_content", Problem(
                relative, "", "leads outside the content folder, so it was not published",
                "Put the file itself under content/"))
        elif not os.path.lexists(static.source_path):  # a {static} link to a file that is not there
            log(logger, "campaign_content", Problem(
                relative, "", "is not in the content folder, so a link to it leads nowhere",
                "Add the file under content/, or correct or remove the {static} link to it"))
        elif "\\" in relative:
            # A zip entry's folders are separated by '/' only: in the mirror bundle, 'images/..\..\x.png' is
            # a file outside the folder to the unzippers (Windows') that take '\' for a separator.
            log(logger, "campaign_content", Problem(
                relative, "", "has a backslash in its name, which the mirror bundle's zip would unpack as folders, "
                "so it was not published", "Rename it with letters, digits and hyphens, e.g. team-photo.jpg"))
        elif not os.path.isfile(static.source_path):  # a named pipe, socket or device
            log(logger, "campaign_content", Problem(
                relative, "", "is not a regular file (a named pipe, socket or device), "
                "so it was not published", "Delete it from the content folder"))
        elif relative in text_files:
            problem = text_file_problem(static, relative, content_path)
            if problem:
                log(logger, "campaign_content", problem)
            else:
                kept.append(static)
        elif not static.source_path.lower().endswith(STATIC_EXTENSIONS):
            log(logger, "campaign_content", Problem(
                relative, "", "is not an image the site publishes (JPEG, PNG, WebP or "
                "GIF), so it was not published: only images are, as a web page, SVG or script would run on the "
                "site's own address", f"Name it in {SETTING}['text_files'] if the site must publish it as it "
                "is (docs/authoring.md), or delete it" if relative.endswith(TEXT_FILE_EXTENSION)
                else "Export it as PNG or JPEG, or delete it"))
        else:
            kept.append(static)
    generator.staticfiles[:] = kept  # the same list the context holds


def text_file_problem(static, relative, content_path):
    """Why a text file the settings name (text_files, at `relative`) cannot be published as it is, or None."""
    if os.path.realpath(static.source_path) != os.path.join(os.path.realpath(content_path), *relative.split("/")):
        # Published as it is: a link (or a folder link on its way) would publish another content
        # file under the name the team chose (a draft, a data file), and every later edit of it.
        return Problem(relative, "", "is a link to another file (or in a folder that is a link), so it was not "
                       "published: a text file is published only from the path the settings name",
                       "Put the text itself in the file, not a link")
    if not static.save_as.endswith(TEXT_FILE_EXTENSION):
        # The team's EXTRA_PATH_METADATA, but the volunteers' bytes: under .html a browser runs
        # them, and under index.html or sitemap.xml they take the place of the site's own file.
        return Problem(relative, "", f"would be published as {static.save_as}, a name that does not end in "
                       f"{TEXT_FILE_EXTENSION} (a browser would take it for a page, or it would replace one of the "
                       "site's files), so it was not published",
                       f"Give it a path ending in {TEXT_FILE_EXTENSION} in EXTRA_PATH_METADATA")
    if os.path.getsize(static.source_path) > MAX_SOURCE_BYTES:
        return Problem(relative, "", f"is larger than the limit of {MAX_SOURCE_BYTES // 1024} KB, so it was not "
                       "published", "Shorten it: a text file the site publishes is a few lines")
    return None


def use_campaign_reader(readers):
    """Documents are read by CampaignMarkdownReader only: Pelican's HTML and reStructuredText readers are
    switched off (FOREIGN_EXTENSIONS says why). Its "static" reader stays: it copies images."""
    for extension in FOREIGN_EXTENSIONS:
        readers.reader_classes[extension.lstrip(".")] = None
    for extension in CampaignMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CampaignMarkdownReader


def campaign_data(generator):
    """Load the data files once per build; the shared context carries them."""
    context = generator.context
    if contract.CAMPAIGN_DATA not in context:
        settings = generator.settings[SETTING]
        data = load_data(generator.settings["PATH"], settings["data_path"], generator.settings["DEFAULT_LANG"],
                         contract.languages(generator.settings))
        for problem in data.errors:
            log(logger, "campaign_content", problem)
        context[contract.CAMPAIGN_DATA] = data
        context[contract.CAMPAIGN_BUILD_DATE] = build_date(settings, generator.settings.get("TIMEZONE"))
    return context[contract.CAMPAIGN_DATA]


def reserved_paths(generator):
    """The paths the site writes itself (names.site_paths), worked out once per build."""
    context = generator.context
    if RESERVED_KEY not in context:
        context[RESERVED_KEY] = site_paths(generator.settings)
    return context[RESERVED_KEY]


def check_metadata(generator, metadata):
    """Skip a document whose metadata breaks the model, saying why."""
    kind = metadata.get("kind")
    source_file = metadata.get("source_file", "(unknown file)")
    default_lang = generator.settings["DEFAULT_LANG"]
    lang = metadata.get("lang") or default_lang
    for problem in metadata.get(READ_PROBLEMS, ()):
        log(logger, "campaign_content", problem)
    if metadata.get(UNUSABLE):
        skip(generator, metadata, kind, lang)
        return
    is_translation = lang != default_lang
    inherited = [f for f in generator.settings[SETTING]["locked_fields"] if f not in metadata] if is_translation else []
    optional = inherited + ["outcome"] if is_translation else []
    languages = contract.languages(generator.settings)
    lines = metadata.get(FIELD_LINES) or {}
    problems = check_document(kind, metadata, campaign_data(generator), optional, languages, lines,
                              today=generator.context[contract.CAMPAIGN_BUILD_DATE])
    for field in ignored_fields(metadata, lines, problems):
        del metadata[field]
    for problem in problems:
        log(logger, "campaign_content", dataclasses.replace(problem, file=source_file))
    naming = [file_name_problem(source_file, languages or [default_lang]),
              language_problem(source_file, lang, lines.get("lang")),
              slug_problem(str(metadata.get("slug") or ""), kind, reserved_paths(generator), source_file,
                           lines.get("slug"))]
    for problem in filter(None, naming):
        log(logger, "campaign_content", problem)
    if any(problem.level == "error" for problem in problems) or any(naming):
        skip(generator, metadata, kind, lang)
        return
    if kind == "actions":
        normalize_action(metadata)
    metadata["inherited_fields"] = inherited
    if "date" in inherited:
        metadata["date"] = PLACEHOLDER_DATE
    if kind in TEMPLATES:
        metadata.setdefault("template", TEMPLATES[kind])


def skip(generator, metadata, kind, lang):
    """Leave a document out of the build; other plugins read why from contract.SKIPPED_DOCUMENTS."""
    metadata["status"] = "skip"
    generator.context.setdefault(contract.SKIPPED_DOCUMENTS, set()).add((kind, metadata.get("slug"), lang))


def original_of(document, default_lang):
    """The default-language version of a translation (None for an original)."""
    return next((t for t in document.translations if t.lang == default_lang), None)


def translations_and_originals(documents, default_lang):
    """(translation, its original) for each translation among `documents` whose original the build has."""
    for document in documents:
        if document.lang != default_lang:
            original = original_of(document, default_lang)
            if original is not None:
                yield document, original


def inherit_locked_fields(documents, locked_fields, default_lang):
    """Translations take their original's facts; a contradiction is reported."""
    for document, original in translations_and_originals(documents, default_lang):
        for field, theirs, mine in locked_field_conflicts(original.metadata, document.metadata, locked_fields):
            if field in getattr(document, "inherited_fields", ()):
                continue
            log(logger, "campaign_content", Problem(
                document.source_file, field, f"{quoted(mine)} contradicts {quoted(theirs)} in "
                f"{original.source_file}, which decides it", "Delete the line from the translation (it inherits "
                "the value), or change the original", line=(document.metadata.get(FIELD_LINES) or {}).get(field)))
        for field in fields_original_lacks(original.metadata, document.metadata, locked_fields):
            log(logger, "campaign_content", Problem(
                document.source_file, field, f"is set here but not in {original.source_file}, which decides it, "
                "so it was ignored", "Delete the line from the translation, or add it to the original",
                line=(document.metadata.get(FIELD_LINES) or {}).get(field)))
            del document.metadata[field]
            document.__dict__.pop(field, None)  # the attribute Pelican made of it
        for field in locked_fields:
            if field in original.metadata:
                document.metadata[field] = original.metadata[field]
                setattr(document, field, original.metadata[field])
        if "date" in locked_fields:
            document.date = original.date
            document.locale_date = original.locale_date


def keep_urls(documents):
    """Compute each document's URL once and keep it.

    Pelican works `url` out from the URL settings on every access (a copy of
    the metadata, two abspath() and a relpath(), str.format); templates and
    plugins ask about 40,000 times on 1,000 documents in 3 languages. Once a
    document's metadata is final its URL cannot change, so it is kept where
    Pelican keeps the value of a `URL:` metadata line, which `url` returns
    as is. save_as is left alone: an overridden one changes how Pelican's
    writer treats two documents written to the same file.
    """
    for document in documents:
        document.override_url = document.url


def check_translated_mail_links(documents, default_lang, known=()):
    """A warning for each translation whose mail links send to an address that neither its original's
    links nor `known` (the targets' addresses) send to: a translator who changes or adds one (a `?bcc=`
    too) would have supporters' mail go there, and the team reading the pull request may not read the
    language. The link stays as written: the warning stops a strict publish until someone looks."""
    for document, original in translations_and_originals(documents, default_lang):
        unknown = set(getattr(document, MAIL_TO, ())) - set(getattr(original, MAIL_TO, ())) - set(known)
        if unknown:
            addresses = ", ".join(sorted(unknown))
            log(logger, "campaign_content", Problem(
                document.source_file, "", f"has a mail link to {addresses}, which {original.source_file} does not "
                "link to, so supporters' mail from this page would go to an address the original never names",
                "Use the addresses the original's links use; a new address belongs in the original, which the "
                "team writes", level="warning"))


def resolve_documents(generator):
    """Give actions and briefings the objects their templates show."""
    data = campaign_data(generator)
    today = generator.context[contract.CAMPAIGN_BUILD_DATE]
    default_lang = generator.settings["DEFAULT_LANG"]
    documents = list(generator.articles) + list(generator.translations)
    inherit_locked_fields(documents, generator.settings[SETTING]["locked_fields"], default_lang)
    check_translated_mail_links(documents, default_lang, target_addresses(data))
    briefings = {(d.slug, d.lang): d for d in documents if contract.kind_of(d) == "briefings"}
    actions = [d for d in documents if contract.kind_of(d) == "actions"]
    skipped = generator.context.get(contract.SKIPPED_DOCUMENTS, set())
    for action in actions:
        lang = action.lang
        action.targets = [data.targets[i].in_language(lang, default_lang) for i in action.metadata["targets"]]
        action.people = [data.people[i].in_language(lang, default_lang) for i in action.metadata["people"]]
        action.is_open = is_open(action.state, action.deadline, today)
        action.deadline_passed = action.deadline < today
        action.outcome_date = action.metadata.get("outcome-date")
        if action.state == "closed" and not getattr(action, "outcome", None):
            # The team closed the action before the translators caught up:
            # show the original's outcome rather than none.
            action.outcome = getattr(original_of(action, default_lang), "outcome", "")
            action.outcome_lang = default_lang
        slug = action.metadata["briefing"]
        action.briefing_page = briefings.get((slug, lang)) or briefings.get((slug, default_lang))
        if action.briefing_page is None and ("briefings", slug, default_lang) not in skipped:
            logger.warning(
                "campaign_content: %s: field 'briefing': no briefing has the slug %s. "
                "Use the Slug of a file in content/briefings/",
                action.source_file, quoted(slug),
            )
    by_briefing = {}
    for action in actions:
        by_briefing.setdefault((action.metadata["briefing"], action.lang), []).append(action)
    for briefing in briefings.values():
        related = by_briefing.get((briefing.slug, briefing.lang), [])
        briefing.related_actions = sorted(related, key=action_sort_key)
    keep_urls(documents)
    count_actions(generator, actions)


def count_actions(generator, actions):
    """Open and closed actions (originals) of the site, for the build record: in a partial
    build, those read now and the last build's others (which a new day would have rebuilt)."""
    default_lang = generator.settings["DEFAULT_LANG"]
    build = contract.incremental(generator.context)
    open_by_source = ({source: is_open for source, is_open in build.plan.previous(OPEN_ACTIONS_MEMORY, {}).items()
                       if source not in build.plan.reread} if build.plan.partial else {})
    open_by_source.update((action.relative_source_path, action.is_open)
                          for action in actions if action.lang == default_lang)
    build.record.remember(OPEN_ACTIONS_MEMORY, open_by_source)
    opened = sum(open_by_source.values())
    generator.settings[ACTION_COUNTS_KEY] = {"open": opened, "closed": len(open_by_source) - opened}


def write_build_record(pelican):
    """OUTPUT_PATH/<build_record>: when the site was built and how many actions are open, so a monitor
    sees a site whose scheduled build stopped."""
    config = pelican.settings[SETTING]
    if not config["build_record"]:
        return
    counts = pelican.settings.get(ACTION_COUNTS_KEY) or {"open": 0, "closed": 0}
    record = {
        "built_at": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "build_date": build_date(config, pelican.settings.get("TIMEZONE")).isoformat(),
        "open_actions": counts["open"],
        "closed_actions": counts["closed"],
    }
    write_atomically(os.path.join(pelican.settings["OUTPUT_PATH"], config["build_record"]),
                     json.dumps(record, indent=2) + "\n")


def resolve_pages(generator):
    documents = list(generator.pages) + list(generator.translations)
    check_translated_mail_links(documents, generator.settings["DEFAULT_LANG"], target_addresses(campaign_data(generator)))
    keep_urls(documents)


def target_addresses(data):
    """The targets' addresses (targets.toml), in the lower case mail_link_recipients gives."""
    return {target.email.lower() for target in data.targets.values()}


def install_filters(generator):
    """`actions|sort_actions`: open first by soonest deadline, then closed."""
    generator.env.filters["sort_actions"] = lambda actions: sorted(actions, key=action_sort_key)


def report_conversions(generators):
    """Say how many documents were converted and how many came from the conversion cache, and save
    the cache with the entries this build used."""
    if not generators:
        return
    readers = [getattr(generator, "readers", None) for generator in generators]
    readers = [r.readers.get("md") for r in readers if r is not None]
    readers = [reader for reader in readers if isinstance(reader, CampaignMarkdownReader)]
    read, cached = sum(r.read_count for r in readers), sum(r.cached_count for r in readers)
    if read:
        logger.info("campaign_content: read %d document(s): %d converted, %d from the conversion cache",
                    read, read - cached, cached)
    cache = generators[0].settings.get(contract.CONVERSION_CACHE)
    if cache is not None:
        # With Pelican's own content cache loaded, documents it handed over were not read
        # by us: their entries are kept, not dropped as unused.
        cache.save(keep_unused=bool(generators[0].settings.get("LOAD_CONTENT_CACHE")))


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(report_conversions)
    signals.readers_init.connect(use_campaign_reader)
    signals.article_generator_preread.connect(prefetch_articles)
    signals.page_generator_preread.connect(prefetch_pages)
    signals.generator_init.connect(install_filters)
    signals.article_generator_context.connect(check_metadata)
    signals.page_generator_context.connect(check_metadata)
    signals.article_generator_finalized.connect(resolve_documents)
    signals.page_generator_finalized.connect(resolve_pages)
    signals.static_generator_finalized.connect(keep_static_files_inside)
    signals.finalized.connect(write_build_record)
