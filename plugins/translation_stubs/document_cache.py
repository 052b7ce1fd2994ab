"""What the status needs of each file, kept between builds in the cache folder.

One file in CACHE_PATH maps each document's path to its stamp (mtime in
nanoseconds, size) and its DocumentInfo: kind, slug, lang, header (as
`fields`), fingerprint (of originals and stubs), stub note. No body text:
3,000 files load in ~5 ms.
A file whose stamp changed is read again, a vanished one is dropped, and a
cache that cannot be used (missing, corrupt, another VERSION, another site or
naming) is ignored and rewritten: the cache never changes a status and never
fails a build (a cache that cannot be saved is a warning, as in Pelican).

A file edited just before it was read (or dated in the future) may be
edited again without its stamp changing (coarse file-system clocks), so it
is not kept until it is older (campaign.sources.is_settled): it is read
again next build.
"""

import logging
import os
import pickle
import sys
import time

from campaign.output import write_atomically
from campaign.sources import is_settled

from .documents import DocumentInfo, document_files, read_stamped_document, stamp_of

CACHE_FILE = "translation_stubs-documents.pickle"
# Raise whenever what an entry holds, or how a file is parsed, changes.
VERSION = 6  # 2: Outcome and Image-Alt count in an original's fingerprint when present; 3: every byte-order mark at the start skipped;
# 4: right-to-left and left-to-right spans closed on their line (campaign.sources.clean_text)
# 5: a header cut by a blank line above more fields is read whole (documents.parse_text); 6: the fields' lines

logger = logging.getLogger(__name__)


def cache_file(project):
    return os.path.join(project.cache_path, CACHE_FILE)


def cache_key(project):
    """What an entry depends on besides its file: another site or naming makes every entry stale."""
    return (os.path.abspath(project.content_path), project.default_lang, project.filename_pattern)


def entry_of(stamp, info):
    """The cached tuple of a DocumentInfo: plain data, quick to unpickle.

    Keys, kinds and languages repeat in every file: interned, they are
    pickled once and loaded as one object.
    """
    fields = {sys.intern(key): value for key, value in info.fields.items()}
    lines = {sys.intern(key): line for key, line in info.lines.items()}
    return (*stamp, sys.intern(info.kind), info.slug, sys.intern(info.lang), fields, info.fingerprint, info.stub_note,
            lines)


def info_of(path, entry):
    _mtime, _size, kind, slug, lang, fields, fingerprint, stub_note, lines = entry
    return DocumentInfo(path=path, kind=kind, slug=slug, lang=lang, fields=fields, fingerprint=fingerprint,
                        stub_note=stub_note, lines=lines)


def load_entries(path, key):
    """{document path: entry} from a cache file, or None when there is none worth using."""
    try:
        with open(path, "rb") as stream:
            data = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # truncated, corrupt, or pickled by code that is gone: start afresh
        logger.debug("translation_stubs: ignoring the unreadable cache %s (%s)", path, error)
        return None
    if (not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != key
            or not isinstance(data.get("files"), dict)):
        logger.debug("translation_stubs: ignoring the cache %s of another version or site", path)
        return None
    return data["files"]


def save_entries(path, key, entries):
    """Write the cache atomically: a reader sees the old file or the new one, never half of one."""
    data = {"version": VERSION, "key": key, "files": entries}
    try:
        write_atomically(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as error:
        logger.warning("translation_stubs: could not save the cache %s (%s)", path, error)


def settled(stamp, now_ns):
    """Whether a file with this stamp, read at now_ns, cannot change again without a new stamp."""
    return is_settled(stamp[0], now_ns)


def read_document_infos(project, now=None):
    """([DocumentInfo], [Problem]) of every document, as read_documents() gives them, from the cache.

    Only files whose stamp differs from the cached one are read; the cache
    file is rewritten when anything in it changed. `now`: the time (seconds)
    the reading started, for the racy-file rule; the tests pass it.
    """
    started_ns = int((time.time() if now is None else now) * 1_000_000_000)
    path, key = cache_file(project), cache_key(project)
    old = load_entries(path, key) if project.load_cache else None
    cached = old or {}
    entries, documents, problems = {}, [], []
    changed = old is None
    for relative in document_files(project):
        entry = cached.get(relative)
        if entry is not None:
            if project.stamps is not None:
                stamp = project.stamps.get(relative)
            else:
                try:
                    stamp = stamp_of(os.stat(os.path.join(project.content_path, relative)))
                except OSError:
                    stamp = None
            if entry[:2] == stamp:
                entries[relative] = entry
                documents.append(info_of(relative, entry))
                continue
        document, stamp, problem = read_stamped_document(project.content_path, relative, project)
        if problem:
            problems.append(problem)
            continue
        info = document.info(project)
        documents.append(info)
        if settled(stamp, started_ns):
            entries[relative] = entry_of(stamp, info)
            changed = True
    if changed or len(entries) != len(cached):
        save_entries(path, key, entries)
    return documents, problems
