"""Review before publishing: stub -> translated -> reviewed, the mark, and what the publish build leaves out."""

import io
import json

import pytest
from bs4 import BeautifulSoup

from conftest import settings_for
from campaign.problems import ConfigurationError
from sitebuild import BuildFailed, build, load_settings
from stub_fixtures import ROOT, fingerprint_of, project_for, source_files, translation, write_tree
from translation_stubs.cli import translations_command

SITEURL = "https://campaign.example.org"


def review_site(tmp_path):
    """ru: the action translated (not reviewed), the briefing reviewed; kk: the action translated."""
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    action = fingerprint_of(project, "actions/free-them.md")
    briefing = fingerprint_of(project, "briefings/background.md")
    files = {
        "actions/free-them.ru.md": translation("free-them", "ru", action, extra="Translator: Anna"),
        "briefings/background.ru.md": translation("background", "ru", briefing, title="Контекст", status="reviewed",
                                                  extra="Translator: Anna\nReviewer: Boris"),
        "actions/free-them.kk.md": translation("free-them", "kk", action, title="Оларды босатыңыз"),
    }
    for relative, text in files.items():
        (content / relative).write_text(text, encoding="utf-8")
    return content


def dev_build(tmp_path, stubs_settings, strict=False):
    return build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, {"TRANSLATION_STUBS": stubs_settings}),
                 strict=strict)


def publish_build(tmp_path, monkeypatch, review_languages, strict=True):
    """A build with publishconf.py's own TRANSLATION_STUBS, plus the review languages under test."""
    monkeypatch.setenv("SITEURL", SITEURL)
    publish = load_settings(str(ROOT / "publishconf.py"))["TRANSLATION_STUBS"]
    stubs_settings = {**publish, "review_languages": review_languages}
    return build(str(ROOT / "publishconf.py"), overrides=settings_for(tmp_path, {"TRANSLATION_STUBS": stubs_settings}),
                 strict=strict)


def soup(tmp_path, relative):
    return BeautifulSoup((tmp_path / "output" / relative).read_text(encoding="utf-8"), "html.parser")


def test_the_development_build_marks_a_translation_awaiting_review_in_its_language(tmp_path):
    review_site(tmp_path)
    report = dev_build(tmp_path, {"review_languages": ["ru"]}, strict=True)
    assert report.warnings == [] and report.errors == []

    notice = soup(tmp_path, "ru/actions/free-them/index.html").find(class_="review-notice")
    assert notice is not None
    assert " ".join(notice.get_text().split()) == (
        "Ещё не проверено: этот перевод ещё не проверил второй человек. Читать оригинал")
    assert notice.a["href"] == "../../../actions/free-them/" and notice.a["hreflang"] == "en"
    # Reviewed, or in a language that needs no review, or the original: no mark.
    assert soup(tmp_path, "ru/briefings/background/index.html").find(class_="review-notice") is None
    assert soup(tmp_path, "kk/actions/free-them/index.html").find(class_="review-notice") is None
    assert soup(tmp_path, "actions/free-them/index.html").find(class_="review-notice") is None

    # The Kazakh mark is in Kazakh once kk needs review too.
    dev_build(tmp_path, {"review_languages": ["ru", "kk"]})
    kk = soup(tmp_path, "kk/actions/free-them/index.html").find(class_="review-notice")
    assert "Әлі тексерілмеген" in kk.get_text()


def test_without_review_languages_nothing_is_marked_or_left_out(tmp_path):
    review_site(tmp_path)
    dev_build(tmp_path, {})
    assert "review-notice" not in (tmp_path / "output/ru/actions/free-them/index.html").read_text(encoding="utf-8")


def test_the_publish_build_leaves_out_translations_not_reviewed(tmp_path, monkeypatch):
    content = review_site(tmp_path)
    report = publish_build(tmp_path, monkeypatch, ["ru"])
    assert report.warnings == [] and report.errors == []
    output = tmp_path / "output"
    assert not (output / "ru/actions/free-them/index.html").exists()
    assert (output / "ru/briefings/background/index.html").exists()
    assert (output / "kk/actions/free-them/index.html").exists()  # kk needs no review
    assert "review-notice" not in (output / "ru/briefings/background/index.html").read_text(encoding="utf-8")
    switcher = {a["hreflang"]: a["href"] for a in soup(tmp_path, "actions/free-them/index.html").select("nav.languages a")}
    assert switcher["ru"] == "../../ru/" and switcher["kk"] == "../../kk/actions/free-them/"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "ru/actions/free-them/" not in sitemap and "ru/briefings/background/" in sitemap

    # Once a reviewer signs it off, it is published without a mark.
    ru = content / "actions/free-them.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("Translation-Status: translated",
                                                         "Translation-Status: reviewed\nReviewer: Boris"), encoding="utf-8")
    publish_build(tmp_path, monkeypatch, ["ru"])
    page = (output / "ru/actions/free-them/index.html").read_text(encoding="utf-8")
    assert "Людей задержали." in page and "review-notice" not in page


