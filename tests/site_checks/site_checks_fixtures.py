"""Fixture sites and helpers for the site checks: one clean, one broken page by page,
one whose theme hides the act section without JavaScript and has no CSP.

Each is built and checked once per test session (cached here, since a
conftest.py in this folder would shadow tests/conftest.py); the tests read
the reports through small fixtures in each test module.
"""

import atexit
import dataclasses
import functools
import io
import pathlib
import random
import shutil
import tempfile

from rich.console import Console

from conftest import ROOT, action_md, build_site, minimal_files
from site_checks import run_checks

DOT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'


def clean_files():
    files = minimal_files()
    files["actions/closed-one.md"] = action_md(slug="closed-one", title="Closed one", state="closed", letter=False)
    files["actions/closed-one.ru.md"] = action_md(slug="closed-one", lang="ru", title="Закрыто", state="closed",
                                                  letter=False)
    return files


def oversized_body():
    """About 60 KB of text that gzip cannot shrink below 14 KB."""
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(9000)]
    return "\n\n".join(" ".join(words[i:i + 90]) + "." for i in range(0, len(words), 90))


def broken_files():
    files = clean_files()
    files.update({
        "pages/broken-link.md": "Title: Broken link\nSlug: broken-link\n\nSee [the missing page](../missing-page/).\n",
        "pages/broken-link.ru.md": "Title: Битая ссылка\nSlug: broken-link\nLang: ru\n\n[Нет такой](../../nowhere/).\n",
        "pages/broken-anchor.md": "Title: Broken anchor\nSlug: broken-anchor\n\nJump to [nowhere](#nowhere).\n",
        "actions/oversized.md": action_md(slug="oversized", title="Oversized", body=oversized_body()),
    })
    return files


# Pages whose HTML no content file can produce any more (the sanitiser
# removes it): written into the built site beside a real page, as a broken
# theme or a hand edit of output/ would leave them.
BROKEN_PAGES = {
    "invalid-tag": "<center>Centred the old way</center>",
    "no-alt": '<p><img src="../images/dot.svg" width="4" height="4"></p>',
    "third-party-css": '<link rel="stylesheet" href="https://cdn.example.com/style.css"><p>Text.</p>',
    "inline-script": "<script>document.title = 'tracked';</script><p>Text.</p>",
}


def add_broken_pages(output):
    template = (output / "about" / "index.html").read_text(encoding="utf-8")
    marker = '<div class="content">'
    assert marker in template
    for slug, html in BROKEN_PAGES.items():
        page = output / slug / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(template.replace(marker, marker + html, 1), encoding="utf-8")
    # The no-alt page's image, put there by the same hand: the build publishes no SVG from content/.
    (output / "images").mkdir(exist_ok=True)
    (output / "images" / "dot.svg").write_text(DOT_SVG, encoding="utf-8")


def no_js_theme(folder):
    """Template overrides: the act section hidden until a script shows it, and no CSP meta tag."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = ROOT / "theme" / "templates"
    action = (templates / "action.html").read_text(encoding="utf-8")
    assert '<section id="act"' in action
    (folder / "action.html").write_text(action.replace('<section id="act"', '<section id="act" hidden'), encoding="utf-8")
    base = (templates / "base.html").read_text(encoding="utf-8")
    lines = [line for line in base.splitlines() if "Content-Security-Policy" not in line]
    assert len(lines) < len(base.splitlines())
    (folder / "base.html").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def checked(site, browser, **options):
    return run_checks(site.output, browser=browser, console=Console(file=io.StringIO()), **options)


def problems(report, check, page=None):
    """The problems `check` found (on `page`, a path under the site, when given)."""
    return [p for p in report.found.get(check, []) if page is None or p.file == page]


def pages_with(report, check):
    return sorted({p.file for p in report.found.get(check, [])})


@functools.lru_cache(maxsize=None)
def _folder(name):
    folder = pathlib.Path(tempfile.mkdtemp(prefix=f"site-checks-{name}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.lru_cache(maxsize=None)
def site(name):
    """The fixture site `clean`, `broken` or `no-js`, built once."""
    tmp = _folder(name)
    if name == "clean":
        return build_site(tmp, clean_files())
    if name == "broken":
        built = build_site(tmp, broken_files())
        add_broken_pages(built.output)
        return built
    if name == "no-js":
        overrides = no_js_theme(tmp / "overrides")
        return build_site(tmp, minimal_files(), settings={"THEME_TEMPLATES_OVERRIDES": [str(overrides)]})
    raise ValueError(name)


_reports = {}


def report(name, browser=None, only=None):
    """The checks' report on fixture site `name`, run once per (site, checks)."""
    key = (name, only)
    full = _reports.get((name, None))
    if full is not None and only:
        wanted = only.split(",")
        return dataclasses.replace(full, found={k: v for k, v in full.found.items() if k in wanted},
                                   timings={k: v for k, v in full.timings.items() if k in wanted})
    if key not in _reports:
        _reports[key] = checked(site(name), browser, only=only)
    return _reports[key]
