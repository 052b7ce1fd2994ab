"""One timed build, run as its own process by bench/run.py.

    python bench/child.py ours SETTINGS_JSON
    python bench/child.py pelican SETTINGS_FILE SETTINGS_JSON

`ours` builds with the project's pelicanconf.py and plugins (through
sitebuild, as `invoke build` does); `pelican` runs a plain Pelican with the
given settings file, which is how the i18n_subsites and no-plugin passes run
in their own interpreters. SETTINGS_JSON holds setting overrides.

The last line printed is JSON: this process's own peak memory (ru_maxrss,
plus the largest child's if the build started worker processes) and the
number of warnings and errors logged. Standard library and Pelican only, so
it runs in the i18n_subsites venv too.
"""

import json
import logging
import os
import resource
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings = self.errors = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


def peak_memory_kib():
    """Peak resident memory of this process, plus its largest worker's if it had any (KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own, children


def main(argv):
    mode = argv[0]
    counter = Counter()
    logging.getLogger().addHandler(counter)
    logging.getLogger().setLevel(logging.WARNING)
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
    own, children = peak_memory_kib()
    print(json.dumps({"maxrss_kib": own, "children_maxrss_kib": children,
                      "warnings": counter.warnings, "errors": counter.errors}))


if __name__ == "__main__":
    main(sys.argv[1:])
