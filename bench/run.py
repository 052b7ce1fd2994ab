"""`invoke bench`: our build against Pelican + i18n_subsites and plain Pelican.

Phases, top to bottom:
1. make sure bench/.venv-i18n has Pelican 4.12 + pelican-i18n-subsites 1.0.0
   (bench/requirements-i18n-subsites.txt);
2. write the synthetic corpus (bench/corpus.py) into the work folder;
3. time, alternating within each run, each pass in its own process
   (bench/child.py): (a) our full build from nothing, (b) i18n_subsites,
   (c) one plain Pelican pass with no plugins, (d) our rebuild after one
   source file changed;
4. print medians, peak memory and pages per second, write them all to a
   JSON file, and end with the `ratios:` line.

Wall time is measured here, around the whole child process (interpreter
start included, the same for every pass); peak memory is what each child
reports from the OS: its own ru_maxrss, or, when it starts
worker processes, the sampled peak of its and its workers' resident memory
if that is larger (bench/child.py).
"""

import argparse
import compileall
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "plugins"))

import corpus  # noqa: E402

CHILD = os.path.join(HERE, "child.py")
I18N_REQUIREMENTS = os.path.join(HERE, "requirements-i18n-subsites.txt")
PASSES = {
    "a": "ours, full build",
    "b": "Pelican + i18n_subsites",
    "c": "plain Pelican, no plugins",
    "d": "ours, one file changed",
}
# A fixed date keeps which actions are open, and so the output, the same every run.
BUILD_DATE = "2024-06-01"


class BenchError(RuntimeError):
    """A pass failed or the benchmark could not be set up."""


