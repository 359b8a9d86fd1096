"""Politeness and incrementality of the HTTP client: robots.txt, Crawl-delay, simultaneous
requests per host, conditional GET with a persisted cache."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from pathlib import Path

from assets.core.http_cache import STATE_FILE, HttpCache
from assets.core.http_fetch import HttpFetcher

from .conftest import FAST, PDF_BYTES, FaultServer

PAGE = b"<!DOCTYPE html><html><body><a href='./a.pdf'>a</a></body></html>"


def test_robots_txt_is_read_once_and_obeyed(fault_server: FaultServer) -> None:
    fault_server.extra["/robots.txt"] = (200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
    fault_server.extra["/private/x.pdf"] = (200, PDF_BYTES, "application/pdf")
    with HttpFetcher(FAST) as fetcher:
        allowed = fetcher.fetch(fault_server.url("/ok.pdf"))
        refused = fetcher.fetch(fault_server.url("/private/x.pdf"))
        fetcher.fetch(fault_server.url("/ok.pdf"))
    assert allowed.ok
    assert refused.error_kind == "robots_disallowed" and refused.attempts == 0
    assert fault_server.hits["/private/x.pdf"] == 0 and fault_server.hits["/robots.txt"] == 1
    assert fetcher.stats.robots_disallowed == 1 and fetcher.stats.requests == 3  # robots.txt + 2


def test_robots_rules_for_our_agent_and_crawl_delay(fault_server: FaultServer) -> None:
    fault_server.extra["/robots.txt"] = (
        200,
        b"User-agent: budget-facts\nDisallow: /ok.pdf\nCrawl-delay: 7\n\nUser-agent: *\nDisallow:\n",
        "text/plain",
    )
    slept: list[float] = []
    with HttpFetcher(FAST, sleep=slept.append) as fetcher:
        assert fetcher.fetch(fault_server.url("/ok.pdf")).error_kind == "robots_disallowed"
        fetcher.fetch(fault_server.url("/moved.pdf"))  # allowed; after robots.txt: waits the delay
    assert slept and 6 < max(slept) <= 7


def test_robots_server_error_means_disallow_and_missing_means_allow(fault_server: FaultServer) -> None:
    fault_server.extra["/robots.txt"] = (503, b"busy", "text/plain")
    with HttpFetcher(FAST) as fetcher:
        assert fetcher.fetch(fault_server.url("/ok.pdf")).error_kind == "robots_disallowed"
    assert fault_server.hits["/robots.txt"] == FAST.max_attempts  # retried like any 5xx
    del fault_server.extra["/robots.txt"]  # now a 404: no rules
    with HttpFetcher(FAST) as fetcher:
        assert fetcher.fetch(fault_server.url("/ok.pdf")).ok
    with HttpFetcher(dataclasses.replace(FAST, respect_robots=False)) as fetcher:
        fault_server.hits.clear()
        assert fetcher.fetch(fault_server.url("/ok.pdf")).ok and fault_server.hits["/robots.txt"] == 0


def test_simultaneous_requests_per_host_are_capped(fault_server: FaultServer) -> None:
    for n in range(6):
        fault_server.extra[f"/slow{n}.pdf"] = (200, PDF_BYTES, "application/pdf")
    original = fault_server._answer

    def slow(req, path):  # type: ignore[no-untyped-def]
        threading.Event().wait(0.15)
        original(req, path)

    fault_server._answer = slow  # type: ignore[method-assign]
    for cap, at_most in ((1, 1), (3, 3)):
        fault_server.max_active = 0
        with HttpFetcher(dataclasses.replace(FAST, max_per_host=cap, respect_robots=False)) as fetcher:
            threads = [threading.Thread(target=fetcher.fetch, args=(fault_server.url(f"/slow{n}.pdf"),)) for n in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert 1 <= fault_server.max_active <= at_most
    assert fault_server.max_active >= 2  # with a cap of 3 they did overlap


def test_conditional_get_skips_unchanged_files_and_pages(fault_server: FaultServer, tmp_path: Path) -> None:
    fault_server.extra["/doc.pdf"] = (200, PDF_BYTES, "application/pdf")
    fault_server.extra["/page.html"] = (200, PAGE, "text/html; charset=utf-8")
    fault_server.etags.update({"/doc.pdf": '"v1"', "/page.html": '"p1"'})
    with HttpFetcher(FAST, cache=HttpCache(tmp_path)) as fetcher:
        first_doc = fetcher.fetch(fault_server.url("/doc.pdf"))
        first_page = fetcher.fetch(fault_server.url("/page.html"))
        fetcher.cache.save()  # type: ignore[union-attr]
    assert first_doc.ok and not first_doc.not_modified and first_page.content == PAGE
    assert "if-none-match" not in fault_server.headers["/doc.pdf"]

    # a new process: the cache is read back from disk
    with HttpFetcher(FAST, cache=HttpCache(tmp_path)) as fetcher:
        doc = fetcher.fetch(fault_server.url("/doc.pdf"))
        page = fetcher.fetch(fault_server.url("/page.html"))
        full = fetcher.fetch(fault_server.url("/doc.pdf"), conditional=False)
    assert fault_server.headers["/page.html"]["if-none-match"] == '"p1"'
    assert doc.ok and doc.not_modified and doc.status == 304 and doc.content == b""
    assert doc.cached is not None and doc.cached.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert page.not_modified and page.content == PAGE  # pages come back from the cache
    assert full.status == 200 and full.content == PDF_BYTES
    not_found_page = len(b"<html><body>not here</body></html>")  # the fault server's 404 for robots.txt
    assert fetcher.stats.not_modified == 2 and fetcher.stats.bytes_received == len(PDF_BYTES) + not_found_page


def test_changed_file_is_downloaded_and_cache_updated(fault_server: FaultServer, tmp_path: Path) -> None:
    fault_server.extra["/doc.pdf"] = (200, PDF_BYTES, "application/pdf")
    fault_server.etags["/doc.pdf"] = '"v1"'
    cache = HttpCache(tmp_path)
    with HttpFetcher(FAST, cache=cache) as fetcher:
        fetcher.fetch(fault_server.url("/doc.pdf"))
        fault_server.extra["/doc.pdf"] = (200, PDF_BYTES + b"%v2\n", "application/pdf")
        fault_server.etags["/doc.pdf"] = '"v2"'
        changed = fetcher.fetch(fault_server.url("/doc.pdf"))
    assert changed.status == 200 and changed.content.endswith(b"%v2\n")
    entry = cache.get(fault_server.url("/doc.pdf"))
    assert entry is not None and entry.etag == '"v2"'


def test_damaged_cache_state_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    cache = HttpCache(tmp_path)
    assert len(cache) == 0 and (tmp_path / f"{STATE_FILE}.corrupt").exists()
    cache.remember("http://x/a.pdf", {"etag": '"1"', "content-type": "application/pdf"}, PDF_BYTES, "2026-01-01T00:00:00+00:00")
    cache.save()
    assert HttpCache(tmp_path).get("http://x/a.pdf") is not None
