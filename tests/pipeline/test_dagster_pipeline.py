"""The Dagster code location, run for real against the demo portal over HTTP on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dagster import AssetKey, DagsterInstance

from tests.conftest import COMPARE_GOLD, SEED_GOLD, shared_file


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[DagsterInstance, Path, list]:
    data_dir = tmp_path_factory.mktemp("dagster_data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGET_FACTS_DATA_DIR", str(data_dir))
        import importlib

        import pipelines.definitions as definitions

        defs = importlib.reload(definitions).defs  # resources read the environment at import
        with DagsterInstance.local_temp(str(tmp_path_factory.mktemp("dagster_home"))) as instance:
            assert defs.resolve_job_def("scrape_job").execute_in_process(instance=instance).success
            keys = instance.get_dynamic_partitions("disclosures")
            results = [
                defs.resolve_job_def("process_disclosure_job").execute_in_process(
                    instance=instance, partition_key=key, raise_on_error=False
                )
                for key in keys
            ]
            assert defs.resolve_job_def("publish_job").execute_in_process(instance=instance).success
            yield instance, data_dir, results


def test_each_discovered_disclosure_is_a_partition(pipeline_run) -> None:
    instance, data_dir, results = pipeline_run
    keys = instance.get_dynamic_partitions("disclosures")
    assert len(keys) == 2  # the seed and the trap page whose "PDF" is an HTML error page
    assert all(r.success for r in results)
    assert set(instance.get_materialized_partitions(AssetKey("validated_disclosures"))) == set(keys)


def test_raw_attachments_are_content_addressed_with_provenance(pipeline_run) -> None:
    _, data_dir, _ = pipeline_run
    raw = sorted(p.name for p in (data_dir / "raw").iterdir())
    pdfs = [n for n in raw if n.endswith(".pdf")]
    assert len(pdfs) == 1 and f"{pdfs[0]}.json" in raw
    import json

    sidecar = json.loads((data_dir / "raw" / f"{pdfs[0]}.json").read_text())
    assert sidecar["sha256"] == pdfs[0].removesuffix(".pdf")
    assert sidecar["urls"][0].startswith("http://127.0.0.1:") and sidecar["linked_from"]


def test_published_facts_match_the_seed_gold(pipeline_run) -> None:
    _, data_dir, _ = pipeline_run
    result = subprocess.run(
        [sys.executable, str(shared_file(COMPARE_GOLD)), str(shared_file(SEED_GOLD)), str(data_dir / "published")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_published_disclosures_record_every_document_with_lineage(pipeline_run) -> None:
    _, data_dir, _ = pipeline_run
    rows = {r["status"]: r for r in pq.read_table(data_dir / "published" / "disclosures.parquet").to_pylist()}
    assert set(rows) == {"ok", "html_page"}
    seed = rows["ok"]
    assert seed["source_page_url"].endswith(".html") and seed["document_url"].endswith(".pdf")
    assert seed["fetched_at"] and seed["fact_count"] == 270
    facts = pq.read_table(data_dir / "published" / "budget_facts.parquet").to_pylist()
    assert {f["source_url"] for f in facts} == {seed["document_url"]}
    assert {f["source_sha256"] for f in facts} == {seed["sha256"]}


def test_contract_check_ran_and_passed(pipeline_run) -> None:
    instance, _, results = pipeline_run
    evaluations = [
        e
        for r in results
        for e in r.get_asset_check_evaluations()
        if e.check_name == "facts_conform_to_contract"
    ]
    assert len(evaluations) == len(results) and all(e.passed for e in evaluations)


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
    assert {s.name for s in defs.sensors} == {"new_disclosures_sensor", "publish_after_processing_sensor"}
