"""Installing what the checks and the browser tests need: npm's vnu.jar and axe-core, Java, Chromium.

`run(command)` runs a shell command (invoke's Context.run in tasks.py).
Where nothing can be installed (not root, no apt-get), a CheckUnavailable
names the command for a person to run.
"""

import os
import shutil

from .problems import CheckUnavailable
from .tools import NODE_MODULES, ROOT


def _can_apt():
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def ensure_chromium(run):
    """Debian's chromium, never a downloaded browser."""
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return
    if not _can_apt():
        raise CheckUnavailable("The browser checks and tests need Debian's chromium: run "
                               "`sudo apt-get install chromium`, then again.")
    run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium")


def ensure_check_tools(run, browser=True):
    """vnu.jar and axe-core (npm ci), Java, and Chromium when `browser`."""
    stamp = NODE_MODULES / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        # --ignore-scripts: vnu-jar's install script would try to download a Java; ours is Debian's.
        run(f"cd {ROOT} && npm ci --ignore-scripts --no-audit --no-fund")
    if not shutil.which("java"):
        if not _can_apt():
            raise CheckUnavailable("The HTML check needs Java: run `sudo apt-get install default-jre-headless`, "
                                   "then again.")
        run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless")
    if browser:
        ensure_chromium(run)
