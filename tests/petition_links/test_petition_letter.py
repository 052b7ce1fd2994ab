"""The letter block, target grouping and the PETITION_LINKS setting."""

import pytest

from campaign.problems import ConfigurationError
from petition_links.letter import group_targets, parse_letter, with_salutations
from petition_links.settings import merge_settings, networks_for
from campaign_content.data import Target


def test_parse_letter_reads_subject_and_body():
    letter, problem = parse_letter("Subject: Free them\n\nDear all,\n\nPlease act.\n", "actions/x.md")
    assert problem is None
    assert (letter.subject, letter.body) == ("Free them", "Dear all,\n\nPlease act.")


@pytest.mark.parametrize("raw, printed", [
    ("Free them\n\nBody", ("has no subject. Start the ::: letter block with a line 'Subject: …', then a blank line, "
                           "then the body")),
    ("Subject:   \n\nBody", "has an empty subject. Write the subject after 'Subject:'"),
    ("Subject: Free them\n\n   \n", "has no body. Write the letter's text after the subject and a blank line"),
    ("Subject: Free them", "has no body. Write the letter's text after the subject and a blank line"),
    ("Subject: Free them\nBody straight away",
     "has no blank line after the subject. Leave one empty line between 'Subject: …' and the body"),
])
def test_parse_letter_names_the_file_the_field_what_is_missing_and_the_fix(raw, printed):
    letter, found = parse_letter(raw, "actions/x.ru.md")
    assert letter is None and found.level == "error"
    assert found.text() == f"actions/x.ru.md: field 'letter': {printed}"


def test_salutations_come_first_each_once():
    assert with_salutations("Text", ["Dear A,", "Dear B,", "Dear A,"]) == "Dear A,\nDear B,\n\nText"


def target(id, language):
    return Target(id=id, name=id, title=id, email=f"{id}@example.org", address="A", salutation="Dear,", language=language)


def test_targets_are_grouped_by_a_preferred_language_that_has_a_letter():
    targets = [target("a", "ru"), target("b", "kk"), target("c", "en"), target("d", "ru"), target("e", "de")]
    assert group_targets(targets, "en", {"en", "ru", "kk"}) == [("en", ["c", "e"]), ("ru", ["a", "d"]), ("kk", ["b"])]
    assert group_targets(targets, "en", {"en"}) == [("en", ["a", "b", "c", "d", "e"])]


def test_settings_defaults_put_telegram_and_vk_first_for_ru_and_kk():
    merged = merge_settings(None)
    assert networks_for(merged, "ru")[:2] == ["telegram", "vk"]
    assert networks_for(merged, "kk")[:2] == ["telegram", "vk"]
    assert "mastodon" not in networks_for(merged, "en")  # no instance configured
    with_instance = merge_settings({"mastodon_instance": "https://mastodon.social/"})
    assert with_instance["mastodon_instance"] == "mastodon.social"
    assert "mastodon" in networks_for(with_instance, "en")
    assert merged["utm"] is False and merged["mailto_budget"] == 1800


@pytest.mark.parametrize("value, named", [
    ({"colour": "red"}, "'colour'"),
    ({"share_networks": {"ru": ["telegram", "myspace"]}}, "'myspace'"),
    ({"share_networks": {"ru": "telegram"}}, "['share_networks']['ru']"),
    ({"mailto_budget": "1800"}, "['mailto_budget']"),
    ({"webmail": ["yahoo"]}, "'yahoo'"),
    ({"cc": ["not an address"]}, "['cc']"),
    ({"mastodon_instance": "http://x y"}, "['mastodon_instance']"),
    ({"utm": "yes"}, "['utm']"),
    ({"utm_campaign": "a b"}, "['utm_campaign']"),
])
def test_bad_settings_are_named(value, named):
    with pytest.raises(ConfigurationError) as error:
        merge_settings(value)
    assert named in str(error.value) and str(error.value).startswith("petition_links:")


def test_letter_page_url_follows_the_action_url_style():
    from petition_links.generator import letter_url

    assert letter_url("ru/actions/x/") == "ru/actions/x/letter/"
    assert letter_url("ru/actions/x/index.html") == "ru/actions/x/letter/index.html"


def test_pages_of_one_build_share_a_letters_links():
    from petition_links.letter import Letter
    from petition_links.links import LetterSender, letter_groups

    config = merge_settings({"mailto_budget": 200})
    raw = {"a": target("a", "ru"), "b": target("b", "en")}
    letters = {"en": Letter("Free them", "Please act."), "ru": Letter("Свобода", "Пожалуйста " * 20)}
    sender = LetterSender(config)
    pages = {lang: letter_groups(lang, ["a", "b"], raw, letters, "en", config, sender) for lang in ("en", "ru")}
    alone = {lang: letter_groups(lang, ["a", "b"], raw, letters, "en", config) for lang in ("en", "ru")}
    assert pages == alone
    ru_on_en_page = pages["en"][1].versions[0]
    ru_on_ru_page = pages["ru"][0].versions[0]
    assert (ru_on_en_page.lang, ru_on_ru_page.lang) == ("ru", "ru")
    assert ru_on_en_page.mailto is None and ru_on_en_page.mailto_length > 200  # over the budget
    assert ru_on_en_page.webmail is ru_on_ru_page.webmail  # made once
    assert pages["en"][0].versions[0].mailto.startswith("mailto:b@example.org?subject=Free%20them&body=")


def test_officials_whose_salutations_differ_get_a_send_link_each():
    from campaign_content.data import Target
    from petition_links.letter import Letter
    from petition_links.links import letter_groups
    from petition_links.settings import merge_settings

    def target(id, salutation):
        return Target(id=id, name=id, title=id, email=f"{id}@example.org", address="x",
                      salutation={"en": salutation, "ru": salutation}, language="ru")

    targets = {t.id: t for t in (target("a", "Dear Minister,"), target("b", "Dear Prosecutor,"),
                                 target("c", "Dear Minister,"))}
    letters = {"ru": Letter("Тема", "Текст."), "en": Letter("Subject", "Text.")}
    groups = letter_groups("en", ["a", "b", "c"], targets, letters, "en", merge_settings({}),
                           closings={"en": "[Your name], [your town]", "ru": "[Ваше имя], [ваш город]"})
    assert [group.emails for group in groups] == [["a@example.org", "c@example.org"], ["b@example.org"]]
    for group in groups:
        for version in group.versions:
            assert version.body.count("Dear") == 1 and version.body.split("\n")[-1].startswith("[")
