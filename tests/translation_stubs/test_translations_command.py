"""`invoke translations`: the table, --strict, --json and --diff."""

import io
import json
import subprocess
import sys

import pytest

from stub_fixtures import (ROOT, commit_then_reword_the_letter, fingerprint_of, git, project_for, source_files, translation,
                           write_catalog, write_tree)
from translation_stubs.cli import stubs_command, translations_command
from translation_stubs.documents import read_document


def run(project, **kwargs):
    out = io.StringIO()
    code = translations_command(project, out=out, **kwargs)
    return code, out.getvalue()


def complete_site(tmp_path):
    """Every document translated into ru, every theme string too (kk is not configured)."""
    content = write_tree(tmp_path, source_files())
    catalogs = tmp_path / "catalogs"
    write_catalog(catalogs, "ru", {"Actions": ("Акции", False)})
    project = project_for(tmp_path, catalog_path=catalogs, languages=("en", "ru"))
    for source, slug in (("actions/free-them.md", "free-them"), ("briefings/background.md", "background"),
                         ("pages/about.md", "about")):
        (content / source.replace(".md", ".ru.md")).write_text(
            translation(slug, "ru", fingerprint_of(project, source)), encoding="utf-8")
    return content, project


def test_strict_passes_only_when_nothing_is_left_to_do(tmp_path):
    content, project = complete_site(tmp_path)
    code, output = run(project, strict=True)
    assert code == 0, output
    assert "ru: 3 document(s): 3 translated (100%), 0 outdated (0%), 0 stub (0%), 0 missing (0%)" in output
    assert "theme strings: 0 of 1 untranslated" in output

    (content / "pages/about.ru.md").unlink()
    code, output = run(project, strict=True)
    assert code == 1
    assert "missing     pages/about.md" in output and "run `invoke stubs --lang ru`" in output
    assert "translations --strict: 1 document translation(s) not done" in output
    assert run(project)[0] == 0  # without --strict the report never fails

    stubs_command(project, out=io.StringIO())
    assert run(project, strict=True)[0] == 1


def test_strict_fails_on_an_untranslated_theme_string(tmp_path):
    _content, project = complete_site(tmp_path)
    write_catalog(tmp_path / "catalogs", "ru", {"Actions": ("Акции", False), "Take action": ("", False)})
    code, output = run(project, strict=True)
    assert code == 1
    assert "theme strings: 1 of 2 untranslated" in output and "'Take action'" in output


def test_json_gives_the_same_report_for_machines(tmp_path):
    content, project = complete_site(tmp_path)
    source = content / "actions/free-them.md"
    source.write_text(source.read_text(encoding="utf-8").replace("were detained.", "were held."), encoding="utf-8")
    code, output = run(project, as_json=True, strict=True)
    assert code == 1
    data = json.loads(output)
    assert data["ok"] is False and data["default_language"] == "en"
    ru = data["languages"]["ru"]
    assert ru["counts"] == {"translated": 2, "outdated": 1, "stub": 0, "missing": 0}
    assert ru["percent"]["outdated"] == 33
    outdated = [d for d in ru["documents"] if d["state"] == "outdated"]
    assert [(d["source_file"], d["file"]) for d in outdated] == [("actions/free-them.md", "actions/free-them.ru.md")]
    assert outdated[0]["source_fingerprint"] == fingerprint_of(project, "actions/free-them.md")
    assert ru["theme_strings"]["untranslated"] == []


def test_diff_shows_what_changed_in_the_source_from_git_history(tmp_path):
    content, project = complete_site(tmp_path)
    commit_then_reword_the_letter(content, content)
    code, output = run(project, diff=True)
    assert code == 0
    assert "changes in actions/free-them.md since it was translated:" in output
    # Word by word, with a little context: only the words that changed are marked.
    assert "Please compensate everyone detained. [-Yours sincerely-]{+With respect+}," in output
    assert "actions/free-them.md as translated (commit " in output
    data = json.loads(run(project, diff=True, as_json=True)[1])
    diff = next(d for d in data["languages"]["ru"]["documents"] if d["state"] == "outdated")["diff"]
    assert "[-Yours sincerely-]{+With respect+}" in diff


