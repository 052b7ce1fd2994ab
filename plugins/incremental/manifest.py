"""What one build read and wrote, kept for the next one to compare.

A manifest holds plain data only: the key of everything that is not a
document, each document's stamp and identity, each written list page's key,
the warnings logged, and what plugins asked to remember.
"""

import dataclasses
import datetime
import gc
import hashlib
import json
import os
import pickle
import re
import sys
import typing
import zoneinfo

from campaign.output import write_atomically
from campaign.sources import is_settled

# Raised whenever the manifest's shape changes: an older manifest is ignored.
VERSION = 7
FILE_NAME = "incremental-manifest.pickle"
SKIPPED_FOLDERS = {"__pycache__", ".git", ".pytest_cache"}


class Identity(typing.NamedTuple):
    """Which document a source file is, and which documents it names.

    A named tuple: a manifest holds thousands, and tuples load fastest.
    """

    kind: str
    slug: str
    lang: str
    # (kind, slug) of each document its metadata names (INCREMENTAL['references']).
    references: tuple = ()
    # Where its page is written; None when the build did not publish it
    # (a stub, a file with bad input, a draft).
    save_as: object = None
    url: object = None

    @property
    def group(self):
        return (self.kind, self.slug)


@dataclasses.dataclass
class Manifest:
    key: str
    stamps: dict  # document source (relative to PATH, '/') -> (mtime_ns, size)
    identities: dict  # document source -> Identity
    outputs: dict  # written file (relative to OUTPUT_PATH) -> key of what it shows
    warnings: list  # [(levelno, message)] the build logged
    memory: dict  # name -> what a plugin asked to remember
    output_path: str = ""
    # document source -> the pages written for it (its page, its letter page...)
    page_outputs: dict = dataclasses.field(default_factory=dict)
    version: int = VERSION

    def __getstate__(self):
        # Identities as plain tuples: thousands of named tuples pickle several times slower.
        state = dict(self.__dict__)
        state["identities"] = {source: tuple(identity) for source, identity in self.identities.items()}
        return state

    def __setstate__(self, state):
        state["identities"] = {source: Identity._make(values) for source, values in state["identities"].items()}
        self.__dict__.update(state)


def stamp(path):
    status = os.stat(path)
    return (status.st_mtime_ns, status.st_size)


def walk_stamps(folder, prefix=""):
    """{path relative to folder, with '/': stamp} of every file under folder."""
    found = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        try:
            if entry.is_dir():
                if entry.name not in SKIPPED_FOLDERS:
                    found.update(walk_stamps(entry.path, prefix + entry.name + "/"))
            else:
                status = entry.stat()
                found[prefix + entry.name] = (status.st_mtime_ns, status.st_size)
        except FileNotFoundError:  # removed while we looked
            continue
    return found


# The stamp kept for a file changed too recently to trust (campaign.sources.is_settled):
# the next build reads it again.
UNSETTLED = (-1, -1)


def settled_stamps(stamps, now_ns):
    """The stamps to keep: UNSETTLED for files changed too recently to trust."""
    return {path: (mtime_ns, size) if is_settled(mtime_ns, now_ns) else UNSETTLED
            for path, (mtime_ns, size) in stamps.items()}


def is_document(relative, document_paths):
    return any(relative == folder or relative.startswith(folder.rstrip("/") + "/") for folder in document_paths)


def split_content(content_stamps, document_paths):
    """(document stamps, every other file's stamps) of the content folder."""
    documents, others = {}, {}
    for relative, value in content_stamps.items():
        (documents if is_document(relative, document_paths) else others)[relative] = value
    return documents, others


def _stable(value):
    """A representation of a setting without memory addresses."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def settings_key(settings, ignored=()):
    chosen = {key: value for key, value in settings.items() if key not in ignored}
    return json.dumps(chosen, sort_keys=True, default=_stable, ensure_ascii=False)


def today(timezone_name=None):
    """Today here and in the site's TIMEZONE: an action closes when its deadline passes there."""
    dates = [datetime.date.today().isoformat()]
    if timezone_name:
        try:
            dates.append(datetime.datetime.now(zoneinfo.ZoneInfo(timezone_name)).date().isoformat())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return " ".join(dates)


def global_key(settings, other_content_stamps, folders, ignored=()):
    """A hash of everything that is not a document: settings, the other files
    of the content folder, every file under `folders` (theme, plugins), the
    date and the software. Any difference means a full build."""
    import pelican

    digest = hashlib.sha256()
    for part in (
        f"manifest {VERSION}", sys.version, getattr(pelican, "__version__", ""),
        today(settings.get("TIMEZONE")),
        settings_key(settings, ignored),
        repr(sorted(other_content_stamps.items())),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    for folder in folders:
        digest.update(os.path.abspath(folder).encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(walk_stamps(folder).items())).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def manifest_path(cache_path):
    return os.path.join(cache_path, FILE_NAME)


def large_path(cache_path, name):
    return os.path.join(cache_path, f"incremental-{name}.pickle")


def load_large(cache_path, name, token):
    """What a plugin kept apart under `name`, if it is the version `token` names; else None."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(large_path(cache_path, name), "rb") as handle:
            kept_token, value = pickle.loads(handle.read())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    finally:
        if collecting:
            gc.enable()
    return value if kept_token == token else None


def save_large(cache_path, name, token, value):
    _write_atomically(large_path(cache_path, name), (token, value))


def load(cache_path):
    """The last build's Manifest, or None when there is none that this version reads."""
    collecting = gc.isenabled()
    # Unpickling makes tens of thousands of objects and no cycles: the
    # collector's passes over them would double the time.
    gc.disable()
    try:
        with open(manifest_path(cache_path), "rb") as handle:
            manifest = pickle.loads(handle.read())  # one read: faster than unpickling from the file
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(manifest, Manifest) or getattr(manifest, "version", None) != VERSION:
        return None
    return manifest


def save(cache_path, manifest):
    """Write the manifest atomically: a build that stops half-way leaves the old one."""
    _write_atomically(manifest_path(cache_path), manifest)


def _write_atomically(path, value):
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))



def forget(cache_path):
    """Remove the manifest, so that the next build is a full one."""
    try:
        os.unlink(manifest_path(cache_path))
    except FileNotFoundError:
        pass
