"""A Markdown reader for campaign documents.

Compared with Pelican's MarkdownReader it keeps one Markdown instance per
reader (reset between files instead of rebuilt), reads the metadata header
itself, takes the `::: letter` block out of the body for the petition_links
plugin, gives long texts a table of contents and leaves a date it cannot
parse as text so that campaign_content can report it with the file's name.
"""

import re

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .settings import SETTING

META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
LETTER_BLOCK = re.compile(r"^:::[ \t]*letter[ \t]*\n(?P<letter>.*?)^:::[ \t]*$\n?", re.MULTILINE | re.DOTALL)
DATE_FIELDS = ("date", "modified")


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


class CampaignMarkdownReader(MarkdownReader):
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = dict(self.settings["MARKDOWN"])
        options["extensions"] = [e for e in options.get("extensions", []) if e != "markdown.extensions.meta"]
        self._md = Markdown(**options)
        campaign = self.settings.get(SETTING) or {}
        self._toc_min_headings = campaign.get("toc_min_headings", 3)

    def process_metadata(self, name, value):
        if name in DATE_FIELDS:
            try:
                return super().process_metadata(name, value)
            except (ValueError, OverflowError):
                return value  # campaign_content reports it with the file name
        return super().process_metadata(name, value)

    def _convert(self, text):
        self._md.reset()
        return self._md.convert(text)

    def read(self, source_path):
        self._source_path = source_path
        with pelican_open(source_path) as text:
            header, body = split_header(text)
        body, letter = extract_letter(body)
        content = self._convert(body)
        # Read the table of contents before the summary's conversion resets it.
        tokens = getattr(self._md, "toc_tokens", [])
        toc = self._md.toc if count_headings(tokens) >= self._toc_min_headings else None
        metadata = self._metadata(header)
        if toc:
            metadata["toc"] = toc
        if letter is not None:
            metadata["letter"] = letter
        return content, metadata

    def _metadata(self, header):
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        output = {}
        for name, values in header.items():
            if name in formatted_fields:
                output[name] = self.process_metadata(name, self._convert("\n".join(values)))
            elif len(values) > 1 and name not in ("title", "date", "slug", "lang", "summary", "modified"):
                output[name] = self.process_metadata(name, values)
            else:
                output[name] = self.process_metadata(name, values[0])
        return output
