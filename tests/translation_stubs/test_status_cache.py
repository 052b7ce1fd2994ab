"""The per-file cache of what the status needs: same status, fewer files read."""

import dataclasses
import io
import logging
import os
import pickle
import shutil
import time

import pytest
from bs4 import BeautifulSoup

from conftest import action_md, settings_for
from sitebuild import build, load_settings
from stub_fixtures import ROOT, fingerprint_of, project_for, source_files, translation, write_tree
from translation_stubs import document_cache
from translation_stubs.cli import stubs_command
from translation_stubs.document_cache import CACHE_FILE, VERSION, load_entries, read_document_infos
from translation_stubs.documents import parse_text, project_from_settings, read_documents
from translation_stubs.status import MISSING, OUTDATED, STUB, TRANSLATED, collect_status

CACHED_BUILD = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def age(folder, seconds=3600):
    """Date every file `seconds` ago: older than the racy window, so the cache keeps it."""
    then = time.time() - seconds
    for root, _dirs, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(root, name), (then, then))


def edit(path, old, new, seconds_ago=1800):
    """Replace text in a file and give it another (old) mtime."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    then = time.time() - seconds_ago
    os.utime(path, (then, then))


def with_cache(project, tmp_path):
    return dataclasses.replace(project, cache_path=str(tmp_path / "cache"))


def cache_path(tmp_path):
    return tmp_path / "cache" / CACHE_FILE


def varied_site(tmp_path):
    """Every state and kind of problem: translated, outdated, stubs (one edited), missing, bad files,
    Required-Languages not ready or not configured."""
    content = write_tree(tmp_path, source_files(**{"actions/free-them.md": action_md(extra="Required-Languages: ru, kk, de")}))
    project = project_for(tmp_path)
    stubs_command(project, langs=["kk"], out=io.StringIO())
    stub = content / "actions/free-them.kk.md"
    stub.write_text(stub.read_text(encoding="utf-8").replace("The people were detained.", "Людей ұстады."), encoding="utf-8")
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md"), extra="Translator: Anna"),
        encoding="utf-8")
    (content / "briefings/background.ru.md").write_text(
        translation("background", "ru", fingerprint_of(project, "briefings/background.md"), title="Контекст",
                    body="Текст.\n\n<!-- TRANSLATION STUB: left behind -->\n"), encoding="utf-8")
    (content / "pages/about.ru.md").write_bytes("Title: О нас\nSlug: about\n\nО нас\n".encode("cp1251"))
    (content / "pages/orphan.ru.md").write_text(translation("orphan", "ru", "sha256:not-hex"), encoding="utf-8")
    (content / "pages/other.de.md").write_text(translation("about", "de", "sha256:" + "a" * 64), encoding="utf-8")
    edit(content / "briefings/background.md", "Text.", "Text, rewritten after the translation.")
    age(content)
    return content, project


def same_status(cached, plain, project):
    assert cached.as_dict() == plain.as_dict()
    assert cached.entries == plain.entries  # every field, the translation's header included
    assert cached.all_problems == plain.all_problems
    assert cached.originals == [document.info(project) for document in plain.originals]


def test_a_status_from_the_cache_equals_one_read_from_the_files(tmp_path, monkeypatch):
    content, project = varied_site(tmp_path)
    cached = with_cache(project, tmp_path)
    plain = collect_status(project)
    assert {entry.state for entry in plain.entries} == {TRANSLATED, OUTDATED, STUB, MISSING}
    assert plain.problems and plain.required and any(entry.problems for entry in plain.entries)

    cold = collect_status(cached)
    assert cache_path(tmp_path).is_file()
    same_status(cold, plain, project)

    # Warm: no file is read again but the one that cannot be read (never cached); same status.
    def no_reading(*args):
        raise AssertionError(f"read again: {args[1]}")

    monkeypatch.setattr(document_cache, "read_stamped_document", no_reading)
    with pytest.raises(AssertionError, match="pages/about.ru.md"):
        collect_status(cached)
    monkeypatch.undo()
    (content / "pages/about.ru.md").unlink()
    plain = collect_status(project)
    collect_status(cached)  # drops it from the cache
    written = os.stat(cache_path(tmp_path)).st_ino
    monkeypatch.setattr(document_cache, "read_stamped_document", no_reading)
    same_status(collect_status(cached), plain, project)
    assert os.stat(cache_path(tmp_path)).st_ino == written  # nothing changed: not rewritten


def test_an_edited_original_outdates_its_translation(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    age(content)
    cached = with_cache(project, tmp_path)

    def ru(report):
        return next(entry for entry in report.entries if entry.lang == "ru" and entry.slug == "free-them")

    first = ru(collect_status(cached))
    assert first.state == TRANSLATED
    # Same size, other words, other mtime: read again, new fingerprint.
    edit(content / "actions/free-them.md", "were detained.", "were arrested.")
    second = ru(collect_status(cached))
    assert second.state == OUTDATED
    assert second.source_fingerprint != first.source_fingerprint
    assert second.source_fingerprint == fingerprint_of(project, "actions/free-them.md")
    assert second == ru(collect_status(project))
    # Updating the translation's Source-Fingerprint makes it current again.
    edit(content / "actions/free-them.ru.md", first.source_fingerprint, second.source_fingerprint)
    assert ru(collect_status(cached)).state == TRANSLATED


def test_vanished_files_are_dropped_and_new_files_read(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    age(content)
    cached = with_cache(project, tmp_path)
    collect_status(cached)
    key = document_cache.cache_key(cached)
    assert "actions/free-them.ru.md" in load_entries(str(cache_path(tmp_path)), key)

    (content / "actions/free-them.ru.md").unlink()
    (content / "pages/about.ru.md").write_text(translation("about", "ru", fingerprint_of(project, "pages/about.md"),
                                                           title="О нас"), encoding="utf-8")
    age(content / "pages")
    report = collect_status(cached)
    assert {(entry.slug, entry.lang): entry.state for entry in report.entries if entry.lang == "ru"} == {
        ("free-them", "ru"): MISSING, ("background", "ru"): MISSING, ("about", "ru"): TRANSLATED}
    entries = load_entries(str(cache_path(tmp_path)), key)
    assert "actions/free-them.ru.md" not in entries and "pages/about.ru.md" in entries
    assert report.as_dict() == collect_status(project).as_dict()


@pytest.mark.parametrize("spoil", ["garbage", "truncated", "empty", "other version", "other site", "not a dict"])
def test_a_cache_that_cannot_be_used_is_ignored_and_rewritten(tmp_path, spoil):
    content, project = varied_site(tmp_path)
    cached = with_cache(project, tmp_path)
    collect_status(cached)
    path = cache_path(tmp_path)
    good = path.read_bytes()
    data = pickle.loads(good)
    spoiled = {
        "garbage": b"\x80\x05not a pickle at all",
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "other version": pickle.dumps(dict(data, version=VERSION + 1)),
        "other site": pickle.dumps(dict(data, key=("/elsewhere",) + data["key"][1:])),
        "not a dict": pickle.dumps(["version", VERSION]),
    }[spoil]
    path.write_bytes(spoiled)
    assert load_entries(str(path), document_cache.cache_key(cached)) is None
    same_status(collect_status(cached), collect_status(project), project)
    assert pickle.loads(path.read_bytes())["files"] == data["files"]


def test_a_cache_of_another_site_is_not_used_for_this_one(tmp_path):
    """Files copied with their mtimes have the same stamps: the content folder is part of the key."""
    content, project = varied_site(tmp_path / "one")
    collect_status(with_cache(project, tmp_path))
    other = tmp_path / "two" / "content"
    shutil.copytree(content, other)  # same names, sizes and mtimes
    edit(other / "actions/free-them.md", "were detained.", "were arrested.")
    os.utime(other / "actions/free-them.md", ns=(os.stat(content / "actions/free-them.md").st_mtime_ns,) * 2)
    two = project_for(tmp_path / "two")
    same_status(collect_status(with_cache(two, tmp_path)), collect_status(two), two)


def test_the_cache_holds_no_body_text_and_leaves_no_temporary_file(tmp_path):
    long_body = "\n\n".join(f"Paragraph {n}: the people were detained for protesting peacefully." for n in range(800))
    files = source_files(**{"briefings/long.md": "Title: Long\nSlug: long\nDate: 2019-03-05\nSummary: Long.\n\n" + long_body})
    content = write_tree(tmp_path, files)
    project = project_for(tmp_path)
    cached = with_cache(project, tmp_path)
    age(content)
    collect_status(cached)
    path = cache_path(tmp_path)
    text_size = sum(os.path.getsize(os.path.join(root, name)) for root, _dirs, names in os.walk(content) for name in names)
    assert text_size > 50_000
    assert path.stat().st_size < 4_000  # headers and fingerprints, no body text
    assert b"Paragraph" not in path.read_bytes()
    assert os.listdir(path.parent) == [CACHE_FILE]  # written through campaign.output (tests/campaign/test_output.py)


def test_a_cache_that_cannot_be_saved_is_a_warning_and_the_status_is_unchanged(tmp_path, caplog):
    write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (tmp_path / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        report = collect_status(with_cache(project, tmp_path))
    assert report.as_dict() == collect_status(project).as_dict()
    assert [record.getMessage() for record in caplog.records if "could not save the cache" in record.getMessage()]


def test_a_file_edited_just_now_is_not_kept_until_it_is_older(tmp_path):
    """Coarse file clocks: a second edit in the same tick as the first would keep the stamp."""
    content = write_tree(tmp_path, source_files())
    project = with_cache(project_for(tmp_path), tmp_path)
    age(content)
    os.utime(content / "pages/about.md")  # now
    key = document_cache.cache_key(project)
    read_document_infos(project, now=time.time())
    assert "pages/about.md" not in load_entries(str(cache_path(tmp_path)), key)
    assert "actions/free-them.md" in load_entries(str(cache_path(tmp_path)), key)
    read_document_infos(project, now=time.time() + 3)
    assert "pages/about.md" in load_entries(str(cache_path(tmp_path)), key)


def test_ignore_cache_reads_every_file_and_rewrites_the_cache(tmp_path, monkeypatch):
    content, project = varied_site(tmp_path)
    collect_status(with_cache(project, tmp_path))
    read = []
    original = document_cache.read_stamped_document
    monkeypatch.setattr(document_cache, "read_stamped_document", lambda *args: read.append(args[1]) or original(*args))
    ignoring = dataclasses.replace(with_cache(project, tmp_path), load_cache=False)
    assert read_document_infos(ignoring)[0] == [document.info(project) for document in read_documents(project)[0]]
    assert len(read) == len(read_documents(project)[0]) + 1  # and the file that is not UTF-8


def test_only_the_build_uses_the_cache_and_only_with_cache_content(tmp_path):
    (tmp_path / "content").mkdir()

    def project(cached, **settings):
        overrides = settings_for(tmp_path)
        overrides.update(settings)
        return project_from_settings(load_settings(str(ROOT / "pelicanconf.py"), overrides), cached=cached)

    assert project(True, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True).cache_path == str(tmp_path / "cache")
    assert project(True, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True).load_cache is True
    assert project(True, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=False).load_cache is False
    assert project(True, CACHE_CONTENT=False).cache_path is None
    assert project(False, CACHE_CONTENT=True).cache_path is None


def test_stubs_are_written_from_the_files_even_for_a_project_with_a_cache(tmp_path):
    content = write_tree(tmp_path, source_files())
    age(content)
    cached = with_cache(project_for(tmp_path), tmp_path)
    collect_status(cached)
    assert stubs_command(cached, langs=["ru"], out=io.StringIO()) == 0
    assert "The people were detained." in (content / "actions/free-them.ru.md").read_text(encoding="utf-8")


def test_a_rebuild_after_editing_an_original_shows_the_outdated_notice(tmp_path, monkeypatch):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    age(content)

    def notice():
        page = BeautifulSoup((tmp_path / "output/ru/actions/free-them/index.html").read_text(encoding="utf-8"),
                             "html.parser")
        return page.find(class_="outdated-notice")

    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, CACHED_BUILD))
    assert report.errors == [] and notice() is None
    assert "actions/free-them.md" in load_entries(str(cache_path(tmp_path)), document_cache.cache_key(project))

    edit(content / "actions/free-them.md", "were detained.", "were detained in Almaty.")
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, CACHED_BUILD))
    assert report.errors == [] and notice() is not None
    assert notice().a["href"] == "../../../actions/free-them/"

    # A third build reads no file for the status, and still shows it.
    def no_reading(*args):
        raise AssertionError(f"read again: {args[1]}")

    monkeypatch.setattr(document_cache, "read_stamped_document", no_reading)
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, CACHED_BUILD))
    assert report.errors == [] and notice() is not None


def test_a_cache_kept_from_before_every_byte_order_mark_was_skipped_is_not_used(tmp_path, monkeypatch):
    # A translation saved with two marks (an editor that adds one to a file that had one): the code before
    # campaign.sources skipped every mark read its header as body and kept no fields for it. Its stamp has
    # not changed since, so only another VERSION keeps the status from serving that reading.
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        "\ufeff\ufeff" + translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")),
        encoding="utf-8")
    age(content)
    cached = with_cache(project, tmp_path)
    real = document_cache.read_stamped_document

    def one_mark_skipped(content_path, path, project):  # as the code before read the file
        document, stamp, problem = real(content_path, path, project)
        if document is not None and (content / path).read_bytes().startswith("\ufeff\ufeff".encode()):
            with open(content / path, encoding="utf-8") as stream:
                document = parse_text(path, stream.read()[1:], project)
        return document, stamp, problem

    monkeypatch.setattr(document_cache, "VERSION", 2)  # the version that code wrote
    monkeypatch.setattr(document_cache, "read_stamped_document", one_mark_skipped)
    entry = next(e for e in collect_status(cached).entries if e.file == "actions/free-them.ru.md")
    assert entry.recorded_fingerprint is None  # what the old reading made of it
    monkeypatch.undo()

    entry = next(e for e in collect_status(cached).entries if e.file == "actions/free-them.ru.md")
    assert entry.state == TRANSLATED
    assert entry == next(e for e in collect_status(project).entries if e.file == "actions/free-them.ru.md")
