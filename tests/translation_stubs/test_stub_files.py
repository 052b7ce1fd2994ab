"""`invoke stubs`: a stub beside each original that lacks a translation, never touching an existing file."""

import io
import os

from stub_fixtures import project_for, source_files, translation, tree_digest, write_tree
from translation_stubs.cli import stubs_command
from translation_stubs.stubs import create_file
from translation_stubs.status import STUB, collect_status


def run_stubs(project, **kwargs):
    out = io.StringIO()
    code = stubs_command(project, out=out, **kwargs)
    return code, out.getvalue()


def test_stubs_are_written_beside_the_source_with_the_text_to_translate(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    code, output = run_stubs(project)
    assert code == 0
    stub = (content / "actions" / "free-them.ru.md").read_text(encoding="utf-8")
    header, body = stub.split("\n\n", 1)
    lines = header.splitlines()
    assert lines[:3] == ["Title: Free them", "Slug: free-them", "Lang: ru"]
    assert "Translation-Status: stub" in lines
    assert any(line.startswith("Source-Fingerprint: sha256:") for line in lines)
    # Facts are inherited from the original, so the stub does not copy them.
    for fact in ("Date:", "Deadline:", "State:", "Targets:", "People:", "Briefing:"):
        assert not any(line.startswith(fact) for line in lines), fact
    assert "Summary: Hundreds were detained for protesting peacefully." in lines
    # The note is in the stub's language, from the theme catalogs.
    assert body.startswith("<!-- TRANSLATION STUB: Язык перевода: русский (ru). Переведите этот файл прямо здесь")
    assert "The people were detained." in body and "Please compensate everyone detained." in body
    assert "::: letter" in body
    for name in ("actions/free-them.kk.md", "briefings/background.ru.md", "pages/about.kk.md"):
        assert (content / name).exists() and f"created  {content / name}" in output
    assert [entry.state for entry in collect_status(project).entries] == [STUB] * 6


def test_running_twice_changes_nothing(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    run_stubs(project)
    before = tree_digest(content)
    code, output = run_stubs(project)
    assert code == 0 and "No stubs needed" in output
    assert tree_digest(content) == before


def test_an_existing_file_is_never_overwritten(tmp_path):
    # A translator's file with the stub's name but another slug: the
    # translation counts as missing, yet the file is left as it is.
    mine = translation("something-else", "ru", "sha256:" + "0" * 64, body="Мой перевод, не трогать.\n")
    content = write_tree(tmp_path, source_files(**{"pages/about.ru.md": mine}))
    code, output = run_stubs(project_for(tmp_path), langs=["ru"])
    assert code == 0
    assert (content / "pages" / "about.ru.md").read_text(encoding="utf-8") == mine
    assert f"skipped  {content / 'pages' / 'about.ru.md'}: a file with that name already exists" in output


def test_create_file_is_create_only_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a.ru.md"
    assert create_file(str(target), "first") is True
    assert create_file(str(target), "second") is False
    assert target.read_text() == "first"
    assert os.listdir(tmp_path) == ["a.ru.md"]


def test_a_stub_gets_the_permissions_of_a_file_the_translator_would_make(tmp_path):
    previous = os.umask(0o022)
    try:
        create_file(str(tmp_path / "a.ru.md"), "stub")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.ru.md").stat().st_mode & 0o777 == 0o644  # not tempfile's owner-only 0600


def test_lang_and_path_limit_what_is_written(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    code, _ = run_stubs(project, langs=["kk"], path=str(content / "actions"))
    assert code == 0
    assert sorted(p.name for p in content.rglob("*.kk.md")) == ["free-them.kk.md"]
    assert not list(content.rglob("*.ru.md"))
    code, output = run_stubs(project, langs=["de"])
    assert code == 2 and "--lang de is not a language to translate into; use one of ru, kk" in output
    code, output = run_stubs(project, path=str(tmp_path.parent))
    assert code == 2 and "is not inside the content folder" in output


def test_a_stub_note_is_in_the_stub_language_with_english_where_no_catalog_has_it(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "kk", "de"))
    stubs_command(project, out=io.StringIO())
    kk = (content / "pages/about.kk.md").read_text(encoding="utf-8")
    assert "<!-- TRANSLATION STUB: Аударма тілі: қазақ тілі (kk). Бұл файлды осы жерде аударыңыз" in kk
    de = (content / "pages/about.de.md").read_text(encoding="utf-8")
    assert "<!-- TRANSLATION STUB: Language: Deutsch (de). Translate this file in place" in de


def test_a_translated_stub_note_that_would_end_its_comment_gives_the_english_note_and_a_warning(tmp_path):
    from stub_fixtures import write_catalog
    from translation_stubs.stubs import STUB_NOTE_TEXT

    content = write_tree(tmp_path, source_files())
    catalogs = tmp_path / "catalogs"
    write_catalog(catalogs, "ru", {STUB_NOTE_TEXT: ("Язык: %(language)s. --> <img src=x> <!-- ", False)})
    project = project_for(tmp_path, catalog_path=catalogs, languages=("en", "ru"))
    code, output = run_stubs(project)
    assert code == 0
    body = (content / "actions/free-them.ru.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert body.startswith("<!-- TRANSLATION STUB: Language: русский (ru). Translate this file in place")
    assert body.count("--") == 2 and "<img" not in body  # one comment, closed where the note ends
    warnings = [line for line in output.splitlines() if "stub note" in line]
    assert warnings == [
        f"translation_stubs: {os.path.relpath(catalogs / 'ru/LC_MESSAGES/messages.po')}:5: field 'msgstr': the "
        "translation of the stub note holds '--', which would end the HTML comment the note is written in; the "
        "stubs get the English note. Write the translation without two hyphens in a row (use a dash '–')"]


def test_a_broken_link_where_a_stub_would_go_is_named_and_nothing_is_written_through_it(tmp_path):
    content = write_tree(tmp_path, source_files())
    link = content / "actions" / "free-them.ru.md"
    os.symlink(tmp_path / "target" / "written-through.md", link)
    (tmp_path / "target").mkdir()
    project = project_for(tmp_path, languages=("en", "ru"))
    code, output = run_stubs(project, path=str(content / "actions"))
    assert code == 1
    assert (f"FAILED   {link}: is a symbolic link that leads nowhere, so no stub was written (nothing is ever "
            "written through a link). Delete the link, then run `invoke stubs` again") in output
    assert "actions/free-them.ru.md: is a symbolic link that leads nowhere, so it was not read" in output
    assert "No stubs needed" not in output and "already exists" not in output
    assert os.path.islink(link) and list((tmp_path / "target").iterdir()) == []
