"""download_attachments against the fault server: one clear status per attachment, no
exception, and the bytes of a wrong-but-successful response kept in the raw store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assets.core.http_fetch import HttpFetcher
from assets.core.portal_discovery import (
    ATTACHMENT_STATUSES,
    AttachmentLink,
    AttachmentRecord,
    DiscoveredDisclosure,
    download_attachments,
    group_by_sha256,
)
from assets.core.raw_store import read_provenance

from .conftest import FAST, PDF_BYTES, FaultServer


def _disclosure(server: FaultServer, page: str, *paths: str) -> DiscoveredDisclosure:
    return DiscoveredDisclosure(
        detail_url=server.url(page),
        title=f"{page} 2026年部门预算",
        listed_on=[server.url("/index.html")],
        published="2026-03-02",
        attachments=[AttachmentLink(server.url(p), p.strip("/"), "href") for p in paths],
    )


def _one(server: FaultServer, path: str, raw_dir: Path) -> AttachmentRecord:
    settings = dataclasses.replace(FAST, read_timeout=0.3, max_attempts=2, max_bytes=10_000)
    with HttpFetcher(settings) as fetcher:
        (record,) = download_attachments([_disclosure(server, "/t1.html", path)], raw_dir, fetcher)
    assert record.status in ATTACHMENT_STATUSES
    return record


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/ok.pdf", "ok", ""),
        ("/flaky.pdf", "http_error", "HTTP 500 after 2 attempts"),  # 2 attempts allowed here
        ("/always500.pdf", "http_error", "HTTP 500 after 2 attempts"),
        ("/missing.pdf", "not_found", "HTTP 404"),
        ("/hang.pdf", "timeout", "timed out after 0.3 s waiting for data (2 attempts)"),
        ("/loop-a", "too_many_redirects", "too many redirects (more than 5)"),
        ("/big.pdf", "too_large", "body exceeds size cap of 10000 bytes"),
        ("/empty.pdf", "empty", "the server answered with an empty body"),
        ("/challenge403.pdf", "blocked", "HTTP 403: anti-bot JavaScript challenge instead of the document"),
        ("/word-as.pdf", "ok", "linked as .pdf, content is docx"),
    ],
)
def test_status_per_failure(
    fault_server: FaultServer, tmp_path: Path, path: str, status: str, message: str
) -> None:
    record = _one(fault_server, path, tmp_path)
    assert (record.status, record.message) == (status, message)


def test_error_statuses_store_nothing(fault_server: FaultServer, tmp_path: Path) -> None:
    for path in ("/always500.pdf", "/missing.pdf", "/truncated.pdf"):
        record = _one(fault_server, path, tmp_path)
        assert record.sha256 is None and record.stored_path is None
    assert record.status == "network_error" and record.message.startswith("incomplete response")
    assert list(tmp_path.glob("*.json")) == []


@pytest.mark.parametrize(
    ("path", "status"), [("/fake.pdf", "html_instead_of_document"), ("/challenge.pdf", "blocked")]
)
def test_html_served_as_pdf_is_recorded_and_kept(
    fault_server: FaultServer, tmp_path: Path, path: str, status: str
) -> None:
    record = _one(fault_server, path, tmp_path)
    assert record.status == status and record.content_kind == "html" and record.http_status == 200
    assert record.stored_path is not None and record.stored_path.endswith(".html")  # stored as what it is
    side = read_provenance(record.stored_path)
    assert side["urls"] == [fault_server.url(path)] and side["kind"] == "html"
    assert side["linked_from"] == [fault_server.url("/t1.html")]


def test_ok_download_is_stored_with_provenance(fault_server: FaultServer, tmp_path: Path) -> None:
    record = _one(fault_server, "/moved.pdf", tmp_path)
    assert record.ok and record.final_url == fault_server.url("/ok.pdf")
    assert Path(record.stored_path or "").read_bytes() == PDF_BYTES
    side = read_provenance(record.stored_path or "")
    assert side["titles"] == ["/t1.html 2026年部门预算"] and side["fetches"][0]["status"] == 200
    assert side["http_headers"]["content-type"] == "application/pdf"


def test_retry_recovers_within_the_attempt_budget(fault_server: FaultServer, tmp_path: Path) -> None:
    with HttpFetcher(FAST) as fetcher:  # 3 attempts: 500, 500, 200
        (record,) = download_attachments(
            [_disclosure(fault_server, "/t1.html", "/flaky.pdf")], tmp_path, fetcher
        )
    assert record.ok and record.attempts == 3


def test_one_url_linked_from_two_pages_is_fetched_once(fault_server: FaultServer, tmp_path: Path) -> None:
    pages = [
        _disclosure(fault_server, "/t1.html", "/ok.pdf"),
        _disclosure(fault_server, "/t2.html", "/ok.pdf"),
    ]
    with HttpFetcher(FAST) as fetcher:
        records = download_attachments(pages, tmp_path, fetcher)
    assert fault_server.hits["/ok.pdf"] == 1
    assert [r.detail_url for r in records] == [fault_server.url("/t1.html"), fault_server.url("/t2.html")]
    (group,) = group_by_sha256(records).values()
    assert len(group) == 2
    side = read_provenance(records[0].stored_path or "")
    assert side["linked_from"] == [fault_server.url("/t1.html"), fault_server.url("/t2.html")]
