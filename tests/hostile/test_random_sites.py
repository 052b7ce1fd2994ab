"""Random small sites built from hostile material: whatever the files say, the
build names its problems (no traceback), writes only under output/, and every
page is HTML with nothing from content that runs, loads from elsewhere or
navigates; every XML file is well-formed."""

import pathlib
import shutil
import tempfile
import xml.etree.ElementTree as ElementTree

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import PEOPLE_TOML, TARGETS_TOML, build_site

HOSTILE_HTML = [
    "<script>alert(1)</script>", '<img src="https://evil.example/x.png" onerror="x()">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<a href="javascript:alert(1)">go</a>',
    '<iframe src="//evil.example/"></iframe>', '<link rel="stylesheet" href="https://evil.example/s.css">',
    '<base href="https://evil.example/">', '<form action="https://evil.example/"><button>send</button></form>',
    '<svg onload="x()"><use href="https://evil.example/#a"/></svg>', '<p style="background:url(https://evil.example/)">',
    "[x](data:text/html,hi)", "![t](https://evil.example/t.gif)", "{: onclick=\"x()\" }", "<object data=\"x.swf\">",
    "::: letter", ":::", "```", "> > >", "[^1]", "[^1]: note", "\x0b", "\x00", "\x1b[2J", "\ufeff", "\u202e",
    "&#0;", "&lt;script&gt;", "<!--", "-->", "]]>", "<![CDATA[", "{static}../../tasks.py", "[a]({static}/../../x)",
]
WORDS = st.sampled_from(["free", "them", "Алматы", "жиын", "27", "February", "*", "_", "#", "-", "1.", "|", "`"])
TEXT = st.lists(st.one_of(WORDS, st.sampled_from(HOSTILE_HTML), st.text(max_size=8)), max_size=25).map(" ".join)
SLUGS = st.one_of(st.sampled_from(["free-them", "../../out", "a/b", "x" * 120, "sitemap.xml", "ru", "actions",
                                   "translation-status", "UPPER", "", "ок", "free them", "%2e%2e"]),
                  st.text(min_size=1, max_size=12))
FIELDS = st.sampled_from(["Title", "Summary", "Slug", "Lang", "Date", "Deadline", "State", "Targets", "People",
                          "Briefing", "Petition", "Outcome", "Save_as", "Template", "Status", "Translator"])


def header_line(field, text, slug):
    return f"{field}: {slug if field == 'Slug' else text}"


@st.composite
def documents(draw):
    kind = draw(st.sampled_from(["actions", "briefings", "pages"]))
    slug = draw(SLUGS)
    lang = draw(st.sampled_from(["", ".ru", ".kk", ".RU", ".de"]))
    name = "".join(c for c in slug if c not in "/\\\x00") or "x"
    lines = [f"Title: {draw(TEXT)}", f"Slug: {slug}", f"Summary: {draw(TEXT)}", "Date: 2019-03-05"]
    if kind == "actions":
        lines += ["Deadline: 2026-12-31", "State: open", "People: dmitry-tikhonov", "Targets: prosecutor-general",
                  "Briefing: background"]
    lines += [header_line(field, draw(TEXT), slug) for field in draw(st.lists(FIELDS, max_size=3))]
    body = "\n\n".join(draw(st.lists(TEXT, max_size=6)))
    if kind == "actions" and draw(st.booleans()):
        body += "\n\n::: letter\nSubject: " + draw(TEXT) + "\n\n" + draw(TEXT) + "\n:::\n"
    return f"{kind}/{name[:60]}{lang}.md", "\n".join(lines) + "\n\n" + body + "\n"


def offending(tag):
    """Why a tag in a built page would run, load from elsewhere or navigate; None when it is harmless."""
    if tag.name in ("script", "iframe", "object", "embed", "base", "form", "frame"):
        return tag.name
    if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
        return "meta refresh"
    if tag.name == "link" and tag.get("href") == "data:,":
        return None  # the theme's empty icon: no request at all
    for attribute, value in tag.attrs.items():
        if attribute.lower().startswith("on"):
            return attribute
        text = " ".join(value) if isinstance(value, list) else str(value)
        if attribute in ("href", "src", "action", "data") and text.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            return f"{attribute}={text}"
        if tag.name in ("img", "link", "source", "video", "audio") and attribute in ("src", "href", "srcset") and (
                "//" in text and "example.org" not in text):
            return f"{tag.name} {attribute}={text}"
    return None


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=1, max_size=4))
def test_any_small_site_builds_safely(docs):
    root = pathlib.Path(tempfile.mkdtemp(prefix="random-site-"))
    try:
        files = {"data/targets.toml": TARGETS_TOML, "data/people.toml": PEOPLE_TOML,
                 "briefings/background.md": "Title: Background\nDate: 2019-03-05\nSummary: Context.\n\nText.\n"}
        files.update(dict(docs))
        site = build_site(root, files)  # a traceback fails the test here
        assert {p.name for p in root.iterdir()} <= {"content", "output", "cache"}
        for page in site.output.rglob("*"):
            assert page.resolve().is_relative_to(site.output.resolve())
            if page.suffix == ".html":
                soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
                bad = [offending(tag) for tag in soup.find_all(True)]
                assert not any(bad), (page, [b for b in bad if b])
            elif page.suffix == ".xml":
                ElementTree.fromstring(page.read_bytes())
    finally:
        shutil.rmtree(root, ignore_errors=True)
