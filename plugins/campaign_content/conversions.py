"""A cache of converted documents, keyed by content, for every build.

Pelican's content cache trusts file times and is switched off for strict
builds and `invoke publish`, so CI converted every document on every run.
This cache keeps each document's conversion (the Converted the reader
makes: fields, HTML, table of contents, letter, problems) under a hash of
its text, in one file whose entries are valid only for one "salt": the
Markdown options, the reader's settings, the versions of Python-Markdown
and nh3, and the source of the plugin code that converts. The same text
converted by the same code gives the same entry, whatever the file's time,
so CI can keep the file between runs (actions/cache) and a one-line change
converts one document.

One file, CACHE_PATH/conversions.pickle, read once and written once per
full build (atomically), with the entries that build used. A partial
rebuild (plugins/incremental) reads a few documents and leaves the cache
alone: loading every entry would cost it more than converting them. A file
that cannot be read is ignored: the cache never changes a page and never
fails a build.
"""

import dataclasses
import functools
import hashlib
import importlib.metadata
import os
import pickle

from campaign.output import atomic_target

FILE_NAME = "conversions.pickle"
# Raise when Converted changes shape.
VERSION = 2
CODE_PACKAGES = ("campaign", "campaign_content")


@functools.lru_cache(maxsize=None)
def code_digest():
    """A digest of the source of the packages that read and convert documents."""
    digest = hashlib.sha256()
    plugins = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for package in CODE_PACKAGES:
        folder = os.path.join(plugins, package)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as stream:
                    digest.update(name.encode() + b"\0" + stream.read() + b"\0")
    for distribution in ("markdown", "nh3"):
        digest.update(f"{distribution}={importlib.metadata.version(distribution)}\0".encode())
    return digest.hexdigest()


def conversion_salt(options, toc_min_headings, formatted_fields):
    """What, besides a document's text, decides its conversion."""
    settings = repr((VERSION, sorted(options.items(), key=lambda item: item[0]), toc_min_headings,
                     tuple(formatted_fields)))
    return hashlib.sha256((code_digest() + settings).encode("utf-8", "surrogatepass")).hexdigest()


def text_key(text):
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ConversionCache:
    """get(key) -> a Converted of its own, or None; put(key, converted); save(keep_unused)."""

    def __init__(self, cache_path, salt):
        self.path = os.path.join(cache_path, FILE_NAME)
        self.salt = salt
        self.entries = None  # loaded on first use
        self.used = {}

    def _load(self):
        self.entries = {}
        try:
            with open(self.path, "rb") as stream:
                data = pickle.loads(stream.read())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == VERSION and data.get("salt") == self.salt:
            self.entries = data.get("entries") or {}

    def has_entries(self):
        if self.entries is None:
            self._load()
        return bool(self.entries)

    def get(self, key):
        if self.entries is None:
            self._load()
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used[key] = entry
        # Its own problems list: the reader adds the file's reading problems to it.
        return dataclasses.replace(entry, problems=list(entry.problems), from_cache=True)

    def put(self, key, converted):
        self.used[key] = dataclasses.replace(converted, problems=list(converted.problems), from_cache=False)

    def save(self):
        """Write the entries this build used, straight to the file (no second copy in memory)."""
        if self.used == (self.entries or {}):
            return
        try:
            with atomic_target(self.path) as temporary, open(temporary, "wb") as stream:
                pickle.dump({"version": VERSION, "salt": self.salt, "entries": self.used}, stream,
                            protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # a cache that cannot be written is only slower
        self.entries = self.used
