"""What one build read and wrote, kept for the next one to compare.

A manifest holds plain data only: the key of everything that is not a
document, each document's fingerprint and identity, each written list page's
key, the warnings logged, and what plugins asked to remember.

What changed is decided by content, not by file times: a file's fingerprint
is a hash of its bytes. File times only spare the hashing (`digest_files`),
as git's index does: a file whose time and size are the ones recorded keeps
its recorded hash. So a fresh checkout, which gives every file a new time
(CI), changes nothing that is not changed.
"""

import dataclasses
import datetime
import gc
import hashlib
import json
import os
import pickle
import re
import stat
import sys
import typing
import zoneinfo

from campaign.output import write_atomically
from campaign.sources import is_inside, is_settled

# Raised whenever the manifest's shape changes: an older manifest is ignored.
VERSION = 8
FILE_NAME = "incremental-manifest.pickle"
# Written by whoever put the site in place (sitebuild.publishing), naming the build it holds.
SEAL_NAME = "incremental-site.json"
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
    stamps: dict  # document source (relative to PATH, '/') -> its fingerprint (a hash of its bytes)
    identities: dict  # document source -> Identity
    outputs: dict  # written file (relative to OUTPUT_PATH) -> key of what it shows
    warnings: list  # [(levelno, message)] the build logged
    memory: dict  # name -> what a plugin asked to remember
    output_path: str = ""
    # document source -> the pages written for it (its page, its letter page...)
    page_outputs: dict = dataclasses.field(default_factory=dict)
    # every file looked at (documents and other content relative to PATH, the rest absolute) ->
    # (mtime_ns, size, hash): the next build hashes again only files whose time or size differ.
    digests: dict = dataclasses.field(default_factory=dict)
    # Names this build for the seal of the folder its site was put in (seal()).
    build_id: str = ""
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


def walk_stamps(folder, prefix="", above=frozenset(), top=None):
    """{path relative to folder, with '/': stamp} of every file under folder.

    `above`: the (device, inode) of the folders this one is in, so that a link back to one of them
    (campaign_content names it) is not walked round and round; `top`: the folder the walk began in,
    so that a link to a folder outside it (named too) is not walked at all (a link to / would be the
    whole machine).
    """
    top = folder if top is None else top
    found = {}
    try:
        status = os.stat(folder)
        entries = list(os.scandir(folder))
    except OSError:  # gone, not a folder, a link loop, a path too long: nothing to stamp
        return found
    here = (status.st_dev, status.st_ino)
    if here in above:
        return found
    for entry in entries:
        try:
            if entry.is_dir():
                if entry.name not in SKIPPED_FOLDERS and not (entry.is_symlink() and not is_inside(entry.path, top)):
                    found.update(walk_stamps(entry.path, prefix + entry.name + "/", above | {here}, top))
            else:
                status = entry.stat()
                found[prefix + entry.name] = (status.st_mtime_ns, status.st_size)
        except OSError:  # removed while we looked, a link to nothing or to itself
            continue
    return found


# The time kept for a file changed too recently to trust (campaign.sources.is_settled):
# it matches no file's time, so the next build hashes the file again.
UNSETTLED = -1


def file_hash(path):
    """A hash of a regular file's bytes; OSError for anything else (a FIFO would block the build)."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()


def digest_files(stamps, path_of, known, now_ns):
    """{key: (mtime_ns, size, hash)} of the files in `stamps` ({key: (mtime_ns, size)}).

    A file whose time and size are the ones `known` recorded keeps its hash;
    the others are read. A file that cannot be read gets a hash of its stamp,
    which differs whenever the stamp does.
    """
    digests = {}
    for key, (mtime_ns, size) in stamps.items():
        kept = known.get(key)
        if kept is not None and kept[0] == mtime_ns and kept[1] == size:
            digests[key] = kept
            continue
        try:
            digest = file_hash(path_of(key))
        except OSError:
            digest = f"unreadable {mtime_ns} {size}"
        digests[key] = (mtime_ns if is_settled(mtime_ns, now_ns) else UNSETTLED, size, digest)
    return digests


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


def folder_stamps(folders):
    """{absolute path: stamp} of every file under `folders` (theme, plugins)."""
    found = {}
    for folder in folders:
        top = os.path.join(os.path.abspath(folder), "")
        found.update((top + relative, value) for relative, value in walk_stamps(folder).items())
    return found


def installed_software():
    """Every installed distribution and its version, by the names of their metadata folders
    (`Markdown-3.7.dist-info`; cheaper than reading each one): a new Markdown, nh3, Jinja2 or Pillow
    changes pages."""
    found = []
    for folder in sys.path:
        try:
            found += [name for name in os.listdir(folder or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(found)


def global_key(settings, other_files, ignored=()):
    """A hash of everything that is not a document: settings, `other_files`
    ({path: hash} of the content folder's other files and of every file of
    the theme and plugins), the date and the software. Any difference means
    a full build."""
    import pelican

    digest = hashlib.sha256()
    for part in (
        f"manifest {VERSION}", sys.version, getattr(pelican, "__version__", ""), repr(installed_software()),
        today(settings.get("TIMEZONE")),
        settings_key(settings, ignored),
        repr(sorted(other_files.items())),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
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
    except Exception:  # noqa: BLE001 - damage raises what it happens to (OverflowError, MemoryError, KeyError...)
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
    except Exception:  # noqa: BLE001 - damage raises what it happens to (OverflowError, MemoryError, KeyError...)
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



def seal_path(cache_path):
    return os.path.join(cache_path, SEAL_NAME)


def seal(cache_path, site, build_id):
    """Note that the folder `site` now holds the site the build `build_id` wrote.

    Whoever moves a build's output into place (sitebuild.publishing) seals
    it; a later build may start from a copy of a sealed site only.
    """
    write_atomically(seal_path(cache_path), json.dumps({"site": os.path.abspath(site), "build": build_id}) + "\n")


def is_sealed(cache_path, site, manifest):
    """Whether `site` holds what the build of `manifest` wrote, by the seal."""
    try:
        with open(seal_path(cache_path), encoding="utf-8") as handle:
            seal_data = json.load(handle)
    except (OSError, ValueError):
        return False
    return (isinstance(seal_data, dict) and bool(manifest.build_id) and seal_data.get("build") == manifest.build_id
            and seal_data.get("site") == os.path.abspath(site))


def forget(cache_path):
    """Remove the manifest, so that the next build is a full one."""
    try:
        os.unlink(manifest_path(cache_path))
    except FileNotFoundError:
        pass
