"""A Markdown extension: a block processor tries its pattern only when the block holds a character it needs.

Python-Markdown's block parser asks each block processor, in turn, whether
it takes a block, and most answer with a regular expression searched over the
whole block: a heading looks for '#' at a line's start, a quotation for '>',
a rule for a line of '-', '_' or '*', and the footnote, abbreviation and
link-reference processors search every block for their definitions. On the bench corpus those searches are
about a tenth of the conversion time, and most blocks are paragraphs of plain
prose that hold none of these characters. A substring test (`in`) is many
times cheaper than a search; when it fails, the search could not have
matched, so the answer, and the HTML, is the stock one
(tests/campaign_content/test_block_triggers.py compares them).

Only public parts of Python-Markdown are used: an Extension, BlockProcessor
and the parser's `blockprocessors` registry, in which a processor registered
again under its name replaces the old one. A processor of another class than
the one this table knows (another extension's replacement) is left as it is.
"""

from markdown.blockprocessors import (BlockProcessor, BlockQuoteProcessor, HashHeaderProcessor, HRProcessor,
                                      ReferenceProcessor, SetextHeaderProcessor)
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor

from .inline_triggers import holds_any

# name -> (the class Python-Markdown registers, its priority, the characters its pattern needs: one at least).
GUARDS = {
    "table": (TableProcessor, 75, ("|",)),
    "hashheader": (HashHeaderProcessor, 70, ("#",)),
    "setextheader": (SetextHeaderProcessor, 60, ("=", "-")),
    "hr": (HRProcessor, 50, ("-", "_", "*")),
    "deflist": (DefListProcessor, 25, (":",)),
    "quote": (BlockQuoteProcessor, 20, (">",)),
    # These three take every block and search it for their definition line ([^1]: …, *[abbr]: …, [ref]: …).
    "footnote": (FootnoteBlockProcessor, 17, ("[^",)),
    "abbr": (AbbrBlockprocessor, 16, ("*[",)),
    "reference": (ReferenceProcessor, 15, ("]:",)),
}


class InnerAttributes:
    """For a processor wrapping `inner`: its other attributes are inner's, for the code that reads them
    (state a block processor's test() kept, the `RE` of 'unescape')."""

    def __getattr__(self, name):
        if name == "inner":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        return getattr(self.inner, name)


class GuardedProcessor(InnerAttributes, BlockProcessor):
    """`inner`, asked only about blocks that hold one of `needles`; everything else is inner's own."""

    def __init__(self, inner, needles):
        super().__init__(inner.parser)
        self.inner = inner
        self.needles = needles

    def test(self, parent, block):
        return holds_any(block, self.needles) and self.inner.test(parent, block)

    def run(self, parent, blocks):
        return self.inner.run(parent, blocks)


class BlockTriggersExtension(Extension):
    """Add after the extensions whose block processors it guards (tables, def_list)."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        processors = md.parser.blockprocessors
        for name, (expected, priority, needles) in GUARDS.items():
            if name in processors and type(processors[name]) is expected:
                processors.register(GuardedProcessor(processors[name], needles), name, priority)
