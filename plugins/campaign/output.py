"""Writing generated files: atomically, so a reader or a crash never sees half a file.

Every file the build, the caches and the translation commands write goes
through here (stubs, which must never replace a file, use create-only
writes of their own in translation_stubs/stubs.py).
"""

import contextlib
import filecmp
import io
import os
import secrets
import shutil
import time

TEMPORARY_PREFIX = ".tmp-"
# A temporary file this old belongs to no build still running: one that was stopped (killed, power cut).
STALE_TEMPORARY_SECONDS = 3600
# What open() asks for; the process's umask takes away the rest (0644 and 0755 under the usual 022).
# tempfile's 0600 and 0700 would make a published page unreadable to a web server running as another user.
FILE_MODE, FOLDER_MODE = 0o666, 0o777


def new_temporary(folder, prefix=TEMPORARY_PREFIX, suffix=""):
    """(descriptor, path) of a new file in `folder`, open for writing, with the permissions open() gives."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    return _under_new_name(folder, prefix, suffix, lambda path: (os.open(path, flags, FILE_MODE), path))


def new_folder(parent, prefix):
    """The path of a new empty folder in `parent`, with the permissions os.mkdir() gives."""
    return _under_new_name(parent, prefix, "", lambda path: os.mkdir(path, FOLDER_MODE) or path)


def _under_new_name(folder, prefix, suffix, create):
    """create(path) for a random name in `folder` that nothing holds yet (tried again if one does)."""
    while True:
        try:
            return create(os.path.join(folder, f"{prefix}{secrets.token_hex(6)}{suffix}"))
        except FileExistsError:
            continue


def temporary_beside(path):
    """(descriptor, path) of a new temporary file in `path`'s folder, which is made if it is missing
    (looked for only then: a build writes thousands of files into folders that exist)."""
    folder = os.path.dirname(path) or "."
    try:
        return new_temporary(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        return new_temporary(folder)


class AtomicFile:
    """A file written over time (a binary stream) that replaces `path` only on commit(); discard() drops it."""

    def __init__(self, path):
        self.path = path
        handle, self.temporary = temporary_beside(path)
        self.stream = os.fdopen(handle, "wb")

    def commit(self):
        self.stream.close()
        os.replace(self.temporary, self.path)

    def discard(self):
        self.stream.close()
        if os.path.exists(self.temporary):
            os.unlink(self.temporary)


def remove_stale_temporaries(folder, now=None):
    """Remove, under `folder`, the temporary files of writes a stopped build never finished; their names."""
    limit = (time.time() if now is None else now) - STALE_TEMPORARY_SECONDS
    removed = []
    for parent, _folders, names in os.walk(folder):
        for name in names:
            if not name.startswith(TEMPORARY_PREFIX):
                continue
            path = os.path.join(parent, name)
            try:
                if os.lstat(path).st_mtime < limit:
                    os.unlink(path)
                    removed.append(path)
            except OSError:
                continue  # gone already, or not ours to remove
    return removed


@contextlib.contextmanager
def atomic_target(path):
    """A temporary path in `path`'s folder to write to; on success it replaces `path`, on failure it goes."""
    handle, temporary = temporary_beside(path)
    os.close(handle)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextlib.contextmanager
def replacing_text(path, encoding):
    """A text stream (what open(path, "w", encoding=encoding) gives a writer) whose text replaces `path`
    when the block ends without an error. The file at `path` is never written in place: a publish's fresh
    folder starts with hard links to the published site's pages (plugins/incremental), which must not change."""
    with io.StringIO() as stream:
        yield stream
        text = stream.getvalue()
    if os.linesep != "\n":  # what a text-mode file does on write
        text = text.replace("\n", os.linesep)
    replace_with_bytes(path, text.encode(encoding))


def write_atomically(path, content, keep_mode=False):
    """Write `content` (text, as UTF-8 with its line endings as they are, or bytes) to `path`.
    `keep_mode`: the file keeps the permissions of the one it replaces."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    mode = os.stat(path).st_mode & 0o777 if keep_mode and os.path.exists(path) else None
    replace_with_bytes(path, data, mode)


def replace_with_bytes(path, data, mode=None):
    """Write `data` to a new file beside `path` (its folder made if missing) and rename it over `path`.
    Plain descriptor writes: a build writes thousands of pages, and a file object cost more than the write."""
    handle, temporary = temporary_beside(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def copy_into_site(files, output_path):
    """Copy {path under output_path: cached file} into the site, each atomically; a file already there with
    the same bytes is left alone (a publish starts from a copy of the last site: a card keeps its name)."""
    for relative, source in files.items():
        target = os.path.join(output_path, relative)
        if os.path.isfile(target) and filecmp.cmp(target, source, shallow=False):
            continue
        with atomic_target(target) as temporary:
            shutil.copyfile(source, temporary)
