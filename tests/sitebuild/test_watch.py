"""`invoke regenerate` and `invoke livereload`: a build now, and one after every change."""

import threading
import time

from sitebuild import watch


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_builds_at_start_and_after_each_change_and_not_otherwise(tmp_path):
    content = tmp_path / "content"
    (content / "actions").mkdir(parents=True)
    action = content / "actions" / "free-them.md"
    action.write_text("Title: Free them\n", encoding="utf-8")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'x'\n", encoding="utf-8")
    builds, stop = [], threading.Event()
    thread = threading.Thread(target=watch, args=([str(content), str(settings)], lambda: builds.append(time.time())),
                              kwargs={"stop_event": stop}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: len(builds) == 1)
        time.sleep(0.2)
        assert len(builds) == 1  # nothing changed: no build
        action.write_text("Title: Free them now\n", encoding="utf-8")
        assert wait_for(lambda: len(builds) == 2)
        (content / "actions" / "free-them.ru.md").write_text("Title: Освободите их\n", encoding="utf-8")
        assert wait_for(lambda: len(builds) == 3)
        settings.write_text("SITENAME = 'y'\n", encoding="utf-8")
        assert wait_for(lambda: len(builds) == 4)
        (content / "actions" / ".free-them.md.swp").write_bytes(b"editor state")
        time.sleep(0.5)
        assert len(builds) == 4  # an editor's swap file is not a change to the site
    finally:
        stop.set()
        thread.join(2)
    assert not thread.is_alive()
