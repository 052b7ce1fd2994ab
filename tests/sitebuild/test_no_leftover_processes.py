"""No process outlives a build: reading workers, rendering processes, multiprocessing's resource tracker."""

import os
import sys

from conftest import ROOT, settings_for
from sitebuild import build

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            with open(f"/proc/{entry}/cmdline", "rb") as stream:
                found.append(stream.read().replace(b"\0", b" ").decode(errors="replace"))
    return found


def test_a_build_with_reading_workers_and_render_processes_leaves_no_process(tmp_path):
    content = tmp_path / "content"
    corpus.generate(content, docs=24, langs=3)  # 72 files: enough for the reading pool to start
    before = children_of(os.getpid())  # what earlier tests in this process may have left
    report = build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path, {
        "PATH": str(content), "MULTILINGUAL": {"languages": ["en", "ru", "kk"]},
        "CAMPAIGN_CONTENT": {"read_processes": 2, "today": "2024-06-01"},
        "PARALLEL_RENDER": {"processes": 2, "min_pages": 1}}))
    assert not report.errors
    assert any(name.endswith(".html") for _, _, names in os.walk(tmp_path / "output") for name in names)
    assert [process for process in children_of(os.getpid()) if process not in before] == []
