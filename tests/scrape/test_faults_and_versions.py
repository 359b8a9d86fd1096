"""A portal whose attachments misbehave (500s, hangs, truncated bodies, redirect loops, HTML
served as PDF): each ends in retries and a recorded, specific error; what was downloaded is
never lost or corrupted; once the server is fixed a re-run resumes, downloading only what is
missing. And a file changed on the portal becomes a new version of its disclosure."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Any

import pytest

from assets.core.disclosure_versions import items_for_publishing
from assets.core.portal_sources import generic_source
from assets.core.scrape_run import ScrapeResult, scrape
from assets.demo.generated_portal import department, minimal_pdf, write_generated_portal

from .conftest import FAST, FaultyDirectory, serve_faulty_directory

SETTINGS = dataclasses.replace(FAST, read_timeout=0.3, max_attempts=2)
FAULTS = {1: "500", 2: "hang", 3: "truncate", 4: "loop", 5: "html"}
EXPECTED = {
    0: ("ok", ""),
    1: ("http_error", "HTTP 500 after 2 attempts"),
    2: ("timeout", "timed out after 0.3 s waiting for data (2 attempts)"),
    3: ("network_error", "incomplete response"),
    4: ("too_many_redirects", "too many redirects (more than 5)"),
    5: ("html_instead_of_document", "an HTML page was served instead of the .pdf file"),
}


def _attachment_path(i: int) -> str:
    return f"/zwgk/ysjs/bmys/202603/P020260302{100000 + i:06d}.pdf"


def _run(server: FaultyDirectory, data: Path) -> ScrapeResult:
    source = generic_source([server.base + "/zwgk/ysjs/bmys/index.html"])
    return scrape([source], data / "raw", data / "staged", data / "http_cache", log=lambda _: None, base_settings=SETTINGS)


def _by_department(result: ScrapeResult) -> dict[str, dict[str, Any]]:
    return {result.manifest[k]["department"]: result.manifest[k] for k in result.found}


def _raw(data: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (data / "raw").iterdir() if p.suffix != ".json"}


def test_faults_end_in_specific_errors_and_a_rerun_resumes(tmp_path: Path) -> None:
    write_generated_portal(tmp_path / "site", detail_pages=6)
    data = tmp_path / "data"
    with serve_faulty_directory(tmp_path / "site") as server:
        server.faults = {_attachment_path(i): kind for i, kind in FAULTS.items()}
        first = _run(server, data)
        entries = _by_department(first)
        for i, (status, message) in EXPECTED.items():
            (record,) = entries[department(i)]["attachments"]
            assert record["status"] == status and message in record["message"], record
        # retried where retrying makes sense, never on a loop (1 attempt: 6 requests, 5 redirects)
        # or on a wrong-but-complete answer
        hits = {kind: server.hits[_attachment_path(i)] for i, kind in FAULTS.items()}
        assert hits == {"500": 2, "hang": 2, "truncate": 2, "loop": 6, "html": 1}
        attempts = {kind: entries[department(i)]["attachments"][0]["attempts"] for i, kind in FAULTS.items()}
        assert attempts == {"500": 2, "hang": 2, "truncate": 2, "loop": 1, "html": 1}
        after_first = _raw(data)
        assert not list((data / "raw").glob(".*.tmp"))  # no half-written file
        assert entries[department(0)]["status"] == "ok" and entries[department(1)]["status"] == "http_error"

        server.faults = {}  # the portal is repaired
        server.hits.clear()
        second = _run(server, data)
    entries = _by_department(second)
    assert {e["status"] for e in entries.values()} == {"ok"}
    (unchanged,) = entries[department(0)]["attachments"]
    assert unchanged["unchanged"] and unchanged["http_status"] == 304  # not downloaded again
    assert sorted(second.changed_keys) == sorted(k for k in second.found if second.manifest[k]["department"] != department(0))
    assert second.new_keys == []
    # nothing downloaded before was lost or rewritten
    now = _raw(data)
    assert all(now[name] == value for name, value in after_first.items())
    assert len([n for n in now if n.endswith(".pdf")]) == 6


def test_a_changed_file_is_a_new_version_and_publishing_uses_it(tmp_path: Path) -> None:
    write_generated_portal(tmp_path / "site", detail_pages=2)
    data = tmp_path / "data"
    target = tmp_path / "site" / _attachment_path(0).lstrip("/")
    with serve_faulty_directory(tmp_path / "site") as server:
        first = _run(server, data)
        old = _by_department(first)[department(0)]["current_sha256s"]
        target.write_bytes(minimal_pdf("Department budget 2026, unit 1, corrected"))
        later = time.time() + 10
        os.utime(target, (later, later))  # Last-Modified moves on: the conditional GET says 200
        second = _run(server, data)
    entry = _by_department(second)[department(0)]
    key = entry["partition_key"]
    assert second.changed_keys == [key] and second.new_keys == []
    assert [v["version"] for v in entry["versions"]] == [1, 2]
    roles = {d["sha256"]: d["role"] for d in entry["documents"]}
    assert roles[old[0]] == "superseded" and list(roles.values()).count("current") == 1
    assert all(Path(d["stored_path"]).exists() for d in entry["documents"])  # old bytes kept
    (revised,) = [f for f in entry["findings"] if f["check"] == "document_revised"]
    assert old[0][:12] in revised["message"]

    new = entry["current_sha256s"][0]

    def item(sha: str, kind_url: str) -> dict[str, Any]:
        row = {"disclosure_id": "from-the-document", "sha256": sha, "department": None, "year": None,
               "doc_kind": "budget", "region": None, "scope": None, "document_url": kind_url}
        return {"disclosure": row, "facts": [{"disclosure_id": "x", "year": None, "amount": "1"}], "findings": []}

    published = items_for_publishing([item(old[0], "a.pdf"), item(new, "a.pdf")], entry)
    (kept,) = published
    assert kept["disclosure"]["sha256"] == new and kept["disclosure"]["disclosure_id"] == key
    assert kept["disclosure"]["year"] == 2026 and kept["facts"][0]["disclosure_id"] == key
    assert kept["facts"][0]["year"] == 2026
    assert [f["check"] for f in kept["findings"]] == ["document_revised"]


def test_publishing_prefers_the_pdf_among_copies() -> None:
    entry = {
        "partition_key": "2026-budget-abc",
        "identified": True,
        "department": "某局",
        "year": 2026,
        "doc_kind": "budget",
        "region": None,
        "scope": "department",
        "findings": [],
        "documents": [
            {"sha256": "x" * 64, "kind": "xls", "role": "current", "first_seen": "2026-03-01"},
            {"sha256": "d" * 64, "kind": "docx", "role": "current", "first_seen": "2026-03-01"},
            {"sha256": "p" * 64, "kind": "pdf", "role": "current", "first_seen": "2026-03-01"},
        ],
    }
    items = [{"disclosure": {"sha256": c * 64, "disclosure_id": "?"}, "facts": [], "findings": []} for c in "xdp"]
    assert [i["disclosure"]["sha256"][0] for i in items_for_publishing(items, entry)] == ["p", "d", "x"]
    assert items_for_publishing(items, None) == items  # not a scraped partition: untouched


@pytest.mark.parametrize("fault", ["500", "hang"])
def test_list_page_faults_are_recorded_not_fatal(tmp_path: Path, fault: str) -> None:
    write_generated_portal(tmp_path / "site", detail_pages=3, per_page=2)
    with serve_faulty_directory(tmp_path / "site") as server:
        server.faults = {"/zwgk/ysjs/bmys/index_1.html": fault}
        result = _run(server, tmp_path / "data")
    (skipped,) = [s for s in result.skipped if s.page_type == "list"]
    assert skipped.reason == "fetch_failed" and skipped.url.endswith("index_1.html")
    assert len(result.found) == 2  # the first list page's disclosures are still found


def test_gbk_portal_is_read_with_its_encoding(tmp_path: Path) -> None:
    write_generated_portal(tmp_path / "site", detail_pages=3, encoding="gbk")
    assert b"charset=\"GBK\"" in (tmp_path / "site" / "zwgk/ysjs/bmys/index.html").read_bytes()
    with serve_faulty_directory(tmp_path / "site") as server:
        result = _run(server, tmp_path / "data")
    assert sorted(e["department"] for e in _by_department(result).values()) == sorted(department(i) for i in range(3))
    assert {result.manifest[k]["title"] for k in result.found} == {f"{department(i)}2026年部门预算公开" for i in range(3)}
