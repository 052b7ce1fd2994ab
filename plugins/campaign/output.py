"""Writing generated files: atomically, so a reader or a crash never sees half a file."""

import os
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
