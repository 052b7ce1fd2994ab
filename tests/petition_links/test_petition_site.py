"""Fixture sites: the links an action page offers in each language, and when it offers none."""

import urllib.parse

import pytest
from qr_reading import modules_drawn, read_modules
from conftest import PEOPLE_TOML, TARGETS_TOML, action_md, briefing_md, build_site

from campaign.problems import ConfigurationError
from sitebuild import BuildFailed

BASE = "https://campaign.example.org"
PETITION = "https://petition.example.org/free-them?ref=site"
LETTERS = {
    "en": ("Compensate the detainees", "Please compensate everyone detained & held.\n\nYours sincerely,"),
    "ru": ("Компенсируйте задержанным", "Прошу выплатить компенсацию всем задержанным.\n\nС уважением,"),
    "kk": ("Ұсталғандарға өтемақы", "Ұсталғандардың бәріне өтемақы төлеуді сұраймын.\n\nҚұрметпен,"),
}
TITLES = {"en": "Free them", "ru": "Освободите их", "kk": "Босатыңыз"}
SHARE_HOSTS = ("twitter.com", "facebook.com", "whatsapp.com", "t.me", "vk.com", "bsky.app", "linkedin.com", "mastodon")


def action(lang, letters=LETTERS, **fields):
    subject, body = letters[lang]
    text = action_md(lang=None if lang == "en" else lang, title=TITLES[lang], letter=False,
                     extra=f"Petition: {PETITION}", **fields)
    text = text.replace("Targets: prosecutor-general", "Targets: prosecutor-general, interior-minister")
    return text + f"\n::: letter\nSubject: {subject}\n\n{body}\n:::\n"


def files(letters=LETTERS, langs=("en", "ru", "kk"), **fields):
    result = {
        "data/targets.toml": TARGETS_TOML,
        "data/people.toml": PEOPLE_TOML,
        "briefings/background.md": briefing_md(),
    }
    for lang in langs:
        suffix = "" if lang == "en" else f".{lang}"
        result[f"actions/free-them{suffix}.md"] = action(lang, letters, **fields)
    return result


def with_base(**petition_links):
    settings = {"SITEURL": BASE}
    if petition_links:
        settings["PETITION_LINKS"] = petition_links
    return settings


def decode_mailto(href):
    path, query = href[len("mailto:"):].split("?", 1)
    values = [part.split("=", 1) for part in query.split("&")]
    return urllib.parse.unquote(path).split(","), {name: urllib.parse.unquote(value) for name, value in values}


def letters_on(soup):
    """{(group's language, version language): where its send links are} of an action page.

    The letter in the page's language is sent by the group's primary buttons (the first links of the
    group); a letter in another language has its own, in its section.
    """
    found = {}
    for group in soup.select(".letter-group"):
        for section in group.select("section.letter"):
            has_own_links = section.select_one("a.send-mailto, a.send-mailto-short")
            found[(group["data-lang"], section["data-lang"])] = section if has_own_links else group
    return found


@pytest.fixture(scope="module")
def open_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("open"), files(), settings=with_base(), strict=True)


def test_russian_page_mails_the_russian_letter_to_the_russian_speaking_target(open_site):
    soup = open_site.soup("ru/actions/free-them/index.html")
    letters = letters_on(soup)
    recipients, values = decode_mailto(letters[("ru", "ru")].select_one("a.send-mailto")["href"])
    assert recipients == ["prosecutor@example.org"]
    assert values == {
        "subject": LETTERS["ru"][0],
        # One salutation, the letter, and a line for the sender's name and town in the letter's language.
        "body": ("Уважаемый господин Генеральный прокурор!\n\n" + LETTERS["ru"][1]
                 + "\n[Ваше имя], [ваш город]").replace("\n", "\r\n"),
    }


def test_a_target_who_reads_kazakh_gets_both_versions_side_by_side(open_site):
    soup = open_site.soup("ru/actions/free-them/index.html")
    group = [g for g in soup.select(".letter-group") if "side-by-side" in g["class"]]
    assert len(group) == 1
    versions = group[0].select("section.letter")
    # The page's language first (the primary button sends it), then the target's own.
    assert [v["data-lang"] for v in versions] == ["ru", "kk"]
    places = letters_on(soup)
    for version, lang in zip(versions, ["ru", "kk"]):
        recipients, values = decode_mailto(places[("kk", lang)].select_one("a.send-mailto")["href"])
        assert recipients == ["minister@example.org"]
        assert values["subject"] == LETTERS[lang][0]
        # The salutation comes from targets.toml, in the letter's language.
        salutation = {"kk": "Құрметті Министр!", "ru": "Уважаемый министр!"}[lang]
        assert values["body"].startswith(salutation + "\r\n\r\n")
        assert version.select_one(".letter-body")["lang"] == lang


