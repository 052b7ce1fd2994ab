"""The four states of a translation, what changes them, and bad input."""

from campaign.problems import ConfigurationError
from conftest import action_md
from stub_fixtures import fingerprint_of, project_for, source_files, translation, tree_digest, write_catalog, write_tree
from translation_stubs.cli import stubs_command
from translation_stubs.settings import merge_settings
from translation_stubs.status import MISSING, OUTDATED, STUB, TRANSLATED, collect_status

import io
import pytest


def states(project, lang="ru"):
    summary = next(s for s in collect_status(project).languages if s.lang == lang)
    return {entry.source_file: entry.state for entry in summary.entries}


def four_states(tmp_path):
    """free-them translated, background outdated, about a stub, nothing for kk."""
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    stubs_command(project, langs=["ru"], path=str(content / "pages"), out=io.StringIO())
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "ru", fingerprint), encoding="utf-8")
    old = fingerprint_of(project, "briefings/background.md")
    (content / "briefings/background.ru.md").write_text(translation("background", "ru", old, title="Контекст"), encoding="utf-8")
    source = content / "briefings/background.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Text.", "Text, rewritten after the translation."), encoding="utf-8")
    return content, project


def test_each_of_the_four_states_with_counts_and_percentages(tmp_path):
    content, project = four_states(tmp_path)
    assert states(project) == {
        "actions/free-them.md": TRANSLATED,
        "briefings/background.md": OUTDATED,
        "pages/about.md": STUB,
    }
    assert set(states(project, "kk").values()) == {MISSING}
    report = collect_status(project)
    ru = report.as_dict()["languages"]["ru"]
    assert ru["counts"] == {"translated": 1, "outdated": 1, "stub": 1, "missing": 0}
    assert ru["percent"] == {"translated": 33, "outdated": 33, "stub": 33, "missing": 0}
    assert report.as_dict()["languages"]["kk"]["percent"]["missing"] == 100


def test_moving_a_deadline_or_adding_a_target_leaves_translations_current(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "ru", fingerprint), encoding="utf-8")
    moved = action_md(deadline="2027-03-31").replace("Targets: prosecutor-general", "Targets: prosecutor-general, interior-minister")
    (content / "actions/free-them.md").write_text(moved, encoding="utf-8")
    assert states(project)["actions/free-them.md"] == TRANSLATED


def test_rewording_the_letter_makes_translations_outdated(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "ru", fingerprint), encoding="utf-8")
    reworded = action_md().replace("Please compensate everyone detained.", "Please compensate and apologise to everyone detained.")
    (content / "actions/free-them.md").write_text(reworded, encoding="utf-8")
    assert states(project)["actions/free-them.md"] == OUTDATED


def problems_by_file(project):
    return {problem.file: problem.text() for problem in collect_status(project).all_problems}


def test_bad_input_is_reported_by_file_with_the_fix_and_no_text_is_lost(tmp_path):
    files = source_files(**{
        "actions/free-them.ru.md": translation("free-them", "ru", "sha256:not-hex"),
        "briefings/background.de.md": translation("background", "de", "sha256:" + "a" * 64),
        "briefings/background.kk.md": translation("background", "kk", "sha256:" + "a" * 64, status="done"),
    })
    content = write_tree(tmp_path, files)
    (content / "pages/about.ru.md").write_bytes("Title: О нас\nSlug: about\n\nО нас\n".encode("cp1251"))
    project = project_for(tmp_path)
    stubs_command(project, langs=["kk"], path=str(content / "actions"), out=io.StringIO())
    stub = content / "actions/free-them.kk.md"
    stub.write_text(stub.read_text(encoding="utf-8").replace("The people were detained.", "Людей ұстады."), encoding="utf-8")
    before = tree_digest(content)

    problems = problems_by_file(project)
    assert "field 'source-fingerprint': 'sha256:not-hex' is not a fingerprint" in problems["actions/free-them.ru.md"]
    assert "write 'Source-Fingerprint: sha256:" in problems["actions/free-them.ru.md"]
    assert problems["actions/free-them.kk.md"] == (
        "actions/free-them.kk.md:5: field 'translation-status': the file has been edited but is still marked as a stub, "
        "so it is not published. When the translation is done, set 'Translation-Status: translated'")
    assert "'de' is not a configured language" in problems["briefings/background.de.md"]
    assert "add 'de' to MULTILINGUAL['languages']" in problems["briefings/background.de.md"]
    assert "'done' is not a translation status" in problems["briefings/background.kk.md"]
    assert "not UTF-8 text" in problems["pages/about.ru.md"] and "Save the file as UTF-8" in problems["pages/about.ru.md"]
    assert states(project) == {"actions/free-them.md": OUTDATED, "briefings/background.md": MISSING, "pages/about.md": MISSING}
    assert states(project, "kk")["actions/free-them.md"] == STUB
    assert states(project, "kk")["briefings/background.md"] == STUB
    assert tree_digest(content) == before


def test_untranslated_theme_strings_are_reported_per_language(tmp_path):
    write_tree(tmp_path, source_files())
    catalogs = tmp_path / "catalogs"
    write_catalog(catalogs, "ru", {"Actions": ("Акции", False), "Briefing": ("Справка", True),
                                   "Contents": ("", False), "Take action": (None, False)})
    project = project_for(tmp_path, catalog_path=catalogs)
    report = collect_status(project)
    ru = next(s for s in report.languages if s.lang == "ru")
    assert ru.theme.untranslated == ("Briefing", "Contents", "Take action")
    assert ru.theme.total == 4
    kk = next(s for s in report.languages if s.lang == "kk")
    assert kk.theme.untranslated == ("Actions", "Briefing", "Contents", "Take action")
    assert "does not exist; run `invoke update`" in kk.theme.problem


