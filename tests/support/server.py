"""A static file server on 127.0.0.1 and a free port, optionally cross-origin isolated."""

from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }
    isolated = False
    etag = None

    def send_head(self):
        """Revalidate by ETag (mtime in nanoseconds and size), not by If-Modified-Since: that has
        one-second resolution, so a page rebuilt within the same second as the one a browser
        cached came back "304 Not Modified" and the test saw the old build."""
        self.etag = None
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            stat = os.stat(path)
            self.etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if self.headers.get("If-None-Match") == self.etag:
                self.send_response(304)
                self.end_headers()
                return None
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        if self.etag:
            self.send_header("ETag", self.etag)
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, *args):  # keep test output quiet
        pass


@contextmanager
def serve(directory: Path, isolated: bool = False):
    """Serve ``directory``; yields the base URL (``http://127.0.0.1:PORT/``)."""
    handler = type("Handler", (_Handler,), {"isolated": isolated})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
