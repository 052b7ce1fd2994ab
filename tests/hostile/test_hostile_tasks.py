"""Hostile input to the translators' commands and to share links: named outcomes, never a traceback."""

import io
import json
import os
import sys
import urllib.parse

from conftest import ROOT, TARGETS_TOML
from petition_links.networks import NETWORKS, share_url
from petition_links.urls import fit_text, x_length
from translation_stubs.cli import stubs_command, translations_command

sys.path.insert(0, str(ROOT / "tests" / "translation_stubs"))
from stub_fixtures import fingerprint_of, project_for, source_files, translation, write_tree  # noqa: E402


def run_stubs(project, **kwargs):
    out = io.StringIO()
    return stubs_command(project, out=out, **kwargs), out.getvalue()


def test_a_stub_that_the_file_system_refuses_is_named_and_the_rest_are_written(tmp_path):
    long_slug = "x" * 250  # with '.ru.md' the name passes the file system's 255-byte limit
    content = write_tree(tmp_path, source_files(**{f"pages/{long_slug}.md": "Title: Long\n\nText.\n"}))
    code, output = run_stubs(project_for(tmp_path), langs=["ru"])
    assert code == 1
    assert f"FAILED   {content}/pages/{long_slug}.ru.md: could not be written (File name too long)" in output
    assert "stub(s) could not be written" in output and "the 3 written are complete" in output
    assert (content / "actions/free-them.ru.md").exists()
    assert not list(content.rglob(".stub-*"))  # no temporary file left behind