def ensure_i18n_venv(venv, python=sys.executable):
    """Create or update the venv of pass (b); return its python."""
    with open(I18N_REQUIREMENTS, "rb") as handle:
        wanted = hashlib.sha256(handle.read()).hexdigest()
    stamp = os.path.join(venv, "requirements.sha256")
    venv_python = os.path.join(venv, "bin", "python")
    if os.path.exists(venv_python) and os.path.exists(stamp) and open(stamp).read().strip() == wanted:
        return venv_python
    print(f"Installing {os.path.relpath(I18N_REQUIREMENTS, ROOT)} into {os.path.relpath(venv, ROOT)} ...", flush=True)
    subprocess.run([python, "-m", "venv", "--clear", venv], check=True)
    subprocess.run([venv_python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", I18N_REQUIREMENTS],
                   check=True)
    with open(stamp, "w") as handle:
        handle.write(wanted + "\n")
    return venv_python


def our_overrides(content, output, cache, codes):
    """pelicanconf.py as it is, pointed at the corpus and its languages."""
    from sitebuild import load_settings

    settings = load_settings(os.path.join(ROOT, "pelicanconf.py"))
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


def count_pages(output):
    return sum(1 for _root, _dirs, files in os.walk(output) for name in files if name.endswith(".html"))


def run_child(command, env=None):
    """Run one pass; return (wall seconds, the child's report)."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise BenchError(f"{' '.join(command[:3])} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    lines = result.stdout.strip().splitlines()
    return elapsed, json.loads(lines[-1])


def touch_one_source(content, run):
    """Change one action's text, as an editor would."""
    path = os.path.join(content, "actions", "action-1.md")
    if not os.path.exists(path):
        path = sorted(os.path.join(root, name) for root, _d, names in os.walk(content)
                      for name in names if name.endswith(".md"))[0]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nEdited in benchmark run {run}.\n")
    return os.path.relpath(path, content)


def measure(docs, langs, runs, work, i18n_python):
    codes = corpus.languages(langs)
    content = os.path.join(work, "content")
    files = corpus.generate(content, docs, langs)
    out = {key: os.path.join(work, f"output-{key}") for key in "abc"}
    cache = os.path.join(work, "cache-a")
    ours = [sys.executable, CHILD, "ours", json.dumps(our_overrides(content, out["a"], cache, codes))]
    plain_overrides = lambda key: json.dumps({"PATH": content, "OUTPUT_PATH": out[key],  # noqa: E731
                                              "CACHE_PATH": os.path.join(work, f"cache-{key}")})
    commands = {
        "b": [i18n_python, CHILD, "pelican", os.path.join(HERE, "i18n_subsites_conf.py"), plain_overrides("b")],
        "c": [sys.executable, CHILD, "pelican", os.path.join(HERE, "plain_conf.py"), plain_overrides("c")],
    }
    env = dict(os.environ, BENCH_LANGS=",".join(codes), PYTHONHASHSEED="0")
    samples = {key: [] for key in PASSES}
    for run in range(1, runs + 1):
        for key in "abcd":
            if key == "a":
                shutil.rmtree(out["a"], ignore_errors=True)
                shutil.rmtree(cache, ignore_errors=True)
                command = ours
            elif key == "d":
                changed = touch_one_source(content, run)
                command = ours
            else:
                shutil.rmtree(out[key], ignore_errors=True)
                command = commands[key]
            seconds, report = run_child(command, env)
            if key in "ad" and report["errors"]:
                raise BenchError(f"pass ({key}) logged {report['errors']} error(s) on the corpus")
            output = out["a"] if key in "ad" else out[key]
            sample = dict(report, seconds=seconds, pages=count_pages(output))
            if key == "d":
                sample["changed"] = changed
            samples[key].append(sample)
            print(f"  run {run} ({key}) {PASSES[key]:<28} {seconds:7.2f} s  {sample['memory_kib'] / 1024:7.0f} MiB  "
                  f"{sample['pages']} pages", flush=True)
    return files, samples


def summarise(samples):
    summary = {}
    for key, runs in samples.items():
        median = statistics.median(run["seconds"] for run in runs)
        pages = runs[-1]["pages"]
        summary[key] = {
            "name": PASSES[key],
            "median_seconds": round(median, 3),
            "peak_memory_mib": round(max(run["memory_kib"] for run in runs) / 1024, 1),
            "pages": pages,
            "pages_per_second": round(pages / median, 1) if median else None,
        }
    a, b, c, d = (summary[key] for key in "abcd")
    ratios = {
        "vs_i18n_subsites": a["median_seconds"] / b["median_seconds"],
        "vs_plain": a["median_seconds"] / c["median_seconds"],
        "incremental": d["median_seconds"] / a["median_seconds"],
        "memory_vs_i18n_subsites": a["peak_memory_mib"] / b["peak_memory_mib"],
    }
    return summary, {key: round(value, 3) for key, value in ratios.items()}


def table(summary):
    lines = ["| pass | median s | peak memory MiB | pages | pages/s |", "| --- | ---: | ---: | ---: | ---: |"]
    for key, row in summary.items():
        lines.append(f"| ({key}) {row['name']} | {row['median_seconds']:.2f} | {row['peak_memory_mib']:.0f} | "
                     f"{row['pages']} | {row['pages_per_second']:.0f} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents per language (1000)")
    parser.add_argument("--langs", type=int, default=3, help=f"languages, 1 to {len(corpus.LANGUAGES)} (3)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each pass (3)")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="work folder (bench/work)")
    parser.add_argument("--json", default=None, help="results file (WORK/results.json)")
    parser.add_argument("--venv", default=os.path.join(HERE, ".venv-i18n"), help="venv of pass (b)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.runs < 1:
        parser.error("--docs and --runs must be at least 1")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    i18n_python = ensure_i18n_venv(os.path.abspath(args.venv))
    # pip byte-compiles Pelican and i18n_subsites when it installs them; compile
    # our plugins once too, so that no pass compiles source on every start
    # (PYTHONDONTWRITEBYTECODE would otherwise make ours do it every time).
    compileall.compile_dir(os.path.join(ROOT, "plugins"), quiet=1)
    print(f"Corpus: {args.docs} documents x {args.langs} languages; {args.runs} runs of each pass", flush=True)
    files, samples = measure(args.docs, args.langs, args.runs, work, i18n_python)
    summary, ratios = summarise(samples)
    results = {
        "docs": args.docs, "langs": corpus.languages(args.langs), "runs": args.runs, "source_files": len(files),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "passes": summary, "samples": samples, "ratios": ratios,
    }
    json_path = args.json or os.path.join(work, "results.json")
    with open(json_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print()
    print(table(summary))
    print(f"\nResults: {json_path}")
    print("ratios: " + " ".join(f"{key}={value}" for key, value in ratios.items()))


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench: {error}")
