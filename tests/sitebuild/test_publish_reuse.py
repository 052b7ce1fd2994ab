"""`invoke publish` after a small change starts from the site it published last
and reads only what changed, and the site it puts in place is, byte for byte,
the one a publish from nothing makes. Anything that breaks the chain (a failed
check, a development build into output/, a changed file other than a document)
makes the next publish a full one from an empty folder."""

import json
import logging
import os
import pathlib
import time

import pytest

from conftest import ROOT, action_md, minimal_files, photo, settings_for, write_files
from sitebuild import BuildFailed, build, publishing

PARTIAL = "incremental: partial build"
FULL = "incremental: full build"


def tree(folder):
    """{relative path: bytes} of every file, with build.json's time of building left out."""
    files = {}
    for path in sorted(pathlib.Path(folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "build.json":
                record = json.loads(data)
                assert record.pop("built_at")
                data = json.dumps(record, sort_keys=True).encode()
            files[str(path.relative_to(folder))] = data
    return files


def age(folder, seconds=3600):
    then = time.time() - seconds
    for path in pathlib.Path(folder).rglob("*"):
        os.utime(path, (then, then))


def no_check(folder):
    assert (pathlib.Path(folder) / "index.html").exists()


class Publisher:
    """A content folder, its published site in output/ and the cache that lives between publishes (CI keeps both)."""

    def __init__(self, tmp_path, monkeypatch, files=None):
        monkeypatch.setenv("SITEURL", "https://campaign.example.org")
        self.tmp_path = tmp_path
        self.content = tmp_path / "content"
        self.files = dict(minimal_files() if files is None else files)
        self.files["actions/stop-fines.md"] = action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01",
                                                        body="The court fined them.")
        write_files(self.content, self.files)
        age(self.content)
        self.output = tmp_path / "output"

    def overrides(self, cache="cache"):
        overrides = settings_for(self.tmp_path, {"CACHE_PATH": str(self.tmp_path / cache)})
        overrides["CAMPAIGN_CONTENT"]["build_record"] = "build.json"  # as publishconf.py sets it
        return overrides

    def publish(self, caplog, check=no_check):
        """Publish as `invoke publish` does; the incremental plugin's line about the build that counted."""
        caplog.clear()
        with caplog.at_level(logging.INFO):
            publishing.publish(str(ROOT), str(self.output), check, settings_file=str(ROOT / "publishconf.py"),
                               overrides=self.overrides())
        return [r.getMessage() for r in caplog.records if r.getMessage().startswith((PARTIAL, FULL))][-1]

    def fresh(self, name):
        """The same content published from nothing: an empty cache, no earlier site."""
        output = self.tmp_path / name
        publishing.publish(str(ROOT), str(output), no_check, settings_file=str(ROOT / "publishconf.py"),
                           overrides=self.overrides(cache=f"cache-{name}"))
        return output

    def edit(self, relative, old, new):
        path = self.content / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        later = time.time() + 5
        os.utime(path, (later, later))


@pytest.fixture
def publisher(tmp_path, monkeypatch):
    return Publisher(tmp_path, monkeypatch)


def test_a_publish_after_a_one_line_change_reads_that_document_and_equals_a_publish_from_nothing(publisher, caplog):
    assert publisher.publish(caplog).startswith(FULL)
    publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")

    line = publisher.publish(caplog)
    # Read: the action, its briefing in two languages, the page every page lists. Written: the action.
    assert line == PARTIAL + ": 1 changed document(s); reading 4 of 6 documents, writing the pages of 1", line
    published = tree(publisher.output)
    assert "The court fined them twice." in published["actions/stop-fines/index.html"].decode()
    assert published == tree(publisher.fresh("from-nothing"))
    assert json.loads(published["build.json"]) == {"build_date": "2026-06-01", "open_actions": 2, "closed_actions": 0}
    assert not [p for p in publisher.tmp_path.iterdir() if p.name.startswith("publish-")]  # no staging folder left


def test_a_fresh_checkout_where_every_file_has_a_new_time_changes_nothing(publisher, caplog):
    publisher.publish(caplog)
    before = tree(publisher.output)
    for path in publisher.content.rglob("*"):
        os.utime(path, None)  # what `git clone` in CI does to every file

    assert publisher.publish(caplog).startswith(PARTIAL + ": 0 changed document(s)")
    assert tree(publisher.output) == before


def test_a_publish_whose_checks_fail_leaves_the_site_and_the_next_publish_is_a_full_one(publisher, caplog):
    publisher.publish(caplog)
    before = tree(publisher.output)
    publisher.edit("actions/stop-fines.md", "Stop the fines", "Stop the fines now")

    def failing_check(folder):
        raise RuntimeError("a broken link")

    with pytest.raises(RuntimeError, match="a broken link"):
        publisher.publish(caplog, check=failing_check)
    assert tree(publisher.output) == before

    line = publisher.publish(caplog)
    assert line.startswith(FULL) and "does not hold the site the last build wrote" in line, line
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_a_strict_failure_leaves_the_site_and_the_fixed_publish_equals_one_from_nothing(publisher, caplog):
    publisher.publish(caplog)
    before = tree(publisher.output)
    publisher.edit("actions/stop-fines.md", "Deadline: 2026-10-01", "Deadline: someday")

    with pytest.raises(BuildFailed, match="strict build: 1 error"):
        publisher.publish(caplog)
    assert tree(publisher.output) == before
    assert any("stop-fines.md" in r.getMessage() and "deadline" in r.getMessage().lower() for r in caplog.records)

    publisher.edit("actions/stop-fines.md", "Deadline: someday", "Deadline: 2026-10-02")
    assert publisher.publish(caplog).startswith(FULL)
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_a_development_build_into_output_makes_the_next_publish_a_full_one(publisher, caplog):
    publisher.publish(caplog)
    build(str(ROOT / "pelicanconf.py"), overrides=dict(publisher.overrides(), OUTPUT_PATH=str(publisher.output)))

    line = publisher.publish(caplog)
    assert line.startswith(FULL) and "does not hold the site the last build wrote" in line, line
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_a_deleted_image_is_gone_from_the_next_publish(publisher, caplog):
    image = publisher.content / "images" / "old.jpg"
    image.parent.mkdir()
    image.write_bytes(photo(40, 30))
    publisher.publish(caplog)
    assert (publisher.output / "images" / "old.jpg").exists()

    image.unlink()
    assert publisher.publish(caplog).startswith(FULL)  # not a document: the build starts from an empty folder
    assert not (publisher.output / "images" / "old.jpg").exists()
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_the_mirror_bundle_built_after_a_publish_leaves_the_next_publish_partial(publisher, caplog, tmp_path):
    publisher.publish(caplog)

    def bundle_build(settings_file, strict, remember, overrides):
        return build(settings_file, overrides={**publisher.overrides(), **overrides}, strict=strict, remember=remember)

    publishing.bundle(str(ROOT), str(tmp_path / "dist" / "site.zip"), "site", no_check, run_build=bundle_build)
    assert (tmp_path / "dist" / "site.zip").exists()
    publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")

    assert publisher.publish(caplog).startswith(PARTIAL + ": 1 changed document(s)")
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_a_new_title_publishes_partially_and_its_share_card_and_lists_are_the_new_ones(publisher, caplog):
    publisher.publish(caplog)
    publisher.edit("actions/stop-fines.md", "Title: Stop the fines", "Title: End the fines")

    assert publisher.publish(caplog).startswith(PARTIAL)
    published = tree(publisher.output)
    assert "End the fines" in published["actions/index.html"].decode()
    assert published == tree(publisher.fresh("from-nothing"))  # the card, the lists, the feeds, the sitemap


def test_a_new_translation_makes_the_publish_a_full_one(publisher, caplog):
    # Until it is read, a new file is known by its name only; its Slug may say otherwise.
    publisher.publish(caplog)
    new = publisher.content / "actions" / "stop-fines.ru.md"
    new.write_text(action_md(slug="stop-fines", lang="ru", title="Остановите штрафы", deadline="2026-10-01"),
                   encoding="utf-8")

    line = publisher.publish(caplog)
    assert line.startswith(FULL) and "actions/stop-fines.ru.md is new or was not published" in line, line
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_a_symbolic_link_in_the_site_makes_the_publish_start_from_an_empty_folder(publisher, caplog, tmp_path):
    publisher.publish(caplog)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (publisher.output / "actions" / "stop-fines").rename(elsewhere / "stop-fines")
    (publisher.output / "actions" / "stop-fines").symlink_to(elsewhere / "stop-fines")
    before = {path.name: path.read_bytes() for path in (elsewhere / "stop-fines").rglob("*") if path.is_file()}
    publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")

    line = publisher.publish(caplog)
    assert line.startswith(FULL) and "is a symbolic link" in line, line
    assert {path.name: path.read_bytes() for path in (elsewhere / "stop-fines").rglob("*") if path.is_file()} == before
    assert not (publisher.output / "actions" / "stop-fines").is_symlink()
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_an_action_that_changes_its_image_leaves_none_of_the_old_sizes_behind(publisher, caplog):
    images = publisher.content / "images"
    images.mkdir()
    (images / "before.jpg").write_bytes(photo(800, 480, (150, 30, 30)))
    (images / "after.jpg").write_bytes(photo(800, 480, (30, 30, 150)))
    (images / "portrait.jpg").write_bytes(photo(800, 480, (30, 150, 30)))
    # The person at risk's portrait, which free-them shows, is stop-fines' image at first.
    people = publisher.content / "data" / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "description = {", 'image = "images/portrait.jpg"\nimage_alt = { en = "Dmitry Tikhonov", ru = "Дмитрий '
        'Тихонов", kk = "Дмитрий Тихонов" }\ndescription = {'), encoding="utf-8")
    age(publisher.content)
    publisher.edit("actions/stop-fines.md", "Briefing: background\n",
                   "Briefing: background\nImage: images/portrait.jpg\nImage-Alt: Dmitry Tikhonov\n")
    publisher.publish(caplog)
    sized = publisher.output / "images" / "sized"
    portrait = set(sized.iterdir())
    assert portrait

    publisher.edit("actions/stop-fines.md", "images/portrait.jpg", "images/after.jpg")
    assert publisher.publish(caplog).startswith(PARTIAL)
    assert portrait <= set(sized.iterdir())  # still the person's picture on free-them's page
    after = set(sized.iterdir()) - portrait
    assert after

    publisher.edit("actions/stop-fines.md", "images/after.jpg", "images/before.jpg")
    assert publisher.publish(caplog).startswith(PARTIAL)
    assert portrait <= set(sized.iterdir()) and not after & set(sized.iterdir())
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))


