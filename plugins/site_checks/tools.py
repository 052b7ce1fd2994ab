"""Where the checks' tools are: vnu.jar and axe-core from `npm ci`, Java, Chromium."""

import os
import pathlib
import shutil

from .problems import CheckUnavailable

ROOT = pathlib.Path(__file__).resolve().parents[2]
NODE_MODULES = pathlib.Path(os.environ.get("SITE_CHECKS_NODE_MODULES", ROOT / "node_modules"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
NPM_HINT = "run `npm ci --ignore-scripts` in the project folder (`invoke check` does it when node_modules/ is missing)"


def vnu_jar():
    path = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not path.is_file():
        raise CheckUnavailable(f"the Nu Html Checker is missing ({path}): {NPM_HINT}")
    return path


def java():
    found = shutil.which("java")
    if not found:
        raise CheckUnavailable("java is missing: install a Java runtime, e.g. `apt-get install default-jre-headless`")
    return found


def axe_source():
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise CheckUnavailable(f"axe-core is missing ({path}): {NPM_HINT}")
    return path.read_text(encoding="utf-8")


def chromium():
    if not os.path.exists(CHROMIUM):
        raise CheckUnavailable(f"Chromium is missing ({CHROMIUM}): `apt-get install chromium` (Debian's package)")
    return CHROMIUM