def test_english_page_offers_each_target_their_language_and_english(open_site):
    soup = open_site.soup("actions/free-them/index.html")
    assert sorted(letters_on(soup)) == [("kk", "en"), ("kk", "kk"), ("ru", "en"), ("ru", "ru")]
    _, values = decode_mailto(letters_on(soup)[("ru", "ru")].select_one("a.send-mailto")["href"])
    assert values["body"].startswith("Уважаемый господин Генеральный прокурор!")
    _, values = decode_mailto(letters_on(soup)[("ru", "en")].select_one("a.send-mailto")["href"])
    assert values["body"].startswith("Dear Prosecutor General,\r\n\r\nPlease compensate everyone detained & held.")


def test_links_are_escaped_in_the_html(open_site):
    html = open_site.text("actions/free-them/index.html")
    assert "?subject=Compensate%20the%20detainees&amp;body=" in html
    assert "%26%20held" in html  # the & of the letter cannot start a field


def test_gmail_and_outlook_compose_the_same_letter(open_site):
    section = letters_on(open_site.soup("ru/actions/free-them/index.html"))[("ru", "ru")]
    gmail = urllib.parse.parse_qs(urllib.parse.urlsplit(section.select_one("a.send-gmail")["href"]).query)
    outlook = urllib.parse.parse_qs(urllib.parse.urlsplit(section.select_one("a.send-outlook")["href"]).query)
    assert gmail["su"] == outlook["subject"] == [LETTERS["ru"][0]]
    assert gmail["to"] == outlook["to"] == ["prosecutor@example.org"]


def test_petition_link_has_no_utm_by_default_and_share_links_follow_the_language(open_site):
    ru = open_site.soup("ru/actions/free-them/index.html")
    assert ru.select_one(".petition a")["href"] == PETITION
    assert [a["class"][0] for a in ru.select(".share-links a")][:2] == ["share-telegram", "share-vk"]
    en = open_site.soup("actions/free-them/index.html")
    assert [a["class"][0] for a in en.select(".share-links a")][0] == "share-x"
    assert not en.select(".share-mastodon")  # no instance configured
    shared = urllib.parse.parse_qs(urllib.parse.urlsplit(ru.select_one(".share-telegram")["href"]).query)
    assert shared["url"] == [f"{BASE}/ru/actions/free-them/"]
    # Each button shows its network's name, in the page's language where the theme catalogs translate it.
    assert [a.get_text() for a in en.select(".share-links a")] == [
        "X", "Facebook", "WhatsApp", "Bluesky", "LinkedIn", "Email"]
    assert [a.get_text() for a in ru.select(".share-links a")] == [
        "Telegram", "VK", "WhatsApp", "X", "Facebook", "Bluesky", "Эл. почта"]
    kk = open_site.soup("kk/actions/free-them/index.html")
    assert kk.select_one(".share-email").get_text() == "Эл. пошта"


def test_printable_letter_page_per_language_with_qr_code_to_the_action(open_site):
    for lang, prefix in (("en", ""), ("ru", "ru/")):
        soup = open_site.soup(f"{prefix}actions/free-them/letter/index.html")
        assert soup.html["lang"] == lang
        assert soup.select_one("time")["datetime"] == "2026-12-31"
        assert "010000" in soup.select_one(".printed-addresses").get_text()
        assert LETTERS[lang][0] in soup.get_text()
        target = f"{BASE}/{prefix}actions/free-them/"
        assert soup.select_one(".qr-url").get_text() == target
        svg = soup.select_one("svg.qr-code")
        assert svg.select_one("path")["transform"] == "scale(4)"
        assert read_modules(*modules_drawn(int(svg["width"]), svg.select_one("path")["d"])).text == target
    page = open_site.soup("ru/actions/free-them/index.html")
    assert page.select_one(".letter-page-link a")["href"] == "../../../ru/actions/free-them/letter/"


