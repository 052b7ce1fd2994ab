"""campaign.problems.terminal_safe: what reaches a terminal or a CI log from content cannot steer either."""

from campaign.problems import Problem, terminal_safe


def test_a_table_keeps_its_lines_but_no_line_is_a_ci_command():
    table = "file   state\n::error file=README.md::x   missing\n  ##[warning]y.md   stub\nok.md   done"
    assert terminal_safe(table) == ("file   state\n\\::error file=README.md::x   missing\n  \\##[warning]y.md   stub\n"
                                    "ok.md   done")


def test_a_problem_is_one_line_whatever_its_file_name_holds():
    text = Problem("pages/x\n::stop-commands::t\r.md", "", "is odd", "Rename it").text()
    assert "\n" not in text and "\r" not in text
    assert text == "pages/x\\x0a::stop-commands::t\\x0d.md: is odd. Rename it"


def test_plain_text_is_returned_as_it_is():
    text = "pages/about.md: field 'title': is missing. Add a Title line"
    assert terminal_safe(text) is text


def test_bidirectional_controls_and_line_separators_are_shown_as_escapes():
    text = "a\u061cb\u200ec\u200fd\u2028e\u2029f\u202eg\u2066h"
    assert terminal_safe(text, one_line=True) == "a\\u061cb\\u200ec\\u200fd\\u2028e\\u2029f\\u202eg\\u2066h"
    assert terminal_safe(text) == terminal_safe(text, one_line=True)


def test_characters_that_show_as_nothing_are_shown_as_escapes():
    text = "official-1\u200b, official\u20602, \ufeffofficial-3, \u2062x"
    assert terminal_safe(text) == "official-1\\u200b, official\\u20602, \\ufeffofficial-3, \\u2062x"
    assert terminal_safe(text, one_line=True) == terminal_safe(text)


def test_the_joiners_persian_and_indic_words_need_are_kept():
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0915\u094d\u200d\u0937"
    assert terminal_safe(text) is text
