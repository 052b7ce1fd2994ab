"""Run one command and measure its whole process tree from outside.

`run(command)` starts the command, and while it runs a thread here sums,
every `interval` seconds (20 ms), the resident memory of the process and of
every descendant it has at that moment: multiprocessing workers, resource
trackers, and an exec'd binary (the `hugo` script execs Hugo's Go binary in
the same process). Descendants are found by walking /proc from the child:
each thread's `/proc/<pid>/task/<tid>/children`, or, on a kernel without
those files, every process's parent in `/proc/<pid>/stat`. A process seen
once stays part of the tree (known by its pid and start time, so a reused
pid is not mistaken for it) even after its parent exits. While the command
runs, this process is made a "child subreaper" (prctl), so that a
descendant orphaned before it was ever sampled (started by a process that
then exits at once) is handed to this process, not to init, and is found
as one of its new children.

When the command ends, the result has:

- `wall_seconds`, from just before the start to the reaping of the child;
- `cpu_seconds`: user + system CPU of the child and of every descendant it
  waited for (os.wait4's rusage, as RUSAGE_CHILDREN counts them), and
  `system_seconds`, the system part of it: the kernel's work for the tree,
  mostly creating and writing files, which on a virtual machine's disk
  varies from run to run far more than the user part;
- `sampled_peak_kib`: the largest sum seen; `maxrss_kib`: wait4's ru_maxrss,
  the largest single process of the reaped tree, a lower bound; and
  `peak_kib`, the larger of the two. Resident memory counts the pages a
  worker shares with its parent after fork() in both, as `ps` does;
- `sampled_peak_pss_kib`: the largest sum of the tree's proportional set
  sizes (`Pss` in /proc/<pid>/smaps_rollup: a page shared by n processes
  counts 1/n in each), read every `pss_every`-th sample because the kernel
  walks every page of a process to give it: what the tree took from the
  machine, each page once. 0 where the kernel has no smaps_rollup (before
  Linux 4.14);
- `leftovers`: descendants still alive when the child had ended, each with
  how long it outlived it (they are waited for up to `grace` seconds, then
  ended, SIGTERM then SIGKILL, so that they do not load the next measurement).

Linux only (it reads /proc); standard library only.
"""

import ctypes
import dataclasses
import os
import signal
import subprocess
import tempfile
import threading
import time

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37


@dataclasses.dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    state: str
    start: int  # clock ticks after boot: with the pid, it names one process
    rss_kib: int
    name: str


@dataclasses.dataclass
class Leftover:
    """A descendant still running when the child had ended."""

    pid: int
    name: str
    command: str
    # Seconds after the child ended: when it was last seen running, and first seen gone.
    last_seen: float = 0.0
    gone: float = None
    ended_by_bench: bool = False

    def describe(self):
        if self.ended_by_bench:
            how = f"still running {self.last_seen:.1f} s after the pass ended, so the bench ended it"
        else:
            how = f"outlived the pass: still running when it ended, gone {self.gone:.2f} s later"
        return f"pid {self.pid} ({self.name}: {self.command[:120]}) {how}"


@dataclasses.dataclass
class Result:
    command: list
    returncode: int
    wall_seconds: float
    cpu_seconds: float
    sampled_peak_kib: int
    maxrss_kib: int
    stdout: str
    stderr: str
    leftovers: list
    timed_out: bool = False
    processes_seen: int = 0
    sampled_peak_pss_kib: int = 0
    system_seconds: float = 0.0

    @property
    def peak_kib(self):
        return max(self.sampled_peak_kib, self.maxrss_kib)


def read_proc(pid):
    """Proc of pid from /proc/<pid>/stat, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read().decode("utf-8", "replace")
    except OSError:
        return None
    # The name is in parentheses and may hold spaces or ')': split after the last one.
    head, _, rest = raw.rpartition(")")
    fields = rest.split()
    try:
        return Proc(pid=pid, ppid=int(fields[1]), state=fields[0], start=int(fields[19]),
                    rss_kib=int(fields[21]) * PAGE_KIB, name=head.partition("(")[2])
    except (IndexError, ValueError):
        return None


def read_pss_kib(pid):
    """The proportional set size of pid (kiB), or None when it is gone or the kernel does not say."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def set_subreaper(on):
    """Make this process the subreaper of its descendants (on) or not; return whether it was one
    before, or None where prctl is not to be had."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        before = ctypes.c_int(0)
        if libc.prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(before), 0, 0, 0) != 0:
            return None
        if libc.prctl(PR_SET_CHILD_SUBREAPER, int(bool(on)), 0, 0, 0) != 0:
            return None
        return bool(before.value)
    except (OSError, AttributeError):
        return None


def has_children_files():
    pid = os.getpid()
    return os.path.exists(f"/proc/{pid}/task/{pid}/children")


def children_from_tasks(pid):
    """The children of pid: those of each of its threads."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return found