def test_a_second_file_for_the_same_translation_never_gets_an_unreviewed_one_published(tmp_path, monkeypatch):
    # The status takes the first file by path ('aaa.ru.md', a stub) for the ru translation and calls
    # free-them.ru.md the copy; the build left the stub out first, then published free-them.ru.md, unreviewed,
    # in a build that hides unreviewed translations, without a word.
    content = review_site(tmp_path)
    action = fingerprint_of(project_for(tmp_path), "actions/free-them.md")
    (content / "actions/aaa.ru.md").write_text(translation("free-them", "ru", action, status="stub"), encoding="utf-8")
    report = publish_build(tmp_path, monkeypatch, ["ru"], strict=False)
    assert not (tmp_path / "output/ru/actions/free-them/index.html").exists()
    assert report.errors == ["translation_stubs: actions/free-them.ru.md: field 'slug': 'free-them' in 'ru' is already "
                             "used by actions/aaa.ru.md. Give one of the two files another Slug, or delete the copy"]
    assert (tmp_path / "output/kk/actions/free-them/index.html").exists()


def test_an_unknown_review_state_is_an_error_naming_the_file_and_field(tmp_path):
    content = review_site(tmp_path)
    briefing = content / "briefings/background.ru.md"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("Translation-Status: reviewed",
                                                                     "Translation-Status: proofread"), encoding="utf-8")
    report = dev_build(tmp_path, {"review_languages": ["ru"]})
    assert not (tmp_path / "output/ru/briefings/background/index.html").exists()
    assert report.errors == [
        "translation_stubs: briefings/background.ru.md:5: field 'translation-status': 'proofread' is not a translation "
        "status. Write 'Translation-Status: stub' while the translation is not done, 'translated' when it is, or "
        "'reviewed' once a second person has checked it; until then the file is treated as a stub and not published"]
    with pytest.raises(BuildFailed):
        dev_build(tmp_path, {"review_languages": ["ru"]}, strict=True)


def test_invoke_translations_shows_state_review_translator_and_reviewer(tmp_path):
    review_site(tmp_path)
    settings = settings_for(tmp_path, {"TRANSLATION_STUBS": {"review_languages": ["ru"]}})
    from translation_stubs.documents import project_from_settings

    project = project_from_settings(load_settings(str(ROOT / "pelicanconf.py"), settings))
    out = io.StringIO()
    assert translations_command(project, out=out) == 0
    table = out.getvalue()
    lines = {line.split()[2]: " ".join(line.split()) for line in table.splitlines() if line.startswith("  translated")}
    assert lines["actions/free-them.ru.md"].endswith("awaiting review; translator: Anna")
    assert lines["briefings/background.ru.md"].endswith("reviewed; translator: Anna; reviewer: Boris")
    assert lines["actions/free-them.kk.md"].endswith("not reviewed")
    assert "review required before publishing: 1 reviewed, 1 awaiting review" in table
    assert "Translation-Status: reviewed and Reviewer: <their name>" in table

    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    documents = {d["file"]: d for lang in json.loads(out.getvalue())["languages"].values() for d in lang["documents"]}
    assert {key: documents["briefings/background.ru.md"][key] for key in ("state", "review", "translator", "reviewer", "ready")} == {
        "state": "translated", "review": "reviewed", "translator": "Anna", "reviewer": "Boris", "ready": True}
    assert {key: documents["actions/free-them.ru.md"][key] for key in ("state", "review", "review_required", "ready")} == {
        "state": "translated", "review": "not reviewed", "review_required": True, "ready": False}
    assert documents["actions/free-them.kk.md"]["ready"] is True  # kk needs no review


@pytest.mark.parametrize("stubs_settings, message", [
    ({"review_languages": ["de"]}, "TRANSLATION_STUBS['review_languages'] names 'de', which is not in MULTILINGUAL['languages']"),
    ({"review_languages": ["en"]}, "TRANSLATION_STUBS['review_languages'] names 'en', the original language"),
    ({"review_languages": "ru"}, "TRANSLATION_STUBS['review_languages'] must be a list of language codes"),
    ({"unreviewed": "blur"}, "TRANSLATION_STUBS['unreviewed'] must be 'show' or 'hide', not 'blur'"),
    ({"required_languages": "warn"}, "TRANSLATION_STUBS['required_languages'] must be 'notice' or 'error' or 'hold', not 'warn'"),
])
def test_bad_review_settings_stop_the_build_naming_the_key(tmp_path, stubs_settings, message):
    write_tree(tmp_path, source_files())
    with pytest.raises(ConfigurationError) as failed:
        dev_build(tmp_path, stubs_settings)
    assert message in str(failed.value)
