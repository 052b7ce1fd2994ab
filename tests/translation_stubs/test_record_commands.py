"""`invoke translations --done PATH`, `--reviewed PATH --reviewer NAME` and `--summary`."""

import io

import pytest

from stub_fixtures import fingerprint_of, project_for, source_files, translation, write_tree
from translation_stubs.cli import record_command, translations_command
from translation_stubs.record import set_header_fields


def record(project, **kwargs):
    out = io.StringIO()
    return record_command(project, out=out, **kwargs), out.getvalue()


def outdated_site(tmp_path, newline="\n"):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    text = translation("free-them", "ru", "sha256:" + "0" * 64, extra="Translator: Ann")
    path = content / "actions/free-them.ru.md"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return content, project, path


def test_done_sets_the_fingerprint_and_status_and_nothing_else(tmp_path):
    content, project, path = outdated_site(tmp_path, newline="\r\n")
    before = path.read_bytes().decode("utf-8")
    code, output = record(project, done=str(path))
    assert code == 0, output
    current = fingerprint_of(project, "actions/free-them.md")
    assert output.strip() == (f"actions/free-them.ru.md: Translation-Status: translated; Source-Fingerprint: {current}")
    after = path.read_bytes().decode("utf-8")
    changed = [(old, new) for old, new in zip(before.split("\r\n"), after.split("\r\n")) if old != new]
    assert changed == [("Source-Fingerprint: sha256:" + "0" * 64, f"Source-Fingerprint: {current}")]
    assert len(before) == len(after)  # same lines, same CRLF line ends
    out = io.StringIO()
    translations_command(project, out=out)
    assert "translated  actions/free-them.md" in out.getvalue()


def test_done_adds_missing_lines_at_the_end_of_the_header(tmp_path):
    content, project, path = outdated_site(tmp_path)
    path.write_text("Title: Освободите их\nSlug: free-them\nLang: ru\nSummary: Сотни.\n\nТекст.\n", encoding="utf-8")
    assert record(project, done=str(path))[0] == 0
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[:4] == ["Title: Освободите их", "Slug: free-them", "Lang: ru", "Summary: Сотни."]
    assert lines[4] == "Translation-Status: translated" and lines[5].startswith("Source-Fingerprint: sha256:")
    assert lines[6:] == ["", "Текст.", ""]


def test_done_refuses_an_original_and_changes_nothing(tmp_path):
    content, project, path = outdated_site(tmp_path)
    original = content / "actions/free-them.md"
    before = original.read_bytes()
    code, output = record(project, done=str(original))
    assert code == 1 and "is not a translation" in output and "Nothing was changed" in output
    assert original.read_bytes() == before
    code, output = record(project, done=str(tmp_path / "elsewhere.md"))
    assert code == 1 and "is not a file in the content folder" in output


def test_review_is_refused_until_the_translation_is_up_to_date(tmp_path):
    content, project, path = outdated_site(tmp_path)
    before = path.read_bytes()
    code, output = record(project, reviewed=str(path), reviewer="Dana")
    assert code == 1 and "is outdated" in output and path.read_bytes() == before
    assert record(project, done=str(path))[0] == 0
    code, output = record(project, reviewed=str(path), reviewer="Dana")
    assert code == 0, output
    text = path.read_text(encoding="utf-8")
    assert "Translation-Status: reviewed\n" in text and "Reviewer: Dana\n" in text and "Translator: Ann\n" in text
    code, output = record(project, reviewed=str(path), reviewer="Eve\x1b[2J")
    assert code == 1 and "--reviewer needs a name on one line" in output


def test_every_outdated_report_gives_the_line_to_paste(tmp_path):
    import json

    content, project, path = outdated_site(tmp_path)
    line = f"Source-Fingerprint: {fingerprint_of(project, 'actions/free-them.md')}"
    for options in ({}, {"summary": True}):
        out = io.StringIO()
        translations_command(project, out=out, **options)
        assert line in out.getvalue(), options
    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    documents = json.loads(out.getvalue())["languages"]["ru"]["documents"]
    assert [d["fingerprint_line"] for d in documents if d["state"] == "outdated"] == [line]


