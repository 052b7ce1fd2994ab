"""Group documents into translation sets by (kind, slug) and report what does not fit."""

import dataclasses
from collections import defaultdict


@dataclasses.dataclass(frozen=True)
class TranslationProblem:
    source_file: str
    field: str
    problem: str
    fix: str

    def message(self):
        return f"{self.source_file}: field '{self.field}': {self.problem}. {self.fix}"


def source_file(document):
    return getattr(document, "source_file", None) or document.source_path


def group_translations(documents, default_lang, languages, skipped=frozenset()):
    """Return (originals, translations, problems).

    Each kept document gets `translations`: the other languages' versions.
    A document in a language that is not configured, a second file with the
    same slug and language, and a translation with no default-language
    original are left out with a TranslationProblem each. `skipped` holds
    (kind, slug, lang) of documents another plugin already left out and
    reported: their translations are left out without a second message.
    """
    problems = []
    groups = defaultdict(dict)
    for document in sorted(documents, key=source_file):
        if document.lang not in languages:
            problems.append(TranslationProblem(
                source_file(document), "lang", f"'{document.lang}' is not a configured language",
                f"Use one of {', '.join(languages)}, or add '{document.lang}' to MULTILINGUAL['languages'] in pelicanconf.py",
            ))
            continue
        group = groups[(getattr(document, "kind", None), document.slug)]
        if document.lang in group:
            problems.append(TranslationProblem(
                source_file(document), "slug",
                f"'{document.slug}' in '{document.lang}' is already used by {source_file(group[document.lang])}",
                "Give one of the two files another Slug, or delete the copy",
            ))
            continue
        group[document.lang] = document

    originals, translations = [], []
    for (kind, slug), group in groups.items():
        if default_lang not in group:
            if (kind, slug, default_lang) in skipped:
                continue
            for document in group.values():
                problems.append(TranslationProblem(
                    source_file(document), "slug",
                    f"no '{default_lang}' document has the slug '{slug}', so this translation has no original",
                    f"Set Slug to the slug of the '{default_lang}' document it translates, or add that document first",
                ))
            continue
        for document in group.values():
            document.translations = [other for other in group.values() if other is not document]
            (originals if document.lang == default_lang else translations).append(document)
    return originals, translations, problems