@pytest.mark.parametrize("fields, notice", [
    ({"deadline": "2026-05-31"}, "deadline for this action has passed"),
    ({"state": "closed"}, "This action is closed"),
])
def test_past_deadline_or_closed_action_emits_no_link_to_act(tmp_path, fields, notice):
    site = build_site(tmp_path, files(**fields), settings=with_base(mastodon_instance="mastodon.social"), strict=True)
    for prefix in ("", "ru/", "kk/"):
        html = site.text(f"{prefix}actions/free-them/index.html")
        assert "mailto:" not in html and "petition.example.org" not in html
        assert not any(host in html for host in SHARE_HOSTS + ("mail.google.com", "outlook.live.com"))
        assert not site.exists(f"{prefix}actions/free-them/letter/index.html")
    english = site.soup("actions/free-them/index.html")
    assert notice in english.select_one(".closed-notice").get_text()
    if fields.get("state") == "closed":
        assert "released four hours later" in english.select_one(".outcome").get_text()


def test_letter_over_the_budget_shows_text_to_copy_and_warns(tmp_path):
    long_ru = (LETTERS["ru"][0], " ".join(["Прошу освободить задержанных."] * 20) + "\n\nС уважением,")
    site = build_site(tmp_path, files(letters={**LETTERS, "ru": long_ru}), settings=with_base())
    page = site.soup("ru/actions/free-them/index.html")
    section = letters_on(page)[("ru", "ru")]
    assert section.select_one("a.send-mailto") is None and section.select_one("a.send-gmail") is None
    # Still a button: a mail with the addresses and the subject, beside the whole letter to copy into it.
    recipients, values = decode_mailto(section.select_one("a.send-mailto-short")["href"])
    assert recipients == ["prosecutor@example.org"] and values == {"subject": LETTERS["ru"][0]}
    assert page.select_one(".letter-group a.send-primary")["href"] == section.select_one("a.send-mailto-short")["href"]
    copied = section.select_one("textarea.copy-text")
    assert copied.has_attr("readonly") and copied.get_text().startswith("Уважаемый")
    assert long_ru[1].strip() in copied.get_text() and copied.get_text().endswith("[Ваше имя], [ваш город]")
    # The Kazakh target's Russian version is over the budget too; the Kazakh one is not.
    kk_group = letters_on(site.soup("ru/actions/free-them/index.html"))
    assert kk_group[("kk", "kk")].select_one("a.send-mailto") is not None
    warnings = [w for w in site.report.warnings if "actions/free-them.ru.md" in w and "'ru' letter" in w]
    assert warnings and all(
        w.startswith("petition_links: actions/free-them.ru.md: field 'letter': the mailto link of the 'ru' letter to ")
        and "over the budget of 1800; the page shows the addresses and the letter to copy instead. "
            "Shorten the letter to get a send button back" in w for w in warnings)
    # (Pelican logs a repeated message once per process: the strict build gets a letter of its own.)
    longer_ru = (long_ru[0], long_ru[1] + " Спасибо.")
    with pytest.raises(BuildFailed):
        build_site(tmp_path / "strict", files(letters={**LETTERS, "ru": longer_ru}), settings=with_base(), strict=True)


def test_letter_without_subject_is_an_error_and_the_page_has_no_send_links(tmp_path):
    broken = {**files(), "actions/free-them.kk.md": action("kk").replace(f"Subject: {LETTERS['kk'][0]}\n\n", "")}
    site = build_site(tmp_path, broken, settings=with_base())
    assert [e for e in site.report.errors if "free-them" in e] == [
        ("petition_links: actions/free-them.kk.md: field 'letter': has no subject, so the page is built without send "
         "links. Start the ::: letter block with a line 'Subject: …', then a blank line, then the body")]
    kk = site.soup("kk/actions/free-them/index.html")
    assert not kk.select("a.send-mailto") and kk.select_one(".petition a")
    # Other pages no longer offer a Kazakh letter: the Kazakh-reading target gets the page's.
    assert ("kk", "kk") not in letters_on(site.soup("actions/free-them/index.html"))
    with pytest.raises(BuildFailed):
        build_site(tmp_path / "strict", broken, settings=with_base(), strict=True)


def test_an_open_action_without_a_letter_is_a_warning_naming_the_fix(tmp_path):
    site = build_site(tmp_path, {**files(langs=("en",)), "actions/free-them.md": action_md(letter=False)},
                      settings=with_base(), languages=("en",))
    assert [w for w in site.report.warnings if "field 'letter'" in w] == [
        ("petition_links: actions/free-them.md: field 'letter': is missing, so the page offers no letter to send. "
         "Add a '::: letter' block (see docs/authoring.md)")]
    assert not site.soup("actions/free-them/index.html").select("a.send-mailto")


