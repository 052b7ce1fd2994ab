"""One definition of "published": the mirror bundle holds exactly what `invoke publish`
publishes, and neither carries a translator's or reviewer's name."""

import pathlib

from conftest import ROOT, action_md, minimal_files, settings_for, write_files
from site_checks.bundle import BUNDLE_SETTINGS_FILE, bundle_overrides
from sitebuild import build, load_settings

NAMES = ("Aigerim Volunteer", "Dana Reviewer")


def site_files():
    files = minimal_files()
    files["actions/free-them.ru.md"] = files["actions/free-them.ru.md"].replace(
        "Lang: ru", f"Lang: ru\nTranslation-Status: reviewed\nTranslator: {NAMES[0]}\nReviewer: {NAMES[1]}")
    # Held back: requires kk, which is missing.
    files["actions/held.md"] = action_md(slug="held", title="Held", extra="Required-Languages: kk")
    # Awaiting review in a language that needs it: left out of the published site.
    files["pages/about.kk.md"] = f"Title: Біз туралы\nLang: kk\nTranslator: {NAMES[0]}\n\nМәтін.\n"
    return files


def files_under(folder):
    return {p.relative_to(folder).as_posix() for p in pathlib.Path(folder).rglob("*") if p.is_file()}


def test_the_bundle_holds_exactly_the_published_documents_and_no_names(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    write_files(tmp_path / "content", site_files())
    production = load_settings(str(ROOT / "publishconf.py"))
    stubs = {**production["TRANSLATION_STUBS"], "review_languages": ["kk"]}
    publish = settings_for(tmp_path, {"TRANSLATION_STUBS": stubs, "OUTPUT_PATH": str(tmp_path / "published")})
    report = build(str(ROOT / "publishconf.py"), overrides=publish, strict=True)
    assert list(report.held_back) == ["actions/held.md"]
    effective = load_settings(str(ROOT / BUNDLE_SETTINGS_FILE), publish)
    mirror = {**publish, **bundle_overrides(effective), "OUTPUT_PATH": str(tmp_path / "bundle")}
    build(str(ROOT / BUNDLE_SETTINGS_FILE), overrides=mirror, strict=True)

    published, bundled = files_under(tmp_path / "published"), files_under(tmp_path / "bundle")
    assert published == bundled
    assert "kk/about/index.html" not in published and not any("held" in path for path in published)
    assert "ru/actions/free-them/index.html" in published
    assert not any("translation-status" in path for path in published)
    for folder in ("published", "bundle"):
        for path in (tmp_path / folder).rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", errors="replace")
                assert not any(name in text for name in NAMES), path


def test_a_published_site_says_when_it_was_built_for_monitors(tmp_path, monkeypatch):
    import datetime
    import json

    monkeypatch.setenv("SITEURL", "https://campaign.example.org")
    files = minimal_files()
    files["actions/closed-one.md"] = action_md(slug="closed-one", title="Closed", state="closed")
    write_files(tmp_path / "content", files)
    overrides = settings_for(tmp_path)
    record_file = load_settings(str(ROOT / "publishconf.py"))["CAMPAIGN_CONTENT"]["build_record"]
    overrides["CAMPAIGN_CONTENT"] = {**overrides["CAMPAIGN_CONTENT"], "build_record": record_file}
    build(str(ROOT / "publishconf.py"), overrides=overrides, strict=True)
    record = json.loads((tmp_path / "output" / "build.json").read_text(encoding="utf-8"))
    assert record["open_actions"] == 1 and record["closed_actions"] == 1
    assert record["build_date"] == "2026-06-01"
    built = datetime.datetime.fromisoformat(record["built_at"])
    assert built.tzinfo is not None and abs(datetime.datetime.now(datetime.timezone.utc) - built).days == 0
    # The development build writes none.
    build(str(ROOT / "pelicanconf.py"), overrides=settings_for(tmp_path / "dev") | {"PATH": str(tmp_path / "content")})
    assert not (tmp_path / "dev" / "output" / "build.json").exists()
