"""Required-Languages: an action names the languages it must be published in."""

import io
import json

import pytest

from conftest import action_md, settings_for
from sitebuild import BuildFailed, build, load_settings
from stub_fixtures import ROOT, fingerprint_of, project_for, source_files, translation, write_tree
from translation_stubs.cli import stubs_command, translations_command
from translation_stubs.documents import project_from_settings

SITEURL = "https://campaign.example.org"
REQUIRING = action_md(extra="Required-Languages: ru, kk")


def required_site(tmp_path, action=REQUIRING):
    """An action requiring ru and kk: ru translated and current, kk missing."""
    content = write_tree(tmp_path, source_files(**{"actions/free-them.md": action}))
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    return content, project


def run(project, **kwargs):
    out = io.StringIO()
    code = translations_command(project, out=out, **kwargs)
    return code, out.getvalue()


def required_messages(project):
    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    return [problem["message"] for problem in json.loads(out.getvalue())["required_languages"]]


def test_strict_reports_each_required_language_that_is_not_ready(tmp_path):
    content, project = required_site(tmp_path)
    code, output = run(project, strict=True)
    assert code == 1
    assert required_messages(project) == [
        "actions/free-them.md: field 'required-languages': the action must be published in 'kk', but there is no "
        "translation. Run `invoke stubs --lang kk` and translate the stub, or remove 'kk' from Required-Languages"]
    assert "the action must be published in 'kk'" in output

    stubs_command(project, langs=["kk"], out=io.StringIO())
    messages = required_messages(project)
    assert len(messages) == 1 and "in 'kk', but actions/free-them.kk.md is still a stub. Finish the translation" in messages[0]

    # The original's text changes: ru is outdated now, kk still a stub; one message per language.
    source = content / "actions/free-them.md"
    source.write_text(source.read_text(encoding="utf-8").replace("were detained.", "were detained in Almaty."), encoding="utf-8")
    messages = required_messages(project)
    assert [m.split("published in ")[1].split(",")[0] for m in messages] == ["'ru'", "'kk'"]
    assert "actions/free-them.ru.md is outdated" in messages[0]
    assert f"'Source-Fingerprint: {fingerprint_of(project, 'actions/free-them.md')}'" in messages[0]


def test_a_required_language_is_ready_when_translated_and_reviewed_where_review_is_required(tmp_path):
    content, project = required_site(tmp_path)
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "actions/free-them.kk.md").write_text(translation("free-them", "kk", fingerprint), encoding="utf-8")
    assert required_messages(project) == []

    reviewing = project_from_settings(load_settings(
        str(ROOT / "pelicanconf.py"), settings_for(tmp_path, {"TRANSLATION_STUBS": {"review_languages": ["kk"]}})))
    assert required_messages(reviewing) == [
        "actions/free-them.md: field 'required-languages': the action must be published in 'kk', but "
        "actions/free-them.kk.md has not been reviewed. Have a second person check it, then set "
        "'Translation-Status: reviewed' and 'Reviewer: <their name>', or remove 'kk' from Required-Languages"]
    (content / "actions/free-them.kk.md").write_text(
        translation("free-them", "kk", fingerprint, status="reviewed", extra="Reviewer: Dana"), encoding="utf-8")
    assert required_messages(reviewing) == []


