"""campaign.output: every generated file is replaced whole or not at all."""

import os
import time

import pytest

from campaign.output import atomic_target, copy_into_site, write_atomically


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