def test_the_published_site_is_readable_by_a_web_server_running_as_another_user(publisher, caplog):
    previous = os.umask(0o022)
    try:
        publisher.publish(caplog)
        publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")
        assert publisher.publish(caplog).startswith(PARTIAL)
    finally:
        os.umask(previous)
    paths = [publisher.output, *publisher.output.rglob("*")]
    modes = {str(path.relative_to(publisher.output)): path.stat().st_mode & 0o777 for path in paths}
    assert {name for name, mode in modes.items() if mode != (0o755 if os.path.isdir(publisher.output / name) else 0o644)} == set()
    assert {"sitemap.xml", "feeds/atom.xml", "actions/stop-fines/index.html"} <= set(modes)


def test_a_partial_publish_links_the_pages_it_keeps_and_never_writes_into_the_published_ones(publisher, caplog):
    publisher.publish(caplog)
    before = tree(publisher.output)
    publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")
    staged = {}

    def look_then_fail(folder):
        for path in pathlib.Path(folder).rglob("*"):
            published = publisher.output / path.relative_to(folder)
            if path.is_file() and published.exists():
                staged[str(path.relative_to(folder))] = os.path.samefile(path, published)
        raise RuntimeError("a broken link")

    with pytest.raises(RuntimeError, match="a broken link"):
        publisher.publish(caplog, check=look_then_fail)
    assert tree(publisher.output) == before  # the changed page was written beside its link, not into it
    linked = {name for name, same in staged.items() if same}
    assert "actions/stop-fines/index.html" not in linked
    assert {"briefings/background/index.html", "ru/briefings/background/index.html"} <= linked, sorted(linked)
    assert not {name for name in linked if name.startswith("theme/")}  # Pelican copies those into place


def test_an_output_that_is_a_symbolic_link_is_replaced_and_every_later_publish_succeeds(publisher, caplog, tmp_path):
    # output/ was a link to a folder a person keeps: the first publish put the link aside as output.previous
    # and could not remove it (rmtree refuses a link), and every publish after it built and checked the site,
    # then stopped with a traceback (NotADirectoryError) when it came to put it in place.
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "CNAME").write_text("campaign.example.org\n", encoding="utf-8")
    publisher.output.symlink_to(kept)

    publisher.publish(caplog)
    publisher.edit("actions/stop-fines.md", "The court fined them.", "The court fined them twice.")
    publisher.publish(caplog)
    assert not publisher.output.is_symlink()
    assert "The court fined them twice." in (publisher.output / "actions/stop-fines/index.html").read_text(encoding="utf-8")
    assert [path.name for path in kept.iterdir()] == ["CNAME"]  # what the link led to is left as it was
    assert not os.path.lexists(str(publisher.output) + ".previous")
    assert tree(publisher.output) == tree(publisher.fresh("from-nothing"))
