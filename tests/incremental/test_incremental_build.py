"""A rebuild after a change writes only what the change touches, and the
site it leaves is byte for byte the site a full build makes."""

import logging
import os
import pathlib
import time

import pytest

from conftest import action_md, briefing_md, build_site, minimal_files, photo, write_files

LANGS = ("en", "ru", "kk")


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(pathlib.Path(folder).rglob("*")) if p.is_file()}


def translation_md(slug, lang, title, extra=""):
    """A translation as a translator leaves it: text only, the facts come from the original."""
    return (f"Title: {title}\nSlug: {slug}\nLang: {lang}\nSummary: Сотни задержанных.\n{extra}\n"
            "Людей задержали.\n\n::: letter\nSubject: Компенсация\n\nПрошу выплатить компенсацию.\n\n"
            "С уважением,\n:::\n")


def site_files():
    """Two briefings, three actions (two name the first briefing), translations, a page."""
    files = minimal_files()
    files.update({
        "actions/free-them.ru.md": translation_md("free-them", "ru", "Освободите их"),
        "actions/free-them.kk.md": translation_md("free-them", "kk", "Оларды босатыңыз"),
        "actions/stop-fines.md": action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01"),
        "actions/stop-fines.ru.md": translation_md("stop-fines", "ru", "Остановите штрафы"),
        "actions/old-appeal.md": action_md(slug="old-appeal", title="An old appeal", state="closed",
                                           extra="Briefing: law\n").replace("Briefing: background\n", ""),
        "briefings/law.md": briefing_md(slug="law", title="The law on assemblies"),
    })
    return files


def age(folder, seconds=3600):
    then = time.time() - seconds
    for path in pathlib.Path(folder).rglob("*"):
        os.utime(path, (then, then))