def children_by_parent():
    """{ppid: [pid]} of every process, from a scan of /proc."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            proc = read_proc(int(entry))
            if proc:
                found.setdefault(proc.ppid, []).append(proc.pid)
    return found


class TreeSampler(threading.Thread):
    """The sum of the resident memory of `root` and its descendants, every `interval` s; its maximum."""

    def __init__(self, root, interval=0.02, adopter=None, baseline=(), pss_every=5):
        """adopter: a subreaper (this process) whose children, but for `baseline`, belong to the tree."""
        super().__init__(daemon=True)
        self.root = root
        self.adopter = adopter
        self.baseline = set(baseline)
        self.interval = interval
        self.pss_every = pss_every
        self.samples = 0
        self.known = {}  # pid -> start time of every process seen in the tree
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.use_tasks = has_children_files()

    def tree(self):
        """{pid: Proc} of the tree now: the root, every process seen before that still runs, and their
        descendants."""
        by_parent = None if self.use_tasks else children_by_parent()
        with self.lock:
            stack = [self.root, *self.known]
        if self.adopter is not None:
            adopted = children_from_tasks(self.adopter) if self.use_tasks else by_parent.get(self.adopter, [])
            stack += [pid for pid in adopted if pid not in self.baseline]
        found = {}
        while stack:
            pid = stack.pop()
            if pid in found:
                continue
            proc = read_proc(pid)
            if proc is None or (pid in self.known and self.known[pid] != proc.start):
                continue  # gone, or its pid now names another process
            found[pid] = proc
            stack += children_from_tasks(pid) if self.use_tasks else by_parent.get(pid, [])
        with self.lock:
            for pid, proc in found.items():
                self.known.setdefault(pid, proc.start)
        return found

    def sample(self):
        running = [proc for proc in self.tree().values() if proc.state not in "ZX"]
        total = sum(proc.rss_kib for proc in running)
        self.peak_kib = max(self.peak_kib, total)
        if self.samples % self.pss_every == 0:
            self.peak_pss_kib = max(self.peak_pss_kib, sum(read_pss_kib(proc.pid) or 0 for proc in running))
        self.samples += 1
        return total

    def run(self):
        while True:
            self.sample()
            if self.stopped.wait(self.interval):
                return

    def alive(self, exclude=()):
        """{pid: Proc} of the tree's processes still running (not zombies), `exclude` left out."""
        return {pid: proc for pid, proc in self.tree().items() if pid not in exclude and proc.state not in "ZX"}


def run(command, env=None, cwd=None, interval=0.02, grace=10.0, timeout=None):
    """Run command to its end; return a Result (see the module's docstring)."""
    was_subreaper = set_subreaper(True)
    me = os.getpid()
    baseline = children_from_tasks(me) if has_children_files() else children_by_parent().get(me, [])
    try:
        return _run(command, env, cwd, interval, grace, timeout, me if was_subreaper is not None else None, baseline)
    finally:
        if was_subreaper is False:
            set_subreaper(False)


def _run(command, env, cwd, interval, grace, timeout, adopter, baseline):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        sampler = TreeSampler(child.pid, interval, adopter, baseline)
        sampler.start()
        timed_out = threading.Event()
        timer = None
        if timeout:
            def stop_tree():
                timed_out.set()
                for pid in [child.pid, *sampler.alive(exclude={child.pid})]:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            timer = threading.Timer(timeout, stop_tree)
            timer.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        ended = time.monotonic()
        if timer:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        sampler.stopped.set()
        sampler.join()
        leftovers = wait_for_leftovers(sampler, child.pid, ended, grace)
        reap_adopted(sampler)
        out.seek(0)
        err.seek(0)
        return Result(
            command=list(command), returncode=child.returncode, wall_seconds=wall,
            cpu_seconds=usage.ru_utime + usage.ru_stime, system_seconds=usage.ru_stime, sampled_peak_kib=sampler.peak_kib,
            sampled_peak_pss_kib=sampler.peak_pss_kib,
            maxrss_kib=usage.ru_maxrss, stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"), leftovers=leftovers, timed_out=timed_out.is_set(),
            processes_seen=len(sampler.known),
        )


def wait_for_leftovers(sampler, root, ended, grace):
    """[Leftover] of the tree's processes alive after root ended; each is waited for up to `grace`
    seconds after that, then ended."""
    leftovers = {}
    while True:
        alive = sampler.alive(exclude={root})
        now = time.monotonic() - ended
        for pid, proc in alive.items():
            leftovers.setdefault(pid, Leftover(pid, proc.name, command_line(pid))).last_seen = now
        for pid, leftover in leftovers.items():
            if pid not in alive and leftover.gone is None:
                leftover.gone = now
        if not alive:
            break
        if now >= grace:
            end_processes(sampler, alive)
            for pid in alive:
                leftovers[pid].ended_by_bench = True
            break
        time.sleep(0.05)
    return sorted(leftovers.values(), key=lambda leftover: leftover.pid)


def end_processes(sampler, procs, patience=2.0):
    """SIGTERM to each of procs, then SIGKILL to those still running after `patience` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid, proc in procs.items():
            current = read_proc(pid)
            if current and current.start == proc.start and current.state not in "ZX":
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            still = {pid: proc for pid, proc in procs.items()
                     if (current := read_proc(pid)) and current.start == proc.start and current.state not in "ZX"}
            if not still:
                return
            time.sleep(0.05)
        procs = still


def reap_adopted(sampler):
    """Reap the tree's processes that were handed to this process and have ended (no zombies left)."""
    for pid, start in list(sampler.known.items()):
        proc = read_proc(pid)
        if proc is None or proc.start != start or proc.state not in "ZX":
            continue
        try:
            os.waitpid(pid, os.WNOHANG)
        except (ChildProcessError, OSError):
            pass
