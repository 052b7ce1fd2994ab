"""A Markdown extension: a whole pass runs only when the document holds a character it acts on.

Some of Python-Markdown's preprocessors and treeprocessors run on every
document and find nothing to do in most: the fenced-code preprocessor
searches the whole text for ``` or ~~~, the raw-HTML preprocessor feeds the
whole text through an HTML parser, attr_list walks every element for '{',
and the unescape pass walks every element for the marks backslash escapes
leave. On the bench corpus those four are about a tenth of the conversion
time. Each can change nothing unless the text holds what it looks for (no
other pass writes those characters), so when the document holds none of
them the pass is skipped and the HTML is the stock one
(tests/campaign_content/test_pass_triggers.py compares them).

Only public parts of Python-Markdown are used: an Extension, Preprocessor,
Treeprocessor and the registries, in which a processor registered again
under its name replaces the old one. A processor of another class than the
one this table knows (another extension's replacement) is left as it is.
"""

from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import HtmlBlockPreprocessor as MarkdownInHtmlPreprocessor
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

from .block_triggers import InnerAttributes

# name -> (the classes Python-Markdown registers under it, its priority there, the text one of which the pass needs).
PREPROCESSOR_GUARDS = {
    "fenced_code_block": ((FencedBlockPreprocessor,), 25, ("```", "~~~")),
    # The HTML parser acts on tags, comments and character references; text without '<' or '&' passes through.
    "html_block": ((HtmlBlockPreprocessor, MarkdownInHtmlPreprocessor), 20, ("<", "&")),
}
TREEPROCESSOR_GUARDS = {
    "attr_list": ((AttrListTreeprocessor,), 8, ("{",)),
    # Its marks come only from backslash escapes.
    "unescape": ((UnescapeTreeprocessor,), 0, ("\\",)),
}
# Just after normalize_whitespace (30), before every guarded preprocessor (fenced_code_block 25, html_block 20).
SCAN_PRIORITY = 29


class SourceScan(Preprocessor):
    """Notes which of the guarded passes' needles the document holds."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        text = "\n".join(lines)
        self.extension.present = frozenset(needle for needle in self.extension.needles if needle in text)
        return lines


class _Guarded(InnerAttributes):
    """What the guarded passes share."""

    def __init__(self, inner, needles, extension):
        self.inner = inner
        self.needles = needles
        self.extension = extension

    def wanted(self):
        return not self.extension.present.isdisjoint(self.needles)


class GuardedPreprocessor(_Guarded, Preprocessor):
    def run(self, lines):
        return self.inner.run(lines) if self.wanted() else lines


class GuardedTreeprocessor(_Guarded, Treeprocessor):
    def run(self, root):
        return self.inner.run(root) if self.wanted() else None


class PassTriggersExtension(Extension):
    """Add after the extensions whose passes it guards (extra)."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        self.present = frozenset()
        needles = set()
        for registry, guards, wrapper in ((md.preprocessors, PREPROCESSOR_GUARDS, GuardedPreprocessor),
                                          (md.treeprocessors, TREEPROCESSOR_GUARDS, GuardedTreeprocessor)):
            for name, (expected, priority, pass_needles) in guards.items():
                if name in registry and type(registry[name]) in expected:
                    registry.register(wrapper(registry[name], pass_needles, self), name, priority)
                    needles.update(pass_needles)
        self.needles = tuple(sorted(needles))
        md.preprocessors.register(SourceScan(md, self), "pass_triggers", SCAN_PRIORITY)
