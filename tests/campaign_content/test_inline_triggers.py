"""InlineTriggersExtension gives exactly Python-Markdown's HTML, trying fewer patterns."""

from hypothesis import given, settings, strategies as st
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from campaign_content.inline_triggers import InlineTriggersExtension
from campaign_content.reader import convert
from conftest import assert_samples_convert_alike, markdown_options_with

OPTIONS = markdown_options_with("markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.smarty")


def with_triggers(options):
    return Markdown(**dict(options, extensions=options["extensions"] + [InlineTriggersExtension()]))


FAST = with_triggers(OPTIONS)
STOCK = Markdown(**OPTIONS)

PIECES = st.sampled_from([
    "word", "слово", " ", " ", "\n", "\n\n", "  \n", "'", '"', "--", "---", "...", "*", "**", "_", "`", "\\", "[",
    "]", "(", ")", "!", "<", ">", "<<", ">>", "&", "&amp;", "&nbsp;", "[^1]", "\n\n[^1]: note\n", "# ", "## ",
    "- ", "1. ", "> ", "http://example.org", "<b>", "</b>", "<http://example.org>", "a@b.org", "'90s", "don't",
    "\u00ab", "\u00bb", "|", "---\n", ":", "    code\n", "~~~\n", "{: #id}", "*[HTML]: Hyper\n", "HTML", "\n\n*[ЕС]: Европейский союз\n", "ЕС",
])


def inline_pattern_names(md):
    return {name: [type(p).__name__ for p in processor.inlinePatterns]
            for name, processor in ((n, md.treeprocessors[n]) for n in ("inline", "smarty"))}


def test_a_document_without_triggers_tries_no_pattern():
    convert(FAST, "Простой текст без разметки\n\nи второй абзац")
    assert all(names == [] for names in inline_pattern_names(FAST).values())
    assert convert(FAST, "*a* [b](c)") == convert(STOCK, "*a* [b](c)")
    assert "LinkInlineProcessor" in inline_pattern_names(FAST)["inline"]


def test_plain_text_is_left_alone_but_abbreviations_still_reach_it():
    text = "Простой текст про ЕС.\n\n*[ЕС]: Европейский союз\n"
    assert convert(FAST, text) == convert(STOCK, text)
    assert '<abbr title="Европейский союз">ЕС</abbr>' in convert(FAST, text)


def test_the_narrowed_registry_keeps_the_stock_order():
    convert(FAST, "`a` *b* [c](d) <e> & f\\")
    stock_order = [type(p).__name__ for p in STOCK.inlinePatterns]
    narrowed = inline_pattern_names(FAST)["inline"]
    assert narrowed == [name for name in stock_order if name in narrowed]
    assert len(narrowed) > 5


class MarkExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(==)(.+?)==", "mark"), "mark", 1)


def test_an_unknown_pattern_keeps_its_pass_whole():
    md = with_triggers(dict(OPTIONS, extensions=OPTIONS["extensions"] + [MarkExtension()]))
    assert convert(md, "a ==b== c") == "<p>a <mark>b</mark> c</p>"
    assert len(md.treeprocessors["inline"].inlinePatterns) == len(md.inlinePatterns)
    assert inline_pattern_names(md)["smarty"] == []


def test_content_and_corpus_convert_identically(tmp_path):
    assert_samples_convert_alike(FAST, STOCK, tmp_path)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_any_text_converts_identically(text):
    assert convert(FAST, text) == convert(STOCK, text)