def test_done_and_reviewed_write_inside_a_header_between_dashes(tmp_path):
    content, project, path = outdated_site(tmp_path)
    body = "Людей задержали.\n\n---\n\nЕщё текст.\n"
    path.write_text("---\nTitle: Освободите их\nSlug: free-them\nLang: ru\nSummary: Сотни.\n---\n\n" + body, encoding="utf-8")
    assert record(project, done=str(path))[0] == 0
    assert record(project, reviewed=str(path), reviewer="Dana")[0] == 0
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n---\n", 1)
    assert header.split("\n") == ["---", "Title: Освободите их", "Slug: free-them", "Lang: ru", "Summary: Сотни.",
                                  "Translation-Status: reviewed",
                                  f"Source-Fingerprint: {fingerprint_of(project, 'actions/free-them.md')}",
                                  "Reviewer: Dana"]
    assert rest == "\n" + body  # the text, and the name nowhere in it
    out = io.StringIO()
    translations_command(project, out=out)
    assert "reviewed; reviewer: Dana" in out.getvalue()


def test_done_refuses_a_translation_the_build_would_leave_out_and_the_status_names_it(tmp_path):
    # A file without its Title and Summary (here: no header at all) is left out by the build, and its page
    # shows the original; --done marked it translated, and the status then showed it as done, --strict passing.
    content, project, path = outdated_site(tmp_path)
    path.write_text("Людей задержали.\n", encoding="utf-8")  # slug and language from the file's name
    code, output = record(project, done=str(path))
    assert code == 1 and "has no Title and no Summary yet" in output and "Nothing was changed" in output
    assert path.read_text(encoding="utf-8") == "Людей задержали.\n"
    path.write_text("Translation-Status: translated\n\nЛюдей задержали.\n", encoding="utf-8")
    out = io.StringIO()
    assert translations_command(project, strict=True, out=out) == 1
    assert ("actions/free-them.ru.md: field 'title': is missing, so the build leaves this translation out"
            in out.getvalue()), out.getvalue()


def test_done_gives_a_file_without_a_header_one():
    text = set_header_fields("Людей задержали.\n", {"Translation-Status": "translated", "Source-Fingerprint": "x"})
    assert text == "Translation-Status: translated\nSource-Fingerprint: x\n\nЛюдей задержали.\n"


