"""A formatted field of plain prose skips Markdown: its HTML is known without parsing it.

A summary is nearly always one line of words and ordinary punctuation.
Python-Markdown, with only the extensions named below, makes such a line
one paragraph, `<p>line</p>`, and the sanitiser keeps it as it is; a full
conversion of it (a reset, every pass of every extension, the table of
contents, serialising, nh3) cost about a tenth of reading a document.

"Plain" is judged narrowly: the line starts with a letter, an opening quotation
mark or a parenthesis (no list number, heading, quotation or indented code
can start it) and holds only letters,
digits, spaces (none at its end) and the punctuation in PUNCTUATION, none of
which means anything inside a line to these extensions (no `*`, `_`, `` ` ``,
`[`, `<`, `&`, `\\`, `{`, `|`, `~`, `#`, `=`). Any other extension, or an
option of these that could give plain words a meaning (smarty's quotes, an
abbreviation glossary, a table-of-contents marker without a bracket), turns
the shortcut off. tests/campaign_content/test_plain_fields.py compares it
with the full conversion.
"""

EXTRA = ("abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables")
# Not meta: it reads a first line shaped like "Key: value" as metadata (the reader leaves out only
# "markdown.extensions.meta", reading the header itself).
KNOWN_EXTENSIONS = frozenset([f"markdown.extensions.{name}" for name in ("extra", "toc", *EXTRA)] + ["extra", "toc", *EXTRA])
TOC_EXTENSIONS = ("markdown.extensions.toc", "toc")
# Options of the table of contents that touch only headings (and the marker, checked apart).
TOC_HEADING_OPTIONS = frozenset(["permalink", "permalink_class", "permalink_title", "permalink_leading",
                                 "anchorlink", "anchorlink_class", "baselevel", "slugify", "separator",
                                 "toc_depth", "toc_class", "title", "title_class"])
# What a plain line may start with besides a letter.
OPENING = frozenset("\"'(\u00ab\u201c\u201e\u2018")
PUNCTUATION = frozenset(" .,;:!?'\"()/%-\u2013\u2014\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019")


def shortcut_allowed(options):
    """Whether Markdown(**options) is known to make a plain line `<p>line</p>` (see the module's doc)."""
    if not all(isinstance(name, str) and name in KNOWN_EXTENSIONS for name in options.get("extensions", [])):
        return False
    for name, config in (options.get("extension_configs") or {}).items():
        if name in TOC_EXTENSIONS:
            marker = config.get("marker", "[TOC]")
            if not (isinstance(marker, str) and (marker == "" or "[" in marker)):
                return False
            if set(config) - TOC_HEADING_OPTIONS - {"marker"}:
                return False
        elif config:
            return False
    return True


def plain_paragraph(text):
    """`<p>text</p>` when `text` is one plain line (see the module's doc), else None."""
    if not text or not (text[0].isalpha() or text[0] in OPENING) or text[-1] == " ":
        return None
    if all(char.isalnum() or char in PUNCTUATION for char in text):
        return f"<p>{text}</p>"
    return None
