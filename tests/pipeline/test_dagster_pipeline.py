"""The Dagster code location, run for real against the demo portal over HTTP on 127.0.0.1.

The first simulated night (tests/pipeline/conftest.py) is the whole pipeline on the demo
portal; releases never change once written, so its release is checked here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from dagster import AssetKey, RunsFilter

from assets.core.releases import RELEASES
from tests.conftest import COMPARE_GOLD, SEED_GOLD, shared_file


def first_release(nights) -> Path:
    return nights.data_dir / "published" / RELEASES / nights.nights[0].latest


def test_each_discovered_disclosure_is_a_partition(nights) -> None:
    keys = set(nights.nights[0].report.new)
    assert len(keys) == 2  # the seed and the trap page whose "PDF" is an HTML error page
    assert not nights.nights[0].report.failed
    assert keys <= set(nights.instance.get_materialized_partitions(AssetKey("validated_disclosures")))


def test_raw_attachments_are_content_addressed_with_provenance(nights) -> None:
    raw = sorted(p.name for p in (nights.data_dir / "raw").iterdir())
    pdfs = [n for n in raw if n.endswith(".pdf")]
    assert pdfs and all(f"{name}.json" in raw for name in pdfs)
    sidecar = json.loads((nights.data_dir / "raw" / f"{pdfs[0]}.json").read_text())
    assert sidecar["sha256"] == pdfs[0].removesuffix(".pdf")
    assert sidecar["urls"][0].startswith("http://127.0.0.1:") and sidecar["linked_from"]


def test_published_facts_match_the_seed_gold(nights) -> None:
    result = subprocess.run(
        [sys.executable, str(shared_file(COMPARE_GOLD)), str(shared_file(SEED_GOLD)), str(first_release(nights))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_published_disclosures_record_every_document_with_lineage(nights) -> None:
    rows = pq.read_table(first_release(nights) / "disclosures.parquet").to_pylist()
    seed = next(r for r in rows if r["status"] == "ok")
    assert seed["source_page_url"].endswith(".html") and seed["document_url"].endswith(".pdf")
    assert seed["fetched_at"] and seed["fact_count"] == 270
    facts = pq.read_table(first_release(nights) / "budget_facts.parquet").to_pylist()
    assert {f["source_url"] for f in facts} == {seed["document_url"]}
    assert {f["source_sha256"] for f in facts} == {seed["sha256"]}


def test_contract_check_ran_and_passed(nights) -> None:
    runs = nights.instance.get_runs(RunsFilter(job_name="process_disclosure_job"))
    checks = [
        e
        for run in runs
        for e in nights.instance.all_logs(run.run_id)
        if e.dagster_event and e.dagster_event.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    # the contract of each table the document contributes, and its reconciliation (assets/validate.py)
    names = {"budget_facts_contract", "narrative_facts_contract", "performance_targets_contract", "disclosure_reconciles"}
    assert len(checks) == len(names) * len(runs) > 0
    assert {e.dagster_event.event_specific_data.asset_check_key.name for e in checks} == names
    assert all(e.dagster_event.event_specific_data.passed for e in checks)


def test_operational_metadata_per_partition(nights) -> None:
    """Row counts, tables found, durations per partition; freshness per portal."""
    (extracted,) = nights.instance.fetch_materializations(AssetKey("extracted_documents"), limit=1).records
    assert {"documents", "tables", "seconds"} <= set(extracted.asset_materialization.metadata)
    (normalized,) = nights.instance.fetch_materializations(AssetKey("normalized_facts"), limit=1).records
    assert {"facts", "tables_found_count", "seconds"} <= set(normalized.asset_materialization.metadata)
    (scraped,) = nights.instance.fetch_materializations(AssetKey("portal_disclosures"), limit=1).records
    metadata = scraped.asset_materialization.metadata
    assert metadata["portal/127.0.0.1/disclosures"].value >= 2
    assert "days_since_newest_disclosure" in " ".join(metadata)
    (published,) = nights.instance.fetch_materializations(AssetKey("published_dataset"), limit=1).records
    assert {"release", "added", "updated", "withdrawn", "facts"} <= set(published.asset_materialization.metadata)


def test_code_location_snapshot() -> None:
    from pipelines.definitions import defs

    assert {k.to_user_string() for k in defs.resolve_all_asset_keys()} == {
        "portal_disclosures",
        "extracted_documents",
        "normalized_facts",
        "validated_disclosures",
        "published_dataset",
    }
    assert {j.name for j in defs.resolve_all_job_defs()} >= {"scrape_job", "process_disclosure_job", "publish_job"}
    assert defs.resolve_schedule_def("nightly_scrape").execution_timezone == "Asia/Shanghai"
    assert {s.name for s in defs.sensors} == {
        "disclosure_partitions_sensor",
        "publish_release_sensor",
        "failure_summary_sensor",
    }
