"""translation_stubs: tells translators what to translate and never touches their work.

`invoke stubs` writes a stub beside each original that lacks a translation;
`invoke translations` reports each document's state per language (cli.py).
In the build, this plugin leaves stubs out (the language switcher then goes
to that language's home page), gives an outdated translation's page a notice
linking to the current original, and writes a status page for the team that
no navigation links to and the sitemap leaves out.

In the languages of TRANSLATION_STUBS['review_languages'], a translation not
yet reviewed is shown with a "not yet reviewed" mark ('unreviewed': 'show',
pelicanconf.py) or left out like a stub ('unreviewed': 'hide',
publishconf.py). An action whose Required-Languages are not ready is
mentioned in the log, or logged as an error per language
('required_languages': 'error', publishconf.py), which fails a strict build.
"""

import dataclasses
import logging

from pelican import signals
from pelican.generators import Generator

from .documents import project_from_settings
from campaign import contract
from campaign.problems import log

from .settings import SETTING

from .status import OUTDATED, STUB, collect_status, held_back_actions

LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "notice": logging.INFO}

logger = logging.getLogger(__name__)

TEMPLATE = "translation_status"


def configure(pelican):
    """Merge and validate TRANSLATION_STUBS before anything is read."""
    contract.prepare(pelican.settings)


def site_status(generator):
    """The StatusReport, computed once per build from the content files.

    With CACHE_CONTENT, only the files changed since the last build are read
    (document_cache.py).
    """
    context = generator.context
    if contract.TRANSLATION_STATUS not in context:
        settings = generator.settings[SETTING]
        report = collect_status(project_from_settings(generator.settings, cached=True), context.get(contract.CAMPAIGN_DATA))
        for problem in report.field_problems + [problem for entry in report.entries for problem in entry.problems]:
            logger.log(LOG_LEVELS[problem.level], "translation_stubs: %s", problem.text())
        stubs = [entry.file for entry in report.entries if entry.state == STUB]
        if stubs:
            logger.info("translation_stubs: %d stub(s) left out of the build: %s", len(stubs), ", ".join(stubs))
        unreviewed = [entry.file for entry in report.entries if entry.awaiting_review]
        if unreviewed:
            logger.info("translation_stubs: %d translation(s) not yet reviewed %s: %s", len(unreviewed),
                        "left out of the build" if settings["unreviewed"] == "hide" else "shown with a mark",
                        ", ".join(unreviewed))
        mode = settings["required_languages"]
        for problem in report.required:
            logger.log(LOG_LEVELS.get(mode, logging.INFO), "translation_stubs: %s", problem.text())
        held = held_back_actions(report) if mode == "hold" else {}
        for path, reasons in held.items():
            logger.info("translation_stubs: %s is held back from this build in every language: %s", path,
                        "; ".join(reasons))
        # Shared with sitebuild through the settings, which outlive the build's context.
        generator.settings[contract.TRANSLATION_HELD_BACK] = held
        context[contract.TRANSLATION_STATUS] = report
    return context[contract.TRANSLATION_STATUS]


def leave_out_stubs(generator, metadata):
    """A stub is never published: its language's switcher goes to that language's home.

    Nor, with 'unreviewed': 'hide', is a translation awaiting review; with
    'show' its page gets the "not yet reviewed" mark (metadata 'awaiting_review').
    """
    report = site_status(generator)
    source_file = metadata.get("source_file")
    entry = report.entry_for_file(source_file)
    held = generator.settings.get(contract.TRANSLATION_HELD_BACK) or {}
    if source_file in held or (entry is not None and entry.source_file in held):
        metadata["status"] = "skip"  # held back: not written in any language
        return
    if entry is None:
        lang = metadata.get("lang") or generator.settings["DEFAULT_LANG"]
        taken = report.entry_for(metadata.get("kind"), str(metadata.get("slug") or ""), lang)
        if taken is not None and taken.file not in (None, source_file) and metadata.get("status") != "skip":
            # A second file for the same original and language: the status took the other (the first by
            # path), so this one is left out, as the status says. Published, it bypassed the other's state:
            # with a stub 'aaa.ru.md' in its slot, an unreviewed 'free-them.ru.md' was published by a build
            # that hides unreviewed translations, and an outdated one without its notice.
            metadata["status"] = "skip"
            for problem in report.problems:
                if problem.file == source_file:
                    log(logger, "translation_stubs", dataclasses.replace(problem, level="error"))
        return
    metadata["translation_state"] = entry.state
    if entry.state == STUB:
        metadata["status"] = "skip"
    elif entry.awaiting_review:
        if generator.settings[SETTING]["unreviewed"] == "hide":
            metadata["status"] = "skip"
        else:
            metadata["awaiting_review"] = True


def _link_originals(generator, documents):
    """Outdated and not-yet-reviewed translations link to their original in their notices."""
    notice = generator.settings[SETTING]["outdated_notice"]
    report = site_status(generator)
    by_file = {getattr(document, "source_file", None): document for document in documents}
    for entry in report.entries:
        if entry.file not in by_file or entry.source_file not in by_file:
            continue
        if notice and entry.state == OUTDATED:
            by_file[entry.file].outdated_original = by_file[entry.source_file]
        if entry.awaiting_review:
            by_file[entry.file].unreviewed_original = by_file[entry.source_file]


def link_outdated_articles(generator):
    _link_originals(generator, list(generator.articles) + list(generator.translations)
                    + list(generator.hidden_articles) + list(generator.hidden_translations))


def link_outdated_pages(generator):
    _link_originals(generator, list(generator.pages) + list(generator.translations)
                    + list(generator.hidden_pages) + list(generator.hidden_translations))


class TranslationStatusGenerator(Generator):
    """Writes the team's status page (TRANSLATION_STUBS['status_page'])."""

    def generate_context(self):
        self.report = site_status(self)

    def generate_output(self, writer):
        path = self.settings[SETTING]["status_page"]
        if path is None:
            return
        # The status is made from the documents' files, the catalogs and the
        # settings only: a rebuild (plugins/incremental) writes the page again
        # only when one of them changed.
        build = contract.incremental(self.context)
        output = path + "index.html"
        key = build.plan.documents_key()
        if build.plan.is_current(output, key):
            return
        writer.write_file(
            output,
            self.get_template(TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=self.settings["DEFAULT_LANG"],
            report=self.report,
            language_links=[],
            alternates=[],
            page_url=path,
        )
        build.record.output(output, key)


def add_generator(pelican):
    return TranslationStatusGenerator


def register():
    signals.initialized.connect(configure)
    signals.article_generator_context.connect(leave_out_stubs)
    signals.page_generator_context.connect(leave_out_stubs)
    signals.article_generator_finalized.connect(link_outdated_articles)
    signals.page_generator_finalized.connect(link_outdated_pages)
    signals.get_generators.connect(add_generator)
