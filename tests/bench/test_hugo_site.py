"""bench/hugo_site.py: the benchmark corpus as Hugo content, one content folder per language."""

import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import hugo_site  # noqa: E402

ACTION = """Title: Free them
Slug: free-them
Lang: ru
Date: 2023-03-05
Deadline: 2025-01-31
State: open
Summary: Hundreds were *detained*.
People: person-1, person-2
Targets: official-3
Briefing: briefing-0

## Background

They were detained.

::: letter
Subject: Release them

Dear Minister, release them.

Now.
:::
"""


def front(text):
    head = text.split("+++\n")[1]
    return tomllib.loads(head)


def test_an_actions_letter_block_becomes_its_letter_table():
    fields, body = hugo_site.read_document(ACTION)
    assert fields["slug"] == "free-them" and fields["targets"] == "official-3"
    body, subject, letter = hugo_site.split_letter(body)
    assert subject == "Release them" and letter == "Dear Minister, release them.\n\nNow."
    assert ":::" not in body and "They were detained." in body
    meta = front(hugo_site.front_matter("actions", fields, "2024-06-01", (subject, letter)))
    assert meta["letter"] == {"subject": "Release them", "body": "Dear Minister, release them.\n\nNow."}
    assert meta["people"] == ["person-1", "person-2"] and meta["targets"] == ["official-3"]
    assert str(meta["deadline"]) == "2025-01-31" and meta["briefing"] == "briefing-0"


def test_only_actions_open_on_the_build_date_get_a_letter_page():
    fields, _body = hugo_site.read_document(ACTION)
    letter = ("Release them", "Now.")
    assert front(hugo_site.front_matter("actions", fields, "2024-06-01", letter))["outputs"] == ["html", "letter"]
    # The deadline's own day is still open, as in our build.
    assert "outputs" in front(hugo_site.front_matter("actions", fields, "2025-01-31", letter))
    assert "outputs" not in front(hugo_site.front_matter("actions", fields, "2025-02-01", letter))
    closed = dict(fields, state="closed", outcome="They were released.")
    meta = front(hugo_site.front_matter("actions", closed, "2024-06-01", letter))
    assert "outputs" not in meta and meta["outcome"] == "They were released."


def test_gettext_placeholders_become_hugo_i18n_ones():
    assert hugo_site.hugo_message("Deadline: %(date)s") == "Deadline: {{ .date }}"
    assert hugo_site.hugo_message("Letter in %(language)s") == "Letter in {{ .language }}"


def test_write_site_lays_out_one_content_folder_per_language(tmp_path):
    codes = corpus.languages(3)
    files = corpus.generate(tmp_path / "content", docs=9, langs=3)
    site = pathlib.Path(hugo_site.write_site(
        tmp_path / "content", tmp_path / "site", codes, "2024-06-01", {"en": "Campaign", "ru": "Кампания"},
        corpus.LANGUAGE_NAMES))
    config = tomllib.loads((site / "hugo.toml").read_text(encoding="utf-8"))
    assert config["defaultContentLanguage"] == "en"
    assert list(config["languages"]) == codes
    assert config["languages"]["ru"]["contentDir"] == "content/ru"
    assert config["languages"]["ru"]["title"] == "Кампания" and config["languages"]["kk"]["title"] == "Campaign"
    assert config["languages"]["kk"]["label"] == "Қазақша"
    assert config["params"]["today"] == "2024-06-01" and config["params"]["mailtoBudget"] == 1800
    # One Hugo file per corpus document, at the same path in each language's folder.
    documents = [name for name in files if name.endswith(".md")]
    written = sorted(str(path.relative_to(site / "content")) for path in (site / "content").rglob("*.md"))
    assert len(written) == len(documents) + 1  # and the translation status page
    for lang in codes:
        assert (site / "content" / lang / "actions" / "action-0.md").exists()
        assert (site / "content" / lang / "page-0.md").exists()
    assert [p for p in written if p.endswith("translation-status.md")] == ["en/translation-status.md"]
    # i18n tables from the theme's catalogs; the closing line of letters in each language.
    ru = tomllib.loads((site / "i18n" / "ru.toml").read_text(encoding="utf-8"))
    assert ru["Actions"] != "Actions" and "{{ .date }}" in ru["Deadline: %(date)s"]
    assert config["params"]["closings"]["ru"] != "[Your name], [your town]"
    assert (site / "static" / "theme" / "css" / "site.css").exists()
    assert (site / "data" / "targets.toml").exists() and (site / "layouts" / "baseof.html").exists()
