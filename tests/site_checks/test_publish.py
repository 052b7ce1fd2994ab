"""publishconf.py and `invoke publish`: output/ is replaced only when the
build and every check pass."""

import functools
import importlib.util

import pytest
from invoke import Context, Exit

from campaign.problems import ConfigurationError
from conftest import ROOT
from sitebuild import load_settings

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
def tasks(monkeypatch, tmp_path, chromium):
    spec = importlib.util.spec_from_file_location("campaign_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUTPUT", str(tmp_path / "output"))
    monkeypatch.setattr(module, "_ensure_check_tools", lambda c: None)
    # The session's browser: a second playwright cannot start beside it.
    monkeypatch.setattr(module, "_run_checks", functools.partial(module._run_checks, browser=chromium))
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(PAGE.format(body="the site now online"), encoding="utf-8")
    return module


def fake_build(body):
    def _build(settings_file, strict, overrides=None):
        assert settings_file == "publishconf.py" and strict
        with open(f"{overrides['OUTPUT_PATH']}/index.html", "w", encoding="utf-8") as stream:
            stream.write(PAGE.format(body=body))
    return _build


@pytest.mark.browser
def test_failed_check_leaves_output_untouched(tasks, monkeypatch, tmp_path):
    monkeypatch.setattr(tasks, "_run_build", fake_build('<a href="gone/">a broken link</a>'))
    with pytest.raises(Exit) as failed:
        tasks.publish(Context())
    assert "problem(s) found" in str(failed.value.message)
    assert "the site now online" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_passing_build_replaces_output(tasks, monkeypatch, tmp_path):
    monkeypatch.setattr(tasks, "_run_build", fake_build("the new build"))
    tasks.publish(Context())
    assert "the new build" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "output.previous").exists()
