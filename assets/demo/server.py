"""Serve a directory on 127.0.0.1 from a background thread (for the demo and for tests)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files without a log line per request (tests and pipeline logs stay readable)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(root: Path | str, port: int = 0) -> Iterator[str]:
    """Serve `root` over HTTP; yields the base URL (port 0 = an ephemeral port).

    The server thread is stopped and the socket closed when the block exits.
    """
    root = Path(root)
    if not root.is_dir():
        raise NotADirectoryError(root)
    handler = partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    # A short poll interval makes shutdown() return promptly (it waits for the next poll).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"serve {root}", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
