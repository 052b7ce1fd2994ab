"""Works without JavaScript: with JavaScript disabled, every open action page
(one per language) still shows its act section, its links and its letter:
whatever is visible there with JavaScript on is visible with it off."""

import logging

from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "no-js"
ACT = "#act"
LETTER = "#act [class*='letter'], #act [id*='letter']"
FIX = ("Render the act links and the letter in the HTML itself; let scripts only enhance "
       "(no `hidden` or display:none that a script removes)")


def visible_parts(context, url):
    """(act section shown, [hrefs of visible links in it], number of visible letter elements)."""
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="load")
        act = tab.locator(ACT)
        if act.count() == 0 or not act.first.is_visible():
            return False, [], 0
        links = tab.locator(f"{ACT} a[href]")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count()) if links.nth(i).is_visible()]
        letters = tab.locator(LETTER)
        shown_letters = sum(1 for i in range(letters.count()) if letters.nth(i).is_visible())
        return True, hrefs, shown_letters
    finally:
        tab.close()


def open_action_pages(site, all_pages=False):
    pages = site.pages if all_pages else site.samples()
    return [page for page in pages if page.kind in ("actions/* (open)",)]


def check(site, progress=None, browser=None, all_pages=False, **_):
    pages = open_action_pages(site, all_pages)
    if progress:
        progress.start(len(pages))
    problems = []
    with_js = browser.new_context()
    without_js = browser.new_context(java_script_enabled=False)
    try:
        for page in pages:
            url = browser.url(page)
            shown, hrefs, letters = visible_parts(without_js, url)
            _, js_hrefs, js_letters = visible_parts(with_js, url)
            if not shown:
                problems.append(Problem(page.path, "", f"without JavaScript the act section ({ACT}) is not shown", FIX))
            elif not hrefs:
                problems.append(Problem(page.path, "", "without JavaScript the act section shows no link", FIX))
            missing = [href for href in js_hrefs if href not in hrefs]
            if shown and missing:
                problems.append(Problem(page.path, "",
                                        f"without JavaScript {len(missing)} act link(s) are hidden: {', '.join(missing[:3])}",
                                        FIX))
            if shown and letters < js_letters:
                problems.append(Problem(page.path, "", "without JavaScript the letter is not shown", FIX))
            if progress:
                progress.advance()
    finally:
        with_js.close()
        without_js.close()
    return problems
