"""A Markdown reader for campaign documents.

Compared with Pelican's MarkdownReader it keeps one Markdown instance per
reader (reset between files instead of rebuilt), reads the metadata header
itself, takes the `::: letter` block out of the body for the petition_links
plugin, gives long texts a table of contents and leaves a date it cannot
parse as text so that campaign_content can report it with the file's name.

With CAMPAIGN_CONTENT['read_processes'] above 1, that many worker processes
start converting a generator's files on its first preread signal
(`prefetch`), in reading order, while this process reads behind them,
converting itself any chunk no worker has started; each result is the same
strings the in-process path gives, so the output is identical, and
everything else (metadata, Pelican's signals, validation) still happens file
by file in the main process, overlapping the workers' conversion.
"""

import dataclasses
import logging
from html import escape
import multiprocessing
import os
import posixpath
import re
import sys
from concurrent.futures import ProcessPoolExecutor

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, strip_toc_elements_from_html, truncate_html_paragraphs, truncate_html_words

from campaign import contract
from campaign.addresses import mail_link_recipients
from campaign.problems import Problem
from campaign.processes import die_with_parent
from campaign.sources import is_inside, read_source, relative_name

from multilingual.i18n import theme_translations

from .block_triggers import BlockTriggersExtension
from .conversions import ConversionCache, conversion_salt, converted_of, record_of, text_key
from .inline_triggers import InlineTriggersExtension
from .header import read_header, split_header  # noqa: F401 - split_header: for readers that want the fields and body only
from .letter_block import LetterExtension, extract_letter  # noqa: F401 - extract_letter: likewise
from .model import (LIST_FIELDS, STATIC_EXTENSIONS, field_length_problems, formatted_length_problems,
                    leading_summary_problem, unknown_field_problems, unknown_fields)
from .pass_triggers import PassTriggersExtension
from .plain_fields import plain_paragraph, shortcut_allowed
from .sanitize import Sanitizer
from .settings import SETTING

DATE_FIELDS = ("date", "modified")
# Metadata the reader adds for campaign_content: the problems found while
# reading (logged on every build), each field's line, and a file that must
# not be published.
READ_PROBLEMS = "read_problems"
FIELD_LINES = "field_lines"
MAIL_TO = "mail_to"
UNUSABLE = "unusable"
# Pelican's links to other content files: {static}, {attach}, {filename}.
INTRASITE_LINK = re.compile(r"""(?P<attr>(?:href|src)=)(?P<quote>["'])[{|](?P<what>static|attach|filename)[|}](?P<path>[^"']*)(?P=quote)""")
ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*$")
# Fewer files than this are converted in-process: a worker costs ~0.3 s to start.
POOL_MIN_FILES = 48
CHUNK_FILES = 16
# Forked on Linux: this process has read nothing yet, and a spawned worker
# spent 0.4 s of CPU importing Pelican again. Spawned elsewhere (macOS
# system libraries are not safe across fork).
WORKER_START = "fork" if sys.platform.startswith("linux") else "spawn"

logger = logging.getLogger(__name__)


def count_headings(tokens):
    return sum(1 + count_headings(token.get("children", [])) for token in tokens)


def markdown_options(settings):
    """Markdown(**options) for a document body; the header is read by read_header."""
    options = dict(settings["MARKDOWN"])
    options["extensions"] = [e for e in options.get("extensions", []) if e != "markdown.extensions.meta"]
    return options


def convert(md, text):
    """`text` as HTML, by a Markdown instance reset first (nothing carries over between texts)."""
    md.reset()
    return md.convert(text)


# Deeper than this, a list or quotation is a mistake or an attack: Python-
# Markdown's time grows much faster than the depth (2,000 levels: 112 s).
MAX_NESTING = 16
LEADING = re.compile(r"^[ \t>]*")


def nesting_depth(body):
    """(deepest nesting of lists, quotations and indented blocks, its 0-based line)."""
    deepest, where = 0, 0
    for index, line in enumerate(body.split("\n")):
        prefix = LEADING.match(line).group()
        if len(prefix) < 4 * MAX_NESTING // 2 and prefix.count(">") <= MAX_NESTING:
            continue  # too shallow to matter: measured only where it could be deep
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4
        if depth > deepest:
            deepest, where = depth, index
    return deepest, where


