"""Each document's state in each language, as plain data.

translation_status() decides one (document, language) pair from the two
files; collect_status() does it for a whole site, and checks each action's
Required-Languages. The build, the status page and `invoke translations` all
use these.

A translation's state says whether its text matches the original
(translated, outdated, stub, missing). Its review is separate: what the
translator wrote in Translation-Status (translated, or reviewed once a
second person checked it), with the optional Translator and Reviewer names.
Review only matters in the languages of TRANSLATION_STUBS['review_languages'].
"""

import dataclasses
import functools
import os

from campaign_content.data import load_data, missing_texts
from campaign_content.model import REQUIRED
from campaign_content.names import file_name_problem, language_problem

from campaign.problems import Problem, a_few_then_counted, shortened
from multilingual.grouping import group_translations

from .catalogs import ThemeStrings, theme_strings
from .document_cache import read_document_infos
from .documents import STUB_NOTE, TRANSLATABLE, is_fingerprint, read_documents

TRANSLATED, OUTDATED, STUB, MISSING = "translated", "outdated", "stub", "missing"
STATES = (TRANSLATED, OUTDATED, STUB, MISSING)
# Values of the Translation-Status field a translator may write, in order.
REVIEWED = "reviewed"
STATUS_VALUES = ("stub", "translated", REVIEWED)
# A published translation's review: reviewed, or not yet.
UNREVIEWED = "not reviewed"
REQUIRED_FIELD = "required-languages"


@dataclasses.dataclass(frozen=True)
class TranslationStatus:
    """One document in one language."""

    kind: str
    slug: str
    lang: str
    source_file: str  # the default-language original
    file: object  # the translation's file, or None when missing
    state: str  # one of STATES
    source_fingerprint: str  # of the original as it is now
    recorded_fingerprint: object  # the translation's Source-Fingerprint, or None
    problems: tuple = ()  # Problems to fix in the translation file
    fields: dict = dataclasses.field(default_factory=dict)  # the translation's header, one string per key
    review: object = None  # REVIEWED or UNREVIEWED for a published translation, else None
    translator: object = None  # the Translator: name, or None
    reviewer: object = None  # the Reviewer: name, or None
    review_required: bool = False  # its language is in TRANSLATION_STUBS['review_languages']

    @property
    def fingerprint_line(self):
        """The header line to paste into the translation once it matches the original again (outdated only)."""
        return f"Source-Fingerprint: {self.source_fingerprint}" if self.state == OUTDATED else None

    @property
    def published(self):
        """The text may be published (a build may still hold it back for review)."""
        return self.state in (TRANSLATED, OUTDATED)

    @property
    def awaiting_review(self):
        """Published text in a language that needs review, not reviewed yet."""
        return self.review_required and self.published and self.review != REVIEWED

    @property
    def ready(self):
        """Nothing left to do: current, and reviewed where review is required."""
        return self.state == TRANSLATED and not self.awaiting_review

    def as_dict(self, names=True):
        """For --json; `names`: False leaves the translator's and reviewer's names out (None)."""
        return {
            "kind": self.kind, "slug": self.slug, "lang": self.lang, "source_file": self.source_file,
            "file": self.file, "state": self.state, "review": self.review, "review_required": self.review_required,
            "ready": self.ready, "translator": self.translator if names else None,
            "reviewer": self.reviewer if names else None,
            "source_fingerprint": self.source_fingerprint, "recorded_fingerprint": self.recorded_fingerprint,
            "fingerprint_line": self.fingerprint_line,
            "problems": [problem.as_dict() for problem in self.problems],
        }


def _status_value(translation):
    value = translation.field("translation-status")
    return value.strip().lower() if value else None


MAX_NAME_CHARACTERS = 100


def _name(translation, field):
    value = translation.field(field)
    # A name is a few words; a longer value is shown by its start (the status page lists every translation).
    return shortened(" ".join(value.split()), MAX_NAME_CHARACTERS) if value and value.strip() else None


