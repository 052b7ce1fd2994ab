"""What CI prints and uploads is public on a public repository: it never carries a volunteer's name."""

import re
import subprocess
import sys

from stub_fixtures import ROOT, fingerprint_of, project_for, source_files, translation, write_tree
from translation_stubs.pull_request import BOT_EMAIL, plan

NAMES = ("Aigerim Volunteer", "Dana Reviewer")


def named_site(tmp_path):
    """A reviewed ru translation that names its translator and reviewer; an outdated one naming its translator."""
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    (content / "actions/free-them.ru.md").write_text(translation(
        "free-them", "ru", fingerprint_of(project, "actions/free-them.md"), status="reviewed",
        extra=f"Translator: {NAMES[0]}\nReviewer: {NAMES[1]}"), encoding="utf-8")
    (content / "pages/about.ru.md").write_text(translation(
        "about", "ru", "sha256:" + "0" * 64, extra=f"Translator: {NAMES[0]}"), encoding="utf-8")
    return content


def translations(tmp_path, *options):
    command = [sys.executable, "-m", "translation_stubs.cli", "--settings", str(ROOT / "pelicanconf.py"),
               "--content", str(tmp_path / "content"), "translations", *options]
    env = {"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_what_the_workflow_runs_names_nobody(tmp_path):
    named_site(tmp_path)
    assert NAMES[0] in translations(tmp_path)  # the team's own view, on a machine of theirs
    workflow = (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    commands = [line.strip() for line in workflow.splitlines() if "invoke translations" in line
                and not line.strip().startswith("#")]
    assert len(commands) == 3, commands
    for command in commands:
        options = re.search(r"invoke translations(.*?)(>|$)", command).group(1).split()
        output = translations(tmp_path, *options)
        assert "free-them.ru.md" in output and "about.ru.md" in output, command
        for name in NAMES:
            assert name not in output, (command, name)


def test_the_translations_needed_job_counts_people_and_names_none():
    decision = plan(["actions/x.ru.md"], [BOT_EMAIL, "aigerim@example.org", "dana@example.org", "dana@example.org"])
    assert decision.push is False
    assert "2 person(s)" in decision.why and "@" not in decision.why and "left as it is" in decision.why
