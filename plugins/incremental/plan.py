"""Deciding, before anything is read, between a full and a partial build."""

import dataclasses
import os
import re

from campaign import contract

from .manifest import Identity

# Pelican's links to other files by source path: a partial build may not
# have read the file linked to.
SOURCE_LINK = re.compile(r"[{|](filename|index|tag|category|author)[}|]")


@dataclasses.dataclass(frozen=True)
class Plan:
    partial: bool
    reason: str
    # Document sources this build reads (partial builds only).
    reread: frozenset = frozenset()
    # The (kind, slug) groups this build reads.
    groups: frozenset = frozenset()
    changed: tuple = ()
    # The groups whose pages this build writes again: the changed ones. A
    # narrow build reads their neighbours only for what the changed pages
    # show of them; a wide one writes the neighbours' pages too.
    render_groups: frozenset = frozenset()
    wide: bool = False


def full(reason):
    return Plan(partial=False, reason=reason)


def identity_from_path(relative, path_pattern, filename_pattern, default_lang):
    """The identity Pelican would give a file from its path alone (FILENAME_METADATA, PATH_METADATA)."""
    groups = {}
    if path_pattern:
        match = re.match(path_pattern, relative)
        if match:
            groups.update(match.groupdict())
    name = os.path.basename(relative).rsplit(".", 1)[0]
    match = re.match(filename_pattern, name) if filename_pattern else None
    if match:
        groups.update({k: v for k, v in match.groupdict().items() if v})
    kind = groups.get("kind") or contract.kind_of_source(relative)
    return Identity(kind=kind, slug=groups.get("slug") or name, lang=groups.get("lang") or default_lang)


def adjacent_groups(identities):
    """{group: the groups it names and the groups that name it}"""
    adjacent = {}
    for identity in identities.values():
        for reference in identity.references:
            adjacent.setdefault(identity.group, set()).add(reference)
            adjacent.setdefault(reference, set()).add(identity.group)
    return adjacent


def related_groups(seeds, identities):
    """Every (kind, slug) group a change to `seeds` can show on: the seeds,
    the groups they name, and the groups that name any group in the result."""
    adjacent = adjacent_groups(identities)
    result, queue = set(), list(seeds)
    while queue:
        group = queue.pop()
        if group not in result:
            result.add(group)
            queue.extend(adjacent.get(group, ()))
    return result


def neighbours(seeds, identities):
    """The groups that the seeds name, and the groups that name a seed."""
    adjacent = adjacent_groups(identities)
    return set().union(*(adjacent.get(seed, ()) for seed in seeds)) - set(seeds)


def missing_outputs(previous, output_path):
    """Pages of every language the last build wrote that are gone (someone
    cleaned output/): the list pages, feeds, sitemap and status page. A
    document's page deleted by hand comes back with the next full build
    (`invoke rebuild`); looking for each of thousands costs more than a rebuild."""
    return [path for path in previous.outputs if not os.path.exists(os.path.join(output_path, path))]


def plan_build(previous, key, stamps, site_path, identify, read_text, pages=frozenset(), wide=False):
    """A full or partial Plan.

    previous: the last Manifest or None; key: this build's global key;
    stamps: {document source: fingerprint (manifest.digest_files)} now; identify(source) -> Identity from
    the path; read_text(source) -> the file's text; pages: the sources of
    Pelican pages, which every page lists in its navigation: a partial build
    reads them all, and a change to one is a full build.

    A narrow plan (the first try) writes only the changed groups' pages and
    reads their neighbours for what those pages show of them. When what
    other pages show of a changed document changed (its title, say), the
    build asks for a wide plan: the changed groups and every group whose
    pages show them, written again.
    """
    if previous is None:
        return full("no manifest from an earlier build")
    if previous.key != key:
        return full("settings, theme, plugins, data files or the date changed")
    removed = sorted(set(previous.stamps) - set(stamps))
    if removed:
        return full(f"{removed[0]} was deleted" + (f" (and {len(removed) - 1} more)" if len(removed) > 1 else ""))
    changed = sorted(source for source, value in stamps.items() if previous.stamps.get(source) != value)
    changed_pages = [source for source in changed if source in pages]
    if changed_pages:
        return full(f"{changed_pages[0]} is a page, and every page's navigation lists the pages")
    gone = missing_outputs(previous, site_path)
    if gone:
        return full(f"{gone[0]} is missing from the output folder")
    identities = dict(previous.identities)
    seeds = set()
    for source in changed:
        try:
            text = read_text(source)
        except (OSError, UnicodeDecodeError):
            return full(f"{source} cannot be read")
        if SOURCE_LINK.search(text):
            return full(f"{source} links to other files by source path ({{filename}})")
        if source in identities:
            seeds.add(identities[source].group)
        fresh = identify(source)
        identities.setdefault(source, fresh)
        seeds.add(fresh.group)
    if wide:
        groups = render_groups = frozenset(related_groups(seeds, identities))
    else:
        render_groups = frozenset(seeds)
        groups = render_groups | neighbours(seeds, identities)
    reread = frozenset(source for source in stamps
                       if source in pages
                       or (identities[source] if source in identities else identify(source)).group in groups)
    return Plan(partial=True, reason=f"{len(changed)} changed document(s)" + (f"; {wide}" if wide else ""),
                reread=reread, groups=groups, changed=tuple(changed), render_groups=render_groups, wide=bool(wide))
