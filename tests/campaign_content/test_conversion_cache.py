"""The conversion cache: a strict publish after a one-line change converts one
document, and its site is the same, byte for byte, as one built without the cache."""

import filecmp
import logging
import os
import pickle
import re

from conftest import ROOT, minimal_files, settings_for, write_files
from campaign_content.conversions import FILE_NAME
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


def test_a_damaged_cache_is_converted_again_and_a_full_build_keeps_only_what_it_used(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    content = tmp_path / "content"
    write_files(content, minimal_files())
    publish(tmp_path, content, tmp_path / "first", tmp_path / "cache", caplog)
    cache_file = tmp_path / "cache" / FILE_NAME
    cache_file.write_bytes(b"not a pickle")
    read, converted, cached = publish(tmp_path, content, tmp_path / "again", tmp_path / "cache", caplog)
    assert (converted, cached) == (read, 0)
    assert differing_files(tmp_path / "first", tmp_path / "again") == []
    (content / "pages" / "about.md").unlink()
    publish(tmp_path, content, tmp_path / "third", tmp_path / "cache", caplog)
    with cache_file.open("rb") as stream:
        header, entries = pickle.load(stream), []
        while True:
            try:
                entries.append(pickle.load(stream))
            except EOFError:
                break
    assert set(header) == {"version", "salt"}
    assert len(entries) == read - 1  # the deleted page's conversion is not kept
    assert [path.name for path in cache_file.parent.iterdir() if path.name.startswith(".tmp-")] == []


def test_reading_workers_get_only_what_the_cache_lacks(tmp_path, caplog):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    content = tmp_path / "content"
    corpus.generate(content, docs=24, langs=3)  # 72 files: enough for the reading pool to start

    def run(output):
        settings = settings_for(tmp_path, {"PATH": str(content), "OUTPUT_PATH": str(tmp_path / output),
                                           "CACHE_PATH": str(tmp_path / "cache"),
                                           "MULTILINGUAL": {"languages": ["en", "ru", "kk"]},
                                           "CAMPAIGN_CONTENT": {"read_processes": 2, "today": "2024-06-01"}})
        caplog.clear()
        with caplog.at_level(logging.INFO):
            build(str(ROOT / "pelicanconf.py"), overrides=settings, strict=True)
        return next(tuple(map(int, READ.search(r.getMessage()).groups())) for r in caplog.records
                    if READ.search(r.getMessage()))

    read, converted, _ = run("cold")
    assert converted == read == 72
    page = content / "pages" / "page-0.md"  # the English original
    page.write_text(page.read_text(encoding="utf-8") + "\n\nOne more sentence.\n", encoding="utf-8")
    assert run("warm") == (72, 1, 71)
    assert "One more sentence." in "".join(
        path.read_text(encoding="utf-8") for path in (tmp_path / "warm" / "page-0").rglob("index.html"))


def test_entries_of_documents_pelicans_cache_handed_over_are_kept(tmp_path):
    from campaign_content.conversions import ConversionCache, text_key
    from campaign_content.reader import Converted

    def converted(html):
        return Converted({}, {}, html, None, None, {}, [])

    first = ConversionCache(str(tmp_path), "salt")
    first.put(text_key("a"), converted("<p>a</p>"))
    first.put(text_key("b"), converted("<p>b</p>"))
    first.save()
    # A build that read only "a" (Pelican's own cache gave it "b") keeps "b" with keep_unused.
    second = ConversionCache(str(tmp_path), "salt")
    assert second.get(text_key("a")).content == "<p>a</p>"
    second.save(keep_unused=True)
    assert ConversionCache(str(tmp_path), "salt").get(text_key("b")).content == "<p>b</p>"
    # A full build that read everything itself keeps only what it used.
    third = ConversionCache(str(tmp_path), "salt")
    third.get(text_key("a"))
    third.save()
    assert ConversionCache(str(tmp_path), "salt").get(text_key("b")) is None
    assert ConversionCache(str(tmp_path), "other salt").get(text_key("a")) is None  # other code or settings


def test_a_pickled_conversion_leaves_its_texts_the_size_they_were():
    # CPython keeps the UTF-8 that pickle writes for a str inside that str: a Russian page's HTML would
    # take twice its memory for the rest of the build once the cache or a worker pickled it.
    import sys

    from campaign_content.reader import Converted

    html = "<p>Задержаны за мирный протест: " + "сорок семь человек. " * 50 + "</p>"
    converted = Converted(fields={"title": ["Освободите их"]}, lines={}, content=html, toc="<ul><li>Суд</li></ul>",
                          letter="Уважаемый прокурор, " * 20, formatted={"summary": "<p>Кратко: суд</p>"}, problems=[])
    sizes = [sys.getsizeof(text) for text in (converted.content, converted.toc, converted.letter,
                                              converted.formatted["summary"])]
    copy = pickle.loads(pickle.dumps(converted, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == converted
    assert [sys.getsizeof(text) for text in (converted.content, converted.toc, converted.letter,
                                             converted.formatted["summary"])] == sizes


def test_an_entry_that_does_not_load_as_a_conversion_empties_the_cache_instead_of_failing_the_build(tmp_path):
    from campaign_content.conversions import ConversionCache, entry_digest, text_key
    from campaign_content.reader import Converted

    class WithoutFormattedFields:  # what a damaged file whose header still matches may hold
        def __reduce__(self):
            return object.__new__, (Converted,), {"content": b"<p>a</p>", "toc": None, "letter": None}

    cache = ConversionCache(str(tmp_path), "salt")
    cache.put(text_key("a"), Converted({}, {}, "<p>a</p>", None, None, {}, []))
    cache.save()
    path = tmp_path / FILE_NAME
    with path.open("rb") as stream:
        header = pickle.load(stream)
    with path.open("wb") as stream:
        pickle.dump(header, stream)
        record = pickle.dumps(WithoutFormattedFields())
        pickle.dump((text_key("a"), entry_digest(record), record), stream)
    assert ConversionCache(str(tmp_path), "salt").get(text_key("a")) is None


def test_an_entry_damaged_in_any_way_is_converted_again_instead_of_failing_the_build(tmp_path):
    # Entries are unpickled one by one when a document asks: damage inside one (a flipped length byte, a
    # flipped opcode) surfaces there, as whatever pickle raises, or as another object than a conversion.
    from campaign_content.conversions import ConversionCache, entry_digest, text_key
    from campaign_content.reader import Converted

    damaged = {"huge length": b"\x80\x05\x8e\xff\xff\xff\xff\xff\xff\xff\x7f",  # OverflowError
               "not a conversion": pickle.dumps("<p>a</p>"), "nothing": pickle.dumps(None)}
    cache = ConversionCache(str(tmp_path), "salt")
    cache.put(text_key("good"), Converted({}, {}, "<p>good</p>", None, None, {}, []))
    cache.save()
    path = tmp_path / FILE_NAME
    with path.open("rb") as stream:
        header, good = pickle.load(stream), pickle.load(stream)
    with path.open("wb") as stream:
        pickle.dump(header, stream)
        pickle.dump(good, stream)
        for name, record in damaged.items():  # with digests that match: the damage is in what was written
            pickle.dump((text_key(name), entry_digest(record), record), stream)
    cache = ConversionCache(str(tmp_path), "salt")
    for name in damaged:
        assert cache.get(text_key(name)) is None, name
    assert cache.get(text_key("good")).content == "<p>good</p>"
    cache.save(keep_unused=True)
    again = ConversionCache(str(tmp_path), "salt")
    assert again.has_entries() and set(again.entries) == {text_key("good")}  # the damaged ones are dropped



def test_an_entry_damaged_inside_a_page_s_text_is_converted_again_and_never_published(tmp_path, caplog,
                                                                                       monkeypatch):
    # A flipped byte inside the HTML still unpickles, as a conversion with other text: only the entry's
    # digest tells it from the one the build wrote.
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    content = tmp_path / "content"
    write_files(content, minimal_files())
    publish(tmp_path, content, tmp_path / "first", tmp_path / "cache", caplog)
    cache_file = tmp_path / "cache" / FILE_NAME
    data = cache_file.read_bytes()
    assert data.count(b"About us.") == 1
    cache_file.write_bytes(data.replace(b"About us.", b"About US."))
    read, converted, cached = publish(tmp_path, content, tmp_path / "again", tmp_path / "cache", caplog)
    assert (converted, cached) == (1, read - 1)
    page = (tmp_path / "again" / "about" / "index.html").read_text(encoding="utf-8")
    assert "About us." in page and "About US." not in page
