"""What changed in an original since a translation was made, from git history."""

import os
import subprocess

from .documents import parse_text
from .word_diff import translatable_changes


def _git(folder, *args):
    try:
        result = subprocess.run(["git", "-C", folder, *args], capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def find_version(project, source_path, wanted):
    """(commit, Document) of the committed version of `source_path` whose fingerprint is `wanted`, or None."""
    full = os.path.join(project.content_path, source_path)
    folder, name = os.path.split(full)
    log = _git(folder, "log", "--format=%H", "--", name)
    if not log:
        return None
    for commit in log.decode().split():
        blob = _git(folder, "show", f"{commit}:./{name}")
        if blob is None:
            continue
        try:
            document = parse_text(source_path, blob.decode("utf-8"), project)
        except UnicodeDecodeError:
            continue
        if document.fingerprint == wanted.lower():
            return commit, document
    return None


def source_changes(project, entry, current):
    """Lines saying what changed in the original `current` since `entry` was translated."""
    if not entry.recorded_fingerprint:
        return [f"    The translation records no Source-Fingerprint, so the text it was made from is unknown; "
                f"compare it with {entry.source_file}.\n"]
    found = find_version(project, entry.source_file, entry.recorded_fingerprint)
    if found is None:
        return [f"    The version of {entry.source_file} it was translated from is not in git history, so the old text "
                f"is unknown; compare the translation with the current original.\n"]
    commit, old = found
    lines = [f"    {entry.source_file} as translated (commit {commit[:10]}) -> now; [-removed-] {{+added+}}:\n"]
    for field, changes in translatable_changes(old.translatable, current.translatable):
        lines.extend(f"    {field}: {change}\n" for change in changes)
    return lines
