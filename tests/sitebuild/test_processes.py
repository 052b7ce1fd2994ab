"""No process of ours outlives a build: not after it ends, not after its parent is killed."""

import os
import pathlib
import signal
import subprocess
import sys
import time
import uuid

from conftest import ROOT, briefing_md, minimal_files, write_files

BUILD = """
import sys
sys.path[:0] = [{plugins!r}, {tests!r}]
import pathlib
from conftest import settings_for
from sitebuild import build
overrides = settings_for(pathlib.Path({folder!r}))
overrides["CAMPAIGN_CONTENT"]["read_processes"] = 3
overrides["PARALLEL_RENDER"] = {{"processes": 3, "min_pages": 10}}
build({settings!r}, overrides=overrides)
"""


def marked(marker):
    """PIDs of the processes whose environment carries `marker`."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_until(condition, seconds):
    """Poll `condition` until it holds or `seconds` pass (a bound, not a measurement)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def start_build(tmp_path, documents):
    files = minimal_files()
    for number in range(documents):
        files[f"briefings/b{number}.md"] = briefing_md(slug=f"b{number}", title=f"Briefing {number}",
                                                        body="## One\n\nText. " * 40)
    write_files(tmp_path / "content", files)
    marker = f"CAMPAIGN_BUILD_MARKER={uuid.uuid4().hex}"
    name, value = marker.split("=")
    script = BUILD.format(plugins=str(ROOT / "plugins"), tests=str(ROOT / "tests"), folder=str(tmp_path),
                          settings=str(ROOT / "pelicanconf.py"))
    process = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, name: value},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, marker


def test_no_worker_outlives_a_finished_build(tmp_path):
    process, marker = start_build(tmp_path, 120)
    assert wait_until(lambda: len(marked(marker)) > 1, 60), "the build started no worker process"
    assert process.wait(timeout=300) == 0
    assert (tmp_path / "output" / "briefings" / "b7" / "index.html").exists()
    assert wait_until(lambda: not marked(marker), 3), f"left running: {marked(marker)}"


def test_workers_end_when_the_build_is_killed(tmp_path):
    process, marker = start_build(tmp_path, 400)
    assert wait_until(lambda: len(marked(marker)) > 1, 60), "the build started no worker process"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert wait_until(lambda: not marked(marker), 10), f"left running: {marked(marker)}"
