"""The whole scraper (scrape_run.scrape) against ../shared/corpus/portal served on 127.0.0.1,
twice: the first run finds exactly the disclosures of expected.json (department × year ×
kind, the duplicate and the Word/Excel copies folded in, the 404 recorded against its
disclosure); the second, against the unchanged portal, downloads no file again."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest

from assets.core.cli import main as cli_main
from assets.core.portal_sources import generic_source, resolve_source
from assets.core.scrape_run import ScrapeResult, scrape

from .conftest import FAST, PORTAL, require, serve_directory

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Runs:
    base: str
    expected: dict[str, Any]
    first: ScrapeResult
    second: ScrapeResult
    data: Path
    raw_before_second: dict[str, float]  # raw file → mtime after the first run

    def entry_for(self, detail_page: str) -> dict[str, Any]:
        (entry,) = [
            e for e in self.second.manifest.values() if detail_page in {urlsplit(u).path for u in e["detail_urls"]}
        ]
        return entry


def _raw_files(raw: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in raw.iterdir() if p.is_file() and not p.name.endswith(".json")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """Two runs; the portal stays served (same address) for the module's other tests."""
    expected = json.loads(require(PORTAL / "expected.json").read_text(encoding="utf-8"))
    data = tmp_path_factory.mktemp("scrape_data")
    with serve_directory(PORTAL / expected["document_root"]) as base:
        source = generic_source([base + expected["start_url"]])
        args = (data / "raw", data / "staged", data / "http_cache")
        first = scrape([source], *args, log=lambda _: None, base_settings=FAST)
        before = _raw_files(data / "raw")
        second = scrape([source], *args, log=lambda _: None, base_settings=FAST)
        for name, run in (("first run", first), ("second run (unchanged portal)", second)):
            s = run.stats
            print(
                f"\n[scrape] {name}: {s['requests']} requests ({s['not_modified']} not modified), "
                f"{s['bytes_received']} bytes, {s['seconds']} s, {s['disclosures']} disclosures, {s['new']} new"
            )
        yield Runs(base, expected, first, second, data, before)


def test_one_disclosure_per_department_year_kind(runs: Runs) -> None:
    want = runs.expected["disclosures"]
    by_department = {(e["department"], e["year"], e["doc_kind"]): e for e in runs.first.manifest.values()}
    for disclosure in want:
        entry = by_department[(disclosure["department"], disclosure["year"], disclosure["doc_kind"])]
        assert entry["status"] == "ok" and entry["identified"]
        assert entry["region"] == disclosure["region"]
        assert disclosure["attachment_sha256"] in entry["current_sha256s"]
        pdfs = [d for d in entry["documents"] if d["kind"] == "pdf"]
        assert len(pdfs) == 1  # the duplicate listing is one stored document
        assert disclosure["detail_page"] in {urlsplit(u).path for u in entry["detail_urls"]}
    # the 7 disclosures and the one whose attachment is a 404: nothing else (no hub, no notice)
    assert len(runs.first.found) == runs.expected["expected_counts"]["disclosures"] + 1
    assert sorted(runs.first.new_keys) == sorted(runs.first.found)


def test_duplicate_listing_is_one_disclosure_with_both_pages(runs: Runs) -> None:
    trap = next(t for t in runs.expected["traps"] if t["type"] == "duplicate_listing")
    entry = runs.entry_for(trap["page"])
    assert {urlsplit(u).path for u in entry["detail_urls"]} == {trap["page"], trap["duplicate_of"]}
    (document,) = entry["documents"]
    assert document["sha256"] == trap["attachment_sha256"] and len(document["urls"]) == 2
    assert {urlsplit(u).path for u in entry["listed_on"]} == {
        "/zwgk_268/fdzdgknr/ysjs/bmys/index.html",
        "/zwgk_268/fdzdgknr/ysjs/bmys/index_2.html",
    }


def test_word_and_excel_copies_join_the_seed_disclosure(runs: Runs) -> None:
    trap = next(t for t in runs.expected["traps"] if t["type"] == "alternative_formats")
    entry = runs.entry_for(trap["page"])
    seed = runs.expected["disclosures"][0]
    assert entry is runs.entry_for(seed["detail_page"])
    kinds = {d["sha256"]: d["kind"] for d in entry["documents"]}
    assert kinds == {
        seed["attachment_sha256"]: "pdf",
        **{a["attachment_sha256"]: a["format"] for a in trap["attachments"]},
    }
    assert all(d["role"] == "current" for d in entry["documents"])


