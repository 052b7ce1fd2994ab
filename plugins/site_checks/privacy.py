"""Privacy: nothing is loaded from a third party.

- Every page has a Content-Security-Policy meta tag whose script policy
  allows only the site's own files: no inline script, no other origin.
- No page has an inline <script>, an on* event attribute or a script from
  another origin (which that policy would block anyway, breaking the page).
- One page of every type in every language, loaded in Chromium with the
  policy bypassed (so the markup's every request is tried), asks only its
  own origin for anything. Requests elsewhere are recorded, then aborted.
"""

import logging
import urllib.parse

from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "privacy"
SAFE_SCRIPT_SOURCES = {"'self'", "'none'", "'report-sample'"}


def csp_meta(soup):
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        if meta["http-equiv"].strip().lower() == "content-security-policy":
            return meta.get("content", "")
    return None


def directives(policy):
    result = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            result.setdefault(tokens[0].lower(), [token for token in tokens[1:]])
    return result


def script_policy_problems(policy):
    """What is wrong with a CSP's script policy, as sentences ([] when fine)."""
    found = directives(policy)
    name = "script-src" if "script-src" in found else "default-src" if "default-src" in found else None
    if name is None:
        return ["sets neither script-src nor default-src, so any script may run"]
    unsafe = [token for token in found[name] if token.lower() not in SAFE_SCRIPT_SOURCES]
    return [f"{name} allows {' '.join(unsafe)}"] if unsafe else []


def static_problems(site, page):
    soup = site.soup(page.path)
    problems = []
    policy = csp_meta(soup)
    fix_csp = ("Keep <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; …\"> "
               "in theme/templates/base.html")
    if policy is None:
        problems.append(Problem(page.path, "", "no Content-Security-Policy meta tag", fix_csp))
    else:
        for sentence in script_policy_problems(policy):
            problems.append(Problem(page.path, "", f"the Content-Security-Policy {sentence}", fix_csp))
    for script in soup.find_all("script"):
        src = script.get("src")
        if src is None:
            if script.get("type", "").lower() in ("application/ld+json", "application/json"):
                continue
            problems.append(Problem(page.path, "", "inline <script> (the CSP blocks it; it may also track)",
                                    "Move the script to a file under theme/static/js/ and load it with src",
                                    line=script.sourceline))
        elif urllib.parse.urlsplit(src).netloc:
            problems.append(Problem(page.path, "", f"third-party script <script src=\"{src}\">",
                                    "Serve the script from the site itself, or drop it", line=script.sourceline))
    for tag in soup.find_all(True):
        handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
        if handlers:
            problems.append(Problem(page.path, "", f"inline event handler {handlers[0]}= on <{tag.name}>",
                                    "Attach the handler from a script file with addEventListener",
                                    line=tag.sourceline))
    return problems


def foreign_requests(session, pages, progress=None):
    """{page path: [URLs it asked for outside its own origin]}, one tab for all."""
    context = session.new_context(bypass_csp=True)
    foreign = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(session.origin + "/") or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            foreign.append(url)
            request_route.abort()

    found = {}
    try:
        context.route("**/*", route)
        tab = context.new_page()
        for page in pages:
            foreign.clear()
            tab.goto(session.url(page), wait_until="load")
            found[page.path] = list(foreign)
            if progress:
                progress.advance()
    finally:
        context.close()
    return found


def check(site, progress=None, browser=None, all_pages=False, **_):
    loaded = site.pages if all_pages else site.samples()
    if progress:
        progress.start(len(site.pages) + (len(loaded) if browser else 0))
    problems = []
    for page in site.pages:
        problems += static_problems(site, page)
        if progress:
            progress.advance()
    if browser is None:
        return problems
    for path, urls in foreign_requests(browser, loaded, progress).items():
        for url in urls:
            problems.append(Problem(path, "", f"requests a third party: {url}",
                                    "Copy the file into the theme (theme/static/) and link it relatively"))
    return problems
