"""Tasks for building, serving, translating and testing the site (invoke).

The names follow Pelican's own tasks.py: clean, build, rebuild, regenerate,
serve, livereload, preview, publish; ours stand beside them.
"""

import os
import shutil
import subprocess
import sys

import functools

from invoke import Exit, task as invoke_task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from campaign.addresses import site_url_from_environment  # noqa: E402
from campaign.problems import CampaignError, ConfigurationError  # noqa: E402
from sitebuild import build as build_site, end_process_quickly, watch as watch_files  # noqa: E402
from sitebuild.publishing import build_and_report  # noqa: E402

end_process_quickly()  # invoke's process ends when its tasks do


def task(*args, **kwargs):
    """invoke's @task, with the one place where errors become exit codes: a named
    error (CampaignError: configuration and missing tools 2, the rest 1) prints its message, never a traceback."""
    def wrap(body):
        @functools.wraps(body)
        def run(*call_args, **call_kwargs):
            try:
                return body(*call_args, **call_kwargs)
            except CampaignError as error:
                raise Exit(f"{body.__name__}: {error}", code=error.exit_code) from None
        return invoke_task(**kwargs)(run)
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return wrap(args[0])
    return wrap


OUTPUT = os.path.join(ROOT, "output")
CATALOGS = os.path.join(ROOT, "theme", "translations")
POT_FILE = os.path.join(CATALOGS, "messages.pot")
PELICAN = [sys.executable, "-m", "pelican"]


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"strict": "fail (exit 1) on any content warning or error"})
def build(c, strict=False):
    """Build the site with pelicanconf.py into output/."""
    build_and_report(os.path.join(ROOT, "pelicanconf.py"), strict)
    print(f"\nSite built in {OUTPUT}. Serve it with `invoke serve`, then open http://localhost:8000/")


@task
def rebuild(c, strict=False):
    """Remove output/ and build again."""
    clean(c)
    build(c, strict=strict)


# What a build depends on: a change under any of these starts one.
WATCHED = [os.path.join(ROOT, name) for name in ("content", "theme", "plugins", "pelicanconf.py")]


def _build_on_every_change(after=lambda: None):
    """Each build in a process of its own, as `invoke build` runs: it reads only what changed."""
    def rebuild():
        subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=ROOT)
        after()
        print("Watching content/, theme/, plugins/ and pelicanconf.py; Ctrl-C stops.", flush=True)

    try:
        watch_files(WATCHED, rebuild)
    except KeyboardInterrupt:
        pass


@task
def regenerate(c):
    """Build now and whenever a file changes (each build reads only what changed)."""
    _build_on_every_change()


@task(help={"port": "port to serve on (8000)"})
def serve(c, port=8000):
    """Serve output/ at http://localhost:8000/"""
    c.run(" ".join(PELICAN + ["--listen", "--port", str(port), "-s", "pelicanconf.py"]), pty=sys.stdout.isatty())


@task(help={"port": "port to serve on (8000)"})
def livereload(c, port=8000):
    """Serve output/ at http://localhost:8000/, build whenever a file changes and reload open pages."""
    from sitebuild.livereload import serve as serve_reloading

    os.makedirs(OUTPUT, exist_ok=True)
    server, reloads = serve_reloading(OUTPUT, port)
    print(f"Serving {OUTPUT} at http://localhost:{port}/ (pages reload after each build)", flush=True)
    try:
        _build_on_every_change(after=reloads.announce)
    finally:
        server.shutdown()


@task
def preview(c):
    """Build with the production settings (publishconf.py) into output/."""
    build_and_report(os.path.join(ROOT, "publishconf.py"), strict=False)


def _run_checks(path, **options):
    """All the site checks on a built site; a failure raises a CheckError after the report."""
    from site_checks import check_site

    check_site(path, **options)


def _install_check_tools(c, browser=True):
    from site_checks.install import ensure_check_tools

    ensure_check_tools(lambda command: c.run(command, pty=False), browser=browser)


@task
def publish(c):
    """Strict production build into a fresh folder, then every check; output/ is replaced only if all pass."""
    from sitebuild import publishing

    site_url = site_url_from_environment(os.environ)
    _install_check_tools(c)
    publishing.publish(ROOT, OUTPUT, lambda folder: _run_checks(folder, site_url=site_url))
    print(f"Published build in {OUTPUT}")


@task(help={"path": "the built site (output)", "only": "comma-separated checks: links,html,budget,privacy,"
            "accessibility,no-js", "all_pages": "browser checks on every page, not one per type and language",
            "site_url": "absolute links under this address count as internal (default: $SITEURL)"})
