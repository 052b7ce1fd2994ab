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
    ('#~ msgid "Old"\n#~ msgstr "Старое"\n#| msgid "Before"\nmsgid "New"\nmsgstr "Новое"\n', {"New": "Новое"}),
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
    # Babel gave each of these lines to a neighbouring entry, without a word:
    ('msgctxt "c"\nmsgstr "x"\n\nmsgid "B"\nmsgstr "b"\n', 7, "msgstr before its msgid"),
    ('msgid "A"\nmsgid_plural "As"\nmsgstr[0] "a"\n# x\nmsgstr[1] "b"\n', 9, "a comment inside an entry"),
    ('msgid "A"\nmsgstr "a"\nmsgid_plural "As"\n', 8, "msgid_plural after the msgstr"),
    ('msgid "Act now"\nmsgstr "Act "\n\n#~ "<b>now</b>"\n', 9, "a '#~' line inside an entry that is not obsolete"),
    ('msgid "A"\nmsgstr "a"\n\n#~ msgstr "x"\n', 9, "a '#~' line inside an entry that is not obsolete"),
    # Babel made room for as many forms as asked: 300,000,000 took 8 GB.
    ('msgid "A"\nmsgid_plural "As"\n' + "".join(f'msgstr[{i}] ""\n' for i in range(40_000)), 14,
     "msgstr[6]: no language has more than 6 plural forms"),
])
def test_what_gettext_refuses_is_named_with_its_line(entries, line, said):
    with pytest.raises(CatalogError) as refused:
        parse_catalog((HEADER + entries).encode(), "ru")
    assert refused.value.line == line and said in str(refused.value)


@pytest.mark.parametrize("header, said", [
    ('"plural-forms: nplurals=300000000; plural=0;\\n"', "asks for 300000000 plural forms"),
    ('"Plural-Forms: NPLURALS=\\"3_0000_0000\\"; plural=0;\\n"', "asks for 3_0000_0000 plural forms"),
    ('"Plural-Forms: nplurals=2; nplurals="\n"300000000; plural=0;\\n"', "asks for 300000000 plural forms"),
    ('"Content-Type: text/plain; charset=punycode\\n"', "the charset 'punycode'"),  # quadratic to decode
    ('"Content-Type: text/plain; charset=Shift_JIS\\n"', "the charset 'Shift_JIS'"),  # 0x5C inside letters
])
def test_a_header_babel_would_act_on_badly_is_named_before_babel_reads_it(header, said):
    with pytest.raises(CatalogError) as refused:
        parse_catalog(f'msgid ""\nmsgstr ""\n{header}\n\nmsgid "A"\nmsgstr "a"\n'.encode(), "ru")
    assert refused.value.line == 1 and said in str(refused.value)
