"""The content model's plain functions, without a build."""

import datetime

import pytest

from campaign.problems import ConfigurationError
from campaign_content.data import CampaignData, localize, parse_targets
from campaign_content.model import check_document, is_open, locked_field_conflicts
from campaign_content.header import read_header
from campaign_content.reader import extract_letter, split_header
from campaign_content.settings import merge_settings

DATA = CampaignData(targets={"pg": object()}, people={"dt": object()}, errors=[])


def action(**changes):
    metadata = {"title": "T", "summary": "S", "date": datetime.datetime(2019, 3, 5), "deadline": "2027-02-27",
                "state": "open", "people": "dt", "targets": "pg", "briefing": "b"}
    metadata.update(changes)
    return {k: v for k, v in metadata.items() if v is not None}


def fields(problems):
    return [p.field for p in problems]


def test_a_valid_action_has_no_problems():
    assert check_document("actions", action(), DATA) == []


@pytest.mark.parametrize("changes, field", [
    ({"deadline": None}, "deadline"),
    ({"deadline": "2027-02-30"}, "deadline"),
    ({"state": "paused"}, "state"),
    ({"state": "closed"}, "outcome"),
    ({"targets": "pg, nobody"}, "targets"),
    ({"people": "ghost"}, "people"),
    ({"petition": "javascript:alert(1)"}, "petition"),
    ({"petition": "ftp://example.org/x"}, "petition"),
    ({"date": "27/02/2019"}, "date"),
])
def test_each_broken_field_is_named(changes, field):
    assert fields(check_document("actions", action(**changes), DATA)) == [field]


def test_translations_may_leave_locked_fields_out():
    metadata = {"title": "T", "summary": "S"}
    optional = ["date", "deadline", "state", "people", "targets", "briefing", "outcome"]
    assert check_document("actions", metadata, DATA, optional) == []


def test_open_until_closed_or_past_the_deadline():
    day = datetime.date(2026, 6, 1)
    assert is_open("open", day, day)
    assert not is_open("open", day - datetime.timedelta(days=1), day)
    assert not is_open("closed", day, day)


def test_locked_field_conflicts_compare_values_not_spelling():
    original = {"deadline": datetime.date(2027, 2, 27), "targets": ["pg"], "date": datetime.datetime(2019, 3, 5)}
    same = {"deadline": datetime.date(2027, 2, 27), "date": datetime.datetime(2019, 3, 5, 0, 0)}
    assert locked_field_conflicts(original, same, ["deadline", "targets", "date"]) == []
    other = {"targets": ["pg", "mi"]}
    assert locked_field_conflicts(original, other, ["targets"]) == [("targets", ["pg"], ["pg", "mi"])]


def test_header_and_letter_are_split_from_the_body():
    text = "Title: A\nTargets: a,\n    b\n\nBody.\n\n::: letter\nSubject: S\n\nDear?\n:::\n\nAfter.\n"
    header, body = split_header(text)
    assert header == {"title": ["A"], "targets": ["a,", "b"]}
    body, letter = extract_letter(body)
    assert letter == "Subject: S\n\nDear?"
    assert "Body." in body and "After." in body and ":::" not in body


@pytest.mark.parametrize("fields", [1, 62, 63, 64, 65, 200])
def test_a_header_of_any_length_gives_every_field_with_its_line_and_the_whole_body(fields):
    # The header is split only as far as it goes; a longer one is split again in full.
    body = "".join(f"Paragraph {n}.\n\n" for n in range(100))
    for opening in ("", "---\n"):
        closing = "---\n" if opening else "\n"
        text = opening + "".join(f"Field-{n}: value {n}\n" for n in range(fields)) + closing + body
        header = read_header(text)
        assert header.fields == {f"field-{n}": [f"value {n}"] for n in range(fields)}
        assert header.lines[f"field-{fields - 1}"] == fields + bool(opening)
        # After '---' the body starts on the next line; after a blank line, on that line.
        assert header.body == (body if opening else "\n" + body)
        assert header.body_line == fields + (3 if opening else 1)
        assert header.problems == []


def test_localize_falls_back_to_the_default_language():
    assert localize({"en": "Hello", "ru": "Привет"}, "kk", "en") == "Hello"
    assert localize("Same", "ru", "en") == "Same"