def check(c, path="output", only="", all_pages=False, site_url=""):
    """Check a built site: links, HTML validity, accessibility, privacy, no-JS, page budget."""
    _install_check_tools(c)
    site_url = site_url.rstrip("/") or site_url_from_environment(os.environ, required=False)
    _run_checks(os.path.join(ROOT, path), only=only or None, all_pages=all_pages, site_url=site_url)


@task(help={"dist": "folder for the zip and its checksum (dist)", "name": "file and folder name (campaign-site)",
            "strict": "fail on any content warning (default yes; --no-strict to bundle anyway)"})
def bundle(c, dist="dist", name="campaign-site", strict=True):
    """A zip of the site for mirrors and offline reading (works from file://), with a SHA-256 file."""
    from sitebuild import publishing

    site_url = site_url_from_environment(os.environ)
    _install_check_tools(c)
    zip_path = os.path.join(ROOT, dist, f"{name}.zip")
    checksum_path, checksum = publishing.bundle(
        ROOT, zip_path, name, strict=strict,
        check=lambda folder: _run_checks(folder, only="links,privacy", site_url=site_url, require_index_files=True))
    print(f"Bundle: {zip_path}\nSHA-256: {checksum} ({checksum_path}; verify with `sha256sum -c`)")


@task(help={"target": "user@host:/path/ ($RSYNC_TARGET)", "port": "ssh port (22)"})
def rsync_upload(c, target="", port=22):
    """Upload output/ with rsync over ssh (run `invoke publish` first)."""
    target = target or os.environ.get("RSYNC_TARGET", "")
    if not target:
        raise ConfigurationError("give --target user@host:/var/www/site/ or set RSYNC_TARGET")
    c.run(f'rsync -e "ssh -p {int(port)}" -rvzc --delete --delay-updates {OUTPUT}/ {target}', pty=False)


@task(help={"bucket": "s3://bucket/prefix ($S3_BUCKET)", "endpoint": "S3-compatible endpoint URL ($S3_ENDPOINT)"})
def s3_upload(c, bucket="", endpoint=""):
    """Upload output/ to an S3-compatible bucket with the aws CLI (run `invoke publish` first)."""
    bucket = bucket or os.environ.get("S3_BUCKET", "")
    endpoint = endpoint or os.environ.get("S3_ENDPOINT", "")
    if not bucket:
        raise ConfigurationError("give --bucket s3://bucket or set S3_BUCKET")
    if not shutil.which("aws"):
        raise ConfigurationError("the aws CLI is missing: `pip install awscli`, configured with the bucket's keys")
    endpoint_option = f" --endpoint-url {endpoint}" if endpoint else ""
    # Pages first, so no page links to a file not yet uploaded; then remove what is gone.
    c.run(f"aws s3 sync {OUTPUT}/ {bucket} --exclude '*.html'{endpoint_option}", pty=False)
    c.run(f"aws s3 sync {OUTPUT}/ {bucket} --delete{endpoint_option}", pty=False)


# Theme strings: gettext catalogs kept with Babel -------------------------

@task
def extract(c):
    """Collect the theme's strings (and the stub note) into theme/translations/messages.pot."""
    c.run(f"{sys.executable} -m babel.messages.frontend extract -F babel.cfg "
          f"-o {POT_FILE} --no-location --sort-output --project=campaign-theme theme/templates "
          "plugins/translation_stubs/stubs.py plugins/petition_links/generator.py plugins/campaign_content/reader.py "
          "plugins/social_cards/social_cards.py plugins/petition_links/networks.py")


def _languages():
    from sitebuild import load_settings

    from campaign import contract

    settings = load_settings(os.path.join(ROOT, "pelicanconf.py"))
    return contract.languages(settings)[1:]


def _check_catalogs():
    """ContentError naming every problem that makes a messages.po unreadable, and any catalog file that is a
    link or not a regular file: Babel's update and compile would read the first without a word (cutting a
    character or a line) and write what they read, and write through the second wherever it leads."""
    from campaign.problems import ContentError
    from multilingual.catalogs import catalog_file, catalog_translations

    languages = _languages()
    paths = [POT_FILE]  # and every folder and file update and compile write in or through
    for lang in languages:
        paths += [os.path.join(CATALOGS, lang), os.path.join(CATALOGS, lang, "LC_MESSAGES"),
                  catalog_file(CATALOGS, lang, "po"), catalog_file(CATALOGS, lang, "mo")]
    found = [f"{os.path.relpath(path, ROOT)}: is a link or not a regular file; a catalog is a plain file in its "
             "folder. Replace it with the file itself" for path in paths
             if os.path.islink(path) or (os.path.splitext(path)[1] in (".po", ".mo", ".pot") and os.path.lexists(path)
                                         and not os.path.isfile(path))]
    for lang in languages:
        found += [problem.text() for problem in catalog_translations(CATALOGS, lang)[1] if problem.level == "error"]
    if found:
        raise ContentError("\n".join(found) + "\nNothing was changed.")


