"""In real headless Chromium, without JavaScript: on a 390 x 844 phone the addressee and the
primary send button are in the first screen, in every language, and the button mails the
letter in the page's language."""

import pytest
from conftest import build_site
from test_petition_site import LETTERS, decode_mailto, files, with_base

pytestmark = pytest.mark.browser

WRITE_TO = {"en": "Write to:", "ru": "Кому писать:", "kk": "Кімге жазу керек:"}


@pytest.fixture(scope="module")
def act_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("act"), files(), settings=with_base(), strict=True)


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("ru", "ru/"), ("kk", "kk/")])
def test_addressee_and_send_button_are_in_the_first_screen_of_a_phone(act_site, chromium, serve, lang, prefix):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{serve(act_site.output)}/{prefix}actions/free-them/")
        for selector in (".letter-group .letter-recipients", ".letter-group a.send-primary"):
            box = page.locator(selector).first.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, (lang, selector, box)
        assert page.locator(".letter-recipients").first.inner_text().startswith(WRITE_TO[lang])
        _, values = decode_mailto(page.locator("a.send-primary").first.get_attribute("href"))
        assert values["subject"] == LETTERS[lang][0]
    finally:
        context.close()


def test_the_printed_letter_is_a_cover_sheet_then_one_sheet_per_official(act_site, chromium, serve, tmp_path):
    import re

    soup = act_site.soup("actions/free-them/letter/index.html")
    letters = soup.select("section.printed-letter")
    # On the English page: each official's letter in their language and in English.
    assert [(s["lang"], s.select_one(".date-line").get_text(strip=True)) for s in letters] == [
        ("ru", "Дата:"), ("en", "Date:"), ("kk", "Күні:"), ("en", "Date:")]
    assert all(len(s.select("address")) == 1 for s in letters)
    assert "Подпись:" in letters[0].get_text() and "[Ваше имя], [ваш город]" in letters[0].get_text()
    assert not any(s.select(".qr-code") or s.select("h1") for s in letters)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{serve(act_site.output)}/actions/free-them/letter/")
        pdf = tmp_path / "letter.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1 + len(letters)


@pytest.mark.parametrize("lang, prefix", [("ru", "ru/"), ("kk", "kk/")])
def test_the_primary_button_opens_one_salutation_and_ends_with_the_name_line(act_site, chromium, serve, lang, prefix):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{serve(act_site.output)}/{prefix}actions/free-them/")
        for href in [page.locator("a.send-primary").nth(i).get_attribute("href")
                     for i in range(page.locator("a.send-primary").count())]:
            _, values = decode_mailto(href)
            lines = values["body"].split("\r\n")
            assert lines[1] == "" and not any(line.endswith(("!", ",")) and line.startswith(("Уважаем", "Құрметті"))
                                               for line in lines[1:])
            assert lines[-1] == {"ru": "[Ваше имя], [ваш город]", "kk": "[Атыңыз], [қалаңыз]"}[lang]
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "kk/"])
def test_the_qr_code_chromium_draws_scans_as_the_action_page(act_site, chromium, serve, prefix):
    import io

    import zxingcpp
    from PIL import Image

    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{serve(act_site.output)}/{prefix}actions/free-them/letter/")
        shot = page.locator("svg.qr-code").screenshot()
    finally:
        context.close()
    found = zxingcpp.read_barcode(Image.open(io.BytesIO(shot)), formats=zxingcpp.BarcodeFormat.QRCode)
    assert found and found.text == f"https://campaign.example.org/{prefix}actions/free-them/"
