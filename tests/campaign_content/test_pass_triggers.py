"""PassTriggersExtension gives exactly Python-Markdown's HTML, skipping passes with nothing to do."""

from hypothesis import given, settings, strategies as st
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from campaign_content.pass_triggers import (PREPROCESSOR_GUARDS, TREEPROCESSOR_GUARDS, GuardedPreprocessor,
                                            GuardedTreeprocessor, PassTriggersExtension)
from campaign_content.reader import convert
from conftest import assert_samples_convert_alike, markdown_options_with

OPTIONS = markdown_options_with("markdown.extensions.extra", "markdown.extensions.toc")

FAST = Markdown(**dict(OPTIONS, extensions=OPTIONS["extensions"] + [PassTriggersExtension()]))
STOCK = Markdown(**OPTIONS)

# What the guarded passes act on, and what sits next to it.
PIECES = st.sampled_from([
    "word", "слово", " ", "    ", "\n", "\n\n", "```", "```python\n", "~~~", "~~~~", "``", "`code`", "<", ">",
    "<div>", "</div>", '<div markdown="1">', "<!-- note -->", "<br>", "<b>bold</b>", "<?php ?>", "&", "&amp;",
    "&#169;", "&#x263a;", "&copy", "AT&T", "& ", "{", "}", "{: #id .class }", "{:", "{ #x }", "\\", "\\*", "\\`",
    "\\<", "\\&", "\\{", "*", "_", "# Heading", "## H {: #h }", "- item", "1. one", "> quote", "[link](/x)",
    "[^1]", "\n\n[^1]: note\n", "| a | b |\n|---|---|\n", "Term\n: Definition\n",
])


def guarded_names(md):
    return (sorted(name for name in PREPROCESSOR_GUARDS if isinstance(md.preprocessors[name], GuardedPreprocessor)),
            sorted(name for name in TREEPROCESSOR_GUARDS if isinstance(md.treeprocessors[name], GuardedTreeprocessor)))


def test_every_pass_in_the_tables_is_guarded():
    assert guarded_names(FAST) == (sorted(PREPROCESSOR_GUARDS), sorted(TREEPROCESSOR_GUARDS))


def test_plain_text_skips_the_passes_and_marked_text_runs_them():
    plain = "Простой абзац без разметки.\n\n# Heading\n\n- a list\n"
    assert convert(FAST, plain) == convert(STOCK, plain)
    assert FAST.preprocessors["pass_triggers"].extension.present == frozenset()
    marked = ("```\ncode <b>\n```\n\n<div>raw</div>\n\n## Heading {: #chosen }\n\nAT&T says \\*not emphasised\\*.\n")
    html = convert(FAST, marked)
    assert html == convert(STOCK, marked)
    assert FAST.preprocessors["pass_triggers"].extension.present == frozenset(("```", "<", "&", "{", "\\"))
    for part in ('<pre><code>code &lt;b&gt;', "<div>raw</div>", 'id="chosen"', "*not emphasised*", "AT&amp;T"):
        assert part in html


def test_fences_of_either_kind_are_code():
    for text in ("~~~\ncode <b>\n~~~\n", "```\ncode <b>\n```\n", "Before\n\n~~~~ {.python}\nx = 1\n~~~~\n"):
        html = convert(FAST, text)
        assert html == convert(STOCK, text)
        assert "<pre" in html and "<code" in html, text


def test_a_document_after_one_that_ran_the_passes_is_scanned_anew():
    convert(FAST, "## Heading {: #chosen }\n")
    assert convert(FAST, "Text {: #not-an-attribute-list }") == convert(STOCK, "Text {: #not-an-attribute-list }")
    assert convert(FAST, "Plain.") == "<p>Plain.</p>"
    assert FAST.preprocessors["pass_triggers"].extension.present == frozenset()


class OtherUnescape(Extension):
    """Another extension's replacement for the unescape pass: left as it is."""

    def extendMarkdown(self, md):  # noqa: N802
        class Replacement(Treeprocessor):
            def run(self, root):
                for element in root.iter("p"):
                    element.set("class", "replaced")

        md.treeprocessors.register(Replacement(md), "unescape", 0)


def test_a_pass_another_extension_replaced_is_left_alone():
    md = Markdown(**dict(OPTIONS, extensions=OPTIONS["extensions"] + [OtherUnescape(), PassTriggersExtension()]))
    assert "unescape" not in guarded_names(md)[1]
    assert convert(md, "No backslash here") == '<p class="replaced">No backslash here</p>'


def test_content_and_corpus_convert_identically(tmp_path):
    assert_samples_convert_alike(FAST, STOCK, tmp_path)


@settings(max_examples=800, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_converts_identically(text):
    assert convert(FAST, text) == convert(STOCK, text)


def test_a_guarded_pass_can_be_copied():
    import copy

    unescape = FAST.treeprocessors["unescape"]
    copied = copy.copy(unescape)
    assert copied.inner is unescape.inner and copied.RE is unescape.RE
