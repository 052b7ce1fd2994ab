"""The two costs a build cannot go below while it keeps Python-Markdown and Jinja2, and what they add up to.

    python bench/floor.py [--work bench/work] [--cores 2]

On the corpus `invoke bench` left in WORK/content (written first, 1,000 x 3,
if there is none), in this one process:

- converting: the reader's whole Markdown work for every document
  (Python-Markdown with the site's extensions, the letter block, the nh3
  sanitiser), with no Pelican around it; best CPU of three passes;
- rendering: a strict build with one rendering process, timed from Pelican's
  `finalized` signal to the end (Jinja2 rendering every page and writing
  it); best CPU of two builds.

Then, for each corpus size of `invoke bench --scale`, the CPU and the wall
time on CORES cores that these two alone take, with perfect parallelism
and nothing else of a build (no Pelican, no grouping, lists or checks): a
floor under any build of ours at that size.
"""

import argparse
import glob
import json
import os
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "plugins"))

import corpus  # noqa: E402
import run  # noqa: E402

# The sizes of `invoke bench --scale` (documents per language, languages).
SCALE_SIZES = [(1000, 3), (3000, 3), (10000, 3), (10000, 10)]


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def conversion_seconds(content, settings, passes=3):
    """(documents, best CPU seconds) of converting every document of `content` in this process."""
    from campaign_content.reader import DocumentConverter, convert_path, converter_arguments

    documents = sorted(glob.glob(os.path.join(content, "**", "*.md"), recursive=True))
    converter = DocumentConverter(*converter_arguments(settings))
    best = float("inf")
    for _ in range(passes):
        started = cpu_seconds()
        for document in documents:
            convert_path(converter, document, settings["PATH"])
        best = min(best, cpu_seconds() - started)
    return len(documents), best


def render_seconds(content, codes, builds=2):
    """(pages, best CPU seconds) of rendering and writing every page in one process."""
    from pelican import signals

    from sitebuild import build

    marks = []
    signals.finalized.connect(lambda *args, **kwargs: marks.append(cpu_seconds()), weak=False)
    best, pages = float("inf"), 0
    for _ in range(builds):
        with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
            overrides = run.our_overrides(content, os.path.join(scratch, "output"), os.path.join(scratch, "cache"),
                                          codes)
            overrides["PARALLEL_RENDER"] = {"processes": 1}
            build(os.path.join(ROOT, "pelicanconf.py"), overrides=overrides, strict=True)
            best = min(best, cpu_seconds() - marks[-1])
            pages = run.count_pages(os.path.join(scratch, "output"))
    return pages, best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    content = os.path.join(args.work, "content")
    if not os.path.isdir(content):
        corpus.generate(content, 1000, 3)
    # The corpus's languages: the default one, and one more for each suffix its translations carry.
    suffixes = {name.rsplit(".", 2)[1] for name in glob.glob(os.path.join(content, "*", "*.*.md"))}
    codes = corpus.languages(1 + len(suffixes))
    from sitebuild import load_settings

    settings = load_settings(os.path.join(ROOT, "pelicanconf.py"), {"PATH": content})
    documents, converting = conversion_seconds(content, settings)
    pages, rendering = render_seconds(content, codes)
    per_document, per_page, pages_per_document = converting / documents, rendering / pages, pages / documents
    print(f"converting: {documents} documents, {converting:.2f} CPU s, {1000 * per_document:.2f} ms each")
    print(f"rendering:  {pages} pages, {rendering:.2f} CPU s, {1000 * per_page:.2f} ms each")
    print(f"floor on {args.cores} core(s), converting and rendering only (pages per document as here, "
          f"{pages_per_document:.3f}):")
    rows = []
    for docs, langs in SCALE_SIZES:
        count = docs * langs
        cpu = count * per_document + count * pages_per_document * per_page
        rows.append({"docs": docs, "langs": langs, "cpu_seconds": cpu, "wall_seconds": cpu / args.cores})
        print(f"  {docs:>6} x {langs:<2} {count:>7} documents  {cpu:7.1f} CPU s  {cpu / args.cores:6.1f} s")
    print(json.dumps({"per_document_ms": 1000 * per_document, "per_page_ms": 1000 * per_page,
                      "cores": args.cores, "at": time.strftime("%Y-%m-%dT%H:%M:%S"), "sizes": rows}))


if __name__ == "__main__":
    main()
