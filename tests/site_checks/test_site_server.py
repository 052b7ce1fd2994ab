"""The local server the browser checks load pages from."""

import logging
import socket
import struct
import time
import urllib.request

from site_checks.browser import SiteServer


def test_a_connection_the_browser_drops_prints_no_traceback(tmp_path, capfd, caplog):
    (tmp_path / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    (tmp_path / "big.bin").write_bytes(b"x" * 20_000_000)
    caplog.set_level(logging.DEBUG, logger="site_checks.browser")
    with SiteServer(tmp_path) as server:
        host, port = server.httpd.server_address[:2]
        client = socket.create_connection((host, port))
        client.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        client.recv(1024)
        # Close with a reset, as a browser that moves on does, while the server is still sending.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        deadline = time.monotonic() + 10
        while "closed the connection early" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        with urllib.request.urlopen(f"{server.origin}/") as response:
            assert response.status == 200  # and it serves on
    assert "closed the connection early" in caplog.text
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Exception occurred" not in captured.err