def translation_status(source, lang, translation=None, review_required=False):
    """The TranslationStatus of `source` (a Document or DocumentInfo) in `lang`.

    `translation` is the document of that language, or None. Stubs, however
    edited, are never published; a translation whose Source-Fingerprint is not
    the source's current one is outdated. `review_required`: `lang` is one of
    the languages whose translations need review before publishing.
    """
    current = source.fingerprint
    base = dict(kind=source.kind, slug=source.slug, lang=lang, source_file=source.path, source_fingerprint=current,
                review_required=review_required)
    if translation is None:
        return TranslationStatus(file=None, state=MISSING, recorded_fingerprint=None, **base)

    path = translation.path
    fields = dict(translation.fields)
    base.update(fields=fields, translator=_name(translation, "translator"), reviewer=_name(translation, "reviewer"))
    recorded = translation.field("source-fingerprint")
    recorded = recorded.strip() if recorded else None
    problems = []
    status = _status_value(translation)

    unknown_status = status not in (None, *STATUS_VALUES)
    if unknown_status:
        problems.append(Problem(path, "translation-status", f"{shortened(translation.field('translation-status'))!r} is not a translation status",
                                "Write 'Translation-Status: stub' while the translation is not done, 'translated' when it is, "
                                "or 'reviewed' once a second person has checked it; until then the file is treated as a stub "
                                "and not published", level="error", line=translation.lines.get("translation-status")))
        status = STUB

    if status == STUB:
        made = translation.field("stub-fingerprint")
        # Not for a status mistyped ('transalted'): the error above already says what to write.
        if made and made.strip().lower() != translation.fingerprint and not unknown_status:
            # A notice, not a warning: saving half a translation is how translating goes, not a mistake, and
            # a strict publish must not stop the rest of the site for it.
            problems.append(Problem(path, "translation-status", "the file has been edited but is still marked as a stub, so it is not published",
                                    "When the translation is done, set 'Translation-Status: translated'", level="notice",
                                    line=translation.lines.get("translation-status")))
        return TranslationStatus(file=path, state=STUB, recorded_fingerprint=recorded, problems=tuple(problems), **base)

    state = TRANSLATED
    if recorded is None:
        problems.append(Problem(path, "source-fingerprint", "is missing, so nobody can tell whether this translation is up to date",
                                f"Compare it with {source.path}; when it matches, add the line 'Source-Fingerprint: {current}'", level="notice"))
    elif not is_fingerprint(recorded):
        problems.append(Problem(path, "source-fingerprint", f"{shortened(recorded)!r} is not a fingerprint (sha256: and 64 hex digits); the translation counts as outdated",
                                f"Restore the value the stub had, or after checking the translation against {source.path} "
                                f"write 'Source-Fingerprint: {current}'", level="warning",
                                line=translation.lines.get("source-fingerprint")))
        state = OUTDATED
    elif recorded.lower() != current:
        state = OUTDATED
    if translation.stub_note:
        problems.append(Problem(path, "body", "still holds the translation stub note, which ends up in the page's HTML",
                                f"Delete the paragraph that starts with '<!-- {STUB_NOTE}'", level="warning"))
    review = REVIEWED if status == REVIEWED else UNREVIEWED
    return TranslationStatus(file=path, state=state, recorded_fingerprint=recorded, problems=tuple(problems),
                             review=review, **base)


@dataclasses.dataclass
class LanguageSummary:
    lang: str
    entries: list
    theme: ThemeStrings
    # [(data file, entry id, field)] of target and person texts with no text in this language.
    data_texts: list = dataclasses.field(default_factory=list)

    @property
    def total(self):
        return len(self.entries)

    def count(self, state):
        return sum(1 for entry in self.entries if entry.state == state)

    def percent(self, state):
        return round(100 * self.count(state) / self.total) if self.total else 0

    @property
    def counts(self):
        return {state: self.count(state) for state in STATES}

    @property
    def percents(self):
        return {state: self.percent(state) for state in STATES}

    @property
    def review_required(self):
        return any(entry.review_required for entry in self.entries)

    @property
    def reviewed(self):
        return sum(1 for entry in self.entries if entry.published and entry.review == REVIEWED)

    @property
    def awaiting_review(self):
        return sum(1 for entry in self.entries if entry.awaiting_review)

    @property
    def complete(self):
        return all(entry.ready for entry in self.entries) and not self.theme.untranslated and not self.data_texts


