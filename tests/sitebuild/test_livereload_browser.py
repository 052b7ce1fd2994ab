"""`invoke livereload`: a page open in the browser reloads when a build finishes; the site's files stay as built."""

import pytest

from sitebuild.livereload import serve

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>t</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
</head><body><h1>{heading}</h1></body></html>
"""


def test_an_open_page_reloads_after_a_build_under_the_sites_own_policy(tmp_path, chromium):
    (tmp_path / "index.html").write_text(PAGE.format(heading="First build"), encoding="utf-8")
    server, reloads = serve(str(tmp_path), 0)
    try:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        assert page.inner_text("h1") == "First build"
        # Selectors, not wait_for_function: the page's policy forbids evaluating strings as script.
        page.wait_for_selector("html[data-livereload='open']", state="attached")
        (tmp_path / "index.html").write_text(PAGE.format(heading="Second build"), encoding="utf-8")
        reloads.announce()
        page.wait_for_selector("h1:text-is('Second build')", timeout=5000)
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    assert b"livereload" not in (tmp_path / "index.html").read_bytes()
