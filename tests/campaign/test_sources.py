"""campaign.sources.is_inside: what counts as inside the content folder, links followed."""

import os

import pytest

from campaign.sources import MAX_SOURCE_BYTES, is_inside, read_source


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