# Python-Markdown's link and raw-HTML handling slows down much faster than
# the count grows (100,000 nested brackets would take hours); no real text
# comes near these.
MAX_BRACKETS = 1000
MAX_TAGS = 5000


def too_complex(body):
    """Why `body` would take Markdown unbounded time, or None."""
    brackets, tags = body.count("["), body.count("<")
    if brackets > MAX_BRACKETS:
        return f"has {brackets} '[' (links, footnotes); the limit is {MAX_BRACKETS}", "Split the text into several documents"
    if tags > MAX_TAGS:
        return f"has {tags} '<' (HTML tags); the limit is {MAX_TAGS}", "Write Markdown instead of HTML, or split the text"
    return None


# Pelican cuts a summary from a document without one in time that grows with lines x tags of the whole
# document (each tag counts the lines before it): a 60 KB table of empty cells took 110 s. The cut is
# made from the document's first lines only, where any real text has its first words.
SUMMARY_HEAD_LINES = 100
SUMMARY_HEAD_CHARACTERS = 20_000


def leading_summary(html, settings):
    """What Pelican's get_summary gives a document without a Summary line, cut from its first
    SUMMARY_HEAD_LINES lines (and SUMMARY_HEAD_CHARACTERS characters, ending after a tag)."""
    head = html
    if len(head) > SUMMARY_HEAD_CHARACTERS or head.count("\n") >= SUMMARY_HEAD_LINES:
        head = "\n".join(head.split("\n", SUMMARY_HEAD_LINES)[:SUMMARY_HEAD_LINES])[:SUMMARY_HEAD_CHARACTERS]
        head = head[: head.rfind(">") + 1]
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        head = truncate_html_paragraphs(head, settings["SUMMARY_MAX_PARAGRAPHS"])
    summary = truncate_html_words(head, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"])
    return strip_toc_elements_from_html(summary)


LETTER_PROBLEMS = {
    "stray": ("the line '{fence}' closes no '::: letter' block, so the text around it may have left the letter",
              "Make sure the letter is between one '::: letter' line and one ':::' line, with no ':::' inside it"),
    "unknown": ("'{fence}' is not a block this site knows", "Only '::: letter' blocks exist; delete the line or "
                "put it in a code block"),
    "second": ("has a second '::: letter' block; only the first is used", "Keep one letter per file"),
    "unclosed": ("the '::: letter' block is never closed, so it runs to the end of the file",
                 "Add a line ':::' after the letter's last line"),
}


@dataclasses.dataclass
class Converted:
    """All the Markdown work of one file, as plain values a worker can send back."""

    fields: dict  # lowercased key -> [values]
    lines: dict  # lowercased key -> the line it is written on
    content: str  # the body's HTML, sanitised
    toc: object  # the table of contents' HTML, or None
    letter: object  # the letter's raw text, or None
    formatted: dict  # formatted field (Summary) -> its HTML, sanitised
    problems: list  # [Problem], file left blank for the reader to fill in
    usable: bool = True  # False: the file cannot be published (the problems say why)
    from_cache: bool = False  # read from the conversion cache (conversions.py), not converted now
    text_key: bytes = b""  # conversions.text_key of the text converted
    source_problems: list = dataclasses.field(default_factory=list)  # the file's bytes' problems (read_source)
    # Every address its mail links send to (campaign.addresses.mail_link_recipients): a translation's are
    # checked against its original's (campaign_content.check_translated_mail_links).
    mail_to: tuple = ()

    # Pickled (to the conversion cache, from a worker) with its texts as UTF-8 bytes: CPython keeps the UTF-8
    # it writes for a str in that str for as long as it lives, which doubles a Russian or Kazakh page's memory.
    def __getstate__(self):
        state = dict(self.__dict__)
        for name in TEXT_FIELDS:
            state[name] = _as_utf8(state[name])
        state["formatted"] = {key: _as_utf8(value) for key, value in self.formatted.items()}
        return state

    def __setstate__(self, state):
        for name in TEXT_FIELDS:
            state[name] = _as_text(state[name])
        state["formatted"] = {key: _as_text(value) for key, value in state["formatted"].items()}
        self.__dict__.update(state)


TEXT_FIELDS = ("content", "toc", "letter")  # Converted's fields of text (or None), pickled as UTF-8


def _as_utf8(value):
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value


def _as_text(value):
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def unusable(header, problems):
    """The Converted of a file that cannot be published: its header, for the messages, and why."""
    return Converted(header.fields, header.lines, "", None, None, {}, problems, usable=False)


class DocumentConverter:
    """One configured Markdown (reset between files), the letter block and the sanitiser, for one process."""

    def __init__(self, options, toc_min_headings, formatted_fields):
        self.letters = LetterExtension()
        options = dict(options)
        self.plain_shortcut = shortcut_allowed(options)
        # The triggers last, so that they see every block processor and inline pattern.
        options["extensions"] = list(options.get("extensions", [])) + [self.letters, BlockTriggersExtension(),
                                                                       PassTriggersExtension(), InlineTriggersExtension()]
        self.md = Markdown(**options)
        self.sanitizer = Sanitizer()
        self.toc_min_headings = toc_min_headings
        self.formatted_fields = formatted_fields

    def _html(self, text, field, problems, recipients, line=None):
        """The sanitised HTML of `text`; the addresses its mail links send to are added to `recipients`."""
        html, removed = self.sanitizer.clean(convert(self.md, text))
        recipients.update(address for link in self.sanitizer.mail_links for address in mail_link_recipients(link))
        if removed:
            problems.append(Problem("", field, "had HTML that pages may not carry; removed: " + "; ".join(removed),
                                    "Write Markdown, or only the HTML docs/authoring.md allows (the trust model)",
                                    level="warning", line=line))
        return html

    def _field_html(self, text, field, problems, line, recipients):
        plain = plain_paragraph(text) if self.plain_shortcut else None
        return plain if plain is not None else self._html(text, field, problems, recipients, line)

    def convert(self, text):
        header = read_header(text)
        problems = list(header.problems)
        too_long = field_length_problems(header.fields, header.lines)
        if too_long:  # left out before Markdown spends time on a megabyte of Summary
            return unusable(header, problems + too_long)
        depth, where = nesting_depth(header.body)
        complexity = too_complex(header.body)
        if depth > MAX_NESTING or complexity:
            if complexity:
                problems.append(Problem("", "", *complexity))
            else:
                problems.append(Problem("", "", f"nests lists or quotations {depth} levels deep; the limit is "
                                        f"{MAX_NESTING}", "Flatten the list or quotation", line=header.body_line + where))
            return unusable(header, problems)
        recipients = set()
        try:
            content = self._html(header.body, "", problems, recipients)
        except RecursionError:
            # Structures Markdown nests as it reads them (a thousand definitions in a row): MAX_NESTING
            # counts lists and quotations only.
            problems.append(Problem("", "", "is structured too deeply for Markdown to read (definition lists, "
                                    "lists or quotations inside each other)", "Split it into shorter parts, "
                                    "separated by paragraphs"))
            return unusable(header, problems)
        # Read the table of contents and the letter before the next conversion resets them.
        tokens = getattr(self.md, "toc_tokens", [])
        toc = self.md.toc if count_headings(tokens) >= self.toc_min_headings else None
        letter = self.letters.letter
        problems += self._letter_problems(header)
        formatted = {name: self._field_html("\n".join(values), name, problems, header.lines.get(name), recipients)
                     for name, values in header.fields.items() if name in self.formatted_fields}
        too_big = formatted_length_problems(formatted, header.lines)
        if too_big:
            return unusable(header, problems + too_big)
        return Converted(header.fields, header.lines, content, toc, letter, formatted, problems,
                         mail_to=tuple(sorted(recipients)))

    def _letter_problems(self, header):
        found = []
        body_lines = header.body.split("\n")
        for kind, fence in self.letters.problems:
            message, fix = LETTER_PROBLEMS[kind]
            matching = [i for i, line in enumerate(body_lines) if line.strip() == (fence or "::: letter")]
            line = None
            if matching:
                line = header.body_line + (matching[-1] if kind in ("stray", "unknown", "second") else matching[0])
            found.append(Problem("", "letter", message.format(fence=fence), fix, line=line))
        return found


# A reading worker's one DocumentConverter, made by start_reading_worker when the process starts: a worker
# converts many chunks, and configuring Markdown and its extensions anew for each cost 0.8 ms a chunk.
# Only worker processes set it.
worker_converter = None


def start_reading_worker(parent, options, toc_min_headings, formatted_fields):
    """A reading worker's initializer: it dies with `parent` and configures its converter once."""
    global worker_converter  # noqa: PLW0603 - the process's own converter (see above)
    die_with_parent(parent)
    worker_converter = DocumentConverter(options, toc_min_headings, formatted_fields)


def convert_files(paths, content_path):
    """Worker task: for each path, its Converted as the conversion cache keeps it (record_of) and the
    problems of its bytes; None where a file fails (read again in-process). As bytes, the conversion is
    pickled once, here, for both the way back and the cache."""
    converter = worker_converter
    results = []
    for path in paths:
        try:
            converted = convert_path(converter, path, content_path)
            results.append((record_of(converted), converted.source_problems))
        except Exception:  # noqa: BLE001 - the in-process read reports it with the file name
            results.append(None)
    return results


def convert_path(converter, path, content_path, cache=None, source=None):
    """The Converted of one file, from `cache` when it holds this text; one that cannot be read is not
    usable, and says why. `source`: read_source's (text, problems) when the caller has read the file."""
    text, problems = source or read_source(path, content_path)
    if text is None:
        return Converted({}, {}, "", None, None, {}, [], usable=False, source_problems=problems)
    key = text_key(text)
    converted = cache.get(key) if cache is not None else None
    if converted is None:
        converted = converter.convert(text)
        converted.text_key = key
    converted.source_problems = problems
    return converted


def worker_result(result):
    """(Converted, its record_of() bytes) of one of convert_files' results; (None, None) for a file it failed."""
    if result is None:
        return None, None
    record, source_problems = result
    converted = converted_of(record)
    converted.source_problems = source_problems
    return converted, record


def read_processes(settings):
    wanted = contract.merged(settings, SETTING)["read_processes"]
    return (os.cpu_count() or 1) if wanted == 0 else wanted


def inert(match):
    """An INTRASITE_LINK match with its address replaced by '#': the link stays, leading nowhere harmful."""
    return f"{match.group('attr')}{match.group('quote')}#{match.group('quote')}"


def contain_links(html, file, content_path, field, problems, text_files=()):
    """`html` with every {static}/{attach}/{filename} link that leaves the content folder, or leads to a file
    the site does not publish (not an image, nor a {static} link to one of `text_files`), made inert; in a
    Summary, every one: a summary shows on list pages at other depths than its own, and Pelican makes such a
    link into an address once, from wherever it stood then, so it led nowhere from most pages."""
    if "{" not in html and "|" not in html:
        return html
    folder = os.path.dirname(file)

    def check(match):
        if field == "summary":
            problems.append(Problem(file, field, f"links to {{{match.group('what')}}}{match.group('path')}; a "
                                    "summary is shown on the site's lists, where such a link leads nowhere, so it "
                                    "was left out", "Put the link in the text below the summary", level="warning"))
            return inert(match)
        target = match.group("path").split("#", 1)[0].split("?", 1)[0]
        relative = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        normalized = posixpath.normpath(relative)
        if normalized.startswith("../") or not is_inside(os.path.join(content_path, relative), content_path):
            problems.append(Problem(file, field, f"links to {{{match.group('what')}}}{match.group('path')}, which is "
                                    "outside the content folder; the link was left out",
                                    "Link only to files under content/ (e.g. {static}/images/photo.jpg)"))
            return inert(match)
        # Not {attach} to a text file: it would move the team's file (robots.txt) beside the document.
        published_text = match.group("what") == "static" and normalized in text_files
        if match.group("what") != "filename" and not target.lower().endswith(STATIC_EXTENSIONS) and not published_text:
            problems.append(Problem(file, field, f"links to {{{match.group('what')}}}{match.group('path')}, which "
                                    "the site does not publish (only images: JPEG, PNG, WebP or GIF); the link was "
                                    "left out", "Link to an image, or to a page of the site with {filename}",
                                    level="warning"))
            return inert(match)
        return match.group(0)

    return INTRASITE_LINK.sub(check, html)


def N_(message):  # noqa: N802 - gettext's name for "extract this, translate it later"
    return message


# Python-Markdown writes its footnotes' back-links with an English title and
# no heading; pages get both in their own language, from the theme catalogs.
NOTES_HEADING = N_("Notes")
BACKLINK_TITLE = N_("Back to the text of note %(number)s")
ENGLISH_BACKLINK = re.compile(r'title="Jump back to footnote (\d+) in the text"')
FOOTNOTES_START = '<div class="footnote">'


def localize_footnotes(html, gettext):
    """`html` with a "Notes" heading over its footnotes and back-link titles in the catalog's language."""
    if FOOTNOTES_START not in html:
        return html
    html = ENGLISH_BACKLINK.sub(lambda match: 'title="{}"'.format(
        escape(gettext(BACKLINK_TITLE) % {"number": match.group(1)}, quote=True)), html)
    return html.replace(FOOTNOTES_START, f'{FOOTNOTES_START}<h2 class="notes-heading">{escape(gettext(NOTES_HEADING))}</h2>', 1)


def document_language(path, fields, default_lang):
    """A file's language: its Lang line, else the suffix of its name (slug.ru.md), else the default."""
    if fields.get("lang"):
        return fields["lang"][0].strip()
    parts = os.path.basename(path).split(".")
    return parts[1] if len(parts) == 3 else default_lang


def conversion_cache(settings, options, toc_min_headings, formatted_fields):
    """The build's one ConversionCache, kept in the settings every reader of the build shares."""
    cache = settings.get(contract.CONVERSION_CACHE)
    if cache is None:
        cache = ConversionCache(settings["CACHE_PATH"], conversion_salt(options, toc_min_headings, formatted_fields))
        settings[contract.CONVERSION_CACHE] = cache
    return cache


def converter_arguments(settings):
    """DocumentConverter's arguments for these settings: (Markdown options, toc_min_headings, formatted fields)."""
    campaign = contract.merged(settings, SETTING)
    return markdown_options(settings), campaign["toc_min_headings"], tuple(settings["FORMATTED_FIELDS"])


class CampaignMarkdownReader(MarkdownReader):
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._options, self._toc_min_headings, self._formatted_fields = converter_arguments(self.settings)
        self._markdown = None  # made on first use: Pelican makes a reader per extension and generator
        campaign = contract.merged(self.settings, SETTING)
        self._text_files = frozenset(campaign["text_files"])  # what a {static} link may lead to besides images
        # {absolute path: (Converted, its record_of() bytes when a worker made them, else None)}, filled
        # from the reading workers' chunks and the conversion cache (prefetch), emptied by read.
        self._prefetched = {}
        self._prefetch_done = False
        self._pool, self._chunks, self._futures, self._chunk_of = None, [], {}, {}
        # A partial rebuild reads a few documents: loading the whole cache would cost it more.
        wanted = campaign["conversion_cache"] and not contract.incremental(self.settings).plan.partial
        self._cache = conversion_cache(self.settings, self._options, self._toc_min_headings,
                                       self._formatted_fields) if wanted else None
        # Documents read, and how many of them came from the conversion cache.
        self.read_count = self.cached_count = 0

    def process_metadata(self, name, value):
        if name in DATE_FIELDS:
            # Only YYYY-MM-DD[ HH:MM[:SS]], as docs/authoring.md says: dateutil, which Pelican would ask,
            # reads 'March 3, 2019' and '2019-03-04T23:00-12:00' (another day in the site's time zone).
            # Anything else stays text, and campaign_content reports it with the file name.
            try:
                if isinstance(value, str) and ISO_DATE.match(value):
                    return SafeDatetime.fromisoformat(value.strip())
            except (ValueError, OverflowError):
                pass
            return value
        return super().process_metadata(name, value)

    @property
    def _converter(self):
        if self._markdown is None:
            self._markdown = DocumentConverter(self._options, self._toc_min_headings, self._formatted_fields)
        return self._markdown

    def _convert_path(self, path):
        return convert_path(self._converter, path, self.settings["PATH"], self._cache)

    def _gettext(self, lang):
        """The theme catalog's gettext for `lang` (the source strings where there is none, or for a
        language the site does not have)."""
        return theme_translations(self.settings).catalog(lang).gettext

    def read(self, source_path):
        self._source_path = source_path
        if source_path not in self._prefetched and source_path in self._chunk_of:
            self._take_chunk(self._chunk_of[source_path])
        converted, record = self._prefetched.pop(source_path, (None, None))
        if converted is None:
            converted = self._convert_path(source_path)
        self.read_count += 1
        self.cached_count += converted.from_cache
        if self._cache is not None and converted.usable and not converted.from_cache and converted.text_key:
            self._cache.put(converted.text_key, converted, record)
        file = relative_name(source_path, self.settings["PATH"])
        problems = [dataclasses.replace(problem, file=file) for problem in converted.source_problems + converted.problems]
        content, formatted = converted.content, dict(converted.formatted)
        unknown = unknown_fields(converted.fields)
        problems += [dataclasses.replace(problem, file=file) for problem in unknown_field_problems(unknown, converted.lines)]
        content = contain_links(content, file, self.settings["PATH"], "", problems, self._text_files)
        content = localize_footnotes(content, self._gettext(
            document_language(source_path, converted.fields, self.settings["DEFAULT_LANG"])))
        for name in formatted:
            formatted[name] = contain_links(formatted[name], file, self.settings["PATH"], name, problems,
                                            self._text_files)
        metadata = self._metadata({name: values for name, values in converted.fields.items() if name not in unknown},
                                  formatted)
        if "summary" not in metadata and self.settings.get("SUMMARY_MAX_LENGTH") is not None:
            metadata["summary"] = leading_summary(content, self.settings)
            problem = leading_summary_problem(metadata["summary"])
            if problem:
                problems.append(dataclasses.replace(problem, file=file))
                metadata["summary"] = ""
        if converted.toc:
            metadata["toc"] = converted.toc
        if converted.letter is not None:
            metadata["letter"] = converted.letter
        # campaign_content logs these when it checks the metadata (every build,
        # also when Pelican's cache hands the file over without reading it).
        metadata[READ_PROBLEMS] = problems
        metadata[FIELD_LINES] = converted.lines
        metadata[MAIL_TO] = converted.mail_to
        if not converted.usable:
            metadata[UNUSABLE] = True
        return content, metadata

    def prefetch(self, paths):
        """Start converting the Markdown of `paths` (absolute, in reading order) in worker processes.

        The workers take the chunks in reading order; read() takes a chunk's
        results when it reaches it, converting here any chunk no worker has
        started. So Pelican's per-file work and our checks in this process
        follow the workers closely, and little of it is left when the last
        chunk is converted. (When this process converted from the front and
        one worker fewer came from the back, its per-file work for the
        workers' half of the files came after all converting was done: about
        0.7 s on one core at 1,000 x 3.)
        """
        if self._cache is not None and self._cache.has_entries():
            # What the conversion cache holds is taken now; only the rest goes to the workers.
            paths = [path for path in paths if not self._take_cached(path)]
        processes = read_processes(self.settings)
        if processes < 2 or len(paths) < POOL_MIN_FILES:
            return
        chunks = [paths[i:i + CHUNK_FILES] for i in range(0, len(paths), CHUNK_FILES)]
        try:
            self._pool = ProcessPoolExecutor(
                processes, mp_context=multiprocessing.get_context(WORKER_START), initializer=start_reading_worker,
                initargs=(os.getpid(), self._options, self._toc_min_headings, self._formatted_fields))
            futures = {index: self._pool.submit(convert_files, chunks[index], self.settings["PATH"])
                       for index in range(len(chunks))}
        except Exception as error:  # noqa: BLE001 - everything is read in-process instead
            logger.debug("campaign_content: parallel reading did not start (%s); reading in-process", error)
            self._finish()
            return
        self._chunks, self._futures = chunks, futures
        self._chunk_of = {path: index for index, chunk in enumerate(chunks) for path in chunk}

    def _take_cached(self, path):
        """Put the file's cached conversion in _prefetched; False when the cache does not hold its text."""
        text, problems = read_source(path, self.settings["PATH"])
        converted = self._cache.get(text_key(text)) if text is not None else None
        if converted is None:
            return False
        converted.source_problems = problems
        self._prefetched[path] = (converted, None)
        return True

    def _take_chunk(self, index):
        """Put one chunk's results in _prefetched: a worker's, or converted here if none started it."""
        chunk, future = self._chunks[index], self._futures.pop(index)
        for path in chunk:
            del self._chunk_of[path]
        if future.cancel():
            results = [(self._try_convert_path(path), None) for path in chunk]
        else:
            try:
                results = [worker_result(result) for result in future.result()]
            except Exception as error:  # noqa: BLE001 - read() converts in-process what is missing
                logger.debug("campaign_content: a reading worker failed (%s); reading in-process", error)
                results = [(None, None)] * len(chunk)
        self._prefetched.update((path, result) for path, result in zip(chunk, results) if result[0] is not None)
        if not self._futures:
            self._finish()
        elif self._pool is not None and all(future.done() for future in self._futures.values()):
            # Nothing left for the workers: let them exit now rather than idle
            # (and hold their memory) until this process reads the last chunk.
            # They are idle, so waiting for them costs nothing and none outlives the build.
            self._pool.shutdown(wait=True)
            self._pool = None

    def _try_convert_path(self, path):
        try:
            return self._convert_path(path)
        except Exception:  # noqa: BLE001 - read() reads it again and reports it with the file name
            return None

    def _finish(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._chunks, self._futures, self._chunk_of = None, [], {}, {}

    def _metadata(self, header, formatted):
        output = {}
        for name, values in header.items():
            if name in formatted:
                output[name] = self.process_metadata(name, formatted[name])
            elif name in LIST_FIELDS:
                output[name] = self.process_metadata(name, values)
            else:
                # A continuation line goes on the same value, as Markdown's meta extension has it: never a
                # list that a template would show as "['a', 'b']", never a line dropped without a word.
                output[name] = self.process_metadata(name, "\n".join(values))
        return output


def _prefetch(generator, paths_setting, excludes_setting):
    reader = generator.readers.readers.get("md")
    if not isinstance(reader, CampaignMarkdownReader) or reader._prefetch_done:
        return
    reader._prefetch_done = True  # the preread signal comes once per file
    if read_processes(generator.settings) < 2:
        return
    paths = []
    for relative in generator.get_files(generator.settings[paths_setting], exclude=generator.settings[excludes_setting]):
        path = os.path.abspath(os.path.join(generator.path, relative))
        if path.rsplit(".", 1)[-1] not in reader.file_extensions:
            continue
        # Skip what Pelican's content cache will hand over without reading.
        if generator.get_cached_data(relative, None) is not None:
            continue
        if generator.readers.get_cached_data(path, (None, None))[0] is not None:
            continue
        paths.append(path)
    reader.prefetch(paths)


def prefetch_articles(generator):
    """article_generator_preread: convert every article's Markdown at once (read_processes > 1)."""
    _prefetch(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prefetch_pages(generator):
    """page_generator_preread: the same for pages."""
    _prefetch(generator, "PAGE_PATHS", "PAGE_EXCLUDES")
