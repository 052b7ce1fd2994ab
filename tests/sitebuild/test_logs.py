"""Build logs: one problem, one unwrapped line outside a terminal; and a rebuild
reports exactly the problems and counts of a fresh build of the same sources."""

import io
import logging
import os
import shutil
import time

import pytest

from conftest import ROOT, action_md, minimal_files, settings_for, write_files
from sitebuild import build, plain_log_handler


def age(folder, seconds=3600):
    """Every file under folder as if saved an hour ago: well before the build looks at it."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (then, then))


def cached(folder):
    return settings_for(folder, {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True})


def test_outside_a_terminal_each_problem_is_one_line(tmp_path):
    files = minimal_files() | {"pages/bad.md": "Title: Bad\nSlug: " + "Long Slug " * 12 + "\n\nText.\n"}
    write_files(tmp_path / "content", files)
    stream = io.StringIO()
    handler = plain_log_handler(stream)
    logging.getLogger().addHandler(handler)
    try:
        build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path))
    finally:
        logging.getLogger().removeHandler(handler)
    lines = [line for line in stream.getvalue().splitlines() if "pages/bad.md" in line]
    assert len(lines) == 1 and lines[0].startswith("ERROR") and "Use a shorter slug" in lines[0]


EDITS = {
    "a new warning": ("actions/free-them.md", lambda text: text.replace("People: dmitry-tikhonov",
                                                                       "People: dmitry-tikhonov, dmitry-tikhonov")),
    "a new error in a translation": ("actions/free-them.ru.md", lambda text: text.replace("Slug: free-them",
                                                                                          "Slug: free-them\nSlug: again")),
    "a briefing reworded": ("briefings/background.md", lambda text: text.replace("Text.", "Text, reworded.")),
    # What list pages show changes: the rebuild widens, and the abandoned pass must say nothing.
    "an action retitled with a warning": ("actions/free-them.md", lambda text: text.replace(
        "Title: Free them", "Title: Free them all").replace("Targets: prosecutor-general",
                                                            "Targets: prosecutor-general, prosecutor-general")),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_rebuild_reports_what_a_fresh_build_reports(tmp_path, edit):
    files = minimal_files()
    files["actions/other.md"] = action_md(slug="other", title="Other", extra="People: dmitry-tikhonov")
    files["pages/about.ru.md"] = "Title: О нас\nLang: ru\nSlug: about\nTitle: Дважды\n\nТекст.\n"  # an error that stays
    write_files(tmp_path / "content", files)
    age(tmp_path / "content")
    build(str(ROOT / "pelicanconf.py"), overrides=cached(tmp_path))
    path, change = EDITS[edit]
    source = tmp_path / "content" / path
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    rebuilt = build(str(ROOT / "pelicanconf.py"), overrides=cached(tmp_path))
    assert rebuilt.plan and not rebuilt.plan.startswith("full"), rebuilt.plan
    fresh_folder = tmp_path / "fresh"
    shutil.copytree(tmp_path / "content", fresh_folder / "content")
    fresh = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(fresh_folder))
    assert sorted(rebuilt.errors) == sorted(fresh.errors)
    assert sorted(rebuilt.warnings) == sorted(fresh.warnings)


def test_the_build_kind_line_never_gives_a_workflow_command_from_a_file_name(tmp_path):
    # 'Full build: <why>' names a file; a line feed in a volunteer's file name then started a line of its
    # own in CI's log, which the runner reads as a command ('::error::…', '::add-mask::…').
    from sitebuild.publishing import build_and_report

    name = "pages/gone\n::error::pwned.md"
    write_files(tmp_path / "content", minimal_files() | {name: "Title: Gone\n\nText.\n"})
    age(tmp_path / "content")
    build_and_report(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path), out=io.StringIO())
    (tmp_path / "content" / name).unlink()
    out = io.StringIO()
    build_and_report(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path), out=out)
    lines = out.getvalue().splitlines()
    assert "Full build: pages/gone\\x0a::error::pwned.md was deleted" in lines, lines
    assert not [line for line in lines if line.lstrip().startswith("::")], lines
