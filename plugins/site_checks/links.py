"""Internal links and #anchors: every link between pages lands on a file,
and every #fragment on an element with that id, in every language.

`require_index_files` is for the mirror bundle opened from file://, where a
link to a folder shows a directory listing instead of the page.
"""

import logging
import posixpath
import urllib.parse

from .bundle import INDEX_FILE_LINKS
from .problems import Problem

logger = logging.getLogger(__name__)

NAME = "links"

# (tag, attribute) pairs that point at another resource.
LINK_ATTRIBUTES = [("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action")]


def anchors(soup):
    """The fragment targets of a page: ids, and names of <a>."""
    found = {tag["id"] for tag in soup.find_all(id=True)}
    found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return found


def resolve(site, page_path, url, site_url=""):
    """(target path under the site or None if external, fragment, kind of URL)."""
    if site_url and (url == site_url or url.startswith(site_url.rstrip("/") + "/")):
        url = url[len(site_url.rstrip("/")):] or "/"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, "", "external"
    path = urllib.parse.unquote(parts.path)
    if not path:
        return page_path, parts.fragment, "fragment"
    if path.startswith("/"):
        target, kind = path.lstrip("/"), "root-relative"
    else:
        target, kind = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path)), "relative"
        if target == ".":
            target = ""
    if target.startswith("../") or target == "..":
        return "..", parts.fragment, "outside"
    return target, parts.fragment, kind


def _target_file(site, target, url_path):
    """The file a server would send for a target path, or None."""
    candidates = [target] if target and not url_path.endswith("/") else []
    candidates.append(posixpath.join(target, "index.html") if target else "index.html")
    for candidate in candidates:
        if site.file(candidate).is_file():
            return candidate
    return None


def check(site, progress=None, site_url="", require_index_files=False, **_):
    problems = []
    anchor_cache = {}
    pages = site.pages
    if progress:
        progress.start(len(pages))
    for page in pages:
        soup = site.soup(page.path)
        for tag_name, attribute in LINK_ATTRIBUTES:
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                url = tag[attribute].strip()
                if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                    continue
                problem = _check_link(site, page, tag, url, site_url, require_index_files, anchor_cache)
                if problem:
                    problems.append(problem)
        if progress:
            progress.advance()
    return problems


def _check_link(site, page, tag, url, site_url, require_index_files, anchor_cache):
    target, fragment, kind = resolve(site, page.path, url, site_url)
    shown = f"<{tag.name} {('href' if tag.has_attr('href') else 'src')}=\"{url}\">"

    def problem(message, fix):
        return Problem(page.path, "", message, fix, line=tag.sourceline)

    if kind == "external":
        return None
    if kind == "outside":
        return problem(f"{shown} points outside the site folder",
                       "Link with {{ SITEURL }}/<path> in templates, or with a path that stays in the site")
    # hreflang alternates and the canonical link name the site's public address on purpose (it is
    # what search engines and share previews need); they are still checked to exist.
    is_alternate = tag.name == "link" and bool({"alternate", "canonical"} & set(tag.get("rel", [])))
    if kind == "root-relative" and not is_alternate:
        return problem(f"{shown} starts with '/', so it breaks from a sub-folder, a mirror or file://",
                       "Use a relative link: {{ SITEURL }}/<path> in templates")
    path_part = urllib.parse.urlsplit(url).path
    if kind != "fragment":
        found = _target_file(site, target, path_part)
        if found is None:
            return problem(f"broken link {shown}: {target or '/'} does not exist in the built site",
                           "Correct the link, or add the page it points to")
        if require_index_files and (path_part.endswith("/") or site.file(target).is_dir()) and not is_alternate:
            return problem(f"{shown} links to a folder, which file:// shows as a directory listing",
                           f"End the link in index.html (the bundle build sets MULTILINGUAL['{INDEX_FILE_LINKS}'])")
    else:
        found = page.path
    if fragment and found.endswith(".html"):
        if found not in anchor_cache:
            anchor_cache[found] = anchors(site.soup(found))
        if urllib.parse.unquote(fragment) not in anchor_cache[found]:
            where = "this page" if found == page.path else found
            return problem(f"broken anchor {shown}: no element with id=\"{fragment}\" on {where}",
                           "Give the target element that id, or correct the fragment")
    return None
