"""A bad input to the checks is a named CheckError with its fix, never a traceback:
a folder that is no built site, a page that cannot be read, a tool that is
missing or does not run."""

import os
import subprocess
import sys

import pytest

import site_checks_fixtures as fixtures
from campaign.problems import CheckError
from conftest import ROOT
from site_checks import CheckUnavailable, NoBuiltSite, Site, UnreadablePage, links, run_checks
from site_checks.__main__ import main


def _page(folder, path, html):
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(html)


def test_a_folder_without_pages_is_no_built_site(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("Not a site.\n", encoding="utf-8")
    assert main([str(tmp_path), "--only", "links"]) == 1
    assert capsys.readouterr().err == (f"site_checks: no built site at {tmp_path}: the folder holds no HTML page. "
                                       "Build the site first (`invoke build`), or name the folder it was built into\n")
    with pytest.raises(NoBuiltSite, match="it is not a folder"):
        Site(tmp_path / "notes.md")
    with pytest.raises(NoBuiltSite, match="the folder does not exist"):
        Site(tmp_path / "missing")


def test_a_lang_that_is_not_utf8_does_not_stop_the_checks(tmp_path, capsys):
    _page(tmp_path, "index.html", b'<!doctype html><html lang="\xff\xfe"><body><a href="gone/">x</a></body></html>')
    assert main([str(tmp_path), "--only", "links"]) == 1
    assert "index.html:1: broken link <a href=\"gone/\">" in capsys.readouterr().out


def test_a_page_that_is_gone_when_read_is_a_named_error(tmp_path):
    _page(tmp_path, "index.html", b'<!doctype html><html lang="en"><body><a href="other.html">x</a></body></html>')
    _page(tmp_path, "other.html", b'<!doctype html><html lang="en"><body></body></html>')
    site = Site(tmp_path)
    (tmp_path / "other.html").unlink()  # as a rebuild of the folder during the check would
    with pytest.raises(UnreadablePage) as error:
        links.check(site)
    assert isinstance(error.value, CheckError) and error.value.exit_code == 1
    assert str(error.value) == error.value.problem.text() == (
        "other.html: cannot be read (No such file or directory). Check that its files are readable and that nothing "
        "rebuilds or changes the site while it is checked, then check again")


def test_a_java_that_gives_no_report_is_an_unavailable_check(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "java"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Error: LinkageError occurred while loading main class' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(CheckUnavailable) as error:
        run_checks(fixtures.site("clean").output, only="html")
    assert isinstance(error.value, CheckError) and error.value.exit_code == 2
    assert str(error.value).startswith("the Nu Html Checker gave no report (exit 1): Error: LinkageError occurred "
                                       "while loading main class. Check that `java -jar ")
    assert "reinstall the checker (`npm ci --ignore-scripts`) or the Java runtime" in error.value.fix


@pytest.mark.parametrize("chromium, said", [
    ("/no/such/chromium", "Chromium is missing (/no/such/chromium)."),
    ("/bin/false", "Chromium (/bin/false) did not start: "),
])
def test_a_chromium_that_does_not_start_is_one_line_and_exit_2(chromium, said):
    env = {**os.environ, "CHROMIUM": chromium}
    result = subprocess.run([sys.executable, "-m", "site_checks", str(fixtures.site("clean").output), "--only",
                             "privacy"], cwd=ROOT / "plugins", env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"site_checks: {said}")
    assert result.stderr.rstrip().endswith("Install Debian's Chromium (`apt-get install chromium`), or set CHROMIUM "
                                           "to the path of a Chromium that runs")
    assert "Traceback" not in result.stderr