def write_later(path, text):
    """Write a file and give it a later mtime, as an editor saving it would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def mtimes(output):
    return {str(p.relative_to(output)): p.stat().st_mtime_ns for p in pathlib.Path(output).rglob("*.html")}


class Rebuild:
    """Build a site, change it, build again; and build the changed files afresh to compare."""

    def __init__(self, tmp_path, files=None, settings=None):
        self.tmp_path = tmp_path
        self.files = dict(site_files() if files is None else files)
        self.settings = settings
        # Written a while ago, as content usually is: a file changed within a
        # clock tick of a build is read again by the next one (tested below).
        write_files(tmp_path / "site" / "content", self.files)
        age(tmp_path / "site" / "content")
        self.site = build_site(tmp_path / "site", {}, settings=settings, languages=LANGS)
        self.before = mtimes(self.site.output)

    def edit(self, relative, text):
        self.files[relative] = text
        write_later(self.site.content / relative, text)

    def delete(self, relative):
        del self.files[relative]
        (self.site.content / relative).unlink()

    def rebuild(self, caplog, **kwargs):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            self.again = build_site(self.tmp_path / "site", {}, settings=self.settings, languages=LANGS, **kwargs)
        # Pelican logs a message only once per process: the plan comes with the report.
        self.log = "\n".join(record.getMessage() for record in caplog.records) + f"\nincremental: {self.again.report.plan}"
        self.fresh = build_site(self.tmp_path / "fresh", self.files, settings=self.settings, languages=LANGS)
        return self.again

    @property
    def partial(self):
        assert self.again.report.plan.startswith("partial") and "building everything" not in self.log, self.log
        return True

    @property
    def rewritten(self):
        after = mtimes(self.again.output)
        return {path for path, mtime in after.items() if self.before.get(path) != mtime}

    def assert_same_as_full_build(self):
        assert tree(self.again.output) == tree(self.fresh.output), self.log
        # Warnings are not compared: Pelican logs each warning once per process, and the fresh build comes second.
        assert sorted(self.again.report.errors) == sorted(self.fresh.report.errors)


def test_a_body_edit_rewrites_only_that_document_its_translations_and_their_briefing(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/free-them.md", action_md(body="Everyone was detained at the square."))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert "Everyone was detained at the square." in run.again.text("actions/free-them/index.html")
    rewritten = run.rewritten
    assert "actions/free-them/index.html" in rewritten
    assert "ru/actions/free-them/index.html" in rewritten
    # Not touched: its briefing and the briefing's other action (they show only its title and summary),
    # the other briefing, and list pages showing nothing new.
    assert "briefings/background/index.html" not in rewritten
    assert "actions/stop-fines/index.html" not in rewritten
    assert "actions/old-appeal/index.html" not in rewritten
    assert "briefings/law/index.html" not in rewritten
    assert "actions/index.html" not in rewritten
    assert "ru/index.html" not in rewritten


def test_editing_an_original_marks_its_current_translation_outdated(tmp_path, caplog):
    from sitebuild import load_settings
    from translation_stubs.documents import parse_text, project_from_settings

    from conftest import ROOT, settings_for

    files = site_files()
    (tmp_path / "site" / "content").mkdir(parents=True)
    project = project_from_settings(load_settings(str(ROOT / "pelicanconf.py"), settings_for(tmp_path / "site")))
    current = parse_text("actions/free-them.md", files["actions/free-them.md"], project).fingerprint
    files["actions/free-them.ru.md"] = translation_md(
        "free-them", "ru", "Освободите их", f"Translation-Status: translated\nSource-Fingerprint: {current}\n")
    run = Rebuild(tmp_path, files)
    assert not run.site.soup("ru/actions/free-them/index.html").select(".outdated-notice")
    run.edit("actions/free-them.md", action_md(body="Everyone was detained at the square."))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert run.again.soup("ru/actions/free-them/index.html").select(".outdated-notice")
    assert "outdated" in run.again.text("translation-status/index.html")


def test_a_title_edit_updates_every_list_page_of_that_language(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/stop-fines.md", action_md(slug="stop-fines", title="End the fines now", deadline="2026-10-01"))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert "End the fines now" in run.again.text("actions/index.html")
    assert "End the fines now" in run.again.text("index.html")
    assert "End the fines now" in run.again.text("feeds/atom.xml")
    # Its briefing lists it: written again too.
    assert "End the fines now" in run.again.text("briefings/background/index.html")
    assert "ru/actions/index.html" not in run.rewritten
    assert "briefings/law/index.html" not in run.rewritten


def test_a_new_translation_is_published_and_linked_from_its_siblings(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/stop-fines.kk.md", translation_md("stop-fines", "kk", "Айыппұлдарды тоқтатыңыз"))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert run.again.exists("kk/actions/stop-fines/index.html")
    assert "kk/actions/stop-fines/" in run.again.text("actions/stop-fines/index.html")
    assert "kk/actions/stop-fines/" in run.again.text("sitemap.xml")


def test_a_briefing_edit_rewrites_the_actions_that_name_it(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("briefings/background.md", briefing_md(title="What happened in Almaty"))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert "What happened in Almaty" in run.again.text("actions/free-them/index.html")
    assert "actions/old-appeal/index.html" not in run.rewritten


def test_an_action_that_moves_to_another_briefing_updates_both_briefings(tmp_path, caplog):
    run = Rebuild(tmp_path)
    moved = action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01").replace(
        "Briefing: background", "Briefing: law")
    run.edit("actions/stop-fines.md", moved)
    run.rebuild(caplog)
    run.assert_same_as_full_build()
    assert "Stop the fines" in run.again.text("briefings/law/index.html")
    assert "Stop the fines" not in run.again.text("briefings/background/index.html")


def test_moving_the_deadline_in_the_original_closes_every_language(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/free-them.md", action_md(deadline="2026-05-01"))
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert "mailto:" not in run.again.text("kk/actions/free-them/index.html")
    # A closed action has no letter to print: the letter pages are gone.
    assert not run.again.exists("ru/actions/free-them/letter/index.html")


def test_a_change_that_breaks_a_document_reports_it_as_a_full_build_would(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/stop-fines.md", action_md(slug="stop-fines", deadline="someday"))
    run.rebuild(caplog)
    # It is no longer published, so other documents' links to it change: a full build.
    assert run.again.report.plan == "full: actions/stop-fines.md: its URL changed"
    run.assert_same_as_full_build()
    assert not run.again.exists("actions/stop-fines/index.html")
    assert [error for error in run.again.report.errors if "stop-fines.md" in error and "deadline" in error]


def test_warnings_about_documents_not_read_again_are_repeated(tmp_path, caplog):
    files = site_files()
    files["actions/no-letter.md"] = action_md(slug="no-letter", title="No letter yet", letter=False)
    run = Rebuild(tmp_path, files)
    first = [w for w in run.site.report.warnings if "no-letter.md" in w]
    assert first
    run.edit("briefings/law.md", briefing_md(slug="law", title="The assembly law"))
    run.rebuild(caplog)
    assert run.partial
    assert [w for w in run.again.report.warnings if "no-letter.md" in w] == first
    run.assert_same_as_full_build()


def test_an_unchanged_site_rewrites_no_page(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.rebuild(caplog)
    assert run.partial
    run.assert_same_as_full_build()
    assert not {path for path in run.rewritten if not path.startswith("pages") and "about" not in path}


@pytest.mark.parametrize("change, reason", [
    ("data", "data files"),
    ("page", "is a page"),
    ("delete", "was deleted"),
    ("output", "missing from the output folder"),
    ("filename-link", "{filename}"),
])
def test_changes_that_reach_every_page_build_everything(tmp_path, caplog, change, reason):
    run = Rebuild(tmp_path)
    if change == "data":
        run.edit("data/people.toml", run.files["data/people.toml"].replace("Human rights defender", "Lawyer"))
    elif change == "page":
        run.edit("pages/about.md", "Title: About the campaign\n\nAbout us.\n")
    elif change == "delete":
        run.delete("actions/old-appeal.md")
    elif change == "output":  # `invoke clean`, or a list page removed
        (run.site.output / "ru" / "briefings" / "index.html").unlink()
    elif change == "filename-link":
        run.edit("actions/stop-fines.md", action_md(
            slug="stop-fines", deadline="2026-10-01", body="See [the law]({filename}/briefings/law.md)."))
    run.rebuild(caplog)
    assert run.again.report.plan.startswith("full") and reason in run.again.report.plan
    run.assert_same_as_full_build()


def test_a_strict_build_reads_every_document(tmp_path, caplog):
    run = Rebuild(tmp_path)
    run.edit("actions/free-them.md", action_md(body="Everyone was detained."))
    run.rebuild(caplog, strict=True)
    assert run.again.report.plan == "full: a strict build checks every document"
    run.assert_same_as_full_build()


def test_turning_it_off_builds_everything(tmp_path, caplog):
    run = Rebuild(tmp_path, settings={"INCREMENTAL": {"enabled": False}})
    run.edit("actions/free-them.md", action_md(body="Everyone was detained."))
    run.rebuild(caplog)
    assert run.again.report.plan == "full: INCREMENTAL['enabled'] is False"
    run.assert_same_as_full_build()


def test_an_unknown_setting_is_an_error_naming_the_key(tmp_path):
    from campaign.problems import ConfigurationError

    with pytest.raises(ConfigurationError, match=r"incremental: unknown key\(s\) 'enable'"):
        build_site(tmp_path, minimal_files(), settings={"INCREMENTAL": {"enable": False}})


def test_a_file_changed_within_a_clock_tick_of_a_build_is_read_again_next_time(tmp_path, caplog):
    """Coarse file clocks: a second edit in the same tick would keep the stamp the build saw."""
    run = Rebuild(tmp_path)
    path = run.site.content / "actions" / "stop-fines.md"
    path.write_text(action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01"), encoding="utf-8")
    run.rebuild(caplog)  # reads stop-fines.md, whose mtime is "now"
    # Same size, same mtime: only the racy rule makes the next build read it.
    stamp = path.stat()
    path.write_text(action_md(slug="stop-fines", title="Stop the FINES", deadline="2026-10-01"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    run.files["actions/stop-fines.md"] = path.read_text(encoding="utf-8")
    run.rebuild(caplog)
    assert "Stop the FINES" in run.again.text("actions/stop-fines/index.html")
    run.assert_same_as_full_build()


def test_the_pelican_command_always_builds_everything(tmp_path, caplog):
    """Only sitebuild builds again when a partial build finds its change reaches further."""
    from pelican import Pelican

    from conftest import ROOT, settings_for
    from sitebuild import load_settings

    run = Rebuild(tmp_path)
    run.edit("actions/stop-fines.md", action_md(slug="stop-fines", title="End the fines now", deadline="2026-10-01"))
    settings = load_settings(str(ROOT / "pelicanconf.py"), settings_for(tmp_path / "site", languages=LANGS))
    pelican = Pelican(settings)
    assert not settings["INCREMENTAL_STATE"].plan.partial
    pelican.run()
    assert "End the fines now" in (run.site.output / "briefings/background/index.html").read_text(encoding="utf-8")


def test_a_rebuild_after_a_published_text_file_changes_publishes_the_new_text(tmp_path, caplog):
    settings = {"STATIC_PATHS": ["images", "extra/robots.txt"],
                "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"}},
                "CAMPAIGN_CONTENT": {"data_path": "data", "today": "2024-06-01", "text_files": ["extra/robots.txt"]}}
    rebuild = Rebuild(tmp_path, site_files() | {"extra/robots.txt": "User-agent: *\nAllow: /\n"}, settings=settings)
    rebuild.edit("extra/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
    site = rebuild.rebuild(caplog)
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /drafts/\n"
    rebuild.assert_same_as_full_build()


def test_a_deleted_photo_or_text_file_leaves_the_site_as_a_fresh_build_would(tmp_path, caplog):
    # A photo taken down because it shows someone at risk must leave output/ too, not only a publish.
    settings = {"STATIC_PATHS": ["images", "extra/robots.txt"],
                "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"}},
                "CAMPAIGN_CONTENT": {"data_path": "data", "today": "2024-06-01", "text_files": ["extra/robots.txt"]}}
    files = site_files() | {"extra/robots.txt": "User-agent: *\n", "images/rally.jpg": photo(),
                            "images/kept.jpg": photo(colour=(10, 90, 10))}
    rebuild = Rebuild(tmp_path, files, settings=settings)
    assert {"images/rally.jpg", "images/kept.jpg", "robots.txt"} <= set(tree(rebuild.site.output))
    handmade = rebuild.site.output / "handmade.txt"  # put there by a person, never written by a build
    handmade.write_text("mine\n", encoding="utf-8")
    rebuild.delete("images/rally.jpg")
    rebuild.delete("extra/robots.txt")
    site = rebuild.rebuild(caplog)
    output = tree(site.output)
    assert "images/rally.jpg" not in output and "robots.txt" not in output and "images/kept.jpg" in output
    assert "incremental: removed images/rally.jpg, which the site no longer has" in rebuild.log
    assert handmade.read_text(encoding="utf-8") == "mine\n"
    handmade.unlink()
    rebuild.assert_same_as_full_build()


def test_a_deleted_photo_is_never_removed_through_a_link_out_of_the_site(tmp_path, caplog):
    files = site_files() | {"images/rally.jpg": photo()}
    rebuild = Rebuild(tmp_path, files)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "rally.jpg").write_bytes(b"someone else's file")
    images = rebuild.site.output / "images"
    for path in images.iterdir():
        path.unlink()
    images.rmdir()
    images.symlink_to(elsewhere, target_is_directory=True)
    rebuild.delete("images/rally.jpg")
    rebuild.rebuild(caplog)
    assert (elsewhere / "rally.jpg").read_bytes() == b"someone else's file"
    assert "removed images/rally.jpg" not in rebuild.log


def test_a_photo_first_published_by_a_partial_build_leaves_the_site_when_it_is_deleted(tmp_path, caplog):
    # A photo outside STATIC_PATHS is published once a document links it: here by a partial build.
    files = site_files() | {"photos/rally.jpg": photo()}
    rebuild = Rebuild(tmp_path, files)
    assert not rebuild.site.exists("photos/rally.jpg")
    rebuild.edit("actions/stop-fines.md", action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01",
                                                    body="![The rally]({static}/photos/rally.jpg)"))
    rebuild.rebuild(caplog)
    assert rebuild.partial
    assert rebuild.again.exists("photos/rally.jpg")
    rebuild.assert_same_as_full_build()
    rebuild.delete("photos/rally.jpg")  # taken down, with its link: it shows someone at risk
    (tmp_path / "fresh" / "content" / "photos" / "rally.jpg").unlink()
    rebuild.edit("actions/stop-fines.md", action_md(slug="stop-fines", title="Stop the fines", deadline="2026-10-01"))
    site = rebuild.rebuild(caplog)
    assert not site.exists("photos/rally.jpg")
    assert "incremental: removed photos/rally.jpg, which the site no longer has" in rebuild.log
    rebuild.assert_same_as_full_build()


def test_a_fixed_warning_about_a_file_whose_name_shows_escaped_is_not_repeated(tmp_path, caplog):
    # Messages show a zero-width space in a file name as \u200b: the warning still names that file.
    name = "actions/no\u200bletter.md"
    files = site_files()
    files[name] = action_md(slug="no-letter", title="No letter yet", letter=False)
    run = Rebuild(tmp_path, files)
    assert [w for w in run.site.report.warnings if "no\\u200bletter.md" in w]
    run.edit(name, action_md(slug="no-letter", title="No letter yet"))
    run.rebuild(caplog)
    assert run.partial
    assert not [w for w in run.again.report.warnings if "letter.md" in w], run.again.report.warnings
    run.assert_same_as_full_build()


def test_a_file_renamed_only_in_case_is_never_removed_under_its_old_name(tmp_path):
    # On a case-insensitive file system 'Rally.JPG' and the new 'rally.jpg' are one file; a hard link is how
    # this file system shows two names of one file.
    from incremental.incremental import folded, removable

    images = tmp_path / "images"
    images.mkdir()
    (images / "rally.jpg").write_bytes(b"the photo")
    os.link(images / "rally.jpg", images / "Rally.JPG")
    kept = {folded("images/rally.jpg"): "images/rally.jpg"}
    assert not removable(str(tmp_path), "images/Rally.JPG", kept)
    (images / "old.jpg").write_bytes(b"another photo")  # a file no longer published, under no kept name
    assert removable(str(tmp_path), "images/old.jpg", kept)
    (images / "RALLY.jpg").write_bytes(b"not the same file")  # a case-sensitive file system's other file
    assert removable(str(tmp_path), "images/RALLY.jpg", kept)
    assert not removable(str(tmp_path), "../elsewhere.jpg", kept)


@pytest.mark.parametrize("damage", [
    b"\x80\x05\x8e\xff\xff\xff\xff\xff\xff\xff\x7f",  # a flipped length byte: OverflowError
    b"\x80\x05\x8e\xff\xff\xff\xff\xff\xff\x00\x00",  # a length pickle believes: MemoryError
    "a manifest without its identities",  # __setstate__'s KeyError
])
def test_a_damaged_manifest_makes_a_full_build_instead_of_a_traceback(tmp_path, caplog, damage):
    # cache/ outlives builds (CI keeps it): a flipped byte in the manifest stopped every later build with a
    # traceback, until someone thought of deleting cache/ (`invoke rebuild` keeps it).
    import pickle

    from incremental import manifest

    run = Rebuild(tmp_path)
    path = pathlib.Path(manifest.manifest_path(str(tmp_path / "site" / "cache")))
    if isinstance(damage, str):
        damage = pickle.dumps(manifest.Manifest("key", {}, {}, {}, [], {})).replace(b"identities", b"identitiez")
    path.write_bytes(damage)
    run.edit("actions/free-them.md", action_md(body="Everyone was detained."))
    run.rebuild(caplog)
    assert run.again.report.plan == "full: no manifest from an earlier build"
    run.assert_same_as_full_build()


@pytest.mark.parametrize("relative, text", [
    # A translation saved under a name of the translator's choosing: its original was not read, so the
    # rebuild named it a translation without an original and left it out.
    ("actions/stop-fines-kk.md", translation_md("stop-fines", "kk", "Айыппұлдарды тоқтатыңыз")),
    # A copy whose Slug is an existing action's: the rebuild published it over that action's page.
    ("actions/aaa.md", action_md(slug="stop-fines", title="A copy")),
    ("actions/aa.ru.md", translation_md("stop-fines", "ru", "Копия")),
])
def test_a_new_file_whose_slug_is_not_its_name_leaves_the_site_a_full_build_would(tmp_path, caplog, relative, text):
    run = Rebuild(tmp_path)
    run.edit(relative, text)
    run.rebuild(caplog)
    assert run.again.report.plan.startswith("full") and "which was not read" in run.again.report.plan
    run.assert_same_as_full_build()


def test_a_new_briefing_named_by_an_action_under_another_file_name_is_linked_from_it(tmp_path, caplog):
    files = site_files()
    files["actions/stop-fines.md"] = files["actions/stop-fines.md"].replace("Briefing: background", "Briefing: later")
    run = Rebuild(tmp_path, files)
    run.edit("briefings/notes.md", briefing_md(slug="later", title="Later"))
    run.rebuild(caplog)
    run.assert_same_as_full_build()
    assert run.again.exists("briefings/later/index.html")
