"""Facts are declared once, in the default-language document, and every translation follows."""

from conftest import action_md, build_site, minimal_files

TRANSLATION_WITHOUT_FACTS = """Title: Освободите их
Slug: free-them
Lang: ru
Summary: Сотни людей задержали за мирный протест.

Их задержали.

::: letter
Subject: Выплатите компенсацию задержанным

Просим выплатить компенсацию всем задержанным.
:::
"""


def files_with(original):
    files = minimal_files()
    files["actions/free-them.md"] = original
    files["actions/free-them.ru.md"] = TRANSLATION_WITHOUT_FACTS
    return files


def test_translation_without_facts_inherits_them(tmp_path):
    site = build_site(tmp_path, files_with(action_md(deadline="2026-12-31")), strict=True)
    ru = site.soup("ru/actions/free-them/index.html")
    assert ru.find("time")["datetime"] == "2026-12-31"
    assert "Генеральная прокуратура" in ru.find(class_="targets").get_text()
    assert "5 марта 2019" in ru.find(class_="action-footer").get_text().replace("\u202f", " ")


def test_moving_the_deadline_in_the_source_closes_or_reopens_every_language(tmp_path):
    site = build_site(tmp_path / "a", files_with(action_md(deadline="2026-05-01")))
    for page in ("actions/free-them/index.html", "ru/actions/free-them/index.html"):
        assert site.soup(page).find(id="act") is None, page
        assert site.soup(page).find(class_="closed-notice") is not None, page
    site = build_site(tmp_path / "b", files_with(action_md(deadline="2026-09-01")))
    for page in ("actions/free-them/index.html", "ru/actions/free-them/index.html"):
        assert site.soup(page).find(id="act") is not None, page


def test_closing_the_source_closes_translations_with_the_original_outcome(tmp_path):
    site = build_site(tmp_path, files_with(action_md(state="closed")), strict=True)
    notice = site.soup("ru/actions/free-them/index.html").find(class_="closed-notice")
    assert "Эта акция завершена." in notice.get_text()
    assert notice.find("span", lang="en").get_text() == "They were released four hours later."


def test_a_contradicting_locked_field_is_an_error_naming_both_files(tmp_path):
    files = files_with(action_md(deadline="2026-12-31"))
    files["actions/free-them.ru.md"] = TRANSLATION_WITHOUT_FACTS.replace("Lang: ru\n", "Lang: ru\nDeadline: 2026-07-01\n")
    site = build_site(tmp_path, files)
    errors = [m for m in site.report.errors if "field 'deadline'" in m]
    assert len(errors) == 1
    assert "actions/free-them.ru.md" in errors[0] and "actions/free-them.md" in errors[0]
    # The original decides.
    assert site.soup("ru/actions/free-them/index.html").find("time")["datetime"] == "2026-12-31"


def test_the_same_value_repeated_in_a_translation_is_fine(tmp_path):
    files = files_with(action_md(deadline="2026-12-31"))
    files["actions/free-them.ru.md"] = TRANSLATION_WITHOUT_FACTS.replace("Lang: ru\n", "Lang: ru\nDeadline: 2026-12-31\nDate: 2019-03-05\n")
    build_site(tmp_path, files, strict=True)
