"""A Markdown reader for campaign documents.

Compared with Pelican's MarkdownReader it keeps one Markdown instance per
reader (reset between files instead of rebuilt), reads the metadata header
itself, takes the `::: letter` block out of the body for the petition_links
plugin, gives long texts a table of contents and leaves a date it cannot
parse as text so that campaign_content can report it with the file's name.

With CAMPAIGN_CONTENT['read_processes'] above 1 worker processes start
converting a generator's files on its first preread signal (`prefetch`),
from the last file back, while this process reads from the first file on,
converting itself each chunk no worker has started; each result is the same
strings the in-process path gives, so the output is identical, and
everything else (metadata, Pelican's signals, validation) still happens file
by file in the main process, overlapping the workers' conversion.
"""

import logging
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from .settings import SETTING

META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
LETTER_BLOCK = re.compile(r"^:::[ \t]*letter[ \t]*\n(?P<letter>.*?)^:::[ \t]*$\n?", re.MULTILINE | re.DOTALL)
DATE_FIELDS = ("date", "modified")
ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*$")
# Fewer files than this are converted in-process: a worker costs ~0.3 s to start.
POOL_MIN_FILES = 48
CHUNK_FILES = 16

logger = logging.getLogger(__name__)


def split_header(text):
    """Split a document into ({key: [values]}, body) the way Markdown's meta extension does."""
    lines = text.split("\n")
    meta, key, index = {}, None, 0
    if lines and META_BEGIN.match(lines[0]):
        index = 1
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (META_END.match(line) and key is not None):
            if META_END.match(line):
                index += 1
            break
        match = META_LINE.match(line)
        if match:
            key = match.group("key").lower()
            meta.setdefault(key, []).append(match.group("value").strip())
        else:
            more = META_MORE.match(line)
            if more and key is not None:
                meta[key].append(more.group("value").strip())
            else:
                break
        index += 1
    return meta, "\n".join(lines[index:])


def extract_letter(body):
    """Return (body without the letter block, the letter's raw text or None)."""
    match = LETTER_BLOCK.search(body)
    if not match:
        return body, None
    return body[: match.start()] + body[match.end():], match.group("letter").strip("\n")


def count_headings(tokens):
    return sum(1 + count_headings(token.get("children", [])) for token in tokens)


