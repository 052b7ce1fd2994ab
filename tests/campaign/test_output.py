"""campaign.output: every generated file is replaced whole or not at all."""

import os

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
