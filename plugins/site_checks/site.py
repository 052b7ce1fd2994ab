"""A built site on disk: its HTML pages, each with its language and page type.

Page types are found from the paths, not hard-coded: with the language prefix
taken off, `actions/<slug>/index.html` is "actions/*", `actions/<slug>/letter/`
is "actions/*/letter", a folder holding such pages is a list, and the action
pages are told apart by the open/closed class of their <article>.
"""

import dataclasses
import functools
import os
import pathlib
import re

from bs4 import BeautifulSoup

from .problems import NoBuiltSite, UnreadablePage

HTML_LANG = re.compile(rb"<html[^>]*\slang=\"([^\"]+)\"", re.IGNORECASE)
ARTICLE_STATE = re.compile(rb"<article[^>]*class=\"[^\"]*\bis-(open|closed)\b", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Page:
    path: str  # posix path under the site folder
    lang: str
    kind: str

    @property
    def url_path(self):
        """The path a browser asks for: folders for index.html pages."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


class Site:
    """The HTML pages of a built site folder, parsed lazily and once."""

    def __init__(self, root):
        self.root = pathlib.Path(root).resolve()
        if not self.root.is_dir():
            raise NoBuiltSite(self.root, "it is not a folder" if self.root.exists() else "the folder does not exist")
        self.pages = self._discover()
        if not self.pages:
            raise NoBuiltSite(self.root, "the folder holds no HTML page")

    def file(self, relative):
        return self.root / relative

    def read_bytes(self, relative):
        try:
            return (self.root / relative).read_bytes()
        except OSError as error:
            raise UnreadablePage(relative, error.strerror or error) from None

    @functools.lru_cache(maxsize=None)
    def soup(self, relative):
        return BeautifulSoup(self.read_bytes(relative), "html.parser")

    def page(self, relative):
        return next(page for page in self.pages if page.path == relative)

    def samples(self):
        """One page of each (type, language): the pages the browser checks load."""
        chosen = {}
        for page in self.pages:
            chosen.setdefault((page.kind, page.lang), page)
        return sorted(chosen.values(), key=lambda page: (page.kind, page.lang))

    def kinds(self):
        return sorted({page.kind for page in self.pages})

    def _discover(self):
        paths = sorted(
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*.html")
            if path.is_file()
        )
        heads = {path: self.read_bytes(path)[:4096] for path in paths}
        langs = {path: _html_lang(head) for path, head in heads.items()}
        prefixes = {lang for lang in langs.values() if lang and f"{lang}/index.html" in heads}
        stripped = {path: _strip_lang(path, langs[path], prefixes) for path in paths}
        folders = {os.path.dirname(rest) for rest in stripped.values()}
        pages = []
        for path in paths:
            rest = stripped[path]
            kind = _kind(rest, folders, self.read_bytes(path) if rest.count("/") == 2 else b"")
            pages.append(Page(path=path, lang=langs[path] or "", kind=kind))
        return pages


def _html_lang(head):
    match = HTML_LANG.search(head)
    # A lang that is not UTF-8 must not stop the run; the HTML check reports its bad value.
    return match.group(1).decode("utf-8", errors="replace") if match else None


def _strip_lang(path, lang, prefixes):
    if lang in prefixes and path.startswith(f"{lang}/"):
        return path[len(lang) + 1:]
    return path


def _kind(rest, folders, html):
    """The page type of a path with its language prefix taken off."""
    if not rest.endswith("index.html"):
        return "file " + rest
    segments = rest.split("/")[:-1]
    if not segments:
        return "home"
    if len(segments) == 1:
        folder = segments[0]
        has_children = any(other.startswith(folder + "/") for other in folders)
        return f"list {folder}/" if has_children else f"page {folder}/"
    kind = "/".join([segments[0], "*"] + segments[2:])
    if len(segments) == 2:
        state = ARTICLE_STATE.search(html)
        if state:
            kind += f" ({state.group(1).decode()})"
    return kind
