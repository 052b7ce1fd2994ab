"""HTML validity: the Nu Html Checker (vnu.jar) over every page in one run: 0 errors.

Warnings and info messages are not failures; errors and fatal errors are.
The stylesheets are checked too, in a second run with --css: with
--also-check-css, vnu 26.9 numbers an HTML page's lines from 0, and a
problem must name the line it is on.
"""

import json
import logging
import pathlib
import subprocess
import urllib.parse
import urllib.request

from . import tools
from .problems import CheckUnavailable, Problem

logger = logging.getLogger(__name__)

NAME = "html"
FIX = "Correct the markup at that line (template or content file); https://html.spec.whatwg.org/ says what is allowed"
VNU_FIX = ("Check that `java -jar {jar} --version` prints a version; if it does not, reinstall the checker "
           "(`npm ci --ignore-scripts`) or the Java runtime (`apt-get install default-jre-headless`)")


def run_vnu(files, *options):
    """vnu's JSON messages for a list of files, in one Java process; `options` such as "--css"."""
    jar = tools.vnu_jar()
    command = [tools.java(), "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always", *options,
               *map(str, files)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise CheckUnavailable(f"the Nu Html Checker could not be started ({error.strerror or error})",
                               VNU_FIX.format(jar=jar)) from None
    # vnu writes its JSON report on stderr.
    output = result.stderr.strip() or result.stdout.strip()
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError, TypeError):
        said = f": {output.splitlines()[0][:300]}" if output else " and printed nothing"
        raise CheckUnavailable(f"the Nu Html Checker gave no report (exit {result.returncode}){said}",
                               VNU_FIX.format(jar=jar)) from None


def check(site, progress=None, **_):
    pages = [page.path for page in site.pages]
    css = sorted(path.relative_to(site.root).as_posix() for path in site.root.rglob("*.css"))
    if progress:
        progress.start(2)
    messages = []
    for files, options in ((pages, ()), (css, ("--css",))):
        if files:
            messages += run_vnu([site.file(path) for path in files], *options)
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
