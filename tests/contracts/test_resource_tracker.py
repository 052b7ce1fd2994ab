"""Contract with multiprocessing's internals: campaign.processes.stop_resource_tracker()
ends the resource tracker through multiprocessing.resource_tracker._resource_tracker._stop(),
which is private. If Python renames it, this fails by name; the build's own test
(no process outlives a build) is tests/sitebuild/test_no_leftover_processes.py."""

import json
import subprocess
import sys

SCENARIO = """
import json, multiprocessing, os, sys
sys.path.insert(0, sys.argv[1])
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from campaign.processes import stop_resource_tracker
with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
    pool.submit(int, "1").result()
pid = resource_tracker._resource_tracker._pid
stop_resource_tracker()
alive = os.path.exists(f"/proc/{pid}") if pid else None
print(json.dumps({"pid": pid, "alive": alive}))
"""


def test_the_resource_tracker_can_be_stopped_through_its_private_stop(tmp_path):
    from multiprocessing import resource_tracker

    assert hasattr(resource_tracker, "_resource_tracker"), "multiprocessing.resource_tracker._resource_tracker is gone"
    assert callable(getattr(resource_tracker.ResourceTracker, "_stop", None)), "ResourceTracker._stop is gone"
    plugins = str(__import__("pathlib").Path(__file__).resolve().parents[2] / "plugins")
    run = subprocess.run([sys.executable, "-c", SCENARIO, plugins], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["pid"] is not None, "a spawn pool no longer starts the resource tracker"
    assert result["alive"] is False
