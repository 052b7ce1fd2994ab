"""In real headless Chromium: the Russian page's mailto link is the Russian letter."""

import urllib.parse

import pytest
from conftest import build_site
from test_petition_site import LETTERS, files, with_base

pytestmark = pytest.mark.browser


def test_mailto_on_the_russian_page_decodes_to_the_russian_letter(tmp_path, chromium, serve):
    site = build_site(tmp_path, files(), settings=with_base(), strict=True)
    base = serve(site.output)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base}/ru/actions/free-them/")
        link = page.locator('section.letter[data-lang="ru"] a.send-mailto').first
        assert link.inner_text() == "Отправить по электронной почте"
        href = link.get_attribute("href")
        path, query = href[len("mailto:"):].split("?", 1)
        values = dict(part.split("=", 1) for part in query.split("&"))
        assert urllib.parse.unquote(path) == "prosecutor@example.org"
        assert sorted(values) == ["body", "subject"]
        assert urllib.parse.unquote(values["subject"]) == LETTERS["ru"][0]
        body = urllib.parse.unquote(values["body"])
        assert body == "\r\n".join(["Уважаемый господин Генеральный прокурор!", ""] + LETTERS["ru"][1].split("\n"))
        # The letter is on the page as text too, in the same words.
        assert LETTERS["ru"][1].split("\n")[0] in page.locator('section.letter[data-lang="ru"] .letter-body').first.inner_text()
    finally:
        context.close()
