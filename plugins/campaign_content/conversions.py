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

One file, CACHE_PATH/conversions.pickle, read once per full build and
written as it goes (campaign.output.AtomicFile, which replaces the old
file at the end) with the entries the build used. Each entry is kept as
the bytes of its pickled Converted (record_of), unpickled only when a
document asks for it: an entry is written again without being pickled
again, and a reading worker's conversion arrives as those bytes, so the
main process never pickles what a worker converted. A partial
rebuild (plugins/incremental) reads a few documents and leaves the cache
alone: loading every entry would cost it more than converting them. A file
that cannot be read is ignored: the cache never changes a page and never
fails a build. Each entry carries a digest of its bytes, checked when a
document asks for it, so a damaged entry that still unpickles (a flipped
byte inside a page's text) is converted again instead of published.
"""

import dataclasses
import functools
import hashlib
import importlib.metadata
import os
import pickle

from campaign.output import AtomicFile


FILE_NAME = "conversions.pickle"
# Raise when Converted changes shape, or what convert() refuses changes.
VERSION = 8  # 4: fields over model.MAX_FIELD_CHARACTERS; 5: formatted fields over MAX_FORMATTED_GROWTH times that;
# 6: entries kept as record_of() bytes; 7: each with its entry_digest(); 8: Converted.mail_to
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


def record_of(converted):
    """The bytes the cache keeps of a Converted: the conversion of a text, without what belongs to one
    reading of one file (its bytes' problems; whether it came from the cache)."""
    entry = dataclasses.replace(converted, from_cache=False, source_problems=[])
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def entry_digest(record):
    return hashlib.blake2b(record, digest_size=16).digest()


def converted_of(record):
    """The Converted in record_of() bytes, a new one each time."""
    return pickle.loads(record)  # noqa: S301 - bytes this project's own code wrote


class ConversionCache:
    """get(key) -> a Converted of its own, or None; put(key, converted); save() at the end of the build.

    The file is a header (version, salt) and then one (key, entry_digest(),
    record_of() bytes) triple after another. The entries this build uses are written to a
    temporary file as they come, so a build holds no copy of them; save()
    puts that file in place of the old one when the entries changed, and
    a build that stops before leaves the old one.
    """

    def __init__(self, cache_path, salt):
        self.path = os.path.join(cache_path, FILE_NAME)
        self.salt = salt
        self.entries = None  # {key: (entry_digest(), record_of() bytes)}, loaded on first use
        self.written = set()  # keys in the new file
        self.changed = False
        self.file = None  # campaign.output.AtomicFile of the new cache, opened on the first entry

    def _load(self):
        self.entries = {}
        try:
            with open(self.path, "rb") as stream:
                header = pickle.load(stream)
                if header != {"version": VERSION, "salt": self.salt}:
                    return
                while True:
                    try:
                        key, digest, record = pickle.load(stream)
                    except EOFError:
                        break
                    if not isinstance(record, bytes) or not isinstance(digest, bytes):
                        raise TypeError("an entry of another format")
                    self.entries[key] = (digest, record)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError,
                ValueError):
            self.entries = {}  # damaged or another version: convert everything again

    def has_entries(self):
        if self.entries is None:
            self._load()
        return bool(self.entries)

    def _write(self, key, record, digest=None):
        if key in self.written:
            return
        digest = entry_digest(record) if digest is None else digest
        try:
            if self.file is None:
                self.file = AtomicFile(self.path)
                pickle.dump({"version": VERSION, "salt": self.salt}, self.file.stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((key, digest, record), self.file.stream, protocol=pickle.HIGHEST_PROTOCOL)
            self.written.add(key)
        except OSError:
            self._discard()  # a cache that cannot be written is only slower

    def get(self, key):
        if self.entries is None:
            self._load()
        entry = self.entries.get(key)
        if entry is None:
            return None
        digest, record = entry
        from .reader import Converted  # here: the reader imports this module

        try:
            if entry_digest(record) != digest:
                raise ValueError("damaged: its bytes do not match their digest")
            converted = converted_of(record)
            if not isinstance(converted, Converted):
                raise TypeError("not a conversion")
        except Exception:  # noqa: BLE001 - damage raises what it happens to (OverflowError, MemoryError...)
            del self.entries[key]  # damaged: converted again, and left out of the new file
            self.changed = True
            return None
        self._write(key, record, digest)
        converted.from_cache = True
        return converted

    def put(self, key, converted, record=None):
        """Keep `converted`; `record`: its record_of() bytes, when a reading worker has made them."""
        self.changed = True
        self._write(key, record_of(converted) if record is None else record)

    def save(self, keep_unused=False):
        """Keep the entries this build used (and the others too with `keep_unused`): the new file
        replaces the old one if they changed. A build that read nothing leaves the old file."""
        if self.file is None:
            return
        if keep_unused:
            if self.entries is None:
                self._load()
            for key, (digest, record) in self.entries.items():
                self._write(key, record, digest)
        if self.changed or self.written != set(self.entries or ()):
            try:
                self.file.commit()
                self.file = None
            except OSError:
                pass
        self._discard()

    def _discard(self):
        if self.file is not None:
            try:
                self.file.discard()
            except OSError:
                pass
        self.file = None