def test_utm_mastodon_and_cc_when_configured_and_no_share_links_without_a_site_url(tmp_path):
    site = build_site(tmp_path, files(langs=("en",)), languages=("en",), strict=True, settings=with_base(
        utm=True, mastodon_instance="social.example", cc=["letters@прокуратура.kz"]))
    soup = site.soup("actions/free-them/index.html")
    for link in soup.select("a.send-mailto"):
        assert decode_mailto(link["href"])[1]["cc"] == "letters@xn--80aa2apegcbrhd.kz"
    assert soup.select("a.send-mailto")
    petition = urllib.parse.parse_qs(urllib.parse.urlsplit(soup.select_one(".petition a")["href"]).query)
    assert petition == {"ref": ["site"], "utm_source": ["campaign-site"], "utm_medium": ["referral"],
                        "utm_campaign": ["free-them"]}
    mastodon = soup.select_one(".share-mastodon")["href"]
    assert mastodon.startswith("https://social.example/share?text=")
    shared = urllib.parse.unquote(mastodon).rsplit(" ", 1)[1]
    assert "utm_source=mastodon" in shared and "utm_medium=social" in shared

    local = build_site(tmp_path / "local", files(langs=("en",)), languages=("en",), strict=True)
    assert not local.soup("actions/free-them/index.html").select(".share-links a")
    assert local.soup("actions/free-them/letter/index.html").select_one(".qr-url").get_text() == "actions/free-them/"


def test_content_is_escaped_in_letters(tmp_path):
    evil = {**LETTERS, "en": ('<script>alert(1)</script> "Q"', "Body <b>bold</b> & more\n\nBye,")}
    site = build_site(tmp_path, files(letters=evil, langs=("en",)), settings=with_base(), languages=("en",))
    html = site.text("actions/free-them/index.html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_unknown_share_network_stops_the_build_naming_it(tmp_path):
    with pytest.raises(ConfigurationError) as error:
        build_site(tmp_path, files(langs=("en",)), settings=with_base(share_networks={"en": ["x", "myspace"]}),
                   languages=("en",))
    assert "'myspace'" in str(error.value) and "PETITION_LINKS" in str(error.value)


CLOSINGS = {"en": "[Your name], [your town]", "ru": "[Ваше имя], [ваш город]", "kk": "[Атыңыз], [қалаңыз]"}


def test_every_send_link_opens_with_one_salutation_and_ends_with_the_name_line(open_site):
    salutations = set()
    for line in (open_site.content / "data" / "targets.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("salutation"):
            salutations.update(part.split('"')[1] for part in line.split(" = ")[1:] if '"' in part)
    checked = 0
    for prefix, lang in (("", "en"), ("ru/", "ru"), ("kk/", "kk")):
        soup = open_site.soup(f"{prefix}actions/free-them/index.html")
        for (_group, letter_lang), place in letters_on(soup).items():
            _, values = decode_mailto(place.select_one("a.send-mailto")["href"])
            lines = values["body"].split("\r\n")
            assert sum(line in salutations for line in lines) == 1 and lines[0] in salutations
            assert lines[-1] == CLOSINGS[letter_lang]
            checked += 1
    # Two officials, each with their own send link, in their language and the page's: 4 + 3 + 3 letters.
    assert checked == 10


@pytest.mark.parametrize("query", [
    "ref=a+b&x=%2F",        # form encoding: '+' is a space the petition site reads as such
    "u=%E9t%E9",            # a Latin-1 escape: no UTF-8, but the petition site's own
    "a=1;b=2",              # a ';' inside a value
    "flag&lang=ru",         # a key without a value
])
def test_utm_adds_its_parameters_and_keeps_the_petition_query_as_written(tmp_path, query):
    # The petition's own query reached the button decoded and encoded again: '%E9' became '%EF%BF%BD' (U+FFFD),
    # 'a=1;b=2' became 'a=1%3Bb%3D2', 'flag' became 'flag=': the button led to another address than the file's.
    petition = f"https://petition.example.org/p?{query}#sign"
    site_files = files(langs=("en",))
    site_files["actions/free-them.md"] = site_files["actions/free-them.md"].replace(PETITION, petition)
    site = build_site(tmp_path, site_files, languages=("en",), strict=True, settings=with_base(utm=True))
    href = site.soup("actions/free-them/index.html").select_one(".petition a")["href"]
    assert href == (f"https://petition.example.org/p?{query}"
                    "&utm_source=campaign-site&utm_medium=referral&utm_campaign=free-them#sign")
