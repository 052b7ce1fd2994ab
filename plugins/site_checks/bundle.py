"""The mirror bundle: the built site as a zip that works from any folder and
from file://, with a SHA-256 checksum file beside it.

Opened from disk, a link to a folder (`actions/x/`) shows a directory listing
instead of the page, so the bundle is built with MULTILINGUAL's
`index_file_links` (every link names its index.html); the links check with
`require_index_files` then proves no link to a folder is left.
"""

import hashlib
import logging
import os
import pathlib
import zipfile

logger = logging.getLogger(__name__)

# A fixed date for every zip entry: the same site gives the same zip.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


# The bundle is the published site (publishconf.py: the same documents, no
# status page, nothing held back published), with links that name index.html.
BUNDLE_SETTINGS_FILE = "publishconf.py"
# The MULTILINGUAL key (plugins/multilingual/settings.py) that makes every link name its index.html.
INDEX_FILE_LINKS = "index_file_links"


def bundle_overrides(settings):
    """Overrides of the production settings (read_settings of publishconf.py) for the mirror bundle."""
    return {"MULTILINGUAL": {**settings["MULTILINGUAL"], INDEX_FILE_LINKS: True}}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_zip(root, zip_path, folder_name):
    """Zip root's files under folder_name/ (sorted, fixed dates); write zip_path.sha256.

    The checksum file is in `sha256sum` format: `sha256sum -c NAME.zip.sha256` verifies it.
    """
    root = pathlib.Path(root)
    zip_path = pathlib.Path(zip_path)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder_name}/{path.relative_to(root).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    os.replace(partial, zip_path)
    checksum = sha256(zip_path)
    checksum_path = zip_path.with_name(zip_path.name + ".sha256")
    checksum_path.write_text(f"{checksum}  {zip_path.name}\n", encoding="utf-8")
    return checksum_path, checksum