def test_targets_file_problems_name_entry_and_field(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text('[x]\nname = "N"\ntitle = "T"\nemail = "x@example.org"\naddress = "A"\nsalutation = "S"\n'
                    'language = "ru"\nphone = "1"\n\n[y]\nname = ""\n', encoding="utf-8")
    targets, errors = parse_targets(str(path))
    assert targets == {}
    assert [e.field for e in errors] == ["x.phone", "y.title"] or [e.field for e in errors] == ["x.phone", "y.name"]


@pytest.mark.parametrize("value, message", [
    ({"data": "x"}, "unknown key"),
    ({"today": "tomorrow"}, "is not a date"),
    ({"locked_fields": ["title"]}, "locked_fields"),
    ({"toc_min_headings": 0}, "toc_min_headings"),
])
def test_bad_settings_are_named(value, message):
    with pytest.raises(ConfigurationError, match=message):
        merge_settings(value)


@pytest.mark.parametrize("value", ["5 March 2019", "2019-03-04T23:00:00-12:00", "03/05/2019"])
def test_a_date_not_written_yyyy_mm_dd_stays_text_for_the_content_check(value):
    from campaign_content.reader import CampaignMarkdownReader
    from conftest import ROOT
    from sitebuild import load_settings

    reader = CampaignMarkdownReader(load_settings(str(ROOT / "pelicanconf.py")))
    assert reader.process_metadata("date", value) == value
    assert reader.process_metadata("modified", value) == value


@pytest.mark.parametrize("value", ["2019-03-05", "2019-03-05 10:30", " 2019-03-05T10:30:15 "])
def test_dates_read_as_pelican_reads_them(value):
    from pelican.utils import get_date

    from campaign_content.reader import CampaignMarkdownReader
    from conftest import ROOT
    from sitebuild import load_settings

    reader = CampaignMarkdownReader(load_settings(str(ROOT / "pelicanconf.py")))
    assert reader.process_metadata("date", value) == get_date(value.strip())


def test_an_impossible_date_is_left_as_text_for_the_content_check():
    from campaign_content.reader import CampaignMarkdownReader
    from conftest import ROOT
    from sitebuild import load_settings

    reader = CampaignMarkdownReader(load_settings(str(ROOT / "pelicanconf.py")))
    assert reader.process_metadata("date", "2019-02-30") == "2019-02-30"


def test_kept_urls_are_the_ones_pelican_computes():
    from pelican.contents import Article

    from campaign_content.campaign_content import keep_urls
    from conftest import ROOT
    from sitebuild import load_settings

    settings = load_settings(str(ROOT / "pelicanconf.py"))
    documents = [Article("<p>x</p>", metadata={"title": "T", "slug": "s", "lang": lang, "kind": "actions",
                                                "date": datetime.datetime(2019, 3, 5)}, settings=settings)
                 for lang in ("en", "ru")]
    computed = [(d.url, d.save_as) for d in documents]
    keep_urls(documents)
    assert [(d.url, d.save_as) for d in documents] == computed == [
        ("actions/s/", "actions/s/index.html"), ("ru/actions/s/", "ru/actions/s/index.html")]
    # An overridden save_as would change how Pelican's writer treats a second file at the same path.
    assert not any(hasattr(d, "override_save_as") for d in documents)


def test_a_lang_line_that_is_a_path_reads_no_catalog_from_there(tmp_path):
    """The footnotes' heading comes from the theme's catalog of a language the site has. A Lang line
    naming a folder elsewhere (with a compiled catalog in it) gets the source strings, not that file's."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from campaign_content.reader import CampaignMarkdownReader
    from conftest import ROOT
    from sitebuild import load_settings

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "LC_MESSAGES").mkdir(parents=True)
    planted = Catalog(locale="ru")
    planted.add("Notes", "PLANTED HEADING")
    with open(elsewhere / "LC_MESSAGES" / "messages.mo", "wb") as handle:
        write_mo(handle, planted)
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    body = "A claim.[^1]\n\n[^1]: Its source.\n"
    source = content / "briefings" / "b.md"
    source.write_text(f"Title: B\nLang: {elsewhere}\n\n{body}", encoding="utf-8")
    russian = content / "briefings" / "b.ru.md"
    russian.write_text(f"Title: B\nLang: ru\n\n{body}", encoding="utf-8")
    settings = load_settings(str(ROOT / "pelicanconf.py"), overrides={"PATH": str(content),
                                                                      "CACHE_PATH": str(tmp_path / "cache")})
    reader = CampaignMarkdownReader(settings)
    html, _metadata = reader.read(str(source))
    assert "PLANTED HEADING" not in html
    assert '<h2 class="notes-heading">Notes</h2>' in html
    # A language the site has still gets its own catalog's heading.
    russian_html, _metadata = reader.read(str(russian))
    assert '<h2 class="notes-heading">Примечания</h2>' in russian_html


def test_only_refused_fields_the_file_wrote_are_named():
    from campaign_content.model import ignored_fields, written_refused_fields

    # A stub left out gets status 'skip' from translation_stubs; Pelican may default a category.
    metadata = {"status": "skip", "category": "misc", "author": "Jane", "title": "T"}
    lines = {"title": 1, "author": 2}
    assert written_refused_fields(metadata, lines) == ["author"]
    assert ignored_fields(metadata, lines) == ["author"]
