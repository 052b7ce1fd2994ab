"""`invoke livereload`: serve the built site and reload open pages after each build.

A development server only. Pages are served from the output folder as
written, except that an HTML response gets one <script src> tag before
</body>; the script (served from this server, so the pages' own
Content-Security-Policy of 'self' allows it) listens on a same-origin
event stream and reloads the page when a build finishes. Nothing of this
is ever written into the site.
"""

import functools
import http.server
import threading

SCRIPT_PATH = "/__livereload.js"
EVENTS_PATH = "/__livereload"
SCRIPT = (
    "var events = new EventSource(%r);\n"
    "events.onopen = function () { document.documentElement.dataset.livereload = 'open'; };\n"
    "events.addEventListener('reload', function () { location.reload(); });\n" % EVENTS_PATH
).encode()
TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
# A comment on the event stream this often: a closed tab is noticed and its thread ends.
KEEPALIVE_SECONDS = 15


class Reloads:
    """A build counter that event streams wait on."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def announce(self):
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait_after(self, seen, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.count != seen, timeout)
            return self.count


class ReloadingHandler(http.server.SimpleHTTPRequestHandler):
    reloads = None  # set per server (functools.partial cannot set a class attribute)

    def do_GET(self):  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path == SCRIPT_PATH:
            return self._send(200, "text/javascript; charset=utf-8", SCRIPT)
        if path == EVENTS_PATH:
            return self._stream_events()
        if path.endswith("/") or path.endswith(".html"):
            return self._send_page()
        return super().do_GET()

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send_page(self):
        path = self.translate_path(self.path)
        if path.endswith("/") or not path.endswith(".html"):
            path = path.rstrip("/") + "/index.html"
        try:
            with open(path, "rb") as stream:
                body = stream.read()
        except OSError:
            return super().do_GET()  # a folder without index.html, or nothing: the stock answer
        at = body.rfind(b"</body>")
        body = body[:at] + TAG + body[at:] if at >= 0 else body + TAG
        self._send(200, "text/html; charset=utf-8", body)

    def _stream_events(self):
        seen = self.reloads.count  # before the page learns that the stream is open
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                now = self.reloads.wait_after(seen, KEEPALIVE_SECONDS)
                self.wfile.write(b"event: reload\ndata: build\n\n" if now != seen else b": still here\n\n")
                self.wfile.flush()
                seen = now
        except OSError:
            return  # the page went away

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass  # one line per request would bury the build log


def serve(folder, port, host="127.0.0.1"):
    """Start serving `folder` in a thread; return (server, Reloads). server.shutdown() stops it."""
    reloads = Reloads()
    handler = type("Handler", (ReloadingHandler,), {"reloads": reloads})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=folder))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, reloads
