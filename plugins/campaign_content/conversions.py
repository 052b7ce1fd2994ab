"""A cache of converted documents, keyed by content, for every build.

Pelican's content cache trusts file times and is switched off for strict
builds and `invoke publish`, so CI converted every document on every run.
This cache keys each document's conversion (the Converted the reader makes:
fields, HTML, table of contents, letter, problems) by a hash of its text
and of everything the conversion depends on: the Markdown options, the
reader's settings, the versions of Python-Markdown and nh3, and the source
of the plugin code that converts. The same text converted by the same code
gives the same entry, whatever the file's time, so CI can keep the folder
between runs (actions/cache) and a one-line change converts one document.

Entries live in CACHE_PATH/conversions/<2 hex>/<hash>.pickle, written
atomically; a hit touches its file, and a full build removes entries no
build has used for PRUNE_DAYS. An entry that cannot be read is converted
again: the cache never changes a page and never fails a build.
"""

import functools
import hashlib
import importlib.metadata
import os
import pickle
import time

from campaign.output import write_atomically

FOLDER = "conversions"
PRUNE_DAYS = 30
# Raise when Converted changes shape.
VERSION = 1
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


class ConversionCache:
    """get(text) -> Converted or None; put(text, converted)."""

    def __init__(self, cache_path, salt):
        self.folder = os.path.join(cache_path, FOLDER)
        self.salt = salt.encode()

    def _path(self, text):
        key = hashlib.sha256(self.salt + text.encode("utf-8", "surrogatepass")).hexdigest()
        return os.path.join(self.folder, key[:2], key + ".pickle")

    def get(self, text):
        path = self._path(text)
        try:
            with open(path, "rb") as stream:
                converted = pickle.loads(stream.read())
            os.utime(path)  # used now: not pruned
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        converted.from_cache = True
        return converted

    def put(self, text, converted):
        try:
            write_atomically(self._path(text), pickle.dumps(converted, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written is only slower


def prune(cache_path, days=PRUNE_DAYS, now=None):
    """Remove entries no build has used for `days`; return how many."""
    folder = os.path.join(cache_path, FOLDER)
    oldest = (time.time() if now is None else now) - days * 86400
    removed = 0
    for root, _folders, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            try:
                if os.stat(path).st_mtime < oldest:
                    os.unlink(path)
                    removed += 1
            except OSError:
                continue
    return removed
