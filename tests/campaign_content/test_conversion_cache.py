"""The conversion cache: a strict publish after a one-line change converts one
document, and its site is the same, byte for byte, as one built without the cache."""

import filecmp
import logging
import os
import re

from conftest import ROOT, minimal_files, settings_for, write_files
from campaign_content.conversions import FOLDER, prune
from sitebuild import build

READ = re.compile(r"read (\d+) document\(s\): (\d+) converted, (\d+) from the conversion cache")


def publish(tmp_path, content, output, cache, caplog):
    settings = settings_for(tmp_path, {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)})
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(str(ROOT / "publishconf.py"), overrides=settings, strict=True)
    counts = [tuple(map(int, READ.search(r.getMessage()).groups())) for r in caplog.records if READ.search(r.getMessage())]
    assert len(counts) == 1, [r.getMessage() for r in caplog.records]
    return counts[0]


def differing_files(left, right):
    def walk(comparison, prefix=""):
        found = [prefix + name for name in comparison.diff_files + comparison.left_only + comparison.right_only]
        for name, sub in comparison.subdirs.items():
            found += walk(sub, f"{prefix}{name}/")
        return found
    return [name for name in walk(filecmp.dircmp(left, right)) if name != "build.json"]


def test_a_strict_publish_after_a_one_line_change_converts_that_document_only(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    content = tmp_path / "content"
    write_files(content, minimal_files())
    documents = sum(1 for name in minimal_files() if name.endswith(".md"))
    assert publish(tmp_path, content, tmp_path / "first", tmp_path / "cache", caplog) == (documents, documents, 0)

    about = content / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("About us.", "About the campaign."), encoding="utf-8")
    warm = publish(tmp_path, content, tmp_path / "warm", tmp_path / "cache", caplog)
    assert warm == (documents, 1, documents - 1)
    cold = publish(tmp_path, content, tmp_path / "cold", tmp_path / "no-cache-yet", caplog)
    assert cold == (documents, documents, 0)
    assert "About the campaign." in (tmp_path / "warm" / "about" / "index.html").read_text(encoding="utf-8")
    assert differing_files(tmp_path / "warm", tmp_path / "cold") == []


def test_the_cache_is_keyed_by_the_text_not_the_file_time(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    content = tmp_path / "content"
    write_files(content, minimal_files())
    publish(tmp_path, content, tmp_path / "first", tmp_path / "cache", caplog)
    for path in content.rglob("*.md"):
        os.utime(path, (1, 1))  # every file "changed" by its time, none by its text
    read, converted, cached = publish(tmp_path, content, tmp_path / "again", tmp_path / "cache", caplog)
    assert converted == 0 and cached == read


def test_a_damaged_entry_is_converted_again_and_old_entries_are_pruned(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    content = tmp_path / "content"
    write_files(content, minimal_files())
    publish(tmp_path, content, tmp_path / "first", tmp_path / "cache", caplog)
    entries = sorted((tmp_path / "cache" / FOLDER).rglob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    read, converted, cached = publish(tmp_path, content, tmp_path / "again", tmp_path / "cache", caplog)
    assert (converted, cached) == (1, read - 1)
    assert differing_files(tmp_path / "first", tmp_path / "again") == []
    assert prune(str(tmp_path / "cache"), days=30, now=entries[0].stat().st_mtime + 31 * 86400) == len(entries)