def test_the_setting_is_checked_by_name():
    assert merge_settings(None)["outdated_notice"] is True
    with pytest.raises(ConfigurationError, match="unknown key.*'notice'"):
        merge_settings({"notice": False})
    with pytest.raises(ConfigurationError, match=r"\['status_page'\] must be a folder path"):
        merge_settings({"status_page": "/status"})
    with pytest.raises(ConfigurationError, match=r"\['outdated_notice'\] must be True or False"):
        merge_settings({"outdated_notice": "yes"})


def test_a_changed_outcome_or_image_alt_outdates_translations_and_other_documents_keep_their_fingerprint(tmp_path):
    import hashlib
    import io
    import json

    from conftest import action_md
    from stub_fixtures import fingerprint_of, project_for, source_files, translation, write_tree
    from translation_stubs.cli import translations_command

    closed = action_md(state="closed", extra="Image-Alt: Protesters in a square")
    content = write_tree(tmp_path, source_files(**{"actions/free-them.md": closed}))
    project = project_for(tmp_path, languages=("en", "ru"))
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")

    def state_line():
        out = io.StringIO()
        translations_command(project, out=out)
        return out.getvalue()

    assert "translated  actions/free-them.md" in state_line()
    for old, new, field in (("four hours later", "five hours later", "outcome"), ("in a square", "on a square", "image-alt")):
        source = content / "actions/free-them.md"
        source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        output = state_line()
        assert "outdated    actions/free-them.md" in output, field
        (content / "actions/free-them.ru.md").write_text(
            translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    # Without Outcome and Image-Alt, the fingerprint is the one it always was: recorded ones stay current.
    legacy = json.dumps(["About", "", "About us.", ""], ensure_ascii=False)
    assert fingerprint_of(project, "pages/about.md") == "sha256:" + hashlib.sha256(legacy.encode("utf-8")).hexdigest()


def test_a_file_the_build_leaves_out_for_its_name_or_lang_counts_for_no_language(tmp_path):
    # The build leaves each of these out with an error; the status took 'about.RU.md' (no Lang line) for the
    # English original, called pages/about.md the copy to delete, and `invoke stubs` wrote about.RU.ru.md and
    # about.RU.kk.md from the translator's Russian text; 'Lang: kk' in free-them.ru.md counted as kk translated.
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "pages/about.RU.md").write_text("Title: О нас\nTranslation-Status: translated\n\nТекст.\n", encoding="utf-8")
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "kk", fingerprint), encoding="utf-8")
    (content / "briefings/background.ru.old.md").write_text(translation("background", "ru", fingerprint), encoding="utf-8")
    report = collect_status(project)
    assert [document.path for document in report.originals] == [
        "actions/free-them.md", "briefings/background.md", "pages/about.md"]
    assert set(states(project).values()) == set(states(project, "kk").values()) == {MISSING}
    texts = [problem.text() for problem in report.problems]
    assert texts == [
        "actions/free-them.ru.md:3: field 'lang': 'kk' contradicts the file name, which says 'ru'. Write 'Lang: ru', "
        "or rename the file to free-them.kk.md",
        "briefings/background.ru.old.md: has more than one dot before '.md'. Name it <slug>.md or "
        "<slug>.<language>.md, e.g. background.ru.md",
        "pages/about.RU.md: field 'lang': the language in the file name is 'RU', not 'ru'. Rename the file to about.ru.md",
    ], texts
    stubs_command(project, out=io.StringIO())
    assert sorted(path.name for path in (content / "pages").iterdir()) == [
        "about.RU.md", "about.kk.md", "about.md", "about.ru.md"]


def test_a_mistyped_status_on_an_edited_stub_gets_one_message_saying_what_to_write(tmp_path):
    # 'transalted' on a stub the translator had filled in gave the error and a notice asking to set
    # 'Translation-Status: translated', which is what they had tried to write.
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    stubs_command(project, langs=["kk"], path=str(content / "actions"), out=io.StringIO())
    stub = content / "actions/free-them.kk.md"
    text = stub.read_text(encoding="utf-8").replace("The people were detained.", "Людей ұстады.")
    stub.write_text(text.replace("Translation-Status: stub", "Translation-Status: transalted"), encoding="utf-8")
    found = [problem.text() for problem in collect_status(project).all_problems if problem.file == "actions/free-them.kk.md"]
    assert len(found) == 1 and "'transalted' is not a translation status" in found[0], found


def test_a_translation_whose_slug_takes_it_from_the_original_its_name_says_is_named(tmp_path):
    # 'pages/about.ru.md' with 'Slug: contact' translates pages/contact.md: the status called about's ru
    # translation missing and advised `invoke stubs`, which never writes over about.ru.md.
    files = source_files(**{
        "pages/contact.md": "Title: Contact\nSlug: contact\n\nWrite to us.\n",
        "pages/about.ru.md": translation("contact", "ru", "sha256:" + "a" * 64),
    })
    write_tree(tmp_path, files)
    problems = problems_by_file(project_for(tmp_path))
    assert "pages/about.ru.md:2: field 'slug': 'contact' makes this the 'ru' translation of another document " \
           "than pages/about.md" in problems["pages/about.ru.md"], problems
