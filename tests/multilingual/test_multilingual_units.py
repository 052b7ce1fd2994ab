"""The multilingual plugin's plain functions, without a build."""

import types

import pytest

from campaign.problems import ConfigurationError
from multilingual.grouping import group_translations, link_translations
from multilingual.i18n import describe_languages
from multilingual.links import alternates, document_language_links
from multilingual.settings import merge_settings


def doc(slug, lang, kind="actions", path=None):
    return types.SimpleNamespace(slug=slug, lang=lang, kind=kind, source_file=path or f"{kind}/{slug}.{lang}.md",
                                 url=("" if lang == "en" else f"{lang}/") + f"{kind}/{slug}/", translations=[])


def group(documents, default_lang, languages, skipped=frozenset()):
    groups, problems = group_translations(documents, default_lang, languages, skipped=skipped)
    return (*link_translations(groups, default_lang), problems)


def test_grouping_links_translations_and_reports_what_does_not_fit():
    en, ru, orphan, stray = doc("a", "en"), doc("a", "ru"), doc("b", "ru"), doc("a", "de")
    originals, translations, problems = group([ru, en, orphan, stray], "en", ["en", "ru"])
    assert originals == [en] and translations == [ru]
    assert en.translations == [ru] and ru.translations == [en]
    assert sorted((p.file, p.field) for p in problems) == [("actions/a.de.md", "lang"), ("actions/b.ru.md", "slug")]


def test_same_slug_in_another_kind_is_another_document():
    action, briefing = doc("a", "en"), doc("a", "en", kind="briefings")
    originals, _, problems = group([action, briefing], "en", ["en"])
    assert len(originals) == 2 and problems == []


def test_translations_of_a_skipped_original_are_left_out_quietly():
    originals, translations, problems = group([doc("a", "ru")], "en", ["en", "ru"], {("actions", "a", "en")})
    assert (originals, translations, problems) == ([], [], [])


def test_switcher_falls_back_to_language_home_and_alternates_end_with_x_default():
    en, ru = doc("a", "en"), doc("a", "ru")
    group([en, ru], "en", ["en", "ru", "kk"])
    languages = describe_languages(merge_settings({"languages": ["en", "ru", "kk"]}, "en", "theme"))
    links = document_language_links(ru, languages, "en")
    assert [(l.lang, l.url, l.current, l.same_document) for l in links] == [
        ("en", "actions/a/", False, True), ("ru", "ru/actions/a/", True, True), ("kk", "kk/", False, False)]
    assert alternates(links, "en") == [("en", "actions/a/"), ("ru", "ru/actions/a/"), ("x-default", "actions/a/")]


def test_language_names_and_direction_come_from_babel():
    languages = describe_languages(merge_settings({"languages": ["en", "ru", "kk", "ar"]}, "en", "theme"))
    assert [(l.code, l.name, l.direction) for l in languages] == [
        ("en", "English", "ltr"), ("ru", "Русский", "ltr"), ("kk", "Қазақ тілі", "ltr"), ("ar", "العربية", "rtl")]


@pytest.mark.parametrize("value, message", [
    ({"langauges": ["en"]}, "unknown key(s) 'langauges'"),
    ({"languages": "en,ru"}, "must be a list"),
    ({"languages": ["en", "xx-nope"]}, "Babel does not know"),
    ({"languages": ["en"], "site_names": {"ru": "X"}}, "not in MULTILINGUAL['languages']"),
    ({"feeds": "yes"}, "must be True or False"),
    ({"index_pages": {"actions": "actions"}}, "end with '/'"),
    ({"catalog_path": ""}, "catalog_path'] must be the folder of the theme's catalogs"),
    ({"catalog_path": 3}, "catalog_path'] must be the folder of the theme's catalogs"),
])
def test_bad_settings_are_named(value, message):
    with pytest.raises(ConfigurationError, match="multilingual: .*" + message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")):
        merge_settings(value, "en", "theme")


def test_default_language_comes_first():
    assert merge_settings({"languages": ["ru", "en"]}, "en", "theme")["languages"] == ["en", "ru"]


def test_folder_links_name_index_html_only_when_asked():
    from multilingual.links import folder_url

    assert folder_url("ru/actions/") == "ru/actions/"
    assert folder_url("ru/actions/", index_files=True) == "ru/actions/index.html"
    assert folder_url("", index_files=True) == "index.html"
    assert folder_url("feeds/atom.xml", index_files=True) == "feeds/atom.xml"