def test_a_byte_order_mark_neither_outdates_a_translation_nor_spoils_a_stub(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    (content / "actions/free-them.ru.md").write_text(translation("free-them", "ru", fingerprint), encoding="utf-8")
    original = content / "briefings/background.md"
    original.write_text("\ufeff" + original.read_text(encoding="utf-8"), encoding="utf-8")
    action = content / "actions/free-them.md"
    action.write_text("\ufeff" + action.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    states = {d["source_file"]: d["state"] for d in json.loads(out.getvalue())["languages"]["ru"]["documents"]}
    assert states["actions/free-them.md"] == "translated"
    run_stubs(project, langs=["ru"])
    stub = (content / "briefings/background.ru.md").read_text(encoding="utf-8")
    assert stub.startswith("Title: Background\nSlug: background\nLang: ru\n")
    assert "\ufeff" not in stub and "Date: 2019-03-05" not in stub.split("\n\n", 1)[1]


def test_every_missing_data_text_is_listed_per_language(tmp_path):
    targets = TARGETS_TOML.replace(', ru = "Уважаемый министр!"', "")
    write_tree(tmp_path, source_files(**{"data/targets.toml": targets}))
    project = project_for(tmp_path, languages=("en", "ru"))
    out = io.StringIO()
    code = translations_command(project, strict=True, out=out)
    assert code == 1
    assert "data texts: 1 without a 'ru' text" in out.getvalue()
    assert "interior-minister.salutation: add ru = \"…\"" in out.getvalue()
    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    texts = json.loads(out.getvalue())["languages"]["ru"]["data_texts"]
    assert texts == [{"file": texts[0]["file"], "entry": "interior-minister", "field": "salutation", "language": "ru"}]
    assert texts[0]["file"].endswith("data/targets.toml")


def test_a_translator_name_with_escape_sequences_is_escaped_in_the_report(tmp_path):
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    fingerprint = fingerprint_of(project, "actions/free-them.md")
    name_file = content / "actions/free-them.ru.md"
    name_file.write_text(translation("free-them", "ru", fingerprint, extra="Translator: Ann"), encoding="utf-8")
    # The file is read through read_source, which drops control characters; a file name cannot hide any either.
    (content / "pages" / "about\x1b[2J.md").write_text("Title: About\n\nText.\n", encoding="utf-8")
    out = io.StringIO()
    translations_command(project, out=out)
    assert "\x1b" not in out.getvalue() and "about\\x1b[2J.md" in out.getvalue()


def test_x_share_texts_fit_x_weighted_count():
    x = NETWORKS["x"].limit
    assert (x.characters, x.count, x.link_weight) == (280, "x", 23)
    assert x_length("abc") == 3 and x_length("Привет") == 6
    assert x_length("😀") == 2 and x_length("👨‍👩‍👧") == 2 and x_length("中文") == 4
    link = "https://example.org/actions/free-them/"
    text = fit_text("😀 " * 200, x.characters, link=link, count="x", link_weight=23)
    assert x_length(text) + 1 + 23 <= x.characters
    shared = urllib.parse.parse_qs(urllib.parse.urlsplit(share_url("x", link, "T", "中" * 300)).query)["text"][0]
    assert x_length(shared) + 24 <= x.characters


def project_copy(tmp_path):
    """A copy of the project (tasks, settings, plugins, theme, content) to run invoke in."""
    import shutil

    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "babel.cfg"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("plugins", "theme", "content"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return project


def run_invoke(project, command):
    import subprocess

    result = subprocess.run([sys.executable, "-m", "invoke", command], cwd=project, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def test_invoke_compile_and_update_refuse_a_catalog_line_that_is_not_gettext_and_change_nothing(tmp_path):
    project = project_copy(tmp_path)
    po = project / "theme" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    broken = po.read_text(encoding="utf-8").replace('msgstr "Действуйте сейчас"', 'msgstr "Действуйте сейчас')
    po.write_text(broken, encoding="utf-8")
    pot = (project / "theme" / "translations" / "messages.pot").read_bytes()
    line = broken.split("\n").index('msgstr "Действуйте сейчас') + 1
    for command in ("compile", "update"):
        code, output = run_invoke(project, command)
        assert code == 1, output
        assert (f"theme/translations/ru/LC_MESSAGES/messages.po:{line}: cannot be read as a catalog: "
                f"'msgstr \"Действуйте сейчас' is not a gettext line") in output
        assert "Nothing was changed." in output and "Traceback" not in output
        assert po.read_text(encoding="utf-8") == broken  # Babel's update would have written "Действуйте сейча"
        assert not po.with_suffix(".mo").exists()
        assert (project / "theme" / "translations" / "messages.pot").read_bytes() == pot


def test_invoke_compile_and_update_never_write_through_a_link(tmp_path):
    project = project_copy(tmp_path)
    victim = tmp_path / "authorized_keys"
    victim.write_text("kept\n", encoding="utf-8")
    folder = project / "theme" / "translations"
    (folder / "ru" / "LC_MESSAGES" / "messages.mo").symlink_to(victim)  # compile would write the .mo through it
    (folder / "kk" / "LC_MESSAGES" / "messages.po").unlink()
    (folder / "kk" / "LC_MESSAGES" / "messages.po").symlink_to(tmp_path / "new-file")  # update would create it
    (tmp_path / "pot-victim").write_text("kept\n", encoding="utf-8")
    (folder / "messages.pot").unlink()
    (folder / "messages.pot").symlink_to(tmp_path / "pot-victim")  # extract would write the template through it
    for command in ("compile", "update"):
        code, output = run_invoke(project, command)
        assert code == 1, output
        assert (tmp_path / "pot-victim").read_text(encoding="utf-8") == "kept\n"
        assert "theme/translations/messages.pot: is a link or not a regular file" in output
        assert "theme/translations/ru/LC_MESSAGES/messages.mo: is a link or not a regular file" in output
        assert "theme/translations/kk/LC_MESSAGES/messages.po: is a link or not a regular file" in output
        assert "Traceback" not in output
        assert victim.read_text(encoding="utf-8") == "kept\n" and not (tmp_path / "new-file").exists()


def test_invoke_compile_names_a_catalog_in_an_unknown_charset_without_a_traceback(tmp_path):
    project = project_copy(tmp_path)
    po = project / "theme" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace("charset=utf-8", "charset=NOPE"), encoding="utf-8")
    code, output = run_invoke(project, "compile")
    assert code == 1 and "Traceback" not in output, output
    assert "theme/translations/ru/LC_MESSAGES/messages.po:" in output  # at the header's line
    assert "cannot be read as a catalog: its Content-Type names the charset 'NOPE'" in output
    assert "Save it as UTF-8" in output


def test_the_job_summary_holds_markdown_only_even_under_github_actions(tmp_path, monkeypatch):
    # The workflow appends `invoke translations --summary` to $GITHUB_STEP_SUMMARY: a workflow command
    # printed there is no annotation, only a raw '::error file=…' line at the top of the summary page.
    content = write_tree(tmp_path, source_files())
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", "sha256:" + "0" * 64, status="done"), encoding="utf-8")
    project = project_for(tmp_path, languages=("en", "ru"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = io.StringIO()
    translations_command(project, summary=True, out=out)
    summary = out.getvalue()
    assert summary.startswith("## Translation status"), summary[:300]
    assert "::error" not in summary and "'done' is not a translation status" in summary


def test_what_a_translation_says_stays_text_in_the_job_summary(tmp_path):
    # The summary is Markdown on the pull request's checks page; a volunteer's header values and file
    # names must show as typed, never as an image loaded from elsewhere, a link, HTML or a broken table.
    from bs4 import BeautifulSoup
    from campaign.annotations import held_back_markdown
    from markdown_it import MarkdownIt

    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    (content / "pages/about.ru.md").write_text(
        translation("about", "ru", "![x](https://evil.example/p.png)"), encoding="utf-8")
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", "sha256:" + "0" * 64, status="[go](https://evil.example/)"), encoding="utf-8")
    # No dot in the name but the language's: a name with more dots is left out, by the build and the status.
    (content / "briefings/b`[go](https:evil-example)`|x.ru.md").write_text(translation(
        "background", "ru", "<img src=https://evil.example/q.png>"), encoding="utf-8")
    out = io.StringIO()
    translations_command(project, summary=True, out=out)
    page = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(out.getvalue()), "html.parser")
    assert not page.find_all(["img", "a"]), [str(tag) for tag in page.find_all(["img", "a"])]
    text = page.get_text()
    assert "'![x](https://evil.example/p.png)' is not a fingerprint" in text
    assert "'[go](https://evil.example/)' is not a translation status" in text
    assert "'<img src=https://evil.example/q.png>' is not a fingerprint" in text
    rows = [[cell.get_text() for cell in row.find_all("td")] for row in page.find_all("tr")[1:]]
    assert ["outdated", "briefings/background.md", "briefings/b`[go](https:evil-example)`|x.ru.md",
            "not reviewed"] in rows, rows
    # The publish's own summary of held-back actions names files the same way.
    held = held_back_markdown({"actions/a`[go](https:evil.example)`.md": ["'ru': actions/<img src=x>.ru.md is still a stub"]})
    page = BeautifulSoup(MarkdownIt("commonmark").render(held), "html.parser")
    assert not page.find_all(["img", "a"]) and "actions/<img src=x>.ru.md is still a stub" in page.get_text()


def test_the_json_report_never_sends_a_file_name_s_controls_to_the_terminal(tmp_path):
    # json.dumps with ensure_ascii=False escapes only C0 controls: a C1 CSI (U+009B) and a bidirectional
    # override in a file name went out to the terminal as they were.
    content = write_tree(tmp_path, source_files())
    project = project_for(tmp_path, languages=("en", "ru"))
    (content / "actions" / "x\x9b2J\u202eevil.md").write_text("Title: X\n\nText.\n", encoding="utf-8")
    out = io.StringIO()
    translations_command(project, as_json=True, out=out)
    text = out.getvalue()
    assert "\x9b" not in text and "\u202e" not in text
    assert "actions/x\\u009b2J\\u202eevil.md" in text
    documents = json.loads(text)["languages"]["ru"]["documents"]
    assert "actions/x\x9b2J\u202eevil.md" in [document["source_file"] for document in documents]


def test_a_held_back_action_s_file_name_gives_no_workflow_command_in_the_publish_log(tmp_path, monkeypatch):
    # `invoke publish` prints the held-back actions to the CI log; a line that starts with '::' there is a
    # command to the runner (an annotation, ::add-mask::, ::stop-commands::). A volunteer's file name may hold
    # a line feed: it printed 'actions/free-them' and then '::error::pwned.md: …' as a line of its own.
    from conftest import action_md, settings_for
    from sitebuild import load_settings
    from sitebuild.publishing import build_and_report

    content = write_tree(tmp_path, source_files(**{"actions/free-them.md": action_md(extra="Required-Languages: kk")}))
    (content / "actions/free-them.md").rename(content / "actions/free-them\n::error::pwned.md")
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    settings = settings_for(tmp_path, {"TRANSLATION_STUBS": load_settings(str(ROOT / "publishconf.py"))["TRANSLATION_STUBS"]})
    out = io.StringIO()
    report = build_and_report(str(ROOT / "publishconf.py"), strict=True, overrides=settings, out=out)
    assert list(report.held_back) == ["actions/free-them\n::error::pwned.md"]
    lines = out.getvalue().splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")], lines
    assert "  actions/free-them\\x0a::error::pwned.md: 'kk': there is no translation" in lines, lines
