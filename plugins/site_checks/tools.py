"""Where the checks' tools are: vnu.jar and axe-core from `npm ci`, Java, Chromium.

Each function returns its tool or raises CheckUnavailable saying what to install.
"""

import os
import pathlib
import shutil

from .problems import CheckUnavailable

ROOT = pathlib.Path(__file__).resolve().parents[2]
NODE_MODULES = pathlib.Path(os.environ.get("SITE_CHECKS_NODE_MODULES", ROOT / "node_modules"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
NPM_FIX = ("Run `npm ci --ignore-scripts` in the project folder (`invoke check` does it when node_modules/ "
           "is missing)")
JAVA_FIX = "Install a Java runtime, e.g. `apt-get install default-jre-headless`"
CHROMIUM_FIX = ("Install Debian's Chromium (`apt-get install chromium`), or set CHROMIUM to the path of a "
                "Chromium that runs")


def vnu_jar():
    path = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not path.is_file():
        raise CheckUnavailable(f"the Nu Html Checker is missing ({path})", NPM_FIX)
    return path


def java():
    found = shutil.which("java")
    if not found:
        raise CheckUnavailable("java is missing, and the HTML check runs the Nu Html Checker with it", JAVA_FIX)
    return found


def axe_source():
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise CheckUnavailable(f"axe-core is missing ({path})", NPM_FIX)
    return path.read_text(encoding="utf-8")


def chromium():
    if not os.path.exists(CHROMIUM):
        raise CheckUnavailable(f"Chromium is missing ({CHROMIUM})", CHROMIUM_FIX)
    return CHROMIUM