@pytest.mark.parametrize("marks", ["\ufeff", "\ufeff\ufeff"])
def test_diff_finds_an_original_saved_with_byte_order_marks(tmp_path, marks):
    # Notepad saves a mark first (an editor may add a second): every reader of content skips them, so the
    # committed version read from git history must be read the same way, or its fingerprint never matches.
    files = source_files()
    files["actions/free-them.md"] = marks + files["actions/free-them.md"]
    content = write_tree(tmp_path, files)
    project = project_for(tmp_path, languages=("en", "ru"))
    original, _problem = read_document(project.content_path, "actions/free-them.md", project)
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "ru", original.fingerprint),
                                                     encoding="utf-8")
    commit_then_reword_the_letter(content, content)
    assert (content / "actions/free-them.md").read_text(encoding="utf-8").startswith(marks + "Title:")
    code, output = run(project, diff=True)
    assert code == 0
    assert "not in git history" not in output
    assert "Please compensate everyone detained. [-Yours sincerely-]{+With respect+}," in output


def test_diff_marks_two_changed_words_in_a_long_paragraph_not_the_paragraph(tmp_path):
    paragraph = ("On 27 February 2019 police in masks detained about 100 people in Almaty who had gathered "
                 "peacefully outside the office of the ruling party, among them pensioners and students. ") * 5
    content, project = complete_site(tmp_path)
    source = content / "briefings/background.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Text.", paragraph), encoding="utf-8")
    ru = content / "briefings/background.ru.md"
    ru.write_text(translation("background", "ru", fingerprint_of(project, "briefings/background.md")), encoding="utf-8")
    git(content, "init", "-q")
    git(content, "add", ".")
    git(content, "commit", "-q", "-m", "translated")
    changed = paragraph.replace("about 100 people", "about 120 people", 1)
    source.write_text(source.read_text(encoding="utf-8").replace(paragraph, changed), encoding="utf-8")
    git(content, "commit", "-q", "-am", "figure corrected")
    code, output = run(project, diff=True)
    changes = [line.strip() for line in output.splitlines() if line.strip().startswith("body:")]
    assert changes == ["body: …2019 police in masks detained about [-100-]{+120+} people in Almaty who had gathered…"]


def test_diff_without_history_says_the_old_text_is_unknown(tmp_path):
    content, project = complete_site(tmp_path)
    source = content / "briefings/background.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    code, output = run(project, diff=True)
    assert code == 0
    assert "is not in git history, so the old text is unknown" in output


def test_the_command_line_exit_codes(tmp_path):
    write_tree(tmp_path, source_files())
    command = [sys.executable, "-m", "translation_stubs.cli", "--settings", str(ROOT / "pelicanconf.py"),
               "--content", str(tmp_path / "content")]
    env = {"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(command + ["translations", "--strict", "--json"], capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["languages"]["kk"]["counts"]["missing"] == 3
    result = subprocess.run(command + ["stubs", "--lang", "ru"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and result.stdout.count("created  ") == 3
    result = subprocess.run(command + ["translations"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "3 stub (100%)" in result.stdout


def test_an_outdated_translation_with_old_mac_line_endings_is_reported_outdated(tmp_path):
    content, project = complete_site(tmp_path)
    path = content / "actions/free-them.ru.md"
    path.write_bytes(translation("free-them", "ru", "sha256:" + "0" * 64).replace("\n", "\r").encode("utf-8"))
    code, output = run(project)
    assert "outdated    actions/free-them.md" in output, output
    assert "source-fingerprint" not in output  # the header's lines are read one by one


def test_a_broken_data_file_is_named_and_fails_strict(tmp_path):
    content, project = complete_site(tmp_path)
    (content / "data/targets.toml").write_text('[prosecutor-general]\nname = { en = "Office", ru = }\n', encoding="utf-8")
    code, output = run(project, strict=True)
    assert code == 1, output
    problems = [line.strip() for line in output.splitlines() if "targets.toml" in line]
    assert len(problems) == 1 and problems[0].startswith("data/targets.toml:2: ") and "is not valid TOML" in problems[0]
    assert "line 2" in problems[0], output
    assert "1 problem(s)" in output
    data = json.loads(run(project, as_json=True)[1])
    assert data["ok"] is False and any("targets.toml" in problem["message"] for problem in data["problems"])


def test_a_pull_request_annotation_names_the_line_of_the_field(tmp_path, monkeypatch):
    """The guide promises a note on the line that causes a problem; the annotations of `invoke translations`
    named only the file, so GitHub showed them on no line of the pull request's diff."""
    content, project = complete_site(tmp_path)
    path = content / "pages/about.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Translation-Status: translated",
                                                             "Translation-Status: transalted"), encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(tmp_path)
    code, output = run(project, strict=True)
    assert code == 1
    line = path.read_text(encoding="utf-8").split("\n").index("Translation-Status: transalted") + 1
    annotations = [text for text in output.splitlines() if text.startswith("::error ")]
    assert annotations and all(f"file=content/pages/about.ru.md,line={line}," in text for text in annotations), output
    assert f"pages/about.ru.md:{line}: field 'translation-status'" in output
