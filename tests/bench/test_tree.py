"""bench/tree.py: the memory of a pass is that of its whole process tree, and
no process outlives a pass unreported. Real processes, no timing asserted."""

import os
import pathlib
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import tree  # noqa: E402

MIB = 1024

# The child itself holds little: a worker it forks through multiprocessing
# holds 300 MiB (touched page by page, so it is resident) for half a second.
WORKER_HOLDS_300_MIB = textwrap.dedent("""
    import multiprocessing, time

    def hold(mib):
        block = bytearray(mib * 1024 * 1024)
        for offset in range(0, len(block), 4096):
            block[offset] = 1
        time.sleep(0.5)

    if __name__ == "__main__":
        worker = multiprocessing.get_context("fork").Process(target=hold, args=(300,))
        worker.start()
        worker.join()
        print("worker exit code", worker.exitcode)
""")

# The child holds 300 MiB, then forks a worker that only waits: the two share those pages.
SHARES_300_MIB_WITH_A_WORKER = textwrap.dedent("""
    import os, time

    block = bytearray(300 * 1024 * 1024)
    for offset in range(0, len(block), 4096):
        block[offset] = 1
    pid = os.fork()
    if pid == 0:
        time.sleep(1.0)
        os._exit(0)
    os.waitpid(pid, 0)
""")

# The child starts a grandchild in its own session and exits without waiting for it.
LEAVES_A_SLEEPER = textwrap.dedent("""
    import subprocess, sys
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    print(sleeper.pid)
""")


def test_the_peak_counts_a_forked_workers_memory():
    result = tree.run([sys.executable, "-c", WORKER_HOLDS_300_MIB])
    assert result.returncode == 0, result.stderr
    assert "worker exit code 0" in result.stdout
    # The sampled sum over the tree sees the worker: sampling the child alone sees ~10 MiB.
    assert result.sampled_peak_kib >= 300 * MIB
    assert result.peak_kib >= 300 * MIB
    assert result.processes_seen >= 2
    assert result.leftovers == []
    assert result.cpu_seconds > 0


def test_pages_a_forked_worker_shares_count_twice_in_the_resident_sum_and_once_in_the_proportional_one():
    if tree.read_pss_kib(os.getpid()) is None:
        import pytest
        pytest.skip("this kernel has no /proc/<pid>/smaps_rollup")
    result = tree.run([sys.executable, "-c", SHARES_300_MIB_WITH_A_WORKER])
    assert result.returncode == 0, result.stderr
    assert result.sampled_peak_kib >= 2 * 300 * MIB
    assert 300 * MIB <= result.sampled_peak_pss_kib < 1.25 * 300 * MIB


def test_a_process_that_outlives_the_pass_is_reported_and_ended():
    result = tree.run([sys.executable, "-c", LEAVES_A_SLEEPER], grace=0.5)
    assert result.returncode == 0, result.stderr
    sleeper = int(result.stdout.split()[0])
    assert [leftover.pid for leftover in result.leftovers] == [sleeper]
    leftover = result.leftovers[0]
    assert leftover.ended_by_bench and "time.sleep(60)" in leftover.command
    assert f"pid {sleeper} " in leftover.describe()
    # The bench ended it (it may stay a zombie until init reaps it).
    proc = tree.read_proc(sleeper)
    assert proc is None or proc.state in "ZX" or "time.sleep(60)" not in tree.command_line(sleeper)


def test_a_pass_without_descendants_has_no_leftovers():
    result = tree.run([sys.executable, "-c", "print('hello')"])
    assert result.returncode == 0 and result.stdout.strip() == "hello"
    assert result.leftovers == [] and result.processes_seen == 1
    assert result.peak_kib > 0


def test_the_tree_is_found_by_parent_links_too():
    """On a kernel without /proc/<pid>/task/<tid>/children, every process's parent is read instead."""
    sampler = tree.TreeSampler(os.getpid())
    sampler.use_tasks = False
    found = sampler.tree()
    assert os.getpid() in found and found[os.getpid()].rss_kib > 0


# The child creates and removes 2,000 files: work the kernel does (system time).
WRITES_FILES = textwrap.dedent("""
    import os, sys, tempfile
    with tempfile.TemporaryDirectory() as folder:
        for number in range(2000):
            path = os.path.join(folder, str(number))
            with open(path, "wb") as stream:
                stream.write(b"x" * 4096)
            os.unlink(path)
""")


def test_the_system_part_of_the_cpu_is_given_apart():
    counting = tree.run([sys.executable, "-c", "sum(range(20_000_000))"])
    writing = tree.run([sys.executable, "-c", WRITES_FILES])
    assert counting.returncode == writing.returncode == 0, counting.stderr + writing.stderr
    assert 0 <= counting.system_seconds < counting.cpu_seconds / 2  # counting is the program's own work
    assert 0 < writing.system_seconds <= writing.cpu_seconds
