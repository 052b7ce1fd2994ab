"""`invoke regenerate` and `invoke livereload`: a build now, and one after every change."""

import os
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
    builds, running = [], threading.Event()
    running.set()
    thread = threading.Thread(target=watch, args=([str(content), str(settings)], lambda: builds.append(time.time())),
                              kwargs={"interval": 0.02, "keep_going": running.is_set}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: len(builds) == 1)
        time.sleep(0.2)
        assert len(builds) == 1  # nothing changed: no build
        action.write_text("Title: Free them now\n", encoding="utf-8")
        assert wait_for(lambda: len(builds) == 2)
        (content / "actions" / "free-them.ru.md").write_text("Title: Освободите их\n", encoding="utf-8")
        assert wait_for(lambda: len(builds) == 3)
        os.utime(settings, (time.time() + 5, time.time() + 5))
        assert wait_for(lambda: len(builds) == 4)
    finally:
        running.clear()
        thread.join(2)
    assert not thread.is_alive()
