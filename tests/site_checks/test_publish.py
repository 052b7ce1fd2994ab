"""publishconf.py and `invoke publish`: output/ is replaced only when the
build and every check pass."""

import pytest

from campaign.problems import CheckError, ConfigurationError
from conftest import ROOT
from site_checks import check_site
from sitebuild import load_settings, publishing

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Home</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
</head><body><main><h1>Home</h1><p>{body}</p></main></body></html>
"""


def test_publishconf_takes_siteurl_from_the_environment(monkeypatch):
    monkeypatch.delenv("CAMPAIGN_SITEURL", raising=False)
    monkeypatch.setenv("SITEURL", "https://campaign.example.org/")
    settings = load_settings(str(ROOT / "publishconf.py"))
    assert settings["SITEURL"] == "https://campaign.example.org"
    assert settings["RELATIVE_URLS"] and settings["DELETE_OUTPUT_DIRECTORY"] and settings["MULTILINGUAL"]["feeds"]


def test_publishconf_without_siteurl_says_how_to_set_it(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    monkeypatch.delenv("CAMPAIGN_SITEURL", raising=False)
    with pytest.raises(ConfigurationError, match=r"SITEURL is not set.*SITEURL=https://campaign.example.org invoke publish"):
        load_settings(str(ROOT / "publishconf.py"))
    monkeypatch.setenv("CAMPAIGN_SITEURL", "campaign.example.org")
    with pytest.raises(ConfigurationError, match="absolute http"):
        load_settings(str(ROOT / "publishconf.py"))


@pytest.fixture
def site(tmp_path):
    """A published site in tmp_path/output, and a publish() that builds `body` and runs every check."""
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(PAGE.format(body="the site now online"), encoding="utf-8")
    return tmp_path


def publish_with(root, body, browser):
    def fake_build(settings_file, strict, overrides, site):
        assert settings_file.endswith("publishconf.py") and strict and site == str(root / "output")
        with open(f"{overrides['OUTPUT_PATH']}/index.html", "w", encoding="utf-8") as stream:
            stream.write(PAGE.format(body=body))

    publishing.publish(str(root), str(root / "output"),
                       lambda folder: check_site(folder, site_url="https://campaign.example.org", browser=browser),
                       run_build=fake_build)


@pytest.mark.browser
def test_failed_check_leaves_output_untouched(site, chromium):
    with pytest.raises(CheckError, match="problem"):
        publish_with(site, '<a href="gone/">a broken link</a>', chromium)
    assert "the site now online" in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert [path.name for path in site.iterdir()] == ["output"]  # no staging folder left behind


@pytest.mark.browser
def test_passing_build_replaces_output(site, chromium):
    publish_with(site, "the new build", chromium)
    assert "the new build" in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert not (site / "output.previous").exists()
