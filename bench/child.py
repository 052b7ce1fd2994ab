"""One timed build, run as its own process by bench/run.py.

    python bench/child.py ours SETTINGS_JSON [strict]
    python bench/child.py publish SETTINGS_JSON
    python bench/child.py pelican SETTINGS_FILE SETTINGS_JSON

`ours` builds with the project's pelicanconf.py and plugins (through
sitebuild, as `invoke build` does); `publish` publishes as `invoke publish`
does (a strict build into a fresh folder, put in place of OUTPUT_PATH and
sealed), with pelicanconf.py's settings and without the site checks; `pelican` runs a plain Pelican with the
given settings file, which is how the i18n_subsites and no-plugin passes run
in their own interpreters. SETTINGS_JSON holds setting overrides.

The last line printed is JSON: the number of warnings and errors logged.
Time, CPU and memory are measured from outside, by bench/run.py, for this
process and all its descendants (bench/tree.py). Standard library and
Pelican only, so it runs in the i18n_subsites venv too.
"""

import json
import logging
import os
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


def main(argv):
    mode = argv[0]
    counter = Counter()
    logging.getLogger().addHandler(counter)
    logging.getLogger().setLevel(logging.WARNING)
    if mode == "ours":
        overrides = json.loads(argv[1])
        sys.path.insert(0, os.path.join(ROOT, "plugins"))
        from sitebuild import build, end_process_quickly

        end_process_quickly()  # as tasks.py does for `invoke build`

        build(os.path.join(ROOT, "pelicanconf.py"), overrides=overrides, strict=argv[2:] == ["strict"])
    elif mode == "publish":
        overrides = json.loads(argv[1])
        sys.path.insert(0, os.path.join(ROOT, "plugins"))
        from sitebuild import build, end_process_quickly, publishing

        end_process_quickly()  # as tasks.py does for `invoke publish`

        publishing.publish(ROOT, overrides.pop("OUTPUT_PATH"), check=lambda folder: None, run_build=build,
                           settings_file=os.path.join(ROOT, "pelicanconf.py"), overrides=overrides)
    elif mode == "pelican":
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(argv[1], override=json.loads(argv[2]))
        Pelican(settings).run()
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps({"warnings": counter.warnings, "errors": counter.errors}))


if __name__ == "__main__":
    main(sys.argv[1:])
