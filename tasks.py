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

from campaign.annotations import append_job_summary, held_back_markdown  # noqa: E402
from campaign.problems import CampaignError  # noqa: E402
from sitebuild import BuildFailed, build as build_site, watch as watch_files  # noqa: E402

def task(*args, **kwargs):
    """invoke's @task, with the one place where errors become exit codes: a named
    error (CampaignError: configuration 2, the rest 1) prints its message, never a traceback."""
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


def _run_build(settings_file, strict, overrides=None):
    from pelican.log import DEFAULT_LOG_HANDLER, init as init_logging

    from sitebuild import plain_log_handler

    # In a terminal, Pelican's coloured log; elsewhere (CI) one problem, one unwrapped line.
    init_logging(level=None, handler=DEFAULT_LOG_HANDLER if sys.stderr.isatty() else plain_log_handler())
    try:
        report = build_site(os.path.join(ROOT, settings_file), overrides=overrides, strict=strict)
    except BuildFailed as error:
        raise Exit(f"\n{error}", code=1) from None
    if report.held_back:
        print("\nHeld back from this build (written in no language until their required translations are ready):")
        for path, reasons in sorted(report.held_back.items()):
            print(f"  {path}: {'; '.join(reasons)}")
    if report.held_back or settings_file == "publishconf.py":
        append_job_summary(held_back_markdown(report.held_back))
    if report.plan:
        # "partial: 1 changed document(s)" or "full: <why>" (plugins/incremental)
        print(f"\n{report.plan.split(':', 1)[0].capitalize()} build:{report.plan.split(':', 1)[1]}")
    if report.problems:
        print(f"\nBuilt with {len(report.errors)} error(s) and {len(report.warnings)} warning(s); "
              "`invoke build --strict` fails on them.")
    return report


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"strict": "fail (exit 1) on any content warning or error"})
def build(c, strict=False):
    """Build the site with pelicanconf.py into output/."""
    _run_build("pelicanconf.py", strict)
    print(f"\nSite built in {OUTPUT}. Serve it with `invoke serve`, then open http://localhost:8000/")


@task
def rebuild(c, strict=False):
    """Remove output/ and build again."""
    clean(c)
    build(c, strict=strict)


# What a build depends on: a change under any of these starts one.
WATCHED = [os.path.join(ROOT, name) for name in ("content", "theme", "plugins", "pelicanconf.py")]


def _build_on_every_change():
    """Each build in a process of its own, as `invoke build` runs: it reads only what changed."""
    def rebuild():
        subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=ROOT)
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
    """Serve output/ at http://localhost:8000/ and build whenever a file changes."""
    import functools
    import http.server
    import threading

    os.makedirs(OUTPUT, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=OUTPUT)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {OUTPUT} at http://localhost:{port}/", flush=True)
    try:
        _build_on_every_change()
    finally:
        server.shutdown()


@task
def preview(c):
    """Build with the production settings (publishconf.py) into output/."""
    _run_build("publishconf.py", strict=False)


def _environment_site_url():
    """The public address from SITEURL or CAMPAIGN_SITEURL (as publishconf.py reads it), or ''."""
    return (os.environ.get("SITEURL") or os.environ.get("CAMPAIGN_SITEURL") or "").strip().rstrip("/")


