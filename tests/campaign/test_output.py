"""campaign.output: every generated file is replaced whole or not at all."""

import contextlib
import os
import time

import pytest

from campaign.output import AtomicFile, atomic_target, copy_into_site, replacing_text, write_atomically


@contextlib.contextmanager
def umask(mask):
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "cache" / "status.pickle"
    write_atomically(str(path), b"the old cache")
    with pytest.raises(OSError):
        with atomic_target(str(path)) as temporary:
            with open(temporary, "wb") as stream:
                stream.write(b"half of the new")
            raise OSError(28, "No space left on device")
    assert path.read_bytes() == b"the old cache"
    assert os.listdir(path.parent) == ["status.pickle"]


def test_text_keeps_its_line_endings_and_the_file_its_permissions(tmp_path):
    path = tmp_path / "about.ru.md"
    path.write_bytes(b"Title: x\r\n")
    path.chmod(0o640)
    write_atomically(str(path), "Title: y\r\nTranslation-Status: translated\r\n", keep_mode=True)
    assert path.read_bytes() == b"Title: y\r\nTranslation-Status: translated\r\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_cached_files_are_copied_into_the_site_once(tmp_path):
    cached = tmp_path / "card.png"
    cached.write_bytes(b"png")
    copy_into_site({"actions/a/card.png": str(cached)}, str(tmp_path / "output"))
    target = tmp_path / "output" / "actions" / "a" / "card.png"
    assert target.read_bytes() == b"png"
    os.utime(target, (1, 1))
    copy_into_site({"actions/a/card.png": str(cached)}, str(tmp_path / "output"))
    assert target.stat().st_mtime == 1  # the same file is not written again


def test_a_build_removes_the_temporary_files_a_stopped_build_left_in_the_cache_and_no_others(tmp_path):
    from conftest import build_site, minimal_files

    cache = tmp_path / "cache"
    (cache / "images").mkdir(parents=True)
    stale = [cache / ".tmp-conversions", cache / "images" / ".tmp-photo"]
    for path in stale:
        path.write_bytes(b"half a file")
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    running = cache / ".tmp-another-build-writing-now"
    running.write_bytes(b"in progress")
    kept = cache / "images" / "photo.webp"
    kept.write_bytes(b"an image")
    os.utime(kept, (time.time() - 7200, time.time() - 7200))

    site = build_site(tmp_path, minimal_files())
    assert not any(path.exists() for path in stale)
    assert running.exists() and kept.exists()
    assert not site.report.problems


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_generated_files_get_the_permissions_a_plain_write_gives_not_tempfiles_owner_only_ones(tmp_path, mask, mode):
    # A web server running as another user must be able to read the feeds, the sitemap and the pages.
    with umask(mask):
        write_atomically(str(tmp_path / "sitemap.xml"), "<urlset/>")
        with atomic_target(str(tmp_path / "card.png")) as temporary:
            with open(temporary, "wb") as stream:
                stream.write(b"png")
        cache = AtomicFile(str(tmp_path / "conversions.pickle"))
        cache.stream.write(b"pickle")
        cache.commit()
        with replacing_text(str(tmp_path / "index.html"), "utf-8") as stream:
            stream.write("<p>page</p>")
    for name in ("sitemap.xml", "card.png", "conversions.pickle", "index.html"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name


def test_a_page_in_a_folder_not_made_yet_is_written_with_its_folders(tmp_path):
    page = tmp_path / "ru" / "actions" / "free-them" / "index.html"
    with replacing_text(str(page), "utf-8") as stream:
        stream.write("<p>\u0421\u0432\u043e\u0431\u043e\u0434\u0443</p>\n")
        stream.write("<p>two writes</p>")
    assert page.read_bytes() == "<p>\u0421\u0432\u043e\u0431\u043e\u0434\u0443</p>\n<p>two writes</p>".encode("utf-8")
    write_atomically(str(tmp_path / "kk" / "feed.xml"), b"<feed/>")
    assert (tmp_path / "kk" / "feed.xml").read_bytes() == b"<feed/>"
    assert sorted(os.listdir(page.parent)) == ["index.html"]


def test_a_page_is_replaced_never_written_into_so_a_hard_link_to_the_old_one_keeps_it(tmp_path):
    page, published = tmp_path / "staging" / "index.html", tmp_path / "published.html"
    page.parent.mkdir()
    published.write_text("<p>the published page</p>", encoding="utf-8")
    os.link(published, page)  # how a publish's fresh folder starts (plugins/incremental)

    with replacing_text(str(page), "utf-8") as stream:
        stream.write("<p>the new page \u2014 \u0434\u0430</p>\n")
    assert page.read_text(encoding="utf-8") == "<p>the new page \u2014 \u0434\u0430</p>\n"
    assert published.read_text(encoding="utf-8") == "<p>the published page</p>"

    with pytest.raises(RuntimeError):
        with replacing_text(str(page), "utf-8") as stream:
            stream.write("<p>half a page")
            raise RuntimeError("the template failed")
    assert page.read_text(encoding="utf-8") == "<p>the new page \u2014 \u0434\u0430</p>\n"
    assert sorted(os.listdir(page.parent)) == ["index.html"]  # no temporary left
