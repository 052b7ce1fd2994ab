"""Group documents into translation sets by (kind, slug): the one rule, used by
the build (multilingual) and by the translation status (translation_stubs)."""

from collections import defaultdict

from campaign import contract
from campaign.problems import Problem, shortened


def source_file(document):
    """A Pelican document's path for messages (relative to content/, from PATH_METADATA)."""
    return getattr(document, "source_file", None) or document.source_path


def group_translations(documents, default_lang, languages, *, path_of=source_file, skipped=frozenset()):
    """({(kind, slug): {lang: document}} of every set with an original, [Problem]).

    Left out, with a Problem each: a document in a language that is not
    configured, a second file with the same kind, slug and language, and a
    translation with no original in `default_lang`. `skipped` holds
    (kind, slug, lang) of documents already left out and reported (bad
    input): their translations are left out without a second message.
    `path_of(document)` names a document in messages.
    """
    problems = []
    groups = defaultdict(dict)
    for document in sorted(documents, key=path_of):
        path = path_of(document)
        if document.lang not in languages:
            problems.append(Problem(
                path, "lang", f"'{shortened(document.lang)}' is not a configured language, so the file is not built",
                f"Use one of {', '.join(languages)} in the file name and Lang, or add '{shortened(document.lang)}' to "
                "MULTILINGUAL['languages'] in pelicanconf.py"))
            continue
        group = groups[(contract.kind_of(document), document.slug)]
        if document.lang in group:
            problems.append(Problem(
                path, "slug", f"'{document.slug}' in '{document.lang}' is already used by {path_of(group[document.lang])}",
                "Give one of the two files another Slug, or delete the copy"))
            continue
        group[document.lang] = document
    complete = {}
    for (kind, slug), group in groups.items():
        if default_lang in group:
            complete[(kind, slug)] = group
            continue
        if (kind, slug, default_lang) in skipped:
            continue
        for document in group.values():
            problems.append(Problem(
                path_of(document), "slug",
                f"no '{default_lang}' document has the slug '{slug}', so this translation has no original",
                f"Set Slug to the slug of the '{default_lang}' document it translates, or add that document first"))
    return complete, problems


def link_translations(groups, default_lang):
    """Give every document of each set its `translations`; return (originals, translations)."""
    originals, translations = [], []
    for group in groups.values():
        for document in group.values():
            document.translations = [other for other in group.values() if other is not document]
            (originals if document.lang == default_lang else translations).append(document)
    return originals, translations