# Inline patterns of Python-Markdown 3.11 (core, extra, smarty) and the
# text each needs before it can match. A pattern none of whose triggers
# occurs in a text cannot match it, so an inline pass may pass it over.
PATTERN_TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[",), "reference": ("[",), "link": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
    "smarty-ellipses": ("...",), "smarty-en-dashes": ("--",), "smarty-em-dashes": ("--",),
    "smarty-left-angle-quotes": ("<<",), "smarty-right-angle-quotes": (">>",),
}
SMARTY_QUOTES = re.compile(r"smarty-quotes-\d+")


def pattern_triggers(patterns):
    """[(pattern, its triggers)] in the order an inline pass tries them, or None if one is unknown."""
    plan = [None] * len(patterns)
    for name in [item.name for item in patterns._priority]:  # a list: get_index_for_name sorts the registry
        if name in PATTERN_TRIGGERS:
            needles = frozenset(PATTERN_TRIGGERS[name])
        elif SMARTY_QUOTES.fullmatch(name):
            needles = frozenset(("'", '"'))
        else:
            return None
        plan[patterns.get_index_for_name(name)] = (patterns[name], needles)
    return plan


class SkippingInlineProcessor(InlineProcessor):
    """An inline pass that tries on each text only the patterns that could match it.

    Same result as InlineProcessor, without trying twenty patterns one by one
    on every heading, list item and paragraph: most text has a few of the
    patterns' triggers (an asterisk, a bracket) or none (much Cyrillic text).
    A pattern passed over is treated as tried and not matched. Patterns
    that match replace text with placeholders, which hold no trigger, so a
    trigger missing from the text at the start stays missing.
    """

    def __init__(self, md, patterns, plan):
        super().__init__(md)
        self.inlinePatterns = patterns
        # [(pattern, its triggers)] in the order the stock pass tries them (pattern_triggers).
        self.plan = plan
        self.needles = sorted(set().union(*(needles for _, needles in plan)))

    def _InlineProcessor__handleInline(self, data, pattern_index=0):  # noqa: N802 - overrides the private step
        if isinstance(data, AtomicString):
            return data
        present = {needle for needle in self.needles if needle in data}
        if not present:
            return data
        # InlineProcessor.__handleInline's loop, passing over the patterns that cannot match.
        start = 0
        while pattern_index < len(self.plan):
            pattern, needles = self.plan[pattern_index]
            if needles.isdisjoint(present):
                pattern_index, start = pattern_index + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data


def make_markdown(options):
    """Markdown(**options), its inline passes made to skip patterns that cannot match."""
    md = Markdown(**options)
    for item in list(md.treeprocessors._priority):
        processor = md.treeprocessors[item.name]
        if type(processor) is InlineProcessor:
            plan = pattern_triggers(processor.inlinePatterns)
            if plan is not None:
                md.treeprocessors.register(
                    SkippingInlineProcessor(md, processor.inlinePatterns, plan), item.name, item.priority)
    return md


def markdown_options(settings):
    """Markdown(**options) for a document body; the header is read by split_header."""
    options = dict(settings["MARKDOWN"])
    options["extensions"] = [e for e in options.get("extensions", []) if e != "markdown.extensions.meta"]
    return options


def convert(md, text):
    md.reset()
    return md.convert(text)


def convert_document(md, text, toc_min_headings, formatted_fields):
    """All the Markdown work of one file, as plain strings a worker can send back.

    Returns (header {key: [values]}, content HTML, table of contents HTML or
    None, the letter's raw text or None, {formatted field: HTML}).
    """
    header, body = split_header(text)
    body, letter = extract_letter(body)
    content = convert(md, body)
    # Read the table of contents before the summary's conversion resets it.
    tokens = getattr(md, "toc_tokens", [])
    toc = md.toc if count_headings(tokens) >= toc_min_headings else None
    formatted = {name: convert(md, "\n".join(values)) for name, values in header.items() if name in formatted_fields}
    return header, content, toc, letter, formatted


def convert_files(paths, options, toc_min_headings, formatted_fields):
    """Worker task: convert_document for each path; None where a file fails (read again in-process)."""
    md = make_markdown(options)
    results = []
    for path in paths:
        try:
            with pelican_open(path) as text:
                results.append(convert_document(md, text, toc_min_headings, formatted_fields))
        except Exception:  # noqa: BLE001 - the in-process read reports it with the file name
            results.append(None)
    return results


def read_processes(settings):
    campaign = settings.get(SETTING) or {}
    wanted = campaign.get("read_processes", 1)
    return (os.cpu_count() or 1) if wanted == 0 else wanted


class CampaignMarkdownReader(MarkdownReader):
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._options = markdown_options(self.settings)
        self._markdown = None  # made on first use: Pelican makes a reader per extension and generator
        campaign = self.settings.get(SETTING) or {}
        self._toc_min_headings = campaign.get("toc_min_headings", 3)
        self._formatted_fields = tuple(self.settings["FORMATTED_FIELDS"])
        # {absolute path: convert_document result}, filled from the reading
        # workers' chunks (prefetch), emptied by read.
        self._prefetched = {}
        self._prefetch_done = False
        self._pool, self._chunks, self._futures, self._chunk_of = None, [], {}, {}

    def process_metadata(self, name, value):
        if name in DATE_FIELDS:
            try:
                if isinstance(value, str) and ISO_DATE.match(value):
                    # What dateutil would give for YYYY-MM-DD[ HH:MM], without its parser.
                    return SafeDatetime.fromisoformat(value.strip())
                return super().process_metadata(name, value)
            except (ValueError, OverflowError):
                return value  # campaign_content reports it with the file name
        return super().process_metadata(name, value)

    @property
    def _md(self):
        if self._markdown is None:
            self._markdown = make_markdown(self._options)
        return self._markdown

    def _convert_text(self, text):
        return convert_document(self._md, text, self._toc_min_headings, self._formatted_fields)

    def read(self, source_path):
        self._source_path = source_path
        if source_path not in self._prefetched and source_path in self._chunk_of:
            self._take_chunk(self._chunk_of[source_path])
        converted = self._prefetched.pop(source_path, None)
        if converted is None:
            with pelican_open(source_path) as text:
                converted = self._convert_text(text)
        header, content, toc, letter, formatted = converted
        metadata = self._metadata(header, formatted)
        if toc:
            metadata["toc"] = toc
        if letter is not None:
            metadata["letter"] = letter
        return content, metadata

    def prefetch(self, paths):
        """Start converting the Markdown of `paths` (absolute, in reading order) in worker processes.

        The workers take chunks from the end of the list; read() takes a
        chunk's results when it reaches it, converting here any chunk no
        worker has started. So this process converts from the front while
        Pelican's per-file work and our checks run between its chunks, and
        the workers meet it from the back.
        """
        processes = read_processes(self.settings)
        if processes < 2 or len(paths) < POOL_MIN_FILES:
            return
        chunks = [paths[i:i + CHUNK_FILES] for i in range(0, len(paths), CHUNK_FILES)]
        args = (self._options, self._toc_min_headings, self._formatted_fields)
        try:
            self._pool = ProcessPoolExecutor(processes - 1, mp_context=multiprocessing.get_context("spawn"))
            futures = {index: self._pool.submit(convert_files, chunks[index], *args)
                       for index in reversed(range(len(chunks)))}
        except Exception as error:  # noqa: BLE001 - everything is read in-process instead
            logger.debug("campaign_content: parallel reading did not start (%s); reading in-process", error)
            self._finish()
            return
        self._chunks, self._futures = chunks, futures
        self._chunk_of = {path: index for index, chunk in enumerate(chunks) for path in chunk}

    def _take_chunk(self, index):
        """Put one chunk's results in _prefetched: a worker's, or converted here if none started it."""
        chunk, future = self._chunks[index], self._futures.pop(index)
        for path in chunk:
            del self._chunk_of[path]
        if future.cancel():
            results = [self._convert_path(path) for path in chunk]
        else:
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - read() converts in-process what is missing
                logger.debug("campaign_content: a reading worker failed (%s); reading in-process", error)
                results = [None] * len(chunk)
        self._prefetched.update((path, result) for path, result in zip(chunk, results) if result is not None)
        if not self._futures:
            self._finish()
        elif self._pool is not None and all(future.done() for future in self._futures.values()):
            # Nothing left for the workers: let them exit now rather than idle
            # (and hold their memory) until this process reads the last chunk.
            self._pool.shutdown(wait=False)
            self._pool = None

    def _convert_path(self, path):
        try:
            with pelican_open(path) as text:
                return self._convert_text(text)
        except Exception:  # noqa: BLE001 - read() reads it again and reports it with the file name
            return None

    def _finish(self):
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool, self._chunks, self._futures, self._chunk_of = None, [], {}, {}

    def _metadata(self, header, formatted):
        output = {}
        for name, values in header.items():
            if name in formatted:
                output[name] = self.process_metadata(name, formatted[name])
            elif len(values) > 1 and name not in ("title", "date", "slug", "lang", "summary", "modified"):
                output[name] = self.process_metadata(name, values)
            else:
                output[name] = self.process_metadata(name, values[0])
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