def _site_url():
    """SITEURL for publishconf.py; publishconf.py says how to set it when it is missing."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_publishconf_check", os.path.join(ROOT, "publishconf.py"))
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # raises PublishConfigError, a named error
    return _environment_site_url()


def _run_checks(path, **options):
    """All the site checks on a built site; Exit 1 with the report when any fails."""
    from site_checks import CheckUnavailable, ChecksFailed, check_site

    try:
        check_site(path, **options)
    except ChecksFailed as failed:
        raise Exit(f"\n{failed}: see the report above (each names the page and the fix).", code=1) from None
    except CheckUnavailable as error:
        raise Exit(f"\nA check could not run: {error}", code=2) from None


@task
def publish(c):
    """Strict production build into a fresh folder, then every check; output/ is replaced only if all pass."""
    import tempfile

    site_url = _site_url()
    _ensure_check_tools(c)
    staging = tempfile.mkdtemp(prefix="publish-", dir=ROOT)
    try:
        _run_build("publishconf.py", strict=True, overrides={"OUTPUT_PATH": staging, "DELETE_OUTPUT_DIRECTORY": False})
        _run_checks(staging, site_url=site_url)
        previous = OUTPUT + ".previous"
        shutil.rmtree(previous, ignore_errors=True)
        if os.path.exists(OUTPUT):
            os.replace(OUTPUT, previous)
        os.replace(staging, OUTPUT)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Published build in {OUTPUT}")


@task(help={"path": "the built site (output)", "only": "comma-separated checks: links,html,budget,privacy,"
            "accessibility,no-js", "all_pages": "browser checks on every page, not one per type and language",
            "site_url": "absolute links under this address count as internal (default: $SITEURL)"})
def check(c, path="output", only="", all_pages=False, site_url=""):
    """Check a built site: links, HTML validity, accessibility, privacy, no-JS, page budget."""
    _ensure_check_tools(c)
    site_url = site_url.rstrip("/") or _environment_site_url()
    _run_checks(os.path.join(ROOT, path), only=only or None, all_pages=all_pages, site_url=site_url)


@task(help={"dist": "folder for the zip and its checksum (dist)", "name": "file and folder name (campaign-site)",
            "strict": "fail on any content warning (default yes; --no-strict to bundle anyway)"})
def bundle(c, dist="dist", name="campaign-site", strict=True):
    """A zip of the site for mirrors and offline reading (works from file://), with a SHA-256 file."""
    import tempfile

    from site_checks import bundle as mirror

    site_url = _site_url()
    _ensure_check_tools(c)
    staging = tempfile.mkdtemp(prefix="bundle-")
    try:
        # Exactly what `invoke publish` publishes (publishconf.py); links name
        # index.html so that the copy works opened from disk.
        from sitebuild import load_settings

        settings_file = os.path.join(ROOT, mirror.BUNDLE_SETTINGS_FILE)
        _run_build(mirror.BUNDLE_SETTINGS_FILE, strict=strict,
                   overrides={"OUTPUT_PATH": staging, **mirror.bundle_overrides(load_settings(settings_file))})
        _run_checks(staging, only="links,privacy", site_url=site_url, require_index_files=True)
        zip_path = os.path.join(ROOT, dist, f"{name}.zip")
        checksum_path, checksum = mirror.write_zip(staging, zip_path, name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Bundle: {zip_path}\nSHA-256: {checksum} ({checksum_path}; verify with `sha256sum -c`)")


@task(help={"target": "user@host:/path/ ($RSYNC_TARGET)", "port": "ssh port (22)"})
def rsync_upload(c, target="", port=22):
    """Upload output/ with rsync over ssh (run `invoke publish` first)."""
    target = target or os.environ.get("RSYNC_TARGET", "")
    if not target:
        raise Exit("rsync-upload: give --target user@host:/var/www/site/ or set RSYNC_TARGET", code=1)
    c.run(f'rsync -e "ssh -p {int(port)}" -rvzc --delete --delay-updates {OUTPUT}/ {target}', pty=False)


@task(help={"bucket": "s3://bucket/prefix ($S3_BUCKET)", "endpoint": "S3-compatible endpoint URL ($S3_ENDPOINT)"})
def s3_upload(c, bucket="", endpoint=""):
    """Upload output/ to an S3-compatible bucket with the aws CLI (run `invoke publish` first)."""
    bucket = bucket or os.environ.get("S3_BUCKET", "")
    endpoint = endpoint or os.environ.get("S3_ENDPOINT", "")
    if not bucket:
        raise Exit("s3-upload: give --bucket s3://bucket or set S3_BUCKET", code=1)
    if not shutil.which("aws"):
        raise Exit("s3-upload needs the aws CLI (`pip install awscli`), configured with the bucket's keys", code=1)
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
          "plugins/social_cards/social_cards.py")


def _languages():
    from sitebuild import load_settings

    settings = load_settings(os.path.join(ROOT, "pelicanconf.py"))
    default = settings["DEFAULT_LANG"]
    return [lang for lang in settings["MULTILINGUAL"]["languages"] if lang != default]


@task(pre=[extract])
def update(c):
    """Merge new theme strings into every language's messages.po (new languages get one)."""
    for lang in _languages():
        po = os.path.join(CATALOGS, lang, "LC_MESSAGES", "messages.po")
        command = "update" if os.path.exists(po) else "init"
        c.run(f"{sys.executable} -m babel.messages.frontend {command} -i {POT_FILE} -d {CATALOGS} -l {lang}"
              + (" --no-fuzzy-matching" if command == "update" else ""))


@task
def compile(c):
    """Compile every messages.po into messages.mo."""
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
            "reviewer": "the name of the person who reviewed it"})
