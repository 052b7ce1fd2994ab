"""BlockTriggersExtension gives exactly Python-Markdown's HTML, searching fewer blocks."""

from hypothesis import given, settings, strategies as st
from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from campaign_content.block_triggers import GUARDS, BlockTriggersExtension, GuardedProcessor
from campaign_content.reader import convert
from conftest import assert_samples_convert_alike, markdown_options_with

OPTIONS = markdown_options_with("markdown.extensions.extra", "markdown.extensions.toc")

FAST = Markdown(**dict(OPTIONS, extensions=OPTIONS["extensions"] + [BlockTriggersExtension()]))
STOCK = Markdown(**OPTIONS)

# What the guarded processors look for, and what sits next to it.
PIECES = st.sampled_from([
    "word", "слово", " ", "  ", "   ", "    ", "\n", "\n\n", "#", "# ", "## ", "###### ", "#hash", "=", "===", "-", "---",
    "- - -", "___", "_", "***", "* * *", "*", ">", "> ", ">>", ":", ": ", ":   ", "|", "| a | b |", "|---|---|",
    "a | b", "--- | ---", "Term", "\n: Definition", "1. ", "- ", "    code", "```", "~~~", "<div>", "</div>",
    "[^1]", "\n\n[^1]: note\n", "[^note]:", "*[ABBR]: An abbreviation\n", "ABBR", "*[", "[ref]", "[ref]: /url\n",
    "]:", "[x]: <https://example.org> \"Title\"\n", "{: #id}", "\\#", "\\|", "`|`", "::: letter", ":::",
])


def guarded_names(md):
    return sorted(name for name in GUARDS if isinstance(md.parser.blockprocessors[name], GuardedProcessor))


def test_every_processor_in_the_table_is_guarded():
    assert guarded_names(FAST) == sorted(GUARDS)


def test_plain_paragraphs_are_not_searched_but_headings_rules_quotes_and_tables_are_found():
    text = "Простой абзац без разметки.\n\n# Heading\n\n---\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n: Definition\n"
    html = convert(FAST, text)
    assert html == convert(STOCK, text)
    for tag in ("<h1", "<hr", "<blockquote>", "<table>", "<dl>"):
        assert tag in html


class OtherHeadings(Extension):
    """Another extension's replacement for the '#' heading processor: left as it is."""

    def extendMarkdown(self, md):  # noqa: N802
        class Replacement(BlockProcessor):
            def test(self, parent, block):
                return False

        md.parser.blockprocessors.register(Replacement(md.parser), "hashheader", 70)


def test_a_processor_another_extension_replaced_is_left_alone():
    md = Markdown(**dict(OPTIONS, extensions=OPTIONS["extensions"] + [OtherHeadings(), BlockTriggersExtension()]))
    assert "hashheader" not in guarded_names(md)
    assert convert(md, "# Not a heading here") == "<p># Not a heading here</p>"


def test_content_and_corpus_convert_identically(tmp_path):
    assert_samples_convert_alike(FAST, STOCK, tmp_path)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=50).map("".join))
def test_any_text_converts_identically(text):
    assert convert(FAST, text) == convert(STOCK, text)
