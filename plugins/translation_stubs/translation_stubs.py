"""translation_stubs: tells translators what to translate and never touches their work.

`invoke stubs` writes a stub beside each original that lacks a translation;
`invoke translations` reports each document's state per language (cli.py).
In the build, this plugin leaves stubs out (the language switcher then goes
to that language's home page), gives an outdated translation's page a notice
linking to the current original, and writes a status page for the team that
no navigation links to and the sitemap leaves out.
"""

import logging

from pelican import signals
from pelican.generators import Generator

from .documents import project_from_settings
from .settings import SETTING, merge_settings
from .status import OUTDATED, STUB, collect_status

logger = logging.getLogger(__name__)

STATUS_KEY = "TRANSLATION_STATUS"
TEMPLATE = "translation_status"


def configure(pelican):
    """Merge and validate TRANSLATION_STUBS before anything is read."""
    pelican.settings[SETTING] = merge_settings(pelican.settings.get(SETTING))


def site_status(generator):
    """The StatusReport, computed once per build from the content files."""
    context = generator.context
    if STATUS_KEY not in context:
        report = collect_status(project_from_settings(generator.settings))
        for entry in report.entries:
            for problem in entry.problems:
                log = logger.warning if problem.level == "warning" else logger.info
                log("translation_stubs: %s", problem.message())
        stubs = [entry.file for entry in report.entries if entry.state == STUB]
        if stubs:
            logger.info("translation_stubs: %d stub(s) left out of the build: %s", len(stubs), ", ".join(stubs))
        context[STATUS_KEY] = report
    return context[STATUS_KEY]


def leave_out_stubs(generator, metadata):
    """A stub is never published: its language's switcher goes to that language's home."""
    entry = site_status(generator).entry_for_file(metadata.get("source_file"))
    if entry is None:
        return
    metadata["translation_state"] = entry.state
    if entry.state == STUB:
        metadata["status"] = "skip"


def _link_outdated(generator, documents):
    if not generator.settings[SETTING]["outdated_notice"]:
        return
    report = site_status(generator)
    by_file = {getattr(document, "source_file", None): document for document in documents}
    for entry in report.entries:
        if entry.state == OUTDATED and entry.file in by_file and entry.source_file in by_file:
            by_file[entry.file].outdated_original = by_file[entry.source_file]


def link_outdated_articles(generator):
    _link_outdated(generator, list(generator.articles) + list(generator.translations)
                   + list(generator.hidden_articles) + list(generator.hidden_translations))


def link_outdated_pages(generator):
    _link_outdated(generator, list(generator.pages) + list(generator.translations)
                   + list(generator.hidden_pages) + list(generator.hidden_translations))


class TranslationStatusGenerator(Generator):
    """Writes the team's status page (TRANSLATION_STUBS['status_page'])."""

    def generate_context(self):
        self.report = site_status(self)

    def generate_output(self, writer):
        path = self.settings[SETTING]["status_page"]
        if path is None:
            return
        writer.write_file(
            path + "index.html",
            self.get_template(TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=self.settings["DEFAULT_LANG"],
            report=self.report,
            language_links=[],
            alternates=[],
            page_url=path,
        )


def add_generator(pelican):
    return TranslationStatusGenerator


def register():
    signals.initialized.connect(configure)
    signals.article_generator_context.connect(leave_out_stubs)
    signals.page_generator_context.connect(leave_out_stubs)
    signals.article_generator_finalized.connect(link_outdated_articles)
    signals.page_generator_finalized.connect(link_outdated_pages)
    signals.get_generators.connect(add_generator)
