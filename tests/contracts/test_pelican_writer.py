"""Contract with Pelican's internals: parallel_render.ParallelWriter overrides Writer._open_w, the one
place Pelican's Writer opens a page or a feed for writing, so that a page replaces its file instead of
being written into it; it keeps Pelican's bookkeeping of what was written in Writer._written_files and
Writer._overridden_files. If a Pelican upgrade renames or moves them, this fails by name."""

import os

import jinja2
import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import FileOverwriteFailedError, Writer

from parallel_render.parallel_render import ParallelWriter


def write(writer, name, text, override=False):
    template = jinja2.Environment().from_string(text)
    writer.write_file(name, template, {"localsiteurl": None}, template_name="page", override_output=override)


def test_pelican_opens_every_page_through_open_w_and_notes_it_in_two_sets(tmp_path):
    assert callable(Writer._open_w), "pelican.writers.Writer._open_w is gone"
    writer = Writer(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    assert writer._written_files == set() and writer._overridden_files == set(), "Writer's bookkeeping moved"
    write(writer, "a/index.html", "one")
    assert writer._written_files == {os.path.join(str(tmp_path), "a", "index.html")}


def test_our_writer_replaces_a_page_and_reports_a_second_write_as_pelican_does(tmp_path):
    writer = ParallelWriter(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("the published page", encoding="utf-8")
    published = tmp_path / "published.html"
    os.link(page, published)

    write(writer, "a/index.html", "the new page")
    assert page.read_text(encoding="utf-8") == "the new page"
    assert published.read_text(encoding="utf-8") == "the published page"
    with pytest.raises(FileOverwriteFailedError):
        write(writer, "a/index.html", "a second page with the same name")
    write(writer, "b/index.html", "kept", override=True)
    write(writer, "b/index.html", "skipped")  # Pelican keeps the page written with override_output
    assert (tmp_path / "b" / "index.html").read_text(encoding="utf-8") == "kept"
