"""campaign.sources: what counts as inside the content folder (links followed), how a file is read, and how
right-to-left and left-to-right spans a line leaves open are closed."""

import os

import pytest

from campaign.sources import MAX_SOURCE_BYTES, close_bidi_spans, is_inside, read_source, unclosed_bidi_spans


@pytest.fixture
def tree(tmp_path):
    """content/ with a document, a secret beside it, and a deeper folder outside."""
    content = tmp_path / "content"
    (content / "actions").mkdir(parents=True)
    (content / "actions" / "appeal.md").write_text("Title: Appeal\n\nText.\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("Title: Secret\n\nNot for the site.\n", encoding="utf-8")
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    (tmp_path / "elsewhere" / "leak.md").write_text("Title: Leak\n", encoding="utf-8")
    return tmp_path


def test_a_file_in_the_folder_is_inside(tree):
    assert is_inside(str(tree / "content" / "actions" / "appeal.md"), str(tree / "content"))
    assert is_inside(str(tree / "content" / "actions" / "not-written-yet.md"), str(tree / "content"))


def test_a_file_beside_the_folder_is_not(tree):
    assert not is_inside(str(tree / "secret.md"), str(tree / "content"))
    assert not is_inside(str(tree / "content" / ".." / "secret.md"), str(tree / "content"))


def test_a_link_leaving_the_folder_is_not_inside(tree):
    link = tree / "content" / "actions" / "copied.md"
    link.symlink_to(tree / "secret.md")
    assert not is_inside(str(link), str(tree / "content"))
    assert read_source(str(link), str(tree / "content"))[0] is None


def test_a_linked_folder_leaving_the_folder_is_not_inside(tree):
    (tree / "content" / "shared").symlink_to(tree / "elsewhere")
    assert not is_inside(str(tree / "content" / "shared" / "leak.md"), str(tree / "content"))


def test_dot_dot_after_a_link_is_resolved_where_the_link_leads(tree):
    # content/out/.. reads as content/, but 'out' leads to elsewhere/deep, so it is elsewhere/.
    (tree / "content" / "out").symlink_to(tree / "elsewhere" / "deep")
    path = os.path.join(str(tree / "content"), "out", "..", "leak.md")
    assert os.path.realpath(path) == str((tree / "elsewhere" / "leak.md").resolve())
    assert not is_inside(path, str(tree / "content"))


def test_a_link_that_stays_inside_is_inside(tree):
    (tree / "content" / "alias.md").symlink_to(tree / "content" / "actions" / "appeal.md")
    assert is_inside(str(tree / "content" / "alias.md"), str(tree / "content"))


def test_a_content_folder_that_is_itself_a_link_holds_its_files(tree):
    (tree / "site-content").symlink_to(tree / "content")
    assert is_inside(str(tree / "site-content" / "actions" / "appeal.md"), str(tree / "site-content"))
    assert is_inside(str(tree / "content" / "actions" / "appeal.md"), str(tree / "site-content"))
    assert not is_inside(str(tree / "secret.md"), str(tree / "site-content"))


def test_relative_paths_are_taken_from_the_working_folder(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert is_inside("content/actions/appeal.md", "content")
    assert not is_inside("secret.md", "content")
    assert is_inside(str(tree / "content" / "actions" / "appeal.md"), "content")


def test_dot_dot_after_a_link_in_the_folder_is_resolved_too(tree):
    # lnk/../content reads as content/, but lnk leads to elsewhere/deep, so the folder is elsewhere/content.
    (tree / "elsewhere" / "content" / "actions").mkdir(parents=True)
    (tree / "lnk").symlink_to(tree / "elsewhere" / "deep")
    folder = os.path.join(str(tree), "lnk", "..", "content")
    assert os.path.realpath(folder) == str((tree / "elsewhere" / "content").resolve())
    assert not is_inside(str(tree / "content" / "actions" / "appeal.md"), folder)
    assert is_inside(str(tree / "elsewhere" / "content" / "actions" / "x.md"), folder)


def test_paths_may_be_path_objects_or_bytes(tree):
    assert is_inside(tree / "content" / "actions" / "appeal.md", tree / "content")
    assert not is_inside(tree / "secret.md", tree / "content")
    assert is_inside(os.fsencode(tree / "content" / "actions" / "appeal.md"), os.fsencode(tree / "content"))
    assert not is_inside(os.fsencode(tree / "secret.md"), os.fsencode(tree / "content"))


def test_a_document_is_read_whole_up_to_the_limit_and_refused_beyond_it(tree):
    content = tree / "content"
    big = "Title: Big\n\n" + "Слово за словом. " * 12_000  # several read chunks, UTF-8 of two bytes a letter
    (content / "actions" / "big.md").write_text(big, encoding="utf-8")
    assert read_source(str(content / "actions" / "big.md"), str(content)) == (big, [])
    at_limit = b"a" * MAX_SOURCE_BYTES
    (content / "actions" / "at-limit.md").write_bytes(at_limit)
    assert read_source(str(content / "actions" / "at-limit.md"), str(content)) == (at_limit.decode(), [])
    (content / "actions" / "too-big.md").write_bytes(at_limit + b"a")
    text, problems = read_source(str(content / "actions" / "too-big.md"), str(content))
    assert text is None
    assert [(p.file, p.message) for p in problems] == [("actions/too-big.md", "is larger than the limit of 2048 KB")]


def test_a_folder_or_a_missing_file_is_named_as_unreadable(tree):
    content = tree / "content"
    (content / "actions" / "folder.md").mkdir()
    for name in ("folder.md", "gone.md"):
        text, problems = read_source(os.path.join(str(content), "actions", name), str(content))
        assert text is None
        assert problems[0].file == f"actions/{name}" and problems[0].message.startswith("cannot be read (")


def test_a_document_may_be_named_by_path_objects(tree):
    content = tree / "content"
    assert read_source(content / "actions" / "appeal.md", content) == ("Title: Appeal\n\nText.\n", [])
    text, problems = read_source(content / "actions" / "missing.md", str(content))
    assert text is None and problems[0].file == "actions/missing.md"


@pytest.mark.parametrize("line, left_open", [
    ("plain", ""),
    ("a\u202eb\u202c c", ""),  # an override closed
    ("a\u202eb", "\u202e"),
    ("a\u2067b\u202ec\u2069 d", ""),  # closing an isolate closes what opened inside it
    ("a\u202ab\u2067c\u202c", "\u202a\u2067"),  # a PDF does not reach out of an isolate
    ("\u202c\u2069a", ""),  # a closer with nothing open does nothing
    ("\u2066\u2067x\u2069", "\u2066"),
])
def test_bidirectional_spans_are_paired_as_the_unicode_algorithm_pairs_them(line, left_open):
    assert "".join(unclosed_bidi_spans(line)) == left_open


def test_each_line_s_open_spans_are_closed_at_its_end_innermost_first():
    text, problems = close_bidi_spans("one \u202atwo \u2068three\nfour \u202efive\nsix", "doc.md")
    assert text == "one \u202atwo \u2068three\u2069\u202c\nfour \u202efive\u202c\nsix"
    assert [(p.line, "U+202A, U+2068" in p.message or "U+202E" in p.message) for p in problems] == [(1, True), (2, True)]