@dataclasses.dataclass
class StatusReport:
    """The translation status of a whole site."""

    default_lang: str
    languages: list  # [LanguageSummary], one per language other than the default
    problems: list  # file-level Problems: unreadable files, unknown languages, orphans
    originals: list
    # Problems of actions whose Required-Languages are not ready, one per
    # action and language (field 'required-languages').
    required: list = dataclasses.field(default_factory=list)
    # Problems in originals' fields that only the status finds (the build logs them).
    field_problems: list = dataclasses.field(default_factory=list)

    @property
    def entries(self):
        return [entry for summary in self.languages for entry in summary.entries]

    @functools.cached_property
    def _entries_by_file(self):
        return {entry.file: entry for entry in self.entries if entry.file is not None}

    def entry_for_file(self, path):
        """The entry of a translation file; the build asks once per file, so by dict."""
        return self._entries_by_file.get(path)

    @functools.cached_property
    def _entries_by_key(self):
        return {(entry.kind, entry.slug, entry.lang): entry for entry in self.entries}

    def entry_for(self, kind, slug, lang):
        """The entry of the original (`kind`, `slug`) in `lang`, or None."""
        return self._entries_by_key.get((kind, slug, lang))

    @property
    def all_problems(self):
        return (self.problems + self.field_problems + [problem for entry in self.entries for problem in entry.problems]
                + self.required)

    @property
    def ok(self):
        """Nothing missing, stub, outdated or awaiting review, every theme string translated, no bad file."""
        return all(summary.complete for summary in self.languages) and not self.all_problems

    def as_dict(self, names=True):
        return {
            "default_language": self.default_lang,
            "ok": self.ok,
            "languages": {
                summary.lang: {
                    "total": summary.total,
                    "counts": summary.counts,
                    "percent": summary.percents,
                    "review_required": summary.review_required,
                    "reviewed": summary.reviewed,
                    "awaiting_review": summary.awaiting_review,
                    "documents": [entry.as_dict(names) for entry in summary.entries],
                    "theme_strings": summary.theme.as_dict(),
                    "data_texts": [{"file": file, "entry": entry, "field": field, "language": summary.lang}
                                   for file, entry, field in summary.data_texts],
                }
                for summary in self.languages
            },
            "required_languages": [problem.as_dict() for problem in self.required],
            "problems": [problem.as_dict() for problem in self.all_problems],
        }


def misnamed(documents, project):
    """([the documents the build reads], [Problem] of those it leaves out for their file name or Lang line):
    'about.RU.md', 'about.ru.old.md', a 'Lang: kk' in 'about.ru.md'. Grouped by what they say, they passed for
    another language's translation, or for the original itself (which was then called the copy)."""
    kept, problems = [], []
    for document in documents:
        problem = (file_name_problem(document.path, project.languages)
                   or language_problem(document.path, document.lang, document.lines.get("lang")))
        if problem is None:
            kept.append(document)
        else:
            problems.append(problem)
    return kept, problems


def group_documents(documents, project):
    """(originals, {(kind, slug, lang): Document}, [Problem]) of a site's documents, grouped as the build groups them."""
    documents, named = misnamed(documents, project)
    groups, problems = group_translations(documents, project.default_lang, project.languages,
                                          path_of=lambda document: document.path)
    problems = named + problems
    originals, translations = [], {}
    for (kind, slug), group in groups.items():
        for lang, document in group.items():
            if lang == project.default_lang:
                originals.append(document)
            else:
                translations[(kind, slug, lang)] = document
    return originals, translations, problems + taken_by_their_slug(originals, translations)


