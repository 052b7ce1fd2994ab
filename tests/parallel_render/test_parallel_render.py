"""Pages rendered on several cores are the pages one process renders."""

import re

import pytest
from campaign.problems import ConfigurationError
from conftest import action_md, build_site, minimal_files, photo

from parallel_render.parallel_render import context_snapshot, share
from parallel_render.settings import merge_settings


def site_files():
    files = minimal_files()
    for number in range(12):
        files[f"actions/a{number}.md"] = action_md(slug=f"a{number}", title=f"Action {number}")
        files[f"actions/a{number}.ru.md"] = action_md(slug=f"a{number}", lang="ru", title=f"Акция {number}")
    return files


def tree(folder):
    # An empty feed is stamped with the time it was written; that alone may differ.
    return {str(p.relative_to(folder)): re.sub(rb"<updated>[^<]*</updated>", b"", p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_forked_rendering_writes_the_same_site_as_one_process(tmp_path):
    serial = build_site(tmp_path / "serial", site_files(), settings={"PARALLEL_RENDER": {"processes": 1}}, strict=True)
    forked = build_site(tmp_path / "forked", site_files(),
                        settings={"PARALLEL_RENDER": {"processes": 3, "min_pages": 0}}, strict=True)
    expected, written = tree(serial.output), tree(forked.output)
    assert len(expected) > 60
    assert written.keys() == expected.keys()
    assert [name for name in expected if written[name] != expected[name]] == []


def test_a_template_error_in_a_child_fails_the_build(tmp_path):
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    from conftest import ROOT

    for template in (ROOT / "theme" / "templates").iterdir():
        (theme / "templates" / template.name).write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    (theme / "templates" / "briefing.html").write_text("{{ article.no_such_thing.boom() }}", encoding="utf-8")
    with pytest.raises(Exception):
        build_site(tmp_path / "site", site_files(), settings={
            "THEME": str(theme), "PARALLEL_RENDER": {"processes": 2, "min_pages": 0},
            "MULTILINGUAL": {"languages": ["en", "ru", "kk"], "catalog_path": str(ROOT / "theme" / "translations"),
                             "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"}}})


def test_jobs_are_dealt_round_robin():
    assert share(list(range(7)), 3) == [[0, 3, 6], [1, 4], [2, 5]]


@pytest.mark.parametrize("value", [{"procs": 2}, {"processes": -1}, {"min_pages": "many"}])
def test_bad_settings_are_named(value):
    with pytest.raises(ConfigurationError, match="parallel_render"):
        merge_settings(value)


def test_pages_written_while_the_context_holds_the_same_objects_share_one_copy():
    context = {"SITENAME": "Free them", "articles": ["a"]}
    first = context_snapshot(None, context)
    assert first == context and first is not context
    assert context_snapshot(first, context) is first

    context["articles"] = ["a"]  # equal, but another object: a generator set it anew
    second = context_snapshot(first, context)
    assert second is not first and second["articles"] is context["articles"]
    context["dates"] = []
    third = context_snapshot(second, context)
    assert third is not second and "dates" in third and "dates" not in second
    context["SITENAME"] = "Changed later"
    assert first["SITENAME"] == "Free them"  # what a page was given stays as it was


@pytest.mark.parametrize("render", [{"processes": 1}, {"processes": 2, "min_pages": 0}])
def test_a_body_links_to_another_document_and_shows_an_image_from_its_own_page(tmp_path, render):
    # Pelican makes {filename} and {static} links into addresses from the page being written, by a context
    # that the deferred writer never updated: they pointed from the site's root, so from
    # /actions/free-them/ 'briefings/background/' led to /actions/free-them/briefings/background/, a 404.
    files = minimal_files()
    files["actions/free-them.md"] = action_md(
        body="Read [the background]({filename}/briefings/background.md).\n\n![A crowd]({static}/images/crowd.jpg)")
    files["actions/free-them.ru.md"] = action_md(lang="ru", title="Освободите их",
                                                 body="Читайте [контекст]({filename}/briefings/background.ru.md).")
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    (folder / "crowd.jpg").write_bytes(photo())
    site = build_site(tmp_path, files, settings={"PARALLEL_RENDER": render}, strict=True)
    for page, text in (("actions/free-them/index.html", "the background"), ("ru/actions/free-them/index.html", "контекст")):
        soup = site.soup(page)
        link = soup.find("a", string=text)
        target = (site.output / page).parent / link["href"] / "index.html"
        assert target.resolve().is_file(), (page, link["href"])
        assert "{filename}" not in str(soup) and "{static}" not in str(soup)
    image = site.soup("actions/free-them/index.html").find("img", alt="A crowd")
    assert ((site.output / "actions/free-them") / image["src"]).resolve().is_file(), image["src"]
    assert "{static}" not in site.text("feeds/atom.xml") and "{filename}" not in site.text("feeds/atom.xml")
