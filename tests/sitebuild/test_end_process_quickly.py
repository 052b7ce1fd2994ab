"""A process that ends after building (invoke's, the bench's) leaves the site's objects to the operating system."""

import json
import subprocess
import sys
import textwrap

from conftest import ROOT, minimal_files, settings_for, write_files

CHILD = textwrap.dedent("""
    import json, logging, sys
    sys.path.insert(0, {plugins!r})
    from sitebuild import build, end_process_quickly

    class Cycle:
        def __del__(self):  # runs only if the interpreter collects the cycle at exit
            sys.stdout.write("collected at exit\\n")

    kept = Cycle()
    kept.me = kept  # in a reference cycle until the process ends, as a built site's objects are
    if sys.argv[1] == "quick":
        end_process_quickly()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
    report = build({conf!r}, overrides=json.loads(sys.argv[2]))
    logging.getLogger("child").info("built with %d error(s)", len(report.errors))
""")


def run_child(tmp_path, mode):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(plugins=str(ROOT / "plugins"), conf=str(ROOT / "pelicanconf.py")), encoding="utf-8")
    overrides = settings_for(tmp_path, {"PATH": str(tmp_path / "content")})
    return subprocess.run([sys.executable, str(script), mode, json.dumps(overrides)], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)


def test_the_cycles_left_at_exit_are_not_collected_and_nothing_written_is_lost(tmp_path):
    write_files(tmp_path / "content", minimal_files())
    normal = run_child(tmp_path, "normal")
    assert normal.returncode == 0, normal.stderr[-2000:]
    assert "collected at exit" in normal.stdout  # what the interpreter does by default, and what it costs

    quick = run_child(tmp_path, "quick")
    assert quick.returncode == 0, quick.stderr[-2000:]
    assert "collected at exit" not in quick.stdout
    assert "child: built with 0 error(s)" in quick.stderr  # logging still flushed at exit
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")

