"""Pelican's content cache (pelicanconf.py) keeps rebuilds identical and checked."""

import os
import pathlib
import time

from conftest import build_site, minimal_files

CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CHECK_MODIFIED_METHOD": "mtime"}


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(pathlib.Path(folder).rglob("*")) if p.is_file()}


def touch_later(path, text):
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def test_a_cached_rebuild_writes_the_same_site(tmp_path):
    files = minimal_files()
    build_site(tmp_path / "cached", files, settings=CACHED, languages=("en", "ru"))
    assert (tmp_path / "cached" / "cache").is_dir()
    again = build_site(tmp_path / "cached", {}, settings=CACHED, languages=("en", "ru"))
    fresh = build_site(tmp_path / "fresh", files, languages=("en", "ru"))
    assert tree(again.output) == tree(fresh.output)


def test_a_rebuild_after_an_edit_equals_a_fresh_build(tmp_path):
    files = minimal_files()
    site = build_site(tmp_path / "cached", files, settings=CACHED, languages=("en", "ru"))
    edited = files["actions/free-them.md"].replace("The people were detained.", "Everyone was detained.")
    touch_later(site.content / "actions" / "free-them.md", edited)
    again = build_site(tmp_path / "cached", {}, settings=CACHED, languages=("en", "ru"))
    fresh = build_site(tmp_path / "fresh", dict(files, **{"actions/free-them.md": edited}), languages=("en", "ru"))
    assert "Everyone was detained." in again.text("actions/free-them/index.html")
    assert tree(again.output) == tree(fresh.output)


def test_problems_are_reported_again_from_the_cache(tmp_path):
    files = dict(minimal_files(), **{"briefings/bad.md": "Title: No date\nSummary: x\n\nText.\n"})
    first = build_site(tmp_path, files, settings=CACHED, languages=("en", "ru"))
    second = build_site(tmp_path, {}, settings=CACHED, languages=("en", "ru"))
    assert [e for e in first.report.errors if "bad.md" in e]
    assert sorted(first.report.errors) == sorted(second.report.errors)
    assert sorted(first.report.warnings) == sorted(second.report.warnings)
