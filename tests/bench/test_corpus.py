"""bench/corpus.py: the corpus builds clean with our build (every letter fits
its mail-link budget), in up to 10 languages."""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "plugins"))

import corpus  # noqa: E402
import run  # noqa: E402
from sitebuild import load_settings  # noqa: E402


def test_our_build_logs_no_warning_on_the_corpus(tmp_path):
    """Before the letters were cut to fit, 150 x 3 documents gave about 20 'over the budget' warnings."""
    codes = corpus.languages(3)
    corpus.generate(tmp_path / "content", docs=150, langs=3)
    overrides = run.our_overrides(str(tmp_path / "content"), str(tmp_path / "output"), str(tmp_path / "cache"), codes)
    child = subprocess.run([sys.executable, str(ROOT / "bench" / "child.py"), "ours", json.dumps(overrides)],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert child.returncode == 0, child.stderr[-2000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert (report["warnings"], report["errors"]) == (0, 0)


def test_every_letter_fits_the_budget_of_pelicanconf():
    settings = load_settings(str(ROOT / "pelicanconf.py"))
    assert corpus.MAILTO_BUDGET == settings["PETITION_LINKS"]["mailto_budget"]
    # A long Cyrillic letter to two officials is cut until it fits.
    words = "безопасность " * 30
    emails = ["official-1@example.org", "official-2@example.org"]
    salutation = "Уважаемый господин министр,"
    subject, sentences = corpus.fit_letter(words.strip(), [words.strip() + "."] * 3, emails, salutation)
    length = corpus.mailto_length(subject, "\n\n".join(sentences), emails, salutation)
    assert length <= corpus.MAILTO_BUDGET
    assert all(sentence.endswith(".") for sentence in sentences)


def test_a_letter_that_fits_is_left_as_it_is():
    subject, sentences = corpus.fit_letter("Free them", ["Release them now."], ["a@example.org"], "Dear Minister,")
    assert (subject, sentences) == ("Free them", ["Release them now."])


def test_ten_languages_each_with_a_name_and_a_script(tmp_path):
    codes = corpus.languages(10)
    assert len(set(codes)) == 10 and codes[:3] == ["en", "ru", "kk"]
    assert set(codes) == set(corpus.LANGUAGE_NAMES) == set(corpus.SCRIPT)
    files = corpus.generate(tmp_path / "one", docs=6, langs=10)
    corpus.generate(tmp_path / "two", docs=6, langs=10)
    assert {name.rsplit(".", 2)[-2] for name in files if name.startswith("actions/") and name.count(".") == 2} == \
        set(codes[1:])
    for path in (tmp_path / "one").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
