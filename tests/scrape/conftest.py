"""Local HTTP servers for the scraping tests: the corpus portal served from disk, and a
fault-injecting server. Everything binds to 127.0.0.1 on an ephemeral port; no test touches
the outside network."""

from __future__ import annotations

import functools
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assets.core.http_fetch import FetchResult, FetchSettings, HttpFetcher

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
PORTAL = CORPUS / "portal"
HTML_SAMPLES = CORPUS / "html"

# Production timings shrunk so retries and timeouts cost milliseconds.
FAST = FetchSettings(
    connect_timeout=2.0,
    read_timeout=0.5,
    total_timeout=5.0,
    max_attempts=3,
    backoff_base=0.01,
    backoff_max=0.05,
    min_interval=0.0,
    trust_env=False,  # a proxy from the environment must not see 127.0.0.1 traffic
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up mid-response is what some tests do on purpose


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve_directory_locally(root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietFiles, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _project_server() -> Callable[[Path], AbstractContextManager[str]] | None:
    try:
        from assets.demo import server
    except ImportError:
        return None
    return server.serve_directory


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of `root` served over HTTP: the project's demo server
    when it exists, else the small one above."""
    serve = _project_server() or _serve_directory_locally
    with serve(root) as base_url:
        yield base_url.rstrip("/")


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(FAST) as f:
        yield f


class RecordingFetcher:
    """Wraps a fetcher and remembers every URL asked for."""

    def __init__(self, inner: HttpFetcher) -> None:
        self.inner = inner
        self.urls: list[str] = []

    def fetch(self, url: str, conditional: bool = True) -> FetchResult:
        self.urls.append(url)
        return self.inner.fetch(url, conditional)


# --- fault-injecting server -----------------------------------------------------------------

CHALLENGE = (
    b"<script>var t='EO_Bot_Ssid=1';document.cookie=t;"
    b"setTimeout(\"location.href=location.href.replace(/[?|&]tads/, '')\",1200);</script>"
)


class FaultServer:
    """Routes that misbehave on purpose; `hits` counts requests per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}
        self.release = threading.Event()  # lets /hang finish when the test is over
        self.base = ""
        # Routes a test adds: path → (status, body, content type), optional validators.
        self.extra: dict[str, tuple[int, bytes, str]] = {}
        self.etags: dict[str, str] = {}  # path → ETag: answers 304 to a matching If-None-Match
        self.active = 0  # requests being answered right now
        self.max_active = 0
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?")[0]
        with self._lock:
            self.hits[path] += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self._answer(req, path)
        finally:
            with self._lock:
                self.active -= 1

    def _answer(self, req: BaseHTTPRequestHandler, path: str) -> None:
        self.headers[path] = {k.lower(): v for k, v in req.headers.items()}
        if path in self.extra:
            status, body, ctype = self.extra[path]
            etag = self.etags.get(path)
            if etag and req.headers.get("If-None-Match") == etag:
                req.send_response(304)
                req.send_header("ETag", etag)
                req.send_header("Content-Length", "0")
                req.end_headers()
                return
            req.send_response(status)
            req.send_header("Content-Type", ctype)
            req.send_header("Content-Length", str(len(body)))
            if etag:
                req.send_header("ETag", etag)
            req.end_headers()
            req.wfile.write(body)
            return
        route = _ROUTES.get(path)
        if route is None:
            _send(req, 404, b"<html><body>not here</body></html>", "text/html")
        else:
            route(self, req)


def _send(req: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "application/pdf") -> None:
    req.send_response(status)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


def _redirect(req: BaseHTTPRequestHandler, to: str) -> None:
    req.send_response(302)
    req.send_header("Location", to)
    req.send_header("Content-Length", "0")
    req.end_headers()


def _flaky(srv: FaultServer, req: BaseHTTPRequestHandler) -> None:
    if srv.hits["/flaky.pdf"] <= 2:
        _send(req, 500, b"oops", "text/plain")
    else:
        _send(req, 200, PDF_BYTES)


def _hang(srv: FaultServer, req: BaseHTTPRequestHandler) -> None:
    srv.release.wait(5)
    _send(req, 200, PDF_BYTES)


def _truncated(srv: FaultServer, req: BaseHTTPRequestHandler) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "application/pdf")
    req.send_header("Content-Length", "10000")
    req.end_headers()
    req.wfile.write(PDF_BYTES)  # then the connection closes, 10 000 bytes promised
    req.close_connection = True


def _big_stream(srv: FaultServer, req: BaseHTTPRequestHandler) -> None:
    # No Content-Length: the cap must trip while reading, not on the header.
    req.send_response(200)
    req.send_header("Content-Type", "application/pdf")
    req.send_header("Connection", "close")
    req.end_headers()
    for _ in range(50):
        req.wfile.write(b"%PDF-" + b"x" * 995)
    req.close_connection = True


_ROUTES: dict[str, Callable[[FaultServer, BaseHTTPRequestHandler], None]] = {
    "/ok.pdf": lambda s, r: _send(r, 200, PDF_BYTES),
    "/flaky.pdf": _flaky,
    "/always500.pdf": lambda s, r: _send(r, 500, b"<html>error</html>", "text/html"),
    "/missing.pdf": lambda s, r: _send(r, 404, b"<html><body>404</body></html>", "text/html"),
    "/hang.pdf": _hang,
    "/loop-a": lambda s, r: _redirect(r, "/loop-b"),
    "/loop-b": lambda s, r: _redirect(r, "/loop-a"),
    "/moved.pdf": lambda s, r: _redirect(r, "/ok.pdf"),
    "/fake.pdf": lambda s, r: _send(
        r, 200, b"<!DOCTYPE html><html><body>Not found</body></html>", "application/pdf"
    ),
    "/challenge.pdf": lambda s, r: _send(r, 200, CHALLENGE, "text/html"),
    "/challenge403.pdf": lambda s, r: _send(r, 403, CHALLENGE, "text/html"),
    "/empty.pdf": lambda s, r: _send(r, 200, b""),
    "/truncated.pdf": _truncated,
    "/big.pdf": lambda s, r: _send(r, 200, b"%PDF-" + b"x" * 50_000),
    "/big-stream.pdf": _big_stream,
    "/word-as.pdf": lambda s, r: _send(r, 200, b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml"),
}


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    srv = FaultServer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            srv.handle(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    srv.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        time.sleep(0.01)
        server.shutdown()
        server.server_close()


# --- a directory server with switchable faults ----------------------------------------------


class FaultyDirectory:
    """Serves a directory (SimpleHTTPRequestHandler: Last-Modified / If-Modified-Since) except
    for the paths in `faults`: "500", "hang", "truncate", "loop" or "html"."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.faults: dict[str, str] = {}
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()
        self.base = ""


@contextmanager
def serve_faulty_directory(root: Path) -> Iterator[FaultyDirectory]:
    state = FaultyDirectory(root)

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            state.hits[path] += 1
            fault = state.faults.get(path)
            if fault == "500":
                _send(self, 500, b"<html>Internal Server Error</html>", "text/html")
            elif fault == "hang":
                state.release.wait(5)
                _send(self, 200, PDF_BYTES)
            elif fault == "truncate":
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(PDF_BYTES)
                self.close_connection = True
            elif fault == "loop":
                _redirect(self, path + "?again")
            elif fault == "html":
                _send(self, 200, b"<!DOCTYPE html><html><body>\xe6\x96\x87\xe4\xbb\xb6\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8</body></html>", "text/html")
            else:
                super().do_GET()

    server = _QuietServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        time.sleep(0.01)
        server.shutdown()
        server.server_close()
