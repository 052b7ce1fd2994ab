"""A plain summary skips Markdown and gets exactly the HTML the full conversion gives."""

from hypothesis import given, settings, strategies as st
from markdown import Markdown

from campaign_content.plain_fields import plain_paragraph, shortcut_allowed
from campaign_content.reader import DocumentConverter, convert
from campaign_content.sanitize import Sanitizer
from conftest import markdown_options_with

OPTIONS = markdown_options_with("markdown.extensions.extra", "markdown.extensions.toc")
STOCK = Markdown(**OPTIONS)
SANITIZER = Sanitizer()


def full_conversion(text):
    return SANITIZER.clean(convert(STOCK, text))[0]


def summary_html(options, summary):
    converter = DocumentConverter(options, 3, ("summary",))
    return converter.convert(f"Title: T\nSummary: {summary}\n\nBody.\n").formatted["summary"]


# Plain pieces, and pieces that mean something to Markdown or the sanitiser next to them.
PIECES = st.sampled_from([
    "word", "Слово", "Қазақстан", "2019", "27", " ", "  ", ".", ",", ";", ":", "!", "?", "'", '"', "(", ")", "/",
    "%", "-", "--", "\u2013", "\u2014", "\u00ab", "\u00bb", "\u201c", "\u201d", "\u2018", "\u2019", "...",
    "1. ", "- ", "# ", "> ", "    ", "\t", "*", "**", "_", "`", "\\", "[", "]", "[^1]", "![a](b)", "<", ">",
    "&", "&amp;", "<b>", "{: #id}", "|", "~~~", "===", "::: letter", "*[HTML]: x", "HTML", "http://example.org",
    "a@b.org", "\u00a0", "\u200b", "e\u0301", "\n", "[TOC]",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_the_shortcut_takes_converts_to_the_same_html(text):
    plain = plain_paragraph(text)
    if plain is not None:
        assert plain == full_conversion(text)


def test_typical_summaries_take_the_shortcut_in_any_language():
    for summary in ("Release the 27 people detained in Almaty on 27 February 2019, now.",
                    "Освободите задержанных мирных протестующих (их 27) \u2014 до 1 июня!",
                    "\u00abБейбіт жиналыс\u00bb: қамауға алынғандарды босатыңыз."):
        assert plain_paragraph(summary) == full_conversion(summary) == f"<p>{summary}</p>"
        assert summary_html(OPTIONS, summary) == f"<p>{summary}</p>"


def test_marked_up_or_odd_lines_are_converted_in_full():
    for text in ("1. A list", "Free *them*", "See [the appeal](https://example.org)", "Free them  ", "A & B",
                 "Term\n: definition", "Wide\u00a0space", "snake_case"):
        assert plain_paragraph(text) is None
    assert summary_html(OPTIONS, "Free *them*") == "<p>Free <em>them</em></p>"


def test_the_site_settings_allow_the_shortcut_and_other_extensions_turn_it_off():
    assert shortcut_allowed(OPTIONS)
    smarty = markdown_options_with("markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.smarty")
    assert not shortcut_allowed(smarty)
    # smarty gives the quotes of a plain line a meaning: the field goes through Markdown.
    assert summary_html(smarty, "Don't wait") == "<p>Don\u2019t wait</p>"
    glossary = dict(OPTIONS, extension_configs={**OPTIONS["extension_configs"],
                                                "markdown.extensions.extra": {"abbr": {"glossary": {"UN": "United Nations"}}}})
    assert not shortcut_allowed(glossary)
    for marker in ("TOC", None):
        toc = dict(OPTIONS, extension_configs={**OPTIONS["extension_configs"], "markdown.extensions.toc": {"marker": marker}})
        assert not shortcut_allowed(toc)
    assert not shortcut_allowed(dict(OPTIONS, extensions=[*OPTIONS["extensions"], "pymdownx.magiclink"]))
    # meta reads a summary shaped like "Key: value" as metadata: the full conversion gives nothing.
    meta = dict(OPTIONS, extensions=[*OPTIONS["extensions"], "meta"])
    assert not shortcut_allowed(meta)
    assert summary_html(meta, "Note: free them") == ""
