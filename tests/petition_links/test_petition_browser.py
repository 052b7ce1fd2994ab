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
