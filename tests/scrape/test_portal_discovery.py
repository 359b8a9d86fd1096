"""End to end against ../shared/corpus/portal served on 127.0.0.1: discovery and download must
find exactly what its expected.json lists, trap by trap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from assets.core.http_fetch import HttpFetcher
from assets.core.portal_discovery import (
    AttachmentRecord,
    DiscoveryResult,
    crawl_portal,
    discover,
    download_attachments,
    group_by_sha256,
)
from assets.core.raw_store import read_provenance

from .conftest import FAST, PORTAL, RecordingFetcher, require, serve_directory


@dataclass
class Run:
    base: str
    expected: dict[str, Any]
    result: DiscoveryResult
    records: list[AttachmentRecord]
    requested: list[str]
    raw_dir: Path

    def path(self, url: str) -> str:
        return urlsplit(url).path

    def records_for(self, detail_path: str) -> list[AttachmentRecord]:
        return [r for r in self.records if self.path(r.detail_url) == detail_path]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    expected = json.loads(require(PORTAL / "expected.json").read_text(encoding="utf-8"))
    raw_dir = tmp_path_factory.mktemp("raw")
    with serve_directory(PORTAL / expected["document_root"]) as base, HttpFetcher(FAST) as http:
        fetcher = RecordingFetcher(http)
        result = crawl_portal([base + expected["start_url"]], fetcher=fetcher)
        records = download_attachments(result.disclosures, raw_dir, fetcher)
        yield Run(base, expected, result, records, fetcher.urls, raw_dir)


def _disclosure_pages(expected: dict[str, Any]) -> set[str]:
    pages = {d["detail_page"] for d in expected["disclosures"]}
    pages |= {dup["detail_page"] for d in expected["disclosures"] for dup in d.get("duplicate_listings", [])}
    return pages


def test_pagination_written_by_javascript_is_followed(run: Run) -> None:
    assert [run.path(u) for u in run.result.list_pages] == run.expected["pagination"]["pages"]


def test_every_detail_page_is_visited_once(run: Run) -> None:
    pages = [run.path(u) for u in run.result.detail_pages]
    expected = _disclosure_pages(run.expected) | {t["page"] for t in run.expected["traps"]}
    assert sorted(pages) == sorted(expected)
    assert len(pages) == run.expected["expected_counts"]["detail_pages"]


def test_only_column_pages_and_attachments_are_requested(run: Run) -> None:
    # Never open crawling: no site chrome, no off-site links, no OLDSRC /protect/ paths.
    assert all(u.startswith(run.base) for u in run.requested)
    assert not any("/protect/" in u for u in run.requested)
    assert len(run.requested) == len(set(run.requested))
    attachments = {r.url for r in run.records}
    assert len(run.requested) == len(run.result.list_pages) + len(run.result.detail_pages) + len(attachments)


@pytest.mark.parametrize("index", range(7))
def test_expected_disclosure(run: Run, index: int) -> None:
    want = run.expected["disclosures"][index]
    found = {run.path(d.detail_url): d for d in run.result.disclosures}
    got = found[want["detail_page"]]
    assert got.title == want["page_title"]
    assert [run.path(a.url) for a in got.attachments] == [want["attachment_path"]]
    assert (run.path(got.via_hub) if got.via_hub else None) == want.get("via_hub")
    (record,) = run.records_for(want["detail_page"])
    assert record.status == "ok" and record.content_kind == "pdf"
    assert record.sha256 and (record.sha256, record.size) == (
        want["attachment_sha256"],
        want["attachment_bytes"],
    )
    # listed_on in expected.json is per document: the duplicate listing's page counts too.
    same_document = group_by_sha256(run.records)[record.sha256]
    listed = {
        run.path(u)
        for r in same_document
        for d in run.result.disclosures
        if d.detail_url == r.detail_url
        for u in d.listed_on
    }
    assert listed == set(want["listed_on"])


def test_unique_documents(run: Run) -> None:
    counts = run.expected["expected_counts"]
    ok = [r for r in run.records if r.ok]
    assert len(ok) == counts["attachment_downloads_ok"]
    assert len([r for r in run.records if r.status in ("not_found", "http_error")]) == counts["http_errors"]
    pdfs = {r.sha256 for r in ok if r.content_kind == "pdf"}
    assert len(pdfs) == counts["disclosures"]
    assert sorted(p.name for p in run.raw_dir.glob("*.pdf")) == sorted(f"{s}.pdf" for s in pdfs)


def _trap(run: Run, kind: str) -> dict[str, Any]:
    return next(t for t in run.expected["traps"] if t["type"] == kind)


def test_hub_page_is_followed_not_recorded(run: Run) -> None:
    trap = _trap(run, "hub_page")
    (hub,) = [s for s in run.result.skipped if run.path(s.url) == trap["page"]]
    assert hub.reason == "hub" and hub.title == trap["page_title"]
    assert [run.path(u) for u in hub.listed_on] == [trap["listed_on"]]
    reached = {run.path(d.detail_url) for d in run.result.disclosures if d.via_hub == hub.url}
    assert reached == {
        d["detail_page"] for d in run.expected["disclosures"] if d.get("via_hub") == trap["page"]
    }


def test_non_budget_notice_is_skipped(run: Run) -> None:
    trap = _trap(run, "non_budget_notice")
    (notice,) = [s for s in run.result.skipped if run.path(s.url) == trap["page"]]
    assert notice.reason == "no_attachment" and notice.title == trap["page_title"]
    assert trap["page"] not in {run.path(d.detail_url) for d in run.result.disclosures}


def test_missing_attachment_is_recorded_not_fatal(run: Run) -> None:
    trap = _trap(run, "http_404")
    (record,) = run.records_for(trap["page"])
    assert run.path(record.url) == trap["attachment_path"]
    assert (record.status, record.http_status, record.message) == ("not_found", 404, "HTTP 404")
    assert record.sha256 is None and record.stored_path is None
    assert record.disclosure_title == trap["page_title"]


def test_duplicate_listing_is_one_stored_document_with_both_sources(run: Run) -> None:
    trap = _trap(run, "duplicate_listing")
    (dup,) = run.records_for(trap["page"])
    (original,) = run.records_for(trap["duplicate_of"])
    assert dup.sha256 == original.sha256 == trap["attachment_sha256"]
    assert dup.stored_path == original.stored_path
    side = read_provenance(dup.stored_path or "")
    assert {run.path(u) for u in side["urls"]} == {trap["attachment_path"], run.path(original.url)}
    assert {run.path(u) for u in side["linked_from"]} == {trap["page"], trap["duplicate_of"]}
    assert side["kind"] == "pdf" and side["http_headers"]["content-type"] == "application/pdf"


def test_word_and_excel_versions_are_downloaded(run: Run) -> None:
    trap = _trap(run, "alternative_formats")
    records = run.records_for(trap["page"])
    assert [(run.path(r.url), r.sha256, r.size, r.content_kind, r.status) for r in records] == [
        (a["attachment_path"], a["attachment_sha256"], a["attachment_bytes"], a["format"], "ok")
        for a in trap["attachments"]
    ]
    for record in records:
        assert Path(record.stored_path or "").suffix == f".{record.content_kind}"


def test_js_written_attachment_link(run: Run) -> None:
    (beijing,) = [d for d in run.result.disclosures if "北京市信访办公室" in d.title]
    assert [a.found_in for a in beijing.attachments] == ["onclick"]
    assert beijing.published == "2026-03-02"


def test_page_budget_truncates_cleanly(run: Run) -> None:
    start = [run.base + run.expected["start_url"]]
    with HttpFetcher(FAST) as http:
        result = crawl_portal(start, fetcher=http, max_pages=4)
        found = discover(start, fetcher=http, max_pages=4)
    assert result.truncated and len(result.list_pages) == 3 and len(result.detail_pages) == 1
    assert [d.detail_url for d in found] == [d.detail_url for d in result.disclosures]
