"""Shared test helpers: build a small fixture site into a temp folder."""

import dataclasses
import io
import os
import pathlib
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from sitebuild import build  # noqa: E402

# A fixed build date keeps open/closed decisions independent of the real date.
TODAY = "2026-06-01"

TARGETS_TOML = """
[prosecutor-general]
name = { en = "Office of the Prosecutor General", ru = "Генеральная прокуратура", kk = "Бас прокуратура" }
title = { en = "Prosecutor General", ru = "Генеральный прокурор", kk = "Бас прокурор" }
email = "prosecutor@example.org"
address = { en = "1 Example Street\\nAstana 010000\\nKazakhstan", ru = "ул. Примерная, 1\\n010000, Астана\\nКазахстан", kk = "Мысал көшесі, 1\\n010000, Астана\\nҚазақстан" }
salutation = { en = "Dear Prosecutor General,", ru = "Уважаемый господин Генеральный прокурор!", kk = "Құрметті Бас прокурор!" }
language = "ru"

[interior-minister]
name = { en = "Ministry of Internal Affairs", ru = "Министерство внутренних дел", kk = "Ішкі істер министрлігі" }
title = { en = "Minister of Internal Affairs", ru = "Министр внутренних дел", kk = "Ішкі істер министрі" }
email = "minister@example.org"
address = { en = "2 Example Avenue\\nAstana 010000\\nKazakhstan", ru = "пр. Примерный, 2\\n010000, Астана\\nКазахстан", kk = "Мысал даңғылы, 2\\n010000, Астана\\nҚазақстан" }
salutation = { en = "Dear Minister,", ru = "Уважаемый министр!", kk = "Құрметті Министр!" }
language = "kk"
"""

PEOPLE_TOML = """
[dmitry-tikhonov]
name = { en = "Dmitry Tikhonov", ru = "Дмитрий Тихонов", kk = "Дмитрий Тихонов" }
description = { en = "Human rights defender", ru = "Правозащитник", kk = "Құқық қорғаушы" }
"""


def photo(width=2000, height=1200, colour=(120, 40, 40)):
    """A JPEG photo's bytes, with some detail so that its resized sizes differ."""
    from PIL import Image

    stream = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):
        image.paste((x % 255, 90, 160), (x, 0, x + 10, height))
    image.save(stream, "JPEG", quality=90)
    return stream.getvalue()


def markdown_samples(tmp_path):
    """(path, text) of every demo document and of a small bench corpus: Markdown as campaigns write it."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    corpus.generate(tmp_path, docs=12, langs=3)
    paths = list((ROOT / "content").rglob("*.md")) + list(pathlib.Path(tmp_path).rglob("*.md"))
    return [(path, path.read_text(encoding="utf-8")) for path in paths]


def markdown_options_with(*extensions):
    """Markdown(**options) as the build makes them (pelicanconf.py's settings), with these extensions."""
    from pelican.settings import read_settings

    from campaign_content.reader import markdown_options

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return markdown_options(dict(settings, MARKDOWN={**settings["MARKDOWN"], "extensions": list(extensions)}))


def assert_samples_convert_alike(fast, stock, tmp_path):
    """Every sample (markdown_samples) gives the same HTML and table of contents through both Markdowns."""
    from campaign_content.reader import convert

    for path, text in markdown_samples(tmp_path):
        assert convert(fast, text) == convert(stock, text), path
        assert fast.toc == stock.toc


def action_md(slug="free-them", lang=None, title="Free them", deadline="2026-12-31", state="open",
              extra="", body="The people were detained.", letter=True):
    """A valid action file; pass extra metadata lines or override fields."""
    lines = [f"Title: {title}", f"Slug: {slug}"]
    if lang:
        lines.append(f"Lang: {lang}")
    lines += [
        "Date: 2019-03-05",
        f"Deadline: {deadline}",
        f"State: {state}",
        "Summary: Hundreds were detained for protesting peacefully.",
        "People: dmitry-tikhonov",
        "Targets: prosecutor-general",
        "Briefing: background",
    ]
    if state == "closed":
        lines.append("Outcome: They were released four hours later.")
    if extra:
        lines += textwrap.dedent(extra).strip().splitlines()
    text = "\n".join(lines) + "\n\n" + body + "\n"
    if letter:
        text += "\n::: letter\nSubject: Compensate the detainees\n\nPlease compensate everyone detained.\n\nYours sincerely,\n:::\n"
    return text


def briefing_md(slug="background", lang=None, title="Background", body="## One\n\nText.[^1]\n\n[^1]: A source.\n"):
    lines = [f"Title: {title}", f"Slug: {slug}"]
    if lang:
        lines.append(f"Lang: {lang}")
    lines += ["Date: 2019-03-05", "Summary: What happened on 27 February."]
    return "\n".join(lines) + "\n\n" + body


def minimal_files():
    """A one-language-plus-translation site: an action and a briefing in en and ru."""
    return {
        "data/targets.toml": TARGETS_TOML,
        "data/people.toml": PEOPLE_TOML,
        "actions/free-them.md": action_md(),
        "actions/free-them.ru.md": action_md(lang="ru", title="Освободите их"),
        "briefings/background.md": briefing_md(),
        "briefings/background.ru.md": briefing_md(lang="ru", title="Контекст"),
        "pages/about.md": "Title: About\n\nAbout us.\n",
    }


@dataclasses.dataclass
class Site:
    content: pathlib.Path
    output: pathlib.Path
    report: object

    def path(self, relative):
        return self.output / relative

    def exists(self, relative):
        return (self.output / relative).exists()

    def text(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def soup(self, relative):
        return BeautifulSoup(self.text(relative), "html.parser")


def write_files(folder, files):
    """Each {relative path: text, or bytes (an image)} into folder."""
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def settings_for(tmp_path, settings=None, languages=("en", "ru", "kk"), today=TODAY):
    """Overrides of pelicanconf.py for a fixture site in tmp_path."""
    overrides = {
        "PATH": str(tmp_path / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": str(tmp_path / "cache"),
        "CAMPAIGN_CONTENT": {"data_path": "data", "today": today},
        "MULTILINGUAL": {
            "languages": list(languages),
            "locales": {"en": "en_GB"},
            "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"},
        },
    }
    overrides.update(settings or {})
    return overrides


def build_site(tmp_path, files, settings=None, strict=False, languages=("en", "ru", "kk"), today=TODAY):
    """Write `files` ({path under content/: text}) and build them with pelicanconf.py."""
    content = tmp_path / "content"
    write_files(content, files)
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, settings, languages, today),
                   strict=strict)
    return Site(content=content, output=tmp_path / "output", report=report)


@pytest.fixture
def site_builder(tmp_path):
    def _build(files=None, **kwargs):
        return build_site(tmp_path, minimal_files() if files is None else files, **kwargs)
    return _build


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in real headless Chromium (Debian's chromium)")


# Real browser: Debian's chromium driven by playwright, never a downloaded one.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """One headless chromium for the whole session."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `invoke test` installs it (as root), "
                    "or run `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def serve():
    """serve(folder) -> base URL of a static HTTP server on 127.0.0.1 for that folder."""
    import functools
    import http.server
    import threading

    servers = []

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def _serve(folder):
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()
