"""Writing generated files: atomically, so a reader or a crash never sees half a file."""

import os
import shutil
import tempfile


def write_atomically(path, text):
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder, then rename it over."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def copy_into_site(files, output_path):
    """Copy {path under output_path: cached file} into the site, each atomically; a file already there with
    the same size is left alone (cached files are named by a hash of their content)."""
    for relative, source in files.items():
        target = os.path.join(output_path, relative)
        if os.path.exists(target) and os.path.getsize(target) == os.path.getsize(source):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
        os.close(handle)
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
