"""The mirror bundle: the built site as a zip that works from any folder and
from file://, with a SHA-256 checksum file beside it.

Opened from disk, a link to a folder (`actions/x/`) shows a directory listing
instead of the page, so every relative link to a folder gets its index.html.
This is done on the built HTML, after every plugin wrote its pages, so links
of every page type (letters, status page...) are covered; the links check with
`require_index_files` then proves none was missed.
"""

import hashlib
import logging
import os
import pathlib
import re
import urllib.parse
import zipfile

logger = logging.getLogger(__name__)

LINK_ATTRIBUTE = re.compile(r"""(?P<lead>\s(?:href|src|action)=)(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""",
                            re.IGNORECASE)
# A fixed date for every zip entry: the same site gives the same zip.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def index_file_url(url):
    """`actions/x/#act` -> `actions/x/index.html#act`; others unchanged."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not url:
        return url
    path = parts.path
    if path in (".", ".."):
        path += "/"
    if not path.endswith("/"):
        return url
    return urllib.parse.urlunsplit(("", "", path + "index.html", parts.query, parts.fragment))


def index_file_links(html):
    """The HTML with every relative link to a folder ending in index.html."""
    def replace(match):
        return f"{match['lead']}{match['quote']}{index_file_url(match['url'])}{match['quote']}"
    return LINK_ATTRIBUTE.sub(replace, html)


def rewrite_site(root):
    """Rewrite every HTML file under root in place; return how many changed."""
    changed = 0
    for path in sorted(pathlib.Path(root).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = index_file_links(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


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