def test_the_publish_build_holds_back_an_action_not_ready_in_a_required_language(tmp_path, monkeypatch):
    content, _project = required_site(tmp_path)
    # The development build publishes it and does not fail.
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path), strict=True)
    assert report.errors == [] and report.warnings == [] and report.held_back == {}

    monkeypatch.setenv("SITEURL", SITEURL)
    publish = settings_for(tmp_path, {"TRANSLATION_STUBS": load_settings(str(ROOT / "publishconf.py"))["TRANSLATION_STUBS"]})
    publish["OUTPUT_PATH"] = str(tmp_path / "published")
    # Strict, as `invoke publish` builds: the rest of the site publishes, the action in no language.
    report = build(str(ROOT / "publishconf.py"), overrides=publish, strict=True)
    assert report.held_back == {"actions/free-them.md": ["'kk': there is no translation"]}
    published = tmp_path / "published"
    assert (published / "briefings/background/index.html").exists()
    assert not list(published.rglob("free-them"))
    assert "free-them" not in (published / "sitemap.xml").read_text(encoding="utf-8")

    # Outdated is not a gate: the action keeps publishing, with the notice.
    (content / "actions/free-them.kk.md").write_text(
        translation("free-them", "kk", "sha256:" + "0" * 64), encoding="utf-8")
    report = build(str(ROOT / "publishconf.py"), overrides=publish, strict=True)
    assert report.held_back == {}
    assert (published / "kk/actions/free-them/index.html").exists()
    assert "outdated-notice" in (published / "kk/actions/free-them/index.html").read_text(encoding="utf-8")

    # Closing is never blocked: a closed action is published without its missing translation.
    (content / "actions/free-them.kk.md").unlink()
    (content / "actions/free-them.md").write_text(action_md(state="closed", extra="Required-Languages: ru, kk"),
                                                  encoding="utf-8")
    report = build(str(ROOT / "publishconf.py"), overrides=publish, strict=True)
    assert report.held_back == {}
    assert (published / "actions/free-them/index.html").exists()


def test_a_required_language_that_is_not_configured_is_an_error(tmp_path):
    _content, project = required_site(tmp_path, action=action_md(extra="Required-Languages: ru, de"))
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path))
    assert ("campaign_content: actions/free-them.md: field 'required-languages': 'de' is not a configured language. "
            "Use languages from MULTILINGUAL['languages'] in pelicanconf.py (en, ru, kk), or add 'de' there") in report.errors
    with pytest.raises(BuildFailed):
        build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path), strict=True)
    code, output = run(project, strict=True)
    assert code == 1
    assert "actions/free-them.md: field 'required-languages': 'de' is not a configured language" in output


def test_required_languages_is_a_fact_translations_inherit(tmp_path):
    content, project = required_site(tmp_path)
    ru = content / "actions/free-them.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("Translation-Status:", "Required-Languages: ru\nTranslation-Status:"),
                  encoding="utf-8")
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path))
    assert ("campaign_content: actions/free-them.ru.md:5: field 'required-languages': 'ru' contradicts 'ru, kk' in "
            "actions/free-them.md, which decides it. Delete the line from the translation (it inherits the value), "
            "or change the original") in report.errors


def test_required_languages_on_a_briefing_or_page_is_a_named_error(tmp_path):
    briefing = "Title: Background\nSlug: background\nDate: 2019-03-01\nRequired-Languages: de\n\n## One\n\nText.\n"
    page = "Title: About\nRequired-Languages: ru\n\nAbout us.\n"
    write_tree(tmp_path, source_files(**{"briefings/background.md": briefing, "pages/about.md": page}))
    project = project_for(tmp_path)
    code, output = run(project, strict=True)
    assert code == 1
    expected = [
        "briefings/background.md:4: field 'required-languages': only actions can require languages; this is a briefing, "
        "which is published whatever the state of its translations, so the line is ignored. Remove the "
        "'Required-Languages:' line (name the languages in the actions instead)",
        "pages/about.md:2: field 'required-languages': only actions can require languages; this is a page, which is "
        "published whatever the state of its translations, so the line is ignored. Remove the 'Required-Languages:' "
        "line (name the languages in the actions instead)"]
    for message in expected:
        assert message in output
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path))
    assert [f"translation_stubs: {message}" for message in expected] == [
        error for error in report.errors if "only actions" in error]
    assert (tmp_path / "output/translation-status/index.html").read_text(encoding="utf-8").count(
        "only actions can require languages") == 2
