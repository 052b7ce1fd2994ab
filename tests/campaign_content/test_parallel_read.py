"""Reading in worker processes (CAMPAIGN_CONTENT['read_processes']) gives the same site."""

import pathlib

import pytest

from campaign.problems import ConfigurationError
from conftest import PEOPLE_TOML, TARGETS_TOML, action_md, briefing_md, build_site
from campaign_content.reader import POOL_MIN_FILES
from campaign_content.settings import merge_settings


def many_files():
    files = {"data/targets.toml": TARGETS_TOML, "data/people.toml": PEOPLE_TOML, "pages/about.md": "Title: About\n\nUs.\n"}
    body = "## One\n\nText with \"quotes\" -- and a note.[^1]\n\n## Two\n\nMore.\n\n## Three\n\nEnd.\n\n[^1]: A source.\n"
    for number in range(POOL_MIN_FILES // 2 + 2):
        files[f"briefings/b{number}.md"] = briefing_md(slug=f"b{number}", title=f"Briefing {number}", body=body)
        files[f"briefings/b{number}.ru.md"] = briefing_md(slug=f"b{number}", lang="ru", title=f"Справка {number}",
                                                          body=body)
        files[f"actions/a{number}.md"] = action_md(slug=f"a{number}", title=f"Action {number}")
    files["briefings/background.md"] = briefing_md()
    files["briefings/bad.md"] = "Title: No date\nSummary: x\n\nText.\n"
    return files


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(pathlib.Path(folder).rglob("*")) if p.is_file()}


def test_parallel_reading_writes_the_same_site_and_reports_the_same_problems(tmp_path):
    files = many_files()
    settings = lambda n: {"CAMPAIGN_CONTENT": {"data_path": "data", "today": "2026-06-01", "read_processes": n}}  # noqa: E731
    # Two languages with documents: an empty language's feed carries the build time.
    serial = build_site(tmp_path / "serial", files, settings=settings(1), languages=("en", "ru"))
    parallel = build_site(tmp_path / "parallel", files, settings=settings(2), languages=("en", "ru"))
    assert len(tree(serial.output)) > 2 * POOL_MIN_FILES
    assert tree(serial.output) == tree(parallel.output)
    assert sorted(serial.report.errors) == sorted(parallel.report.errors)
    assert any("bad.md" in error for error in parallel.report.errors)


def test_prefetch_converts_in_workers_what_read_would(tmp_path):
    from pelican.settings import read_settings

    from campaign_content.reader import CampaignMarkdownReader

    settings = read_settings(str(pathlib.Path(__file__).resolve().parents[2] / "pelicanconf.py"))
    settings["CAMPAIGN_CONTENT"] = merge_settings({"read_processes": 2})
    paths = []
    for name, text in many_files().items():
        if name.endswith(".md"):
            path = tmp_path / name.replace("/", "-")
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
    reader = CampaignMarkdownReader(settings)
    reader.prefetch(paths)
    assert sorted(reader._chunk_of) == sorted(paths)
    fresh = CampaignMarkdownReader(settings)
    for path in paths:
        assert reader.read(path) == fresh.read(path)
    assert reader._prefetched == {} and reader._chunk_of == {} and reader._pool is None


@pytest.mark.parametrize("value", [-1, "2", True, 1.5])
def test_read_processes_must_be_a_whole_number(value):
    with pytest.raises(ConfigurationError, match="read_processes"):
        merge_settings({"read_processes": value})
