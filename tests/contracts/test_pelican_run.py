"""Contract with Pelican's run, for the plugins that shape it.

parallel_render (a Writer from the `get_writer` signal) takes every
`write_file` call as a job and renders them all at `finalized`, calling
Writer.write_file itself with the same arguments. The incremental plugin
narrows ARTICLE_PATHS / PAGE_PATHS and turns the content cache off in an
`initialized` receiver. Both rely on how Pelican.run orders its steps and on
Writer.write_file's parameters, which Pelican does not promise: if an
upgrade changes them, these tests fail by name.
"""

import inspect
import json
import subprocess
import sys

import pelican
from pelican.writers import Writer

WRITE_FILE_PARAMETERS = ["self", "name", "template", "context", "relative_urls", "paginated", "template_name",
                         "override_output", "url", "kwargs"]


def test_writer_write_file_takes_the_arguments_parallel_render_passes_on():
    assert list(inspect.signature(Writer.write_file).parameters) == WRITE_FILE_PARAMETERS, (
        "pelican.writers.Writer.write_file changed its parameters: update ParallelWriter.write_file and _render")


# Run in a fresh interpreter: plugins registered by other tests stay connected to Pelican's signals.
SCENARIO = """
import json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings
root = sys.argv[1]
settings = read_settings(override={"PATH": root + "/content", "OUTPUT_PATH": root + "/output",
                                   "ARTICLE_PATHS": ["kept", "left"], "PLUGINS": [], "CACHE_CONTENT": False,
                                   "ARTICLE_SAVE_AS": "{slug}.html", "DIRECT_TEMPLATES": [], "TIMEZONE": "UTC"})
events = []
def narrow(instance):
    instance.settings["ARTICLE_PATHS"] = ["kept"]
def written(name, *args, **kwargs):
    events.append("write")
def finalized(instance):
    events.append("finalized")
signals.initialized.connect(narrow)
signals.content_written.connect(written)
signals.finalized.connect(finalized)
Pelican(settings).run()
print(json.dumps(events))
"""


def test_run_writes_everything_before_finalized_and_reads_settings_changed_at_initialized(tmp_path):
    """Pelican.run: generators are made after `initialized`, all output is written, then `finalized`."""
    content = tmp_path / "content"
    for folder in ("kept", "left"):
        (content / folder).mkdir(parents=True)
        (content / folder / f"{folder}.md").write_text(f"Title: {folder}\nDate: 2020-01-01\n\nText.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", SCENARIO, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    events = json.loads(run.stdout.strip().splitlines()[-1])
    assert (tmp_path / "output" / "kept.html").exists()
    assert not (tmp_path / "output" / "left.html").exists(), "ARTICLE_PATHS set at `initialized` no longer narrows"
    assert "write" in events and events[-1] == "finalized", f"Pelican {pelican.__version__}: `finalized` is not last"
