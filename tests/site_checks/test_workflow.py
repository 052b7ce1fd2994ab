"""The GitHub workflow: zizmor finds nothing, actions are pinned to commits, and the
daily run only builds, checks and deploys."""

import pathlib
import re
import subprocess
import sys

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ZIZMOR = pathlib.Path(sys.executable).parent / "zizmor"


def test_zizmor_reports_no_findings():
    result = subprocess.run([str(ZIZMOR), "--offline", str(WORKFLOW.parent)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), (action, comment)


def test_the_daily_run_does_not_run_the_tests():
    text = WORKFLOW.read_text(encoding="utf-8")
    tests_step = re.search(r"- name: Tests\n(\s+)if: (.+)\n\s+run: \.venv/bin/invoke test", text)
    assert tests_step and tests_step.group(2) == "github.event_name != 'schedule'"
    assert "persist-credentials: false" in text and "persist-credentials: true" not in text


def test_the_build_runs_before_the_translations_ready_check_on_a_pull_request():
    """`invoke translations --strict` fails while any translation is a stub (a translator's pull request
    carries the other languages' stubs from the "Translations needed" branch); a failed step skips every
    step after it, so placed before the build it hid the build's annotations (a header line without its
    colon, on its line) and the preview."""
    names = re.findall(r"^      - (?:name: (.+)|uses: \S+|id: \S+)", WORKFLOW.read_text(encoding="utf-8"), re.MULTILINE)
    names = [name for name in names if name]
    assert names.index("Translations ready") > names.index("Build and check (publish)")
    assert names.index("Translations ready") > names.index("Preview of this pull request's site")