def taken_by_their_slug(originals, translations):
    """A warning for each translation whose Slug makes it another original's than its file name says, while
    the original its name says exists: 'pages/about.ru.md' with 'Slug: contact' translates pages/contact.md,
    so the status calls about's ru translation missing, and `invoke stubs` cannot write one under that name."""
    def name_says(document):
        return document.path.rsplit("/", 1)[-1].split(".", 1)[0]

    by_name = {(original.kind, name_says(original)): original for original in originals}
    problems = []
    for (kind, slug, lang), translation in sorted(translations.items()):
        named = name_says(translation)
        original = by_name.get((kind, named))
        if named != slug and original is not None and original.slug == named and (kind, named, lang) not in translations:
            problems.append(Problem(
                translation.path, "slug", f"'{shortened(slug)}' makes this the '{lang}' translation of another "
                f"document than {original.path}, which its name says, so {original.path} has none in '{lang}'",
                f"Delete the Slug line if it translates {original.path}; if not, rename the file after its Slug",
                level="warning", line=translation.lines.get("slug")))
    return problems


def required_languages(source):
    """The languages an action names in Required-Languages, in order, without repeats."""
    if source.kind != "actions":
        return []
    value = source.field(REQUIRED_FIELD) or ""
    return list(dict.fromkeys(part.strip() for part in value.replace("\n", ",").split(",") if part.strip()))


def misplaced_required_languages(originals, project):
    """[Problem] per briefing or page that names Required-Languages: only an action is held back for its
    translations, so the line would be ignored without a word."""
    problems = []
    for source in originals:
        if source.kind == "actions" or source.field(REQUIRED_FIELD) is None:
            continue
        what = {"briefings": "a briefing", "pages": "a page"}.get(source.kind, f"a document of kind {source.kind!r}")
        problems.append(Problem(source.path, REQUIRED_FIELD, f"only actions can require languages; this is {what}, "
                                "which is published whatever the state of its translations, so the line is ignored",
                                "Remove the 'Required-Languages:' line (name the languages in the actions instead)",
                                level="error", line=source.lines.get(REQUIRED_FIELD)))
    return problems


def _not_ready(entry):
    """(what is wrong, the fix) of a required translation that is not ready."""
    if entry.state == MISSING:
        return ("there is no translation", f"Run `invoke stubs --lang {entry.lang}` and translate the stub")
    if entry.state == STUB:
        return (f"{entry.file} is still a stub", "Finish the translation, then set 'Translation-Status: translated'")
    if entry.state == OUTDATED:
        return (f"{entry.file} is outdated", "Update it (see `invoke translations --diff`), then set "
                f"'{entry.fingerprint_line}'")
    return (f"{entry.file} has not been reviewed", "Have a second person check it, then set "
            "'Translation-Status: reviewed' and 'Reviewer: <their name>'")


def check_required_languages(originals, summaries, project):
    """([Problem] per action and required language not ready, [Problem] per language not configured)."""
    by_key = {(entry.source_file, summary.lang): entry for summary in summaries for entry in summary.entries}
    gaps, unknown = [], []
    for source in originals:
        # A few named (by their start), the rest counted: 20,000 codes made a 4.5 MB status page.
        unknown += a_few_then_counted(
            [lang for lang in required_languages(source) if lang not in project.languages],
            lambda lang: Problem(source.path, REQUIRED_FIELD, f"'{shortened(lang)}' is not a configured language",
                                 f"Use languages from MULTILINGUAL['languages'] ({', '.join(project.languages)}), "
                                 f"or ask the team to add '{shortened(lang)}' there", level="error"),
            lambda more: Problem(source.path, REQUIRED_FIELD, f"{more} more languages are not configured",
                                 f"Use languages from MULTILINGUAL['languages'] ({', '.join(project.languages)})",
                                 level="error"))
        for lang in required_languages(source):
            if lang == project.default_lang or lang not in project.languages:
                continue
            entry = by_key[(source.path, lang)]
            if entry.ready:
                continue
            what, fix = _not_ready(entry)
            gaps.append(Problem(source.path, REQUIRED_FIELD,
                                f"the action must be published in '{lang}', but {what}",
                                f"{fix}, or remove '{lang}' from Required-Languages", level="error"))
    return gaps, unknown


