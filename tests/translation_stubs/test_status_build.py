"""What the build does with stubs and outdated translations, and the team's status page."""

import io
import logging

from conftest import settings_for
from sitebuild import build
from stub_fixtures import ROOT, fingerprint_of, project_for, source_files, translation, write_catalog, write_tree
from translation_stubs.cli import stubs_command


def build_tree(tmp_path, settings=None, strict=False):
    return build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, settings), strict=strict)


def test_stubs_are_left_out_and_the_switcher_goes_to_that_languages_home(tmp_path, caplog):
    content = write_tree(tmp_path, source_files())
    stubs_command(project_for(tmp_path), out=io.StringIO())
    report = build_tree(tmp_path)
    output = tmp_path / "output"
    assert not (output / "ru/actions/free-them/index.html").exists()
    assert not (output / "kk/pages/about/index.html").exists()
    assert (output / "actions/free-them/index.html").exists()
    from bs4 import BeautifulSoup

    english = BeautifulSoup((output / "actions/free-them/index.html").read_text(encoding="utf-8"), "html.parser")
    switcher = {a["hreflang"]: a["href"] for a in english.select("nav.languages a")}
    assert switcher["ru"] == "../../ru/" and switcher["kk"] == "../../kk/"
    assert "ru/actions/free-them/" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert report.warnings == [] and report.errors == []
    # A stub a translator has started but not marked done is still left out, with a notice (INFO): half a
    # translation saved is no mistake, and a strict publish of the rest of the site goes on.
    stub = content / "actions/free-them.ru.md"
    stub.write_text(stub.read_text(encoding="utf-8").replace("The people were detained.", "Людей задержали."), encoding="utf-8")
    with caplog.at_level(logging.INFO):
        report = build_tree(tmp_path, strict=True)
    assert not (output / "ru/actions/free-them/index.html").exists()
    assert (output / "actions/free-them/index.html").exists()
    assert report.warnings == [] and report.errors == []
    assert "translation_stubs: actions/free-them.ru.md:5: field 'translation-status': the file has been edited but is " \
           "still marked as a stub, so it is not published. When the translation is done, set " \
           "'Translation-Status: translated'" in caplog.messages


def outdated_site(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path)
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    (content / "actions/free-them.md").write_text(
        (content / "actions/free-them.md").read_text(encoding="utf-8").replace("were detained.", "were detained in Almaty."),
        encoding="utf-8")
    return content


def test_an_outdated_translation_is_published_with_a_notice_linking_to_the_original(tmp_path):
    outdated_site(tmp_path)
    report = build_tree(tmp_path)
    from bs4 import BeautifulSoup

    page = BeautifulSoup((tmp_path / "output/ru/actions/free-them/index.html").read_text(encoding="utf-8"), "html.parser")
    notice = page.find(class_="outdated-notice")
    assert notice is not None
    assert "Оригинал этой страницы изменился" in notice.get_text()
    assert notice.a["href"] == "../../../actions/free-them/" and notice.a["hreflang"] == "en"
    english = BeautifulSoup((tmp_path / "output/actions/free-them/index.html").read_text(encoding="utf-8"), "html.parser")
    assert english.find(class_="outdated-notice") is None
    assert report.warnings == [] and report.errors == []


def test_the_outdated_notice_can_be_turned_off(tmp_path):
    outdated_site(tmp_path)
    build_tree(tmp_path, {"TRANSLATION_STUBS": {"outdated_notice": False}})
    text = (tmp_path / "output/ru/actions/free-them/index.html").read_text(encoding="utf-8")
    assert "outdated-notice" not in text and "Людей задержали." in text


def test_the_status_page_has_a_bar_per_language_is_noindex_and_linked_from_nowhere(tmp_path):
    outdated_site(tmp_path)
    build_tree(tmp_path)
    output = tmp_path / "output"
    from bs4 import BeautifulSoup

    page = BeautifulSoup((output / "translation-status/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    bars = {section.h2["id"]: section.progress for section in page.select("section.translation-language")}
    assert set(bars) == {"status-ru", "status-kk"}
    assert (bars["status-ru"]["value"], bars["status-ru"]["max"]) == ("0", "3")
    assert "0 translated (0%) · 1 outdated (33%) · 0 stub (0%) · 2 missing (67%)" in " ".join(
        page.select_one("#status-ru").find_parent("section").find(class_="translation-counts").get_text().split())
    assert "translation-status" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    for html in output.rglob("*.html"):
        if "translation-status" not in str(html):
            assert "translation-status" not in html.read_text(encoding="utf-8"), html


def test_the_status_page_lists_untranslated_theme_strings(tmp_path):
    write_tree(tmp_path, source_files())
    catalogs = tmp_path / "catalogs"
    write_catalog(catalogs, "ru", {"Actions": ("Акции", False), "Take action": ("Действуйте", True)})
    multilingual = settings_for(tmp_path)["MULTILINGUAL"]
    build_tree(tmp_path, {"MULTILINGUAL": {**multilingual, "catalog_path": str(catalogs)}})
    from bs4 import BeautifulSoup

    page = BeautifulSoup((tmp_path / "output/translation-status/index.html").read_text(encoding="utf-8"), "html.parser")
    ru = page.select_one("#status-ru").find_parent("section")
    assert [li.get_text() for li in ru.select(".untranslated-strings li")] == ["Take action"]
    kk = page.select_one("#status-kk").find_parent("section")
    assert [li.get_text() for li in kk.select(".untranslated-strings li")] == ["Actions", "Take action"]


def test_the_status_page_can_be_switched_off(tmp_path):
    write_tree(tmp_path, source_files())
    build_tree(tmp_path, {"TRANSLATION_STUBS": {"status_page": None}})
    assert not (tmp_path / "output/translation-status").exists()


def test_a_blank_line_inside_a_header_is_named_and_the_file_is_not_published(tmp_path):
    """A web editor's stray blank line after 'Lang: ru' ended the header there: 'Translation-Status: stub' and
    the fingerprints became the page's first paragraph, the half-done file counted as translated and a strict
    build published it with those lines as text; the only message asked to add the fingerprint line it held."""
    content = write_tree(tmp_path, source_files())
    stubs_command(project_for(tmp_path), out=io.StringIO())
    path = content / "pages/about.ru.md"
    text = path.read_text(encoding="utf-8").replace("Lang: ru\n", "Lang: ru\n\n")
    path.write_text(text.replace("About us.", "О нас."), encoding="utf-8")
    blank = text.split("\n").index("Lang: ru") + 2
    report = build_tree(tmp_path)
    assert (tmp_path / "output/about/index.html").exists()
    assert not (tmp_path / "output/ru/about/index.html").exists()
    assert [message for message in report.errors if f"pages/about.ru.md:{blank}:" in message
            and "Delete the blank line" in message], report.errors