@task
def update(c):
    """Merge new theme strings into every language's messages.po (new languages get one)."""
    from multilingual.catalogs import catalog_file

    _check_catalogs()  # before extract, so that a refused update changes no file
    extract(c)
    for lang in _languages():
        po = catalog_file(CATALOGS, lang, "po")
        command = "update" if os.path.exists(po) else "init"
        c.run(f"{sys.executable} -m babel.messages.frontend {command} -i {POT_FILE} -d {CATALOGS} -l {lang}"
              + (" --no-fuzzy-matching" if command == "update" else ""))


@task
def compile(c):
    """Compile every messages.po into messages.mo."""
    _check_catalogs()
    c.run(f"{sys.executable} -m babel.messages.frontend compile -d {CATALOGS} --statistics")


# Translations of content: stubs and status (plugins/translation_stubs) ----

def _translation_project():
    from sitebuild import load_settings
    from translation_stubs.documents import project_from_settings

    return project_from_settings(load_settings(os.path.join(ROOT, "pelicanconf.py")))


@task(iterable=["lang"], help={"lang": "only this language (repeat for more)",
                               "path": "only documents in this file or folder, e.g. content/actions"})
def stubs(c, lang=None, path=None):
    """Write a stub beside every original that lacks a translation; never touches an existing file."""
    from translation_stubs.cli import stubs_command

    code = stubs_command(_translation_project(), langs=lang or None, path=path)
    if code:
        raise Exit(code=code)


@task(help={"strict": "exit 1 while anything is missing, a stub, outdated or awaiting review, or a required language is not ready (for CI)",
            "json": "print the report as JSON", "diff": "show, word by word, what changed in the originals of outdated translations",
            "summary": "print the team's report as Markdown (for a CI job summary)",
            "done": "record that this translation is up to date with its original (a path under content/)",
            "reviewed": "record a review of this up-to-date translation (with --reviewer)",
            "reviewer": "the name of the person who reviewed it",
            "names": "show translators' and reviewers' names (default yes; --no-names in CI, whose logs and "
                     "artifacts are public on a public repository; --summary never shows them)"})
def translations(c, strict=False, json=False, diff=False, summary=False, done=None, reviewed=None, reviewer=None,
                 names=True):
    """Each document's translation status per language; --done/--reviewed record a translator's or reviewer's word."""
    from translation_stubs.cli import record_command, translations_command

    if done or reviewed:
        code = record_command(_translation_project(), done=done, reviewed=reviewed, reviewer=reviewer)
    else:
        code = translations_command(_translation_project(), strict=strict, as_json=json, diff=diff, summary=summary,
                                    names=names)
    if code:
        raise Exit(code=code)


# Benchmark ----------------------------------------------------------------

@task(help={"docs": "documents per language (1000)", "langs": "languages, 1 to 10 (3)",
            "runs": "timed runs of each pass (3)",
            "scale": "instead, 1,000 to 10,000 documents x 3 languages and 10,000 x 10, once each, with a chart"})
def bench(c, docs=1000, langs=3, runs=3, scale=False):
    """Time our build against i18n_subsites, plain Pelican and Hugo (bench/run.py; see README, Performance)."""
    args = "--scale" if scale else f"--docs {int(docs)} --langs {int(langs)} --runs {int(runs)}"
    c.run(f"{sys.executable} {os.path.join(ROOT, 'bench', 'run.py')} {args}", pty=False)


@task(help={"width": "viewport width in CSS pixels (390, a common phone)"})
def screenshots(c, width=390):
    """Build, then photograph the demo's action and home pages in every language (phone and desktop) and the translators' views."""
    from site_checks.install import ensure_chromium
    from site_checks.screenshots import site_screenshots
    from sitebuild import load_settings
    from translation_stubs.screenshots import translator_screenshots

    ensure_chromium(lambda command: c.run(command, pty=False))
    settings_file = os.path.join(ROOT, "pelicanconf.py")
    build_and_report(settings_file, strict=True)
    folder = os.path.join(ROOT, "docs", "screenshots")
    for path in site_screenshots(OUTPUT, load_settings(settings_file), folder, width=int(width)):
        print(os.path.relpath(path, ROOT))
    for path in translator_screenshots(ROOT, build_site, folder, width=int(width)):
        print(os.path.relpath(path, ROOT))


# Tests --------------------------------------------------------------------

@task(help={"k": "only tests matching this expression", "browser": "include the real-browser tests (default yes)"})
def test(c, k="", browser=True):
    """Run the whole test suite (installs Debian's chromium when missing and run as root)."""
    _install_check_tools(c, browser=browser)
    args = [sys.executable, "-m", "pytest", "-q"]
    if k:
        args += ["-k", k]
    if not browser:
        args += ["-m", "not browser"]
    c.run(" ".join(args), pty=False)
