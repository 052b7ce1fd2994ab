"""What changed in an original since a translation was made, from git history."""

import difflib
import os
import subprocess

from .documents import parse_text


def render(translatable):
    """The translatable text of a document as lines to compare."""
    text = f"Title: {translatable['title']}\nSummary: {translatable['summary']}\n\n{translatable['body']}\n"
    if translatable["letter"]:
        text += f"\n::: letter\n{translatable['letter']}\n:::\n"
    return text.splitlines(keepends=True)


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
    diff = difflib.unified_diff(render(old.translatable), render(current.translatable),
                                fromfile=f"{entry.source_file} as translated (commit {commit[:10]})",
                                tofile=f"{entry.source_file} now")
    return ["    " + line if line.endswith("\n") else "    " + line + "\n" for line in diff]
