"""One timed build, run as its own process by bench/run.py.

    python bench/child.py ours SETTINGS_JSON
    python bench/child.py pelican SETTINGS_FILE SETTINGS_JSON

`ours` builds with the project's pelicanconf.py and plugins (through
sitebuild, as `invoke build` does); `pelican` runs a plain Pelican with the
given settings file, which is how the i18n_subsites and no-plugin passes run
in their own interpreters. SETTINGS_JSON holds setting overrides.

The last line printed is JSON: the build's peak memory from the OS (the
larger of this process's ru_maxrss and the sampled resident memory of this
process plus its worker processes), each part, and the number of warnings
and errors logged. Standard library and Pelican only, so
it runs in the i18n_subsites venv too.
"""

import json
import logging
import multiprocessing
import os
import resource
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


class Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings = self.errors = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


def resident_kib(pid="self"):
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Every 20 ms, the resident memory of this process plus its worker processes.

    ru_maxrss gives each process's own peak, but a worker that only lives
    while files are read does not peak when the main process does; the
    sampled sum is the peak of the whole build.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(0.02):
            total = resident_kib()
            try:
                children = multiprocessing.active_children()
            except Exception:  # noqa: BLE001 - the set may change while it is read
                children = []
            total += sum(resident_kib(child.pid) for child in children if child.pid)
            self.peak_kib = max(self.peak_kib, total)


def main(argv):
    mode = argv[0]
    counter = Counter()
    logging.getLogger().addHandler(counter)
    logging.getLogger().setLevel(logging.WARNING)
    sampler = TreeSampler()
    sampler.start()
    if mode == "ours":
        overrides = json.loads(argv[1])
        sys.path.insert(0, os.path.join(ROOT, "plugins"))
        from sitebuild import build

        build(os.path.join(ROOT, "pelicanconf.py"), overrides=overrides)
    elif mode == "pelican":
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(argv[1], override=json.loads(argv[2]))
        Pelican(settings).run()
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    sampler.stopped.set()
    sampler.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"maxrss_kib": own, "children_maxrss_kib": children, "tree_peak_kib": sampler.peak_kib,
                      "memory_kib": max(own, sampler.peak_kib),
                      "warnings": counter.warnings, "errors": counter.errors}))


if __name__ == "__main__":
    main(sys.argv[1:])
