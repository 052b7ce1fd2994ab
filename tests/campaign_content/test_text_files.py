"""CAMPAIGN_CONTENT['text_files']: plain text files the team names one by one are published as they are;
every other file that is not an image still is not."""

import pytest

from campaign.problems import ConfigurationError
from campaign_content.settings import merge_settings
from conftest import build_site, minimal_files

ROBOTS = "User-agent: *\nAllow: /\n"


def settings(text_files, static_paths=("images", "extra")):
    return {"STATIC_PATHS": list(static_paths),
            "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"}},
            "CAMPAIGN_CONTENT": {"data_path": "data", "today": "2024-06-01", "text_files": text_files}}


def test_a_text_file_the_settings_name_is_published_at_its_place_and_no_other(tmp_path):
    files = minimal_files() | {"extra/robots.txt": ROBOTS, "extra/notes.txt": "Call Dana at 555-0100\n",
                               "extra/page.html": "<script>alert(1)</script>"}
    site = build_site(tmp_path, files, settings(["extra/robots.txt"]))
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == ROBOTS
    assert not list(site.output.rglob("notes.txt")) and not list(site.output.rglob("page.html"))
    assert any("extra/page.html" in e and "so it was not published" in e for e in site.report.errors)
    assert any("extra/notes.txt" in e and "so it was not published" in e and "CAMPAIGN_CONTENT['text_files']" in e
               for e in site.report.errors)


def test_the_settings_docs_authoring_gives_publish_robots_txt_at_the_root(tmp_path):
    files = minimal_files() | {"extra/robots.txt": ROBOTS}
    site = build_site(tmp_path, files, settings(["extra/robots.txt"], ["images", "extra/robots.txt"]), strict=True)
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == ROBOTS
    assert not (site.output / "extra").exists()


def test_a_named_text_file_over_the_size_limit_is_named_and_not_published(tmp_path):
    files = minimal_files() | {"extra/robots.txt": "Disallow: /x\n" * 200_000}
    site = build_site(tmp_path, files, settings(["extra/robots.txt"]))
    assert any("extra/robots.txt" in e and "larger than the limit" in e for e in site.report.errors)
    assert not (site.output / "robots.txt").exists()


@pytest.mark.parametrize("value", ["extra/page.html", "../robots.txt", "/etc/robots.txt", "extra/../robots.txt",
                                   "extra\\robots.txt", "robots.txt/", 42, "extra/robots.TXT.html"])
def test_a_text_file_setting_that_is_not_a_relative_txt_path_is_named(value):
    with pytest.raises(ConfigurationError, match="text_files"):
        merge_settings({"text_files": [value]})


def test_text_files_are_relative_txt_paths():
    names = ["extra/robots.txt", ".well-known/security.txt", "humans.txt"]
    assert merge_settings({"text_files": names})["text_files"] == names
    assert merge_settings({})["text_files"] == []


def test_a_named_text_file_that_is_a_link_out_of_the_content_folder_is_not_published(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the team's passwords\n", encoding="utf-8")
    (tmp_path / "content" / "extra").mkdir(parents=True)
    (tmp_path / "content" / "extra" / "robots.txt").symlink_to(secret)
    site = build_site(tmp_path, minimal_files(), settings(["extra/robots.txt"]))
    assert any("extra/robots.txt" in e and "leads outside the content folder" in e for e in site.report.errors)
    assert not [path for path in site.output.rglob("*") if path.is_file() and b"passwords" in path.read_bytes()]


@pytest.mark.parametrize("destination", ["index.html", "page.html", "sitemap.xml", "robots.txt/index.html"])
def test_a_named_text_file_sent_to_a_name_that_is_not_txt_is_named_and_not_published(tmp_path, destination):
    script = "<script>alert(document.cookie)</script>\n"
    files = minimal_files() | {"extra/robots.txt": script}
    site = build_site(tmp_path, files, {**settings(["extra/robots.txt"]),
                                        "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": destination}}})
    assert any("extra/robots.txt" in e and destination in e and "so it was not published" in e
               for e in site.report.errors), site.report.errors
    assert not [path for path in site.output.rglob("*") if path.is_file() and b"alert(" in path.read_bytes()]


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_named_text_file_that_is_a_link_to_another_content_file_is_not_published(tmp_path, link):
    files = minimal_files() | {"drafts/case.txt": "Her home address is 5 Example Lane\n"}
    content = tmp_path / "content"
    (content / "drafts").mkdir(parents=True)
    if link == "file":  # published as it is: the link would publish another file's text, and its later edits
        (content / "extra").mkdir()
        (content / "extra" / "robots.txt").symlink_to("../drafts/case.txt")
    else:
        (content / "extra").symlink_to("drafts")
        files["drafts/robots.txt"] = "Her home address is 5 Example Lane\n"
    site = build_site(tmp_path, files, settings(["extra/robots.txt"]))
    assert any("extra/robots.txt" in e and "link" in e and "so it was not published" in e
               for e in site.report.errors), site.report.errors
    assert not [path for path in site.output.rglob("*") if path.is_file() and b"Example Lane" in path.read_bytes()]


def test_a_static_link_to_a_named_text_file_leads_to_it_and_one_to_another_does_not(tmp_path):
    files = minimal_files() | {
        "extra/robots.txt": ROBOTS, "extra/notes.txt": "Call Dana at 555-0100\n",
        "pages/about.md": "Title: About\n\nWhat [search engines]({static}/extra/robots.txt) may read; "
                          "[notes]({static}../extra/notes.txt); [moved]({attach}../extra/robots.txt).\n"}
    site = build_site(tmp_path, files, settings(["extra/robots.txt"]))
    links = {a.get_text(): a["href"] for a in site.soup("about/index.html").select("main a, article a")}
    assert links["search engines"].endswith("robots.txt") and links["search engines"] != "#", links
    assert links["notes"] == "#" and links["moved"] == "#", links  # {attach} would move the team's file
    assert not any("{static}/extra/robots.txt" in w for w in site.report.warnings), site.report.warnings
    assert any("{static}../extra/notes.txt" in w for w in site.report.warnings)
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == ROBOTS
