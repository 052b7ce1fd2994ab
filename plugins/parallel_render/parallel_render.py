"""parallel_render: render and write the site's pages on every CPU core.

Pelican renders pages one after another, and on a large multilingual site
that is most of the build once Markdown is read in parallel. This writer
takes Pelican's `write_file` calls as jobs while the generators run, then,
when everything is read and decided (the `finalized` signal), forks one
process per core and each renders an equal share. Forked children inherit
the finished context, so nothing is pickled; each writes its own files.
Every page replaces its file (written beside it, then renamed over it):
a reader never sees half a page, and a publish may start from hard links
to the published pages (plugins/incremental).

Small builds (fewer than `min_pages` jobs), platforms without fork, a
second write to the same file (which Pelican reports) and paginated
templates are written in-process as Pelican would. Receivers of the
`content_written` signal run in the child that wrote the file.
"""

import gc
import logging
import operator
import os
import traceback

from pelican import signals

from pelican.utils import get_relative_path, path_to_url
from pelican.writers import Writer

from campaign import contract
from campaign.output import replacing_text
from campaign.processes import die_with_parent

from .settings import DEFAULTS, SETTING

logger = logging.getLogger(__name__)

def process_count(config):
    if not hasattr(os, "fork"):
        return 1
    return (os.cpu_count() or 1) if config["processes"] == 0 else config["processes"]


def share(jobs, processes):
    """Deal the jobs round-robin, so every process gets pages of every kind."""
    return [jobs[index::processes] for index in range(processes)]


def context_snapshot(last, context):
    """A copy of `context` for a page rendered later (generators change it as they run): `last`, the
    previous page's copy, while it holds the same objects.

    A context holds every setting (a few hundred entries): a copy per page
    took about 1.3 GB at 100,000 pages.
    """
    if (last is not None and list(last) == list(context)  # the same keys in the same order, so values pair up
            and all(map(operator.is_, last.values(), context.values()))):
        return last
    return context.copy()


def run_forked(shares, render):
    """Run render(job) for every job: shares[0] here, every other share in a forked child.

    Raises RuntimeError naming how many processes failed; each child prints its
    own traceback first.
    """
    children = []
    for jobs in shares[1:]:
        pid = os.fork()
        if pid == 0:  # the child: render its share, never return into Pelican
            status = 0
            try:
                die_with_parent()
                for job in jobs:
                    render(job)
            except BaseException:  # noqa: BLE001 - reported by the parent through the exit status
                traceback.print_exc()
                status = 1
            finally:
                logging.shutdown()
                os._exit(status)
        children.append(pid)
    error = None
    try:
        for job in shares[0]:
            render(job)
    except BaseException as exception:  # noqa: BLE001 - wait for the children before raising
        error = exception
    failed = sum(1 for pid in children if os.waitpid(pid, 0)[1] != 0)
    if error is not None:
        raise error
    if failed:
        raise RuntimeError(f"parallel_render: {failed} rendering process(es) failed; see the traceback above")


class ParallelWriter(Writer):
    """A Pelican Writer that renders the pages it is given on every core at the end of the build."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self._config = (settings or {}).get(SETTING) or DEFAULTS
        self._jobs = []
        self._last_context = None
        # Bound to this writer only: flushed once, when Pelican has generated everything.
        signals.finalized.connect(self._flush)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        document = kwargs.get("article") or kwargs.get("page")
        if name and document is not None:
            build = contract.incremental(context)
            if not build.plan.writes_pages_of(document):
                return None  # read for what the changed pages show of it; its own pages are current
            # So that a rebuild can remove a page its document no longer has.
            build.record.page(name, document)
        if not name or template_name is not None or paginated:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        self._last_context = context_snapshot(self._last_context, context)
        self._jobs.append((name, template, self._last_context, context, relative_urls, override_output, url, kwargs))

    def _open_w(self, filename, encoding, override=False):
        """Pelican's, except that a page's first write replaces the file instead of writing into it: a reader
        never sees half a page, and a publish's hard links to the published pages stay as they were."""
        if filename in self._written_files or filename in self._overridden_files:
            return super()._open_w(filename, encoding, override)  # Pelican says what a second write does
        self._written_files.add(filename)
        if override:
            self._overridden_files.add(filename)
        return replacing_text(filename, encoding)

    def _render(self, job):
        name, template, context, live_context, relative_urls, override_output, url, kwargs = job
        if relative_urls:
            # A document turns its {filename} and {static} links into addresses from the page being written
            # by the context it was made with (Pelican's Content.get_siteurl): Pelican's write_file sets it
            # in the context it is given, which here is the snapshot, so it is set in the documents' own.
            live_context["localsiteurl"] = path_to_url(get_relative_path(name))
        Writer.write_file(self, name, template, context, relative_urls, None, None, override_output, url, **kwargs)

    def _flush(self, pelican):
        signals.finalized.disconnect(self._flush)
        jobs, self._jobs = self._jobs, []
        processes = process_count(self._config)
        names = [job[0] for job in jobs]
        if processes < 2 or len(jobs) < self._config["min_pages"] or len(set(names)) != len(names):
            for job in jobs:
                self._render(job)
            return
        logger.debug("parallel_render: %d pages in %d processes", len(jobs), processes)
        # The documents read live until the end: a collection in a child that walked them would cost a
        # tenth of a second and copy every page of memory it touches. Frozen, it walks what it makes.
        gc.freeze()
        try:
            run_forked(share(jobs, processes), self._render)
        finally:
            gc.unfreeze()


def configure(pelican):
    contract.prepare(pelican.settings)


def use_parallel_writer(pelican):
    return ParallelWriter


def register():
    signals.initialized.connect(configure)
    signals.get_writer.connect(use_parallel_writer)
