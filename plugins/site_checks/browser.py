"""One headless Chromium (Debian's, driven by playwright) and one local web
server on 127.0.0.1 for all the browser checks of a run."""

import functools
import http.server
import logging
import sys
import threading

from . import tools
from .problems import CheckUnavailable

logger = logging.getLogger(__name__)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        logger.debug("http: " + format, *args)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection (it went on to the next page, or aborted a request the
        privacy check refused) is no error of the site: no traceback on the terminal for it."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            logger.debug("http: %s closed the connection early (%s)", client_address, error)
            return
        super().handle_error(request, client_address)


class SiteServer:
    """Serves a folder at http://127.0.0.1:<random free port>/ from a thread."""

    def __init__(self, root):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def launch(playwright):
    """Debian's Chromium, headless; CheckUnavailable when it is missing or does not start."""
    from playwright.sync_api import Error

    executable = tools.chromium()
    try:
        return playwright.chromium.launch(executable_path=executable, args=tools.CHROMIUM_ARGS, headless=True)
    except Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CheckUnavailable(f"Chromium ({executable}) did not start: {first_line}", tools.CHROMIUM_FIX) from None


class BrowserSession:
    """A browser and a server for one site; `url(page)` is where a page is served."""

    def __init__(self, root, browser=None):
        self.root = root
        self._shared_browser = browser
        self.browser = browser

    def __enter__(self):
        self.server = SiteServer(self.root).__enter__()
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            try:
                self.browser = launch(self._playwright)
            except BaseException:
                self._playwright.stop()
                self.server.__exit__(None, None, None)
                raise
        return self

    def __exit__(self, *exc):
        try:
            if self._shared_browser is None:
                self.browser.close()
                self._playwright.stop()
        finally:
            self.server.__exit__(*exc)

    @property
    def origin(self):
        return self.server.origin

    def url(self, page):
        return f"{self.origin}/{page.url_path}"

    def new_context(self, **options):
        return self.browser.new_context(**options)
