"""multilingual.catalogs: what GNU gettext accepts in a .po file is read as it means; what it refuses is named
with its line (the refusals that reach a build are in tests/hostile)."""

import pytest

from multilingual.catalogs import CatalogError, parse_catalog

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
          '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')


def messages(text, encoding="utf-8"):
    return {message.id: message.string for message in parse_catalog(text.encode(encoding), "ru") if message.id}


@pytest.mark.parametrize("entries, expected", [
    ('msgid ""\n"Act "\n"now"\nmsgstr ""\n"Действуйте "\n"сейчас"\n', {"Act now": "Действуйте сейчас"}),
    ('msgctxt "button"\nmsgid "Send"\nmsgstr "Отправить"\n\nmsgid "Send"\nmsgstr "Послать"\n',
     {"Send": "Послать"}),
    ('msgid "%(count)s letter"\nmsgid_plural "%(count)s letters"\nmsgstr[0] "%(count)s письмо"\n'
     'msgstr[1] "%(count)s письма"\nmsgstr[2] "%(count)s писем"\n',
     {("%(count)s letter", "%(count)s letters"): ("%(count)s письмо", "%(count)s письма", "%(count)s писем")}),
    ('#~ msgid "Old"\n#~ msgstr "Старое\n#| msgid "Before"\nmsgid "New"\nmsgstr "Новое"\n', {"New": "Новое"}),
    ('# a note\f with a form feed\nmsgid "Tab"\nmsgstr "A\\tB \\"q\\" \\\\ end"\n', {"Tab": 'A\tB "q" \\ end'}),
    ('msgid  "Spaced"\nmsgstr   "Разнесено"  \n', {"Spaced": "Разнесено"}),
])
def test_what_gettext_accepts_is_read_as_it_means(entries, expected):
    assert messages(HEADER + entries) == expected


def test_crlf_lines_and_a_byte_order_mark_are_read():
    text = "\ufeff" + (HEADER + 'msgid "Act now"\nmsgstr "Действуйте сейчас"\n').replace("\n", "\r\n")
    assert messages(text) == {"Act now": "Действуйте сейчас"}


def test_a_catalog_in_another_charset_is_read_in_it():
    text = (HEADER.replace("UTF-8", "ISO-8859-5") + 'msgid "Act now"\nmsgstr "Действуйте сейчас"\n')
    assert messages(text, "iso-8859-5") == {"Act now": "Действуйте сейчас"}


@pytest.mark.parametrize("entries, line, said", [
    ('msgid "A"\nmsgstr "a\n', 7, "is not a gettext line"),  # the entries begin on line 6
    ('msgid "A"\nmsgstr "a"\nmsgstr "b"\n', 8, "a second msgstr"),
    ('msgid "A"\nmsgid_plural "As"\nmsgstr[0] "a"\nmsgstr[2] "c"\n', 9, "msgstr[2] where msgstr[1] comes next"),
    ('msgid "A"\nmsgstr "a"\n\nmsgid ""\n"A"\nmsgstr "b"\n', 9, "the same msgid as line 6"),
    ('msgid "A"\n\nmsgid "B"\nmsgstr "b"\n', 6, "missing msgstr for msgid 'A'"),
])
def test_what_gettext_refuses_is_named_with_its_line(entries, line, said):
    with pytest.raises(CatalogError) as refused:
        parse_catalog((HEADER + entries).encode(), "ru")
    assert refused.value.line == line and said in str(refused.value)
