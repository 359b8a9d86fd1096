"""The Dagster scrape job against ../shared/corpus/portal served on 127.0.0.1, twice: the first
run's discovery registers one partition per disclosure (department × year × kind); the second,
against the unchanged portal, downloads no file again and adds no partition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dagster import AssetKey, DagsterInstance

from pipelines.definitions import build_defs
from pipelines.run import evaluate_partition_sensor, store_cursor
from pipelines.settings import load_settings

from .conftest import PORTAL, require, serve_directory


def _scrape_metadata(instance: DagsterInstance) -> dict[str, object]:
    event = instance.get_latest_materialization_event(AssetKey("portal_disclosures"))
    assert event is not None and event.asset_materialization is not None
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}


def test_second_scrape_run_adds_no_partition(tmp_path: Path) -> None:
    expected = json.loads(require(PORTAL / "expected.json").read_text(encoding="utf-8"))
    runs = []
    with serve_directory(PORTAL / expected["document_root"]) as base, pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGET_FACTS_DATA_DIR", str(tmp_path / "data"))
        patch.setenv("BUDGET_FACTS_PORTAL_URLS", base + expected["start_url"])
        patch.setenv("BUDGET_FACTS_EXECUTOR", "in_process")
        defs = build_defs(load_settings())
        with DagsterInstance.ephemeral() as instance:
            for _ in range(2):
                result = defs.resolve_job_def("scrape_job").execute_in_process(instance=instance)
                assert result.success
                sensor = evaluate_partition_sensor(defs, instance)
                store_cursor(instance, sensor.cursor, [])
                partitions = instance.get_dynamic_partitions("disclosures")
                runs.append((_scrape_metadata(instance), list(sensor.run_requests or []), partitions))
    (first, first_requests, first_partitions), (second, second_requests, second_partitions) = runs
    for name, meta in (("first", first), ("second", second)):
        print(
            f"\n[dagster scrape] {name} run: {meta['requests']} requests ({meta['not_modified']} not modified), "
            f"{meta['bytes_received']} bytes, {meta['seconds']} s, {meta['disclosures']} disclosures"
        )
    disclosures = expected["expected_counts"]["disclosures"] + 1  # + the one whose file is a 404
    assert len(first_partitions) == len(first_requests) == disclosures
    assert second_partitions == first_partitions and second_requests == []
    assert second["not_modified"] == int(str(first["requests"])) - 2  # all but robots.txt and the 404
    assert int(str(second["bytes_received"])) < 10_000 and second["attachments_unchanged"] == 10
