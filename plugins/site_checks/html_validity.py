"""HTML validity: the Nu Html Checker (vnu.jar) over every page in one run: 0 errors.

Warnings and info messages are not failures; errors and fatal errors are.
The stylesheets are checked too.
"""

import json
import logging
import pathlib
import subprocess
import urllib.parse
import urllib.request

from . import tools
from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "html"
FIX = "Correct the markup at that line (template or content file); https://html.spec.whatwg.org/ says what is allowed"


def run_vnu(files):
    """vnu's JSON messages for a list of files, in one Java process."""
    command = [tools.java(), "-Xss4m", "-jar", str(tools.vnu_jar()), "--format", "json", "--exit-zero-always",
               "--also-check-css", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    # vnu writes its JSON report on stderr.
    output = result.stderr.strip() or result.stdout.strip()
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"vnu gave no JSON report (exit {result.returncode}): {output[:500]}") from None


def check(site, progress=None, **_):
    pages = [page.path for page in site.pages]
    css = sorted(path.relative_to(site.root).as_posix() for path in site.root.rglob("*.css"))
    files = pages + css
    if progress:
        progress.start(1)
    messages = run_vnu([site.file(path) for path in files]) if files else []
    if progress:
        progress.advance()
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        page = _relative(site, message.get("url", ""))
        line = message.get("lastLine") or message.get("firstLine")
        extract = message.get("extract", "").strip().replace("\n", " ")
        text = message.get("message", "").strip() + (f" near “{extract[:80]}”" if extract else "")
        problems.append(Problem(page, "", text.rstrip("."), FIX, line=line))
    return problems


def _relative(site, url):
    if not url.startswith("file:"):
        return url or "(vnu)"
    path = urllib.request.url2pathname(urllib.parse.urlsplit(url).path)
    try:
        return pathlib.Path(path).resolve().relative_to(site.root).as_posix()
    except ValueError:
        return path
