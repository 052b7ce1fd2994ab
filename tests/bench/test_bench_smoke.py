"""A smoke run of `invoke bench` on a tiny corpus: it runs every pass and
reports; the times themselves are never asserted (see README, Performance)."""

import json
import os
import pathlib
import platform
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import run as bench_run  # noqa: E402

RATIOS = re.compile(
    r"^ratios: vs_i18n_subsites=[0-9.]+ vs_plain=[0-9.]+ incremental=[0-9.]+ memory_vs_i18n_subsites=[0-9.]+ "
    r"vs_hugo_wall=[0-9.]+ vs_hugo_cpu=[0-9.]+ memory_vs_hugo=[0-9.]+ rebuild_vs_hugo=[0-9.]+ publish_warm=[0-9.]+$"
)


def test_corpus_has_every_kind_in_every_language(tmp_path):
    files = corpus.generate(tmp_path / "content", docs=9, langs=3)
    assert "data/targets.toml" in files and "data/people.toml" in files
    for kind in ("actions", "briefings", "pages"):
        names = [f for f in files if f.startswith(kind + "/")]
        assert {n.rsplit(".", 2)[-2] for n in names if n.count(".") == 2} == {"ru", "kk"}
    action = (tmp_path / "content" / "actions" / "action-0.md").read_text(encoding="utf-8")
    assert "::: letter" in action and "Targets: official-" in action
    briefing = (tmp_path / "content" / "briefings" / "briefing-0.md").read_text(encoding="utf-8")
    assert "[^1]: " in briefing


def test_corpus_is_the_same_for_the_same_arguments(tmp_path):
    corpus.generate(tmp_path / "one", docs=5, langs=2)
    corpus.generate(tmp_path / "two", docs=5, langs=2)
    for path in (tmp_path / "one").rglob("*.md"):
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()


def html_pages(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))


def test_smoke_run_writes_json_and_ratios_line(tmp_path):
    results = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--docs", "20", "--langs", "2", "--runs", "1",
         "--work", str(tmp_path / "work"), "--json", str(results)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.strip().splitlines()[-1]
    assert RATIOS.match(last), last
    data = json.loads(results.read_text(encoding="utf-8"))
    assert set(data["passes"]) == {"a", "b", "c", "d", "e", "f"}
    # Every Python pass on one interpreter, named in the results: its build alone moves our CPU by 15%.
    ours = data["machine"]["python"]
    assert ours["path"] == os.path.realpath(sys._base_executable) and ours["version"] == platform.python_version()
    assert bench_run.interpreter(str(ROOT / "bench" / ".venv-i18n" / "bin" / "python")) == ours
    assert f"Python {ours['version']} at {ours['path']}" in run.stdout
    for row in data["passes"].values():
        assert row["pages"] > 0 and row["peak_memory_mib"] > 0 and row["median_cpu_seconds"] > 0
        assert 0 < row["median_system_seconds"] < row["median_cpu_seconds"]  # every pass writes a site
        assert row["warnings"] >= 0 and row["errors"] >= 0
    assert set(data["ratios"]) == {"vs_i18n_subsites", "vs_plain", "incremental", "memory_vs_i18n_subsites",
                                   "vs_hugo_wall", "vs_hugo_cpu", "memory_vs_hugo", "rebuild_vs_hugo",
                                   "publish_warm"}
    # (f) built the whole site again after a change, into its own folder, from the conversion cache.
    assert data["passes"]["f"]["pages"] == data["passes"]["a"]["pages"]
    assert html_pages(tmp_path / "work" / "output-f") == html_pages(tmp_path / "work" / "output-a")
    # Our build logs nothing on the corpus; Hugo writes the same pages at the same addresses.
    assert (data["passes"]["a"]["warnings"], data["passes"]["a"]["errors"]) == (0, 0)
    assert data["passes"]["e"]["pages"] == data["passes"]["a"]["pages"]
    assert html_pages(tmp_path / "work" / "output-e") == html_pages(tmp_path / "work" / "output-a")
    assert any("/letter/index.html" in page for page in html_pages(tmp_path / "work" / "output-e"))
    # Each pass's memory is its process tree's: ours forks workers, the hugo script execs Hugo.
    for sample in data["samples"]["a"] + data["samples"]["e"]:
        assert sample["memory_kib"] >= sample["sampled_peak_kib"] > 0
    assert "| (e) Hugo, full build |" in run.stdout
    # What the passes set aside is deleted once the last pass is measured.
    assert not (tmp_path / "work" / "trash").exists()


def test_a_folder_set_aside_is_moved_not_deleted_until_the_trash_is_emptied(tmp_path):
    output = tmp_path / "output-a"
    (output / "actions").mkdir(parents=True)
    (output / "actions" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    inode = (output / "actions" / "index.html").stat().st_ino
    with bench_run.trash_folder(str(tmp_path)) as trash_path:
        trash = pathlib.Path(trash_path)
        bench_run.set_aside(str(output), str(trash))
        bench_run.set_aside(str(tmp_path / "never-built"), str(trash))  # nothing there: nothing to do
        assert not output.exists()
        moved = list(trash.glob("*/output-a/actions/index.html"))
        # Renamed, so the file system freed no inode: the next pass creates its files at full speed.
        assert [path.stat().st_ino for path in moved] == [inode]
        output.mkdir()  # the next pass's output
        bench_run.set_aside(str(output), str(trash))
        assert len(list(trash.glob("*/output-a"))) == 2
    assert not trash.exists()


def test_different_page_counts_stop_the_bench_with_a_clear_message():
    with pytest.raises(bench_run.BenchError, match=r"Hugo wrote 81 HTML pages and ours \(a\) 82"):
        bench_run.check_same_pages(82, 81)
    bench_run.check_same_pages(82, 82)


def test_hugo_warnings_and_errors_are_its_log_lines():
    log = "Start building sites\nWARN  deprecated: x\nWARN  y\nERROR render: z\nTotal in 3 ms\n"
    assert bench_run.hugo_log_counts(log) == (2, 1)


def test_the_floor_measures_converting_and_rendering_of_the_corpus_and_scales_them(tmp_path):
    corpus.generate(tmp_path / "content", docs=12, langs=2)
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), "--work", str(tmp_path), "--cores", "2"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^converting: 24 documents, [0-9.]+ CPU s", result.stdout, re.M)
    pages = sum(1 for _ in (tmp_path / "content").rglob("*.md"))  # the rendered pages: more than the documents
    found = re.search(r"^rendering:  (\d+) pages", result.stdout, re.M)
    assert found and int(found.group(1)) > pages
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    sizes = {(row["docs"], row["langs"]): row for row in figures["sizes"]}
    small, large = sizes[(1000, 3)], sizes[(10000, 10)]
    assert large["cpu_seconds"] > 0 and abs(large["cpu_seconds"] / small["cpu_seconds"] - 100 / 3) < 1e-6
    assert abs(large["wall_seconds"] * 2 - large["cpu_seconds"]) < 1e-6
