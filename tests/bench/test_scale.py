"""`invoke bench --scale` on tiny sizes (the real sizes are for a quiet machine: see docs/performance.md),
and bench/svgplot.py's chart."""

import json
import math
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run  # noqa: E402
import svgplot  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def test_scale_builds_each_size_with_each_tool_and_draws_the_curves(tmp_path):
    svg, results = tmp_path / "scale.svg", tmp_path / "scale.json"
    # i18n_subsites only up to 40 documents in all here: the second size is skipped, as 10,000 x 3 is.
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--scale", "--scale-sizes", "12x2,30x2",
         "--scale-i18n-limit", "40", "--work", str(tmp_path / "work"), "--json", str(results), "--svg", str(svg)],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    assert [(row["docs"], row["langs"]) for row in data["rows"]] == [(12, 2), (30, 2)]
    first, second = data["rows"]
    for row in data["rows"]:
        ours, hugo = row["tools"]["ours"], row["tools"]["hugo"]
        assert ours["status"] == hugo["status"] == "ok"
        assert ours["pages"] == hugo["pages"] > 0
        for result in (ours, hugo):
            assert result["seconds"] > 0 and result["cpu_seconds"] > 0 and result["memory_mib"] > 0
        assert ours["warnings"] == ours["errors"] == 0
    assert first["tools"]["i18n_subsites"]["status"] == "ok"
    assert second["tools"]["i18n_subsites"] == {"status": "skipped"}
    assert second["tools"]["ours"]["pages"] > first["tools"]["ours"]["pages"]
    exponents = data["growth_exponents"]
    assert isinstance(exponents["ours"], float) and isinstance(exponents["hugo"], float)
    assert exponents["i18n_subsites"] is None  # one size only
    assert "growth exponents" in run.stdout and "| 30 | 2 |" in run.stdout
    assert data["machine"]["python"] == bench_run.interpreter()  # as `invoke bench` names it
    assert f"Python {data['machine']['python']['version']} at " in run.stdout
    chart = ET.parse(svg).getroot()
    assert chart.tag == f"{SVG}svg"
    # One line per tool with two sizes, in each of the two panels.
    assert len(chart.findall(f".//{SVG}polyline")) == 4
    text = svg.read_text(encoding="utf-8")
    assert "Hugo" in text and "other sizes than the measurement" in text
    assert not (tmp_path / "work" / "scale").exists() and not (tmp_path / "work" / "trash").exists()


def test_growth_exponent_is_the_slope_on_logs():
    points = [(pages, 0.01 * pages ** 1.5) for pages in (1000, 3000, 10000)]
    assert math.isclose(bench_run.growth_exponent(points), 1.5)
    assert bench_run.growth_exponent([(1000, 2.0)]) is None


def test_sizes_are_documents_x_languages():
    assert bench_run.parse_sizes("1000x3, 10000X10") == [(1000, 3), (10000, 10)]


def test_log_ticks_cover_the_values():
    low, high, ticks = svgplot.log_ticks(3000, 100000)
    assert low <= 3000 and high >= 100000
    assert ticks == sorted(ticks) and 10000 in ticks and 50000 in ticks
    assert all(low <= tick <= high for tick in ticks)


def test_chart_is_an_svg_document_with_a_title_and_a_legend():
    text = svgplot.scale_chart({"ours": [(3000, 7.0, 150.0), (9000, 20.0, 300.0)], "hugo": [(3000, 1.0, 90.0)]},
                               "Scale", "two sizes")
    root = ET.fromstring(text)
    assert root.find(f"{SVG}title").text == "Scale"
    assert "ours" in text and "Hugo" in text
    # A tool with one size is drawn as markers only.
    assert len(root.findall(f".//{SVG}polyline")) == 2