def translations(c, strict=False, json=False, diff=False, summary=False, done=None, reviewed=None, reviewer=None):
    """Each document's translation status per language; --done/--reviewed record a translator's or reviewer's word."""
    from translation_stubs.cli import record_command, translations_command

    if done or reviewed:
        code = record_command(_translation_project(), done=done, reviewed=reviewed, reviewer=reviewer)
    else:
        code = translations_command(_translation_project(), strict=strict, as_json=json, diff=diff, summary=summary)
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
    """Build, then photograph the demo's action and home pages (en, ru; phone and desktop) and the translators' views."""
    from site_checks.browser import BrowserSession

    _ensure_chromium(c)
    _run_build("pelicanconf.py", strict=True)
    action = "actions/compensate-27-february-detainees/"
    shots = {(int(width), 844): {"action-en.png": action, "action-ru.png": f"ru/{action}", "home-en.png": "",
                                 "home-ru.png": "ru/"},
             (1280, 900): {"action-desktop-en.png": action, "action-desktop-ru.png": f"ru/{action}",
                           "home-desktop-en.png": "", "home-desktop-ru.png": "ru/"}}
    with BrowserSession(OUTPUT) as session:
        for (shot_width, shot_height), names in shots.items():
            context = session.new_context(viewport={"width": shot_width, "height": shot_height},
                                          java_script_enabled=False)
            page = context.new_page()
            for name, path in names.items():
                page.goto(f"{session.origin}/{path}")
                page.screenshot(path=os.path.join(ROOT, "docs", "screenshots", name))
                print(f"docs/screenshots/{name}")
            context.close()
    from translation_stubs.screenshots import translator_screenshots

    for path in translator_screenshots(ROOT, build_site, os.path.join(ROOT, "docs", "screenshots"), width=int(width)):
        print(os.path.relpath(path, ROOT))


# Tests --------------------------------------------------------------------

def _ensure_chromium(c):
    """The browser tests use Debian's chromium; install it when we can."""
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        c.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium")
        return
    raise Exit("The browser tests need Debian's chromium: run `sudo apt-get install chromium`, then again.", code=1)


def _ensure_check_tools(c, browser=True):
    """vnu.jar and axe-core (npm ci), Java and Chromium for `invoke check` and its tests."""
    stamp = os.path.join(ROOT, "node_modules", ".package-lock.json")
    lock = os.path.join(ROOT, "package-lock.json")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(lock):
        # --ignore-scripts: vnu-jar's install script would try to download a Java; ours is Debian's.
        c.run("npm ci --ignore-scripts --no-audit --no-fund", pty=False)
    if not shutil.which("java"):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            c.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless")
        else:
            raise Exit("The HTML check needs Java: run `sudo apt-get install default-jre-headless`, then again.", code=1)
    if browser:
        _ensure_chromium(c)


@task(help={"k": "only tests matching this expression", "browser": "include the real-browser tests (default yes)"})
def test(c, k="", browser=True):
    """Run the whole test suite (installs Debian's chromium when missing and run as root)."""
    _ensure_check_tools(c, browser=browser)
    args = [sys.executable, "-m", "pytest", "-q"]
    if k:
        args += ["-k", k]
    if not browser:
        args += ["-m", "not browser"]
    c.run(" ".join(args), pty=False)