def test_missing_attachment_is_a_fetch_error_of_its_disclosure(runs: Runs) -> None:
    trap = next(t for t in runs.expected["traps"] if t["type"] == "http_404")
    entry = runs.entry_for(trap["page"])
    assert (entry["department"], entry["year"], entry["doc_kind"]) == ("重庆市气象局", 2026, "budget")
    assert entry["status"] == "not_found" and entry["documents"] == []
    (record,) = entry["attachments"]
    assert urlsplit(record["url"]).path == trap["attachment_path"] and record["http_status"] == 404


def test_hub_and_notice_are_not_disclosures(runs: Runs) -> None:
    pages = {urlsplit(u).path for e in runs.first.manifest.values() for u in e["detail_urls"]}
    for kind in ("hub_page", "non_budget_notice"):
        trap = next(t for t in runs.expected["traps"] if t["type"] == kind)
        assert trap["page"] not in pages


def test_metadata_sources_agree_on_this_portal(runs: Runs) -> None:
    for entry in runs.first.manifest.values():
        assert not [f for f in entry["findings"] if f["check"] == "metadata_conflict"], entry["findings"]
        assert entry["metadata"]["chosen_from"].get("department") in ("document", "page_title")


def test_second_run_downloads_nothing_again(runs: Runs) -> None:
    first, second = runs.first.stats, runs.second.stats
    assert second["requests"] == first["requests"]  # every page and file is asked about …
    assert second["not_modified"] >= first["attachments"] - first["attachments_failed"] + 12  # … and answered 304
    assert second["bytes_received"] < 10_000 < first["bytes_received"]
    assert second["attachments_unchanged"] == first["attachments"] - first["attachments_failed"]
    assert runs.second.new_keys == [] and runs.second.changed_keys == []
    assert sorted(runs.second.found) == sorted(runs.first.found)
    assert _raw_files(runs.data / "raw") == runs.raw_before_second  # no file written again


def test_manifest_is_written_and_read_back(runs: Runs) -> None:
    manifest = json.loads((runs.data / "staged" / "discovery.json").read_text(encoding="utf-8"))
    assert set(manifest) == set(runs.second.found)
    for entry in manifest.values():
        assert [v["version"] for v in entry["versions"]] == [1]


def _warm_copy(runs: Runs, target: Path) -> Path:
    """A copy of the runs' data (raw store, manifest, HTTP cache): later scrapes are incremental."""
    shutil.copytree(runs.data, target)
    return target


def test_declared_source_reads_the_portal_like_the_defaults(runs: Runs, tmp_path: Path) -> None:
    source = resolve_source([runs.base + runs.expected["start_url"]], "cq_czj_bmys", REPO / "sources")
    assert source.directories == ("/zwgk_268/fdzdgknr/ysjs/bmys/",) and source.hosts == ("127.0.0.1",)
    data = _warm_copy(runs, tmp_path / "data")
    result = scrape([source], data / "raw", data / "staged", data / "http_cache", log=lambda _: None, base_settings=FAST)
    assert sorted(result.found) == sorted(runs.first.found) and result.new_keys == []
    assert result.stats["not_modified"] == runs.second.stats["not_modified"]


def test_cli_scrape_writes_one_row_per_disclosure(runs: Runs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_FACTS_SOURCES_DIR", str(REPO / "sources"))
    data = _warm_copy(runs, tmp_path / "data")
    code = cli_main(["scrape", runs.base + runs.expected["start_url"], "--out", str(tmp_path / "out"), "--data-dir", str(data)])
    assert code == 0
    rows = pq.read_table(tmp_path / "out" / "disclosures.parquet").to_pylist()
    assert len(rows) == len(runs.first.found)
    seed = runs.expected["disclosures"][0]
    (row,) = [r for r in rows if r["department"] == seed["department"]]
    assert row["year"] == 2026 and row["doc_kind"] == "budget" and row["status"] == "ok"
    assert seed["attachment_sha256"] in row["sha256"] and len(row["attachment_urls"]) == 3
    assert row["detail_url"].endswith(seed["detail_page"])
    assert (tmp_path / "out" / "disclosures.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    stored = {p.name.split(".")[0] for p in (tmp_path / "data" / "raw").iterdir()}
    assert seed["attachment_sha256"] in stored  # raw files stored as the pipeline does
    assert os.path.exists(tmp_path / "data" / "staged" / "discovery.json")
