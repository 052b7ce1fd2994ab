"""A Markdown extension: the inline passes try only the patterns a text can match.

Python-Markdown's inline pass tries each of its twenty-odd patterns on every
paragraph, heading and list item, and on the bench corpus that loop is about
40% of the conversion time. Most patterns need a character to match at all
(a link needs '[', code needs a backtick); much text, Cyrillic text above
all, has few of those characters. This extension reads each document once,
after whitespace is normalised, and gives every inline pass a registry of
only the patterns whose characters occur in it. A pattern left out is one
that could not have matched anywhere in the document, so the HTML is the
stock pass's (tests/campaign_content/test_inline_triggers.py compares them).
Then, just before the inline passes, a Treeprocessor marks as AtomicString
every text that holds none of the patterns' characters at all (most
paragraphs and list items of plain prose), which the passes then leave as
it is, as they would have after trying every pattern in vain.

Only public parts of Python-Markdown are used: an Extension, a Preprocessor,
a Treeprocessor, AtomicString, the `inlinePatterns` registry each
InlineProcessor holds, and Registry's register/get_index_for_name. A
pattern this table does not know keeps its pass whole and no text is marked.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString, Registry

# The inline patterns of Python-Markdown 3.x (core, extra, smarty) and the
# text each needs before it can match.
PATTERN_TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[",), "reference": ("[",), "link": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
    "smarty-ellipses": ("...",), "smarty-en-dashes": ("--",), "smarty-em-dashes": ("--",),
    "smarty-left-angle-quotes": ("<<",), "smarty-right-angle-quotes": (">>",),
}
SMARTY_QUOTES = re.compile(r"smarty-quotes-\d+")
# Python-Markdown's placeholders (STX, ETX): a text holding one is always left to the passes.
PLACEHOLDER_MARKS = ("\x02", "\x03")
# An abbreviation definition: the abbr extension looks for abbreviations in
# every text that is not atomic, so a document with one has no text marked.
ABBREVIATION = "*["
# smarty registers its quote patterns as smarty-quotes-0 … smarty-quotes-N.
MAX_SMARTY_QUOTES = 64


def triggers_of(name):
    if name in PATTERN_TRIGGERS:
        return frozenset(PATTERN_TRIGGERS[name])
    if SMARTY_QUOTES.fullmatch(name):
        return frozenset(("'", '"'))
    return None


def known_names(patterns):
    """The names in `patterns` this table knows, in the order the pass tries them."""
    names = [name for name in PATTERN_TRIGGERS if name in patterns]
    names += [f"smarty-quotes-{n}" for n in range(MAX_SMARTY_QUOTES) if f"smarty-quotes-{n}" in patterns]
    return sorted(names, key=patterns.get_index_for_name)


class PatternChoice:
    """One inline pass's full registry, and the smaller registries it is given per document."""

    def __init__(self, processor):
        self.processor = processor
        self.full = processor.inlinePatterns
        names = known_names(self.full)
        # Every pattern must be known, or a document could miss one.
        self.plan = [(name, triggers_of(name)) for name in names] if len(names) == len(self.full) else None
        self.chosen = {}

    def choose(self, present):
        """Give the pass only the patterns whose triggers are all in `present`'s sets; cached per set."""
        if self.plan is None:
            return
        registry = self.chosen.get(present)
        if registry is None:
            registry = Registry()
            kept = [name for name, needles in self.plan if not needles.isdisjoint(present)]
            for rank, name in enumerate(kept):
                registry.register(self.full[name], name, len(kept) - rank)
            self.chosen[present] = registry
        self.processor.inlinePatterns = registry


class TriggerScan(Preprocessor):
    """Reads the normalised document and narrows each inline pass's patterns to what it can match."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        self.extension.prepare()
        text = "\n".join(lines)
        present = frozenset(needle for needle in self.extension.needles if needle in text)
        for choice in self.extension.choices:
            choice.choose(present)
        self.extension.mark_plain_text = self.extension.all_known and ABBREVIATION not in text
        return lines


class PlainTextMarker(Treeprocessor):
    """Marks texts with no pattern's character as AtomicString, just before the inline passes."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        if not self.extension.mark_plain_text:
            return None
        needles = self.extension.text_needles
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, AtomicString) and not holds_any(text, needles):
                element.text = AtomicString(text)
            if tail and not isinstance(tail, AtomicString) and not holds_any(tail, needles):
                element.tail = AtomicString(tail)
        return None


def holds_any(text, needles):
    """Whether `text` holds one of `needles`. A loop: any() over a generator cost twice as much (and one
    regular expression of them all more still), for every text and tail of every document."""
    for needle in needles:
        if needle in text:
            return True
    return False


class InlineTriggersExtension(Extension):
    """Add last among the extensions, so every inline pass and pattern is registered."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        self.md = md
        md.preprocessors.register(TriggerScan(md, self), "inline_triggers", 25)  # after normalize_whitespace (30)
        md.treeprocessors.register(PlainTextMarker(md, self), "plain_text", 20.5)  # just before "inline" (20)
        self.choices = None
        self.needles = ()
        self.text_needles = ()
        self.all_known = False
        self.mark_plain_text = False

    def prepare(self):
        """Look at the inline passes once every extension has registered its own (at the first conversion)."""
        if self.choices is not None:
            return
        self.choices = [PatternChoice(processor) for processor in self.md.treeprocessors
                        if isinstance(processor, InlineProcessor)]
        self.needles = sorted({needle for choice in self.choices if choice.plan
                               for _, needles in choice.plan for needle in needles})
        self.all_known = bool(self.choices) and all(choice.plan is not None for choice in self.choices)
        self.text_needles = tuple(self.needles) + PLACEHOLDER_MARKS
