"""The reader's skipping inline passes give exactly Python-Markdown's HTML."""

import pathlib
import sys

from hypothesis import given, settings, strategies as st
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor
from pelican.settings import read_settings

from campaign_content.reader import SkippingInlineProcessor, convert, make_markdown, markdown_options, pattern_triggers

ROOT = pathlib.Path(__file__).resolve().parents[2]
OPTIONS = markdown_options(dict(read_settings(str(ROOT / "pelicanconf.py")), MARKDOWN={
    **read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"],
    "extensions": ["markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.smarty"],
}))
FAST = make_markdown(OPTIONS)
STOCK = Markdown(**OPTIONS)

PIECES = st.sampled_from([
    "word", "слово", " ", " ", "\n", "\n\n", "  \n", "'", '"', "--", "---", "...", "*", "**", "_", "`", "\\", "[",
    "]", "(", ")", "!", "<", ">", "<<", ">>", "&", "&amp;", "&nbsp;", "[^1]", "\n\n[^1]: note\n", "# ", "## ",
    "- ", "1. ", "> ", "http://example.org", "<b>", "</b>", "<http://example.org>", "a@b.org", "'90s", "don't",
    "\u00ab", "\u00bb", "|", "---\n", ":", "    code\n", "~~~\n", "{: #id}", "*[HTML]: Hyper\n",
])


def test_both_inline_passes_are_replaced():
    assert isinstance(FAST.treeprocessors["inline"], SkippingInlineProcessor)
    assert isinstance(FAST.treeprocessors["smarty"], SkippingInlineProcessor)


def test_patterns_are_tried_in_the_registry_order():
    patterns = Markdown(**OPTIONS).inlinePatterns
    patterns.register(patterns["em_strong"], "em_strong", 200)  # now first, and the registry is left unsorted
    plan = pattern_triggers(patterns)
    assert [pattern for pattern, _ in plan] == list(patterns)
    assert plan[0][1] == {"*", "_"}


class MarkExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(==)(.+?)==", "mark"), "mark", 1)


def test_an_unknown_pattern_keeps_the_stock_pass():
    md = make_markdown(dict(OPTIONS, extensions=OPTIONS["extensions"] + [MarkExtension()]))
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    assert isinstance(md.treeprocessors["smarty"], SkippingInlineProcessor)
    assert convert(md, "a ==b== c") == "<p>a <mark>b</mark> c</p>"


def test_content_and_corpus_convert_identically(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    corpus.generate(tmp_path, docs=12, langs=3)
    paths = list((ROOT / "content").rglob("*.md")) + list(tmp_path.rglob("*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert convert(FAST, text) == convert(STOCK, text), path
        assert FAST.toc == STOCK.toc


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_any_text_converts_identically(text):
    assert convert(FAST, text) == convert(STOCK, text)
