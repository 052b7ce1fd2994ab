"""Fixture trees for the translation_stubs tests."""

import hashlib
import os
import pathlib
import subprocess

from conftest import PEOPLE_TOML as PEOPLE, ROOT, TARGETS_TOML as TARGETS, action_md, briefing_md, settings_for, write_files
from sitebuild import load_settings
from translation_stubs.documents import parse_text, project_from_settings

RU_BODY = "Людей задержали.\n\n::: letter\nSubject: Компенсация\n\nПрошу выплатить компенсацию.\n\nС уважением,\n:::\n"


def source_files(**overrides):
    files = {
        "data/targets.toml": TARGETS,
        "data/people.toml": PEOPLE,
        "actions/free-them.md": action_md(),
        "briefings/background.md": briefing_md(),
        "pages/about.md": "Title: About\n\nAbout us.\n",
    }
    files.update(overrides)
    return files


def project_for(tmp_path, catalog_path=None, languages=("en", "ru", "kk")):
    settings = settings_for(tmp_path, languages=languages)
    if catalog_path:
        settings["MULTILINGUAL"]["catalog_path"] = str(catalog_path)
    return project_from_settings(load_settings(str(ROOT / "pelicanconf.py"), settings))


def fingerprint_of(project, relative):
    text = (pathlib.Path(project.content_path) / relative).read_text(encoding="utf-8")
    return parse_text(relative, text, project).fingerprint


def translation(slug, lang, fingerprint, title="Освободите их", status="translated", body=RU_BODY, extra=""):
    """A translation as a translator leaves it: no facts, only text and the markers."""
    lines = [f"Title: {title}", f"Slug: {slug}", f"Lang: {lang}", "Summary: Сотни задержанных.",
             f"Translation-Status: {status}", f"Source-Fingerprint: {fingerprint}"]
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n\n" + body


def tree_digest(folder):
    """{relative path: sha256} of every file under folder."""
    result = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as stream:
                result[os.path.relpath(path, folder)] = hashlib.sha256(stream.read()).hexdigest()
    return result


def write_catalog(folder, lang, translations):
    """A messages.pot and a <lang> messages.po; translations: {msgid: (msgstr, fuzzy)}."""
    pot = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    po = list(pot)
    for msgid, (msgstr, fuzzy) in translations.items():
        pot += [f'msgid "{msgid}"', 'msgstr ""', ""]
        if msgstr is None:
            continue  # not in the .po at all: `invoke update` was not run
        if fuzzy:
            po.append("#, fuzzy")
        po += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    (folder / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    (folder / "messages.pot").write_text("\n".join(pot), encoding="utf-8")
    (folder / lang / "LC_MESSAGES" / "messages.po").write_text("\n".join(po), encoding="utf-8")


def write_tree(tmp_path, files):
    write_files(tmp_path / "content", files)
    return tmp_path / "content"





def git(folder, *args):
    """Run git in `folder` as a test author; its output."""
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True).stdout


def commit_then_reword_the_letter(repository, content):
    """Commit everything in a new repository at `repository`, then commit the English action's letter
    reworded ("Yours sincerely," -> "With respect,"): its translations are outdated, with a history."""
    git(repository, "init", "-q")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "translated")
    source = content / "actions/free-them.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Yours sincerely,", "With respect,"), encoding="utf-8")
    git(repository, "commit", "-q", "-am", "letter reworded")
