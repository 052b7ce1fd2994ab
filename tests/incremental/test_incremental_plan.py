"""Deciding between a full and a partial build, without building."""

import pathlib

import pytest

from campaign.problems import ConfigurationError
from incremental.manifest import Identity, Manifest
from incremental.plan import identity_from_path, plan_build, related_groups
from incremental.settings import merge_settings

FILENAME = r"(?P<slug>[^.]+)(?:\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?))?"
PATHS = r"(?P<source_file>(?P<kind>[^/]+)/.*)"


def identify(source):
    return identity_from_path(source, PATHS, FILENAME, "en")


def action(slug, lang="en", briefing="background"):
    return Identity("actions", slug, lang, references=(("briefings", briefing),), save_as=f"{slug}.{lang}.html")


IDENTITIES = {
    "actions/a.md": action("a"),
    "actions/a.ru.md": action("a", "ru"),
    "actions/b.md": action("b"),
    "actions/c.md": action("c", briefing="law"),
    "briefings/background.md": Identity("briefings", "background", "en", save_as="background.html"),
    "briefings/law.md": Identity("briefings", "law", "en", save_as="law.html"),
    "pages/about.md": Identity("pages", "about", "en", save_as="about.html"),
}
STAMPS = {source: (1, 1) for source in IDENTITIES}


def manifest(**changes):
    return Manifest(key="k", stamps=dict(STAMPS), identities=dict(IDENTITIES),
                    outputs={"index.html": "k1", "sitemap.xml": "k2"}, warnings=[], memory={}, **changes)


@pytest.fixture
def output(tmp_path):
    """An output folder holding every page the last build wrote."""
    for page in ("index.html", "sitemap.xml"):
        (tmp_path / page).write_text("<html></html>")
    return str(tmp_path)


def plan(stamps, output):
    return plan_build(manifest(), "k", stamps, output, identify, lambda source: "Title: x\n\nText.\n",
                      pages=frozenset(s for s in stamps if s.startswith("pages/")))


def test_identity_from_path_reads_kind_slug_and_language():
    assert identify("actions/free-them.kk.md") == Identity("actions", "free-them", "kk")
    assert identify("briefings/background.md") == Identity("briefings", "background", "en")


def test_an_action_reaches_its_briefing_and_the_briefing_s_other_actions_not_other_briefings():
    assert related_groups({("actions", "a")}, IDENTITIES) == {
        ("actions", "a"), ("briefings", "background"), ("actions", "b")}


def test_a_briefing_reaches_the_actions_that_name_it():
    assert related_groups({("briefings", "law")}, IDENTITIES) == {("briefings", "law"), ("actions", "c")}


def test_an_edited_action_is_written_with_its_translations_reading_its_briefing_and_every_page(output):
    result = plan(dict(STAMPS, **{"actions/a.md": (2, 1)}), output)
    assert result.partial and not result.wide
    assert result.reread == {"actions/a.md", "actions/a.ru.md", "briefings/background.md", "pages/about.md"}
    assert result.render_groups == {("actions", "a")}


def test_a_wide_plan_also_writes_the_pages_that_show_the_change(output):
    result = plan_build(manifest(), "k", dict(STAMPS, **{"actions/a.md": (2, 1)}), output, identify,
                        lambda source: "Text.", wide="its title changed")
    assert result.partial and result.wide
    assert result.reread == {"actions/a.md", "actions/a.ru.md", "actions/b.md", "briefings/background.md"}
    assert result.render_groups == {("actions", "a"), ("actions", "b"), ("briefings", "background")}


def test_a_new_translation_is_read_with_its_group(output):
    result = plan(dict(STAMPS, **{"actions/c.kk.md": (3, 3)}), output)
    assert result.partial
    assert {"actions/c.kk.md", "actions/c.md", "briefings/law.md"} <= result.reread
    assert "actions/a.md" not in result.reread


@pytest.mark.parametrize("previous, stamps, key, texts, reason", [
    (None, STAMPS, "k", None, "no manifest"),
    ("manifest", STAMPS, "other", None, "settings, theme, plugins, data files or the date changed"),
    ("manifest", {s: v for s, v in STAMPS.items() if s != "actions/b.md"}, "k", None, "actions/b.md was deleted"),
    ("manifest", dict(STAMPS, **{"pages/about.md": (2, 2)}), "k", None, "is a page"),
    ("manifest", dict(STAMPS, **{"actions/a.md": (2, 2)}), "k",
     {"actions/a.md": "See [it]({filename}/briefings/law.md)."}, "{filename}"),
])
def test_full_builds_and_why(output, previous, stamps, key, texts, reason):
    result = plan_build(manifest() if previous else None, key, stamps, output, identify,
                        lambda source: (texts or {}).get(source, "Text."),
                        pages=frozenset(s for s in stamps if s.startswith("pages/")))
    assert not result.partial
    assert reason in result.reason


def test_missing_output_means_a_full_build(output):
    (pathlib.Path(output) / "sitemap.xml").unlink()
    result = plan_build(manifest(), "k", STAMPS, output, identify, lambda source: "Text.")
    assert not result.partial and "missing from the output folder" in result.reason


def test_settings_are_validated_early():
    assert merge_settings(None)["enabled"] is True
    with pytest.raises(ConfigurationError, match="unknown key"):
        merge_settings({"enable": True})
    with pytest.raises(ConfigurationError, match="references"):
        merge_settings({"references": ["briefing"]})
