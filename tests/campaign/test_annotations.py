"""Under GitHub Actions every content problem is also an annotation on its file and line."""

import json
import os
import subprocess
import sys

from campaign.annotations import annotation_of, workflow_command
from conftest import ROOT, action_md, minimal_files, write_files

BUILD = """
import sys
sys.path[:0] = [{plugins!r}, {tests!r}]
from conftest import settings_for
from sitebuild import build
import pathlib
build({settings!r}, overrides=settings_for(pathlib.Path({folder!r})))
"""


def test_a_content_problem_is_annotated_on_its_line(tmp_path):
    text = action_md().replace("Briefing: background", "Petition https://petition.example/x\nBriefing: background")
    write_files(tmp_path / "content", minimal_files() | {"actions/free-them.md": text})
    script = BUILD.format(plugins=str(ROOT / "plugins"), tests=str(ROOT / "tests"),
                          settings=str(ROOT / "pelicanconf.py"), folder=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=content/actions/free-them.md,line=9,title=campaign_content::")
               and "has no colon" in line for line in annotations), result.stdout
    # Outside GitHub Actions, no workflow commands.
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
    assert "::error" not in result.stdout


def test_translation_problems_are_annotated_by_the_translations_command(tmp_path):
    files = minimal_files()
    files["actions/free-them.ru.md"] = files["actions/free-them.ru.md"].replace("Lang: ru", "Lang: ru\nTranslation-Status: done")
    write_files(tmp_path / "content", files)
    command = [sys.executable, "-m", "translation_stubs.cli", "--settings", str(ROOT / "pelicanconf.py"),
               "--content", str(tmp_path / "content"), "translations"]
    env = {"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true"}
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    line = files["actions/free-them.ru.md"].split("\n").index("Translation-Status: done") + 1
    assert f"::error file=content/actions/free-them.ru.md,line={line},title=translations::" in result.stdout
    assert "'done' is not a translation status" in result.stdout
    json_out = subprocess.run(command + ["--json"], cwd=tmp_path, capture_output=True, text=True, env=env).stdout
    json.loads(json_out)  # annotations never mix into JSON


def test_annotation_text_is_escaped_and_falls_back_to_the_message():
    assert workflow_command("error", "content/a,b.md", 3, "50% of\nit") == "::error file=content/a%2Cb.md,line=3::50%25 of%0Ait"
    assert annotation_of("WARNING", "multilingual: pages/about.ru.md: field 'lang': bad", "content") == (
        "::warning file=content/pages/about.ru.md,title=multilingual::multilingual: pages/about.ru.md: field 'lang': bad")
    assert annotation_of("ERROR", "Done: built 3 pages", "content") is None


def test_a_file_name_s_control_characters_never_reach_the_log_in_an_annotation(tmp_path):
    # The message was escaped, but the file= property carried the name as it is: ESC [2J cleared the terminal
    # of whoever read the CI log, and U+202E showed the rest of the line reversed.
    assert workflow_command("error", "content/a\x1b[2J\u202e.md", None, "x\x9b") == (
        "::error file=content/a\\x1b[2J\\u202e.md::x\\x9b")
    files = minimal_files()
    files["actions/free-them\x1b[2J\u202e.ru.md"] = files.pop("actions/free-them.ru.md").replace(
        "Lang: ru", "Lang: ru\nTranslation-Status: done")
    write_files(tmp_path / "content", files)
    command = [sys.executable, "-m", "translation_stubs.cli", "--settings", str(ROOT / "pelicanconf.py"),
               "--content", str(tmp_path / "content"), "translations"]
    env = {"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true"}
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any("file=content/actions/free-them\\x1b[2J\\u202e.ru.md" in line for line in annotations), result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
