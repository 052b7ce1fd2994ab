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
