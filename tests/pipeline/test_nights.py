"""Acceptance: nightly operation does only new work and publishes complete releases."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from dagster import AssetKey

from assets.core.releases import LATEST, RELEASES, list_releases
from assets.core.scrape_run import read_manifest
from assets.demo.portal_site import NOT_A_PDF_PAGE, SEED_PAGE
from tests.pipeline.portal_nights import NEW_PAGE


def key_of(nights, page) -> str:
    """The partition (disclosure) whose detail page is `page`, as the scraper keyed it."""
    manifest = read_manifest(nights.data_dir / "staged")
    (key,) = [k for k, e in manifest.items() if any(u.endswith(page.path) for u in e.get("detail_urls", [e["detail_url"]]))]
    return key


def test_night_1_discovers_and_processes_every_disclosure(nights) -> None:
    night = nights.nights[0]
    expected = {key_of(nights, SEED_PAGE), key_of(nights, NOT_A_PDF_PAGE)}
    assert night.report.ok and set(night.report.new) == expected and night.report.changed == []
    assert night.process_runs == sorted(expected)
    assert len(night.releases) == 1 and night.latest == night.releases[0]
    published = pq.read_table(nights.data_dir / "published" / RELEASES / night.latest / "disclosures.parquet")
    assert night.changelog["previous_release"] is None
    assert night.changelog["summary"]["added"] == published.num_rows >= 2
    assert night.changelog["updated"] == night.changelog["withdrawn"] == []


def test_night_2_processes_only_the_new_and_the_republished_disclosure(nights) -> None:
    night = nights.nights[1]
    new_key, seed_key = key_of(nights, NEW_PAGE), key_of(nights, SEED_PAGE)
    assert night.report.new == [new_key] and night.report.changed == [seed_key]
    assert night.process_runs == sorted([new_key, seed_key])
    assert len(night.releases) == 2 and night.latest == night.releases[1]
    log = night.changelog
    assert log["previous_release"] == nights.nights[0].latest
    assert [e["department"] for e in log["added"]] == ["克孜勒苏柯尔克孜自治州财政局"]
    (updated,) = log["updated"]
    assert "sha256" in updated["changed_fields"] and updated["previous"]["sha256"] != updated["sha256"]
    assert updated["department"] == "克孜勒苏柯尔克孜自治州人民政府办公室"
    assert log["withdrawn"] == [] and log["summary"]["unchanged"] >= 1


def test_night_3_changes_nothing_and_extracts_nothing(nights) -> None:
    night = nights.nights[2]
    assert night.report.ok and night.report.new == night.report.changed == night.report.withdrawn == []
    assert night.process_runs == []
    assert night.latest == nights.nights[1].latest and night.releases == nights.nights[1].releases
    # Four extractions in all: two on night 1, two on night 2, none since.
    records = nights.instance.fetch_materializations(AssetKey("extracted_documents"), limit=100).records
    assert len(records) == 4


def test_night_4_records_a_withdrawn_disclosure(nights) -> None:
    night = nights.nights[3]
    withdrawn_key = key_of(nights, NOT_A_PDF_PAGE)
    assert night.report.withdrawn == [withdrawn_key] and night.process_runs == []
    assert withdrawn_key not in nights.instance.get_dynamic_partitions("disclosures")
    assert len(night.releases) == 3 and night.latest == night.releases[2]
    assert night.changelog["summary"]["withdrawn"] == 1 and night.changelog["added"] == []
    (gone,) = night.changelog["withdrawn"]
    assert gone["source_page_url"].endswith(NOT_A_PDF_PAGE.path)


def test_latest_is_a_relative_symlink_to_a_complete_release(nights) -> None:
    published = nights.data_dir / "published"
    latest = published / LATEST
    assert latest.is_symlink() and not latest.readlink().is_absolute()
    manifest = json.loads((latest / "release.json").read_text(encoding="utf-8"))
    assert manifest["release"] == nights.nights[-1].latest == list_releases(published)[-1]
    for name, entry in manifest["files"].items():
        assert (latest / name).stat().st_size == entry["bytes"]
    assert {"budget_facts.parquet", "disclosures.parquet", "changelog.json"} <= set(manifest["files"])


def test_sensors_on_the_nights_instance(nights) -> None:
    """Evaluated as the daemon would: nothing left to request; a release is due only when
    processing runs succeeded since the sensor's cursor."""
    from dagster import SkipReason, build_sensor_context

    from pipelines.definitions import build_defs
    from pipelines.run import CURSOR_KEY
    from pipelines.sensors import disclosure_partitions_sensor, publish_release_sensor
    from pipelines.settings import load_settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGET_FACTS_DATA_DIR", str(nights.data_dir))
        defs = build_defs(load_settings())
    cursor = nights.instance.run_storage.get_cursor_values({CURSOR_KEY})[CURSOR_KEY]
    with build_sensor_context(instance=nights.instance, cursor=cursor, resources=defs.resources) as context:
        result = disclosure_partitions_sensor(context)
    assert not result.run_requests and not result.dynamic_partitions_requests
    with build_sensor_context(instance=nights.instance) as context:
        first = publish_release_sensor(context)
    assert len(first.run_requests) == 1
    with build_sensor_context(instance=nights.instance, cursor=first.cursor) as context:
        assert isinstance(publish_release_sensor(context), SkipReason)
