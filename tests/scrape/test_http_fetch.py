"""The HTTP client against a server that misbehaves on purpose: it must never raise and must
say precisely what went wrong."""

from __future__ import annotations

import dataclasses
import random
import socket

import httpx
import pytest

from assets.core.http_fetch import USER_AGENT, FetchSettings, HttpFetcher, backoff_delay

from .conftest import FAST, PDF_BYTES, FaultServer


def test_success_sends_descriptive_user_agent(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/ok.pdf"))
    assert res.ok and res.status == 200 and res.content == PDF_BYTES
    assert res.attempts == 1 and res.error is None
    assert res.headers["content-type"] == "application/pdf"
    assert (
        fault_server.headers["/ok.pdf"]["user-agent"]
        == USER_AGENT
        == "budget-facts/0.1 (+open-data pipeline)"
    )


def test_500_then_success_is_retried(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/flaky.pdf"))
    assert res.ok and res.content == PDF_BYTES
    assert res.attempts == 3 and fault_server.hits["/flaky.pdf"] == 3


def test_always_500_gives_up_with_specific_error(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/always500.pdf"))
    assert not res.ok
    assert res.error == "HTTP 500 after 3 attempts" and res.error_kind == "http_status"
    assert res.status == 500 and fault_server.hits["/always500.pdf"] == 3


def test_404_is_not_retried(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/missing.pdf"))
    assert res.error == "HTTP 404" and res.status == 404 and res.attempts == 1
    assert res.content  # the error page is returned to the caller, not thrown away


def test_hang_times_out(fault_server: FaultServer) -> None:
    settings = dataclasses.replace(FAST, read_timeout=0.3, max_attempts=2)
    with HttpFetcher(settings) as fetcher:
        res = fetcher.fetch(fault_server.url("/hang.pdf"))
    assert res.error == "timed out after 0.3 s waiting for data (2 attempts)"
    assert res.error_kind == "timeout" and res.status is None and res.attempts == 2
    assert res.elapsed < 3


def test_redirect_loop_is_bounded(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/loop-a"))
    assert res.error == "too many redirects (more than 5)" and res.error_kind == "too_many_redirects"
    assert res.attempts == 1  # retrying a loop is pointless
    assert fault_server.hits["/loop-a"] + fault_server.hits["/loop-b"] == 6


def test_redirect_is_followed(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/moved.pdf"))
    assert res.ok and res.content == PDF_BYTES
    assert res.url.endswith("/moved.pdf") and res.final_url.endswith("/ok.pdf")
    assert res.redirects == [fault_server.url("/moved.pdf")]


@pytest.mark.parametrize("path", ["/big.pdf", "/big-stream.pdf"])
def test_size_cap(fault_server: FaultServer, path: str) -> None:
    with HttpFetcher(dataclasses.replace(FAST, max_bytes=10_000)) as fetcher:
        res = fetcher.fetch(fault_server.url(path))
    assert res.error == "body exceeds size cap of 10000 bytes" and res.error_kind == "too_large"
    assert res.content == b"" and res.attempts == 1


def test_truncated_body_is_an_error_not_a_short_file(fetcher: HttpFetcher, fault_server: FaultServer) -> None:
    res = fetcher.fetch(fault_server.url("/truncated.pdf"))
    assert res.error_kind == "network" and res.error is not None
    assert res.error.startswith("incomplete response:") and res.error.endswith("(3 attempts)")
    assert res.content == b""


def test_connection_refused(fetcher: HttpFetcher) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago has nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    res = fetcher.fetch(f"http://127.0.0.1:{port}/x.pdf")
    assert res.error_kind == "network" and res.status is None and res.attempts == 3
    assert res.error is not None and res.error.startswith("connection failed:")


def test_invalid_url(fetcher: HttpFetcher) -> None:
    res = fetcher.fetch("ftp://example.org/x.pdf")
    assert res.error_kind == "invalid_url" and res.attempts == 1


def test_backoff_doubles_is_capped_and_jittered() -> None:
    settings = FetchSettings(backoff_base=1.0, backoff_max=5.0, jitter=0.0)
    rng = random.Random(0)
    assert [backoff_delay(n, settings, rng) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    jittered = FetchSettings(backoff_base=1.0, jitter=0.5)
    delays = {backoff_delay(1, jittered, rng) for _ in range(50)}
    assert len(delays) > 1 and all(0.5 <= d <= 1.5 for d in delays)


def test_min_interval_between_requests_to_one_host(fault_server: FaultServer) -> None:
    slept: list[float] = []
    settings = dataclasses.replace(FAST, min_interval=10.0, respect_robots=False)
    with HttpFetcher(settings, sleep=slept.append) as fetcher:
        fetcher.fetch(fault_server.url("/ok.pdf"))
        fetcher.fetch(fault_server.url("/ok.pdf"))
    assert len(slept) == 1 and 9 < slept[0] <= 10


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        FetchSettings(max_attempts=0)
    with pytest.raises(ValueError):
        FetchSettings(jitter=2)


def test_offline_transport_and_undecodable_body() -> None:
    # The transport is injectable (offline stand-ins); a body that fails gzip decoding is an
    # error result, not an exception.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, content=b"not gzip")

    with HttpFetcher(FAST, transport=httpx.MockTransport(handler)) as fetcher:
        res = fetcher.fetch("http://portal.invalid/x.pdf")
    assert res.error_kind == "network" and res.error is not None
    assert res.error.startswith("unreadable response:") and res.content == b""