def changed_lines(before, after):
    """[(old, new)] of the lines that differ, every line with its own ending ('\\r\\n', '\\r' or '\\n')."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new), (before, after)
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_done_with_mixed_line_endings_changes_only_the_header_line(tmp_path):
    content, project, path = outdated_site(tmp_path)
    header = translation("free-them", "ru", "sha256:" + "0" * 64, body="")  # header lines end in '\n'
    body = "## Кто в опасности\r\n\r\nЛюдей задержали.\r\n\r\n## Что делать\r\n\r\nПишите.\r\n\r\n## Ещё\r\n\r\nТекст.\r\n"
    path.write_bytes((header + body).encode("utf-8"))
    before = path.read_bytes().decode("utf-8")
    code, output = record(project, done=str(path))
    assert code == 0, output
    current = fingerprint_of(project, "actions/free-them.md")
    assert changed_lines(before, path.read_bytes().decode("utf-8")) == [
        ("Source-Fingerprint: sha256:" + "0" * 64 + "\n", f"Source-Fingerprint: {current}\n")]


def test_done_with_old_mac_line_endings_changes_only_the_header_lines(tmp_path):
    content, project, path = outdated_site(tmp_path)
    text = translation("free-them", "ru", "sha256:" + "0" * 64, status="stub").replace("\n", "\r")
    path.write_bytes(text.encode("utf-8"))
    code, output = record(project, done=str(path))
    assert code == 0, output
    current = fingerprint_of(project, "actions/free-them.md")
    assert changed_lines(text, path.read_bytes().decode("utf-8")) == [
        ("Translation-Status: stub\r", "Translation-Status: translated\r"),
        ("Source-Fingerprint: sha256:" + "0" * 64 + "\r", f"Source-Fingerprint: {current}\r")]
    out = io.StringIO()
    translations_command(project, out=out)
    assert "translated  actions/free-them.md" in out.getvalue()


def test_the_done_command_the_report_advises_works_as_printed(tmp_path):
    import re

    content, project, path = outdated_site(tmp_path)
    out = io.StringIO()
    translations_command(project, out=out)
    advised = re.search(r"run `invoke translations --done (\S+)`", out.getvalue()).group(1)
    code, output = record(project, done=advised)
    assert code == 0, output
    out = io.StringIO()
    translations_command(project, out=out)
    assert "translated  actions/free-them.md" in out.getvalue()


@pytest.mark.parametrize("marks", ["\ufeff", "\ufeff\ufeff", "\ufeff" * 2000])
def test_done_keeps_a_byte_order_mark_first_and_writes_into_the_real_header(tmp_path, marks):
    content, project, path = outdated_site(tmp_path)
    text = marks + translation("free-them", "ru", "sha256:" + "0" * 64, extra="Translator: Ann")
    path.write_text(text, encoding="utf-8")  # as Windows Notepad saves it (twice: an editor added a second)
    code, output = record(project, done=str(path))
    assert code == 0, output
    after = path.read_text(encoding="utf-8")
    current = fingerprint_of(project, "actions/free-them.md")
    assert after.startswith(marks + "Title: ") and after.count("\ufeff") == len(marks)
    assert changed_lines(text, after) == [("Source-Fingerprint: sha256:" + "0" * 64 + "\n",
                                           f"Source-Fingerprint: {current}\n")]
    out = io.StringIO()
    translations_command(project, out=out)
    assert "translated  actions/free-them.md" in out.getvalue() and "field" not in out.getvalue()


def test_done_writes_before_a_closing_line_of_dots_or_dashes_without_an_opening_one(tmp_path):
    for closing in ("...", "---"):
        content, project, path = outdated_site(tmp_path / closing.replace(".", "d").replace("-", "h"))
        text = translation("free-them", "ru", "sha256:" + "0" * 64).replace(
            "Source-Fingerprint: sha256:" + "0" * 64 + "\n", "")
        header, body = text.split("\n\n", 1)
        path.write_text(f"{header}\n{closing}\n{body}", encoding="utf-8")
        assert record(project, done=str(path))[0] == 0
        lines = path.read_text(encoding="utf-8").split("\n")
        fingerprint_at = next(i for i, line in enumerate(lines) if line.startswith("Source-Fingerprint: "))
        assert lines[fingerprint_at + 1] == closing  # inside the header, never in the published body
        out = io.StringIO()
        translations_command(project, out=out)
        assert "source-fingerprint" not in out.getvalue()


def test_done_drops_a_second_line_of_a_field_it_sets():
    # The build reads only the first of two lines; the stale second 'Translation-Status: stub' stayed, and the
    # build then warned that the field was written twice.
    text = ("Title: T\nTranslation-Status: stub\nSource-Fingerprint: old\nTranslation-Status: stub\n"
            "Source-Fingerprint: older\n    continued\nSummary: S\n\nBody: not a field.\nTranslation-Status: x\n")
    assert set_header_fields(text, {"Translation-Status": "translated", "Source-Fingerprint": "new"}) == (
        "Title: T\nTranslation-Status: translated\nSource-Fingerprint: new\nSummary: S\n\nBody: not a field.\n"
        "Translation-Status: x\n")