def held_back_actions(report):
    """{original path: [why]} of the open actions to hold back: not ready in a required language.

    A missing or stub translation, or one awaiting review where review is
    required, holds its action back; an outdated one does not (it keeps being
    published with the outdated notice), and a closed action never is held back.
    """
    by_key = {(entry.source_file, entry.lang): entry for entry in report.entries}
    held = {}
    for source in report.originals:
        if (source.field("state") or "").strip().lower() == "closed":
            continue
        for lang in required_languages(source):
            entry = by_key.get((source.path, lang))
            if entry is None:
                continue  # the original language, or one not configured (reported elsewhere)
            if entry.state in (MISSING, STUB) or entry.awaiting_review:
                what, _fix = _not_ready(entry)
                held.setdefault(source.path, []).append(f"'{lang}': {what}")
    return held


def required_translated_fields(kind):
    """The fields a translation of this kind must have: those the build requires that it translates
    (Title and Summary of an action or briefing; the others it takes from its original)."""
    return [field for field in REQUIRED.get(kind, ()) if field in TRANSLATABLE]


def missing_translated_fields(kind, fields):
    """The required_translated_fields() a translation lacks or leaves empty; `fields`: its header, one string
    per key (a Document's, a DocumentInfo's or a TranslationStatus's `fields`)."""
    return [field for field in required_translated_fields(kind) if not (fields.get(field) or "").strip()]


def left_out_translations(translations):
    """An error for each translation, not a stub, that lacks a field it must translate: an empty file, or one
    with only part of its header. The build leaves it out (and says so itself), so its page shows the
    original, while the status counted it as translated and `--strict` passed."""
    problems = []
    for (_kind, _slug, _lang), translation in sorted(translations.items()):
        if _status_value(translation) == STUB:
            continue
        for field in missing_translated_fields(translation.kind, translation.fields):
            problems.append(Problem(translation.path, field, "is missing, so the build leaves this translation out "
                                    "and its page shows the original", f"Add the line '{field.capitalize()}: …' "
                                    "with the field translated", level="error"))
    return problems


def collect_status(project, data=None):
    """The StatusReport of the site described by `project`.

    Without project.cache_path it reads every file and writes nothing, and
    report.originals are Documents with their text. With it, only files
    changed since the cache was written are read, the cache is updated, and
    report.originals are DocumentInfos: the same status, no text.
    """
    documents, problems = read_document_infos(project) if project.cache_path else read_documents(project)
    originals, translations, grouping_problems = group_documents(documents, project)
    data_problems = []
    if data is None:  # the build passes the targets and people it has already read (and logs their problems)
        data = load_data(project.content_path, project.data_path, project.default_lang)
        # A data file that cannot be read has no missing texts: say why, named like every file here.
        data_problems = [dataclasses.replace(problem, file=os.path.relpath(problem.file, project.content_path)
                                             .replace(os.sep, "/")) for problem in data.errors]
    originals.sort(key=lambda d: d.path)
    summaries = []
    for lang in project.translation_languages:
        review = lang in project.review_languages
        entries = [translation_status(source, lang, translations.get((source.kind, source.slug, lang)), review_required=review)
                   for source in originals]
        summaries.append(LanguageSummary(lang=lang, entries=entries, theme=theme_strings(project.catalog_path, lang),
                                         data_texts=missing_texts(data, lang, project.default_lang)))
    required, unknown = check_required_languages(originals, summaries, project)
    return StatusReport(default_lang=project.default_lang, languages=summaries,
                        problems=problems + grouping_problems + left_out_translations(translations) + unknown
                        + data_problems, originals=originals,
                        required=required,
                        field_problems=misplaced_required_languages(originals, project))
