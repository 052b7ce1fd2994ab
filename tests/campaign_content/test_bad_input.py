"""Bad content: one clear message naming the file, the field and the fix;
the file is skipped in a normal build and a strict build fails."""

import pytest
from conftest import action_md, build_site, minimal_files

from sitebuild import BuildFailed


def build_with(tmp_path, **changes):
    files = minimal_files()
    files.update(changes)
    return build_site(tmp_path, files)


CASES = [
    pytest.param(
        {"actions/free-them.kk.md": action_md(slug="free-him", lang="kk", title="Босатыңыз")},
        "actions/free-them.kk.md", "slug", "no 'en' document has the slug 'free-him'",
        "kk/actions/free-him/index.html", id="orphan-translation"),
    pytest.param(
        {"actions/copy.ru.md": action_md(slug="free-them", lang="ru", title="Копия")},
        "actions/free-them.ru.md", "slug", "is already used by actions/copy.ru.md",
        None, id="same-slug-and-language"),
    pytest.param(
        {"actions/free-them.de.md": action_md(lang="de", title="Befreit sie")},
        "actions/free-them.de.md", "lang", "'de' is not a configured language",
        "de/actions/free-them/index.html", id="unconfigured-language"),
    pytest.param(
        {"actions/free-them.md": action_md().replace("Targets: prosecutor-general\n", "")},
        "actions/free-them.md", "targets", "is missing",
        "actions/free-them/index.html", id="missing-field"),
    pytest.param(
        {"actions/free-them.md": action_md(deadline="31 Febtember")},
        "actions/free-them.md", "deadline", "is not a date",
        "actions/free-them/index.html", id="bad-deadline"),
    pytest.param(
        {"briefings/background.md": "Title: Background\nSlug: background\nDate: yesterday-ish\nSummary: S.\n\nText.\n"},
        "briefings/background.md", "date", "is not a date",
        "briefings/background/index.html", id="bad-date"),
    pytest.param(
        {"actions/free-them.md": action_md().replace("Targets: prosecutor-general", "Targets: prosecutor-general, nobody")},
        "actions/free-them.md", "targets", "'nobody' is not defined in content/data/targets.toml",
        "actions/free-them/index.html", id="unknown-target"),
    pytest.param(
        {"actions/free-them.md": action_md(state="pending")},
        "actions/free-them.md", "state", "is not a state",
        "actions/free-them/index.html", id="bad-state"),
]


@pytest.mark.parametrize("changes, source_file, field, problem, skipped_page", CASES)
def test_bad_input_is_reported_and_skipped(tmp_path, changes, source_file, field, problem, skipped_page):
    site = build_with(tmp_path, **changes)
    messages = [m for m in site.report.errors if source_file in m and f"field '{field}'" in m]
    assert len(messages) == 1, site.report.errors
    assert problem in messages[0]
    # After the problem comes what to do about it.
    assert messages[0].split(problem, 1)[1].strip(" .,")
    if skipped_page:
        assert not site.exists(skipped_page)
    # The rest of the site is still built.
    assert site.exists("index.html")
    assert site.exists("about/index.html")


@pytest.mark.parametrize("changes", [case.values[0] for case in CASES], ids=[case.id for case in CASES])
def test_strict_build_fails_on_bad_input(tmp_path, changes):
    files = minimal_files()
    files.update(changes)
    with pytest.raises(BuildFailed, match="strict build: 1 error"):
        build_site(tmp_path, files, strict=True)


def test_clean_site_builds_strictly(tmp_path):
    site = build_site(tmp_path, minimal_files(), strict=True)
    assert site.report.problems == []


def test_bad_data_file_names_the_entry_and_field(tmp_path):
    files = minimal_files()
    files["data/targets.toml"] += '\n[bad-mail]\nname = "X"\ntitle = "Y"\nemail = "not-an-address"\n' \
        'address = "Z"\nsalutation = "Dear X,"\nlanguage = "ru"\n'
    site = build_site(tmp_path, files)
    assert any("targets.toml: field 'bad-mail.email'" in m and "is not an email address" in m for m in site.report.errors)
