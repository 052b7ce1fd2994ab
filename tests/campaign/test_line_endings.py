"""A content file means the same whatever its line endings: '\\n', Windows' '\\r\\n' or an old Mac's '\\r'."""

import io

from conftest import action_md, build_site, minimal_files

from campaign.sources import decode_source


def test_every_line_ending_becomes_a_line_feed():
    assert decode_source(b"Title: A\r\nSlug: a\rLang: en\n\r\nText.\r", "a.md") == ("Title: A\nSlug: a\nLang: en\n\nText.\n", [])
    text, problems = decode_source(b"Title: A\rSlug: a\r\r\xff", "a.md")
    assert text is None and problems[0].line == 4  # the line the readers would name


def test_a_crlf_or_cr_document_builds_the_same_page_as_its_lf_twin(tmp_path):
    text = action_md(body="## Who is at risk\n\nThe people were detained.\n\n- one\n- two")
    pages = {}
    for name, ending in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        files = minimal_files()
        files["actions/free-them.md"] = text.replace("\n", ending)
        site = build_site(tmp_path / name, files, strict=True)
        pages[name] = site.text("actions/free-them/index.html")
    assert "Who is at risk</h2>" in pages["lf"] and "Compensate the detainees" in pages["lf"]
    assert pages["crlf"] == pages["lf"]
    assert pages["cr"] == pages["lf"]
