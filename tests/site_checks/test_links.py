"""Internal links and anchors, in every language."""

import re

import site_checks_fixtures as fixtures
from multilingual import settings as multilingual_settings
from site_checks import Site, bundle, links


def broken():
    return fixtures.report("broken", only="links")


def test_clean_site_has_no_broken_link():
    assert fixtures.report("clean", only="links").problems == []


def test_broken_link_in_every_language_is_caught():
    assert fixtures.pages_with(broken(), "links") == [
        "broken-anchor/index.html", "broken-link/index.html", "ru/broken-link/index.html"]
    (problem,) = fixtures.problems(broken(), "links", "broken-link/index.html")
    assert 'href="../missing-page/"' in problem.message and "does not exist" in problem.message
    (problem,) = fixtures.problems(broken(), "links", "ru/broken-link/index.html")
    assert "nowhere" in problem.message


def test_broken_anchor_is_caught():
    (problem,) = fixtures.problems(broken(), "links", "broken-anchor/index.html")
    assert problem.message.startswith("broken anchor") and 'id="nowhere"' in problem.message


def _page(folder, path, body):
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f'<!doctype html><html lang="en"><body>{body}</body></html>', encoding="utf-8")


def test_anchor_on_another_page_is_followed(tmp_path):
    _page(tmp_path, "index.html", '<a href="actions/x/#act">ok</a> <a href="actions/x/#nope">bad</a>')
    _page(tmp_path, "actions/x/index.html", '<section id="act"></section>')
    (problem,) = links.check(Site(tmp_path))
    assert problem.file == "index.html"
    assert 'href="actions/x/#nope"' in problem.message and "on actions/x/index.html" in problem.message


def test_root_relative_links_are_reported(tmp_path):
    _page(tmp_path, "index.html", '<a href="/about/">About</a>')
    _page(tmp_path, "about/index.html", "")
    (problem,) = links.check(Site(tmp_path))
    assert problem.file == "index.html" and "sub-folder" in problem.message


def test_absolute_links_to_the_site_itself_are_checked(tmp_path):
    _page(tmp_path, "index.html", '<a href="https://example.org/gone/">Gone</a> <a href="https://other.org/">x</a>')
    (problem,) = links.check(Site(tmp_path), site_url="https://example.org")
    assert "gone" in problem.message


def test_folder_links_are_reported_for_the_bundle(tmp_path):
    _page(tmp_path, "index.html", '<a href="about/">About</a> <a href="about/index.html">About</a>')
    _page(tmp_path, "about/index.html", "")
    assert links.check(Site(tmp_path)) == []
    (problem,) = links.check(Site(tmp_path), require_index_files=True)
    assert 'href="about/"' in problem.message and "directory listing" in problem.message


def test_a_problem_names_the_page_and_line_of_the_link(tmp_path):
    _page(tmp_path, "index.html", '\n<p>Intro.</p>\n<p><a href="gone/">Gone</a></p>')
    (problem,) = links.check(Site(tmp_path))
    assert problem.text() == ('index.html:3: broken link <a href="gone/">: gone does not exist in the built site. '
                              "Correct the link, or add the page it points to")


def test_the_folder_link_fix_names_the_real_multilingual_key(tmp_path):
    _page(tmp_path, "index.html", '<a href="about/">About</a>')
    _page(tmp_path, "about/index.html", "")
    (problem,) = links.check(Site(tmp_path), require_index_files=True)
    (key,) = re.findall(r"MULTILINGUAL\['(\w+)'\]", problem.fix)
    assert key in multilingual_settings.DEFAULTS, f"the fix names MULTILINGUAL['{key}'], which is no such key"
    assert bundle.bundle_overrides({"MULTILINGUAL": {}}) == {"MULTILINGUAL": {key: True}}
