"""Every task ends a bad call with a named error and an exit code, never a traceback."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args, code, message", [
    (["preview"], 2, "preview: publishconf.py: SITEURL is not set"),
    (["publish"], 2, "publishconf.py: SITEURL is not set"),
    (["bundle"], 2, "publishconf.py: SITEURL is not set"),
    (["check", "--only", "lnks"], 2, "check: --only: unknown check 'lnks' (did you mean 'links'?); the checks are links"),
    (["translations", "--done", "README.md"], 1, "is not a file in the content folder"),
    (["check", "--path", "no-such-folder"], 1, "check: no built site at"),
])
def test_a_bad_call_is_a_named_error(args, code, message):
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "CAMPAIGN_SITEURL")}
    result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == code, result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_docs_name_tasks_as_invoke_spells_them():
    listed = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=ROOT, capture_output=True, text=True).stdout
    names = {line.split()[0] for line in listed.splitlines()[1:] if line.strip()}
    for doc in ("README.md", "docs/publishing.md", "docs/translating.md", "docs/authoring.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        for word in set(__import__("re").findall(r"`invoke ([a-z_-]+)", text)):
            assert word in names, f"{doc} names `invoke {word}`, which invoke does not know"
