"""What changed in an original since a translation was made, from git history.

git runs only in the project's own repository (repository.py), found once by
the caller: never in a folder of content/, which could pass for a repository.
"""

import os

from campaign.sources import decode_source

from .documents import parse_text
from .repository import GitFailed
from .word_diff import translatable_changes


def find_version(project, repository, source_path, wanted):
    """(commit, Document) of the committed version of `source_path` whose fingerprint is `wanted`, or None."""
    if repository is None:
        return None
    path = repository.relative(os.path.join(project.content_path, source_path))
    if path.startswith("../"):
        return None  # the content folder is not in the repository's work tree
    try:
        log = repository.run("log", "--format=%H", "--", path)
    except GitFailed:
        return None
    for commit in log.decode().split():
        try:
            blob = repository.run("show", "--no-textconv", f"{commit}:{path}")
        except GitFailed:
            continue
        # As every reader of content reads a file (byte-order marks, line endings, forbidden characters):
        # read otherwise, a version the status fingerprinted from the work tree would never match.
        text, _problems = decode_source(blob, source_path)
        if text is None:
            continue
        document = parse_text(source_path, text, project)
        if document.fingerprint == wanted.lower():
            return commit, document
    return None


def source_changes(project, repository, entry, current):
    """Lines saying what changed in the original `current` since `entry` was translated.

    `repository`: the project's Repository (repository.find_repository), or None when there is none.
    """
    if not entry.recorded_fingerprint:
        return [f"    The translation records no Source-Fingerprint, so the text it was made from is unknown; "
                f"compare it with {entry.source_file}.\n"]
    found = find_version(project, repository, entry.source_file, entry.recorded_fingerprint)
    if found is None:
        return [f"    The version of {entry.source_file} it was translated from is not in git history, so the old text "
                f"is unknown; compare the translation with the current original.\n"]
    commit, old = found
    lines = [f"    {entry.source_file} as translated (commit {commit[:10]}) -> now; [-removed-] {{+added+}}:\n"]
    for field, changes in translatable_changes(old.translatable, current.translatable):
        lines.extend(f"    {field}: {change}\n" for change in changes)
    return lines
