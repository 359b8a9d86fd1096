"""Operations: instance configuration per settings, executors, retries, object storage,
failure summaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from dagster import Backoff, DagsterEventType, DagsterInstance, Jitter, build_run_status_sensor_context
from dagster._core.definitions.dependency import NodeHandle

from assets.core.object_store import (
    ObjectStore,
    fetch_raw_file,
    mirror_raw_files,
    mirror_release,
    read_latest_pointer,
)
from assets.core.releases import write_release
from pipelines.definitions import build_defs
from pipelines.instance import GENERATED_MARK, prepare_dagster_home
from pipelines.resources import DataStore
from pipelines.sensors import failure_summary_sensor
from pipelines.settings import POSTGRES_ENV, load_settings

PG_SECRET = "s3cret-not-in-files"


def settings_with(monkeypatch: pytest.MonkeyPatch, **env: str):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_default_instance_is_sqlite_with_run_retries(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    settings = settings_with(monkeypatch, BUDGET_FACTS_RUN_RETRIES="3")
    home = prepare_dagster_home(settings)
    config = yaml.safe_load((home / "dagster.yaml").read_text())
    assert "storage" not in config and config["run_retries"] == {"enabled": True, "max_retries": 3}
    with DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.run_storage).__name__ == "SqliteRunStorage"


def test_postgres_instance_names_env_vars_and_holds_no_secret(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    for variable in POSTGRES_ENV.values():
        monkeypatch.setenv(variable, PG_SECRET if variable.endswith("PASSWORD") else "5432" if variable.endswith("PORT") else "x")
    settings = settings_with(monkeypatch, BUDGET_FACTS_DAGSTER_STORAGE="postgres")
    text = (prepare_dagster_home(settings) / "dagster.yaml").read_text()
    assert text.startswith(GENERATED_MARK) and PG_SECRET not in text
    postgres_db = yaml.safe_load(text)["storage"]["postgres"]["postgres_db"]
    assert postgres_db["password"] == {"env": "DAGSTER_PG_PASSWORD"} and postgres_db["port"] == {"env": "DAGSTER_PG_PORT"}


def test_a_hand_written_dagster_yaml_is_left_alone(monkeypatch, tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: true\n")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    prepare_dagster_home(load_settings())
    assert (home / "dagster.yaml").read_text() == "telemetry:\n  enabled: true\n"


def test_settings_reject_unknown_choices(monkeypatch) -> None:
    with pytest.raises(ValueError, match="BUDGET_FACTS_EXECUTOR"):
        settings_with(monkeypatch, BUDGET_FACTS_EXECUTOR="spark")


@pytest.mark.parametrize(
    ("executor", "name"), [("", "multiprocess"), ("multiprocess", "multiprocess"), ("in_process", "in_process"), ("celery", "celery")]
)
def test_executor_follows_settings(monkeypatch, executor: str, name: str) -> None:
    defs = build_defs(settings_with(monkeypatch, BUDGET_FACTS_EXECUTOR=executor))
    assert defs.resolve_job_def("process_disclosure_job").executor_def.name == name


def test_jobs_retry_steps_with_backoff_and_runs_from_failure(monkeypatch) -> None:
    defs = build_defs(settings_with(monkeypatch, BUDGET_FACTS_STEP_RETRIES="4", BUDGET_FACTS_RETRY_DELAY_SECONDS="7"))
    for name, step in (("scrape_job", "portal_disclosures"), ("process_disclosure_job", "extracted_documents"), ("publish_job", "published_dataset")):
        job = defs.resolve_job_def(name)
        policy = job.get_retry_policy_for_handle(NodeHandle(step, None))
        assert (policy.max_retries, policy.delay, policy.backoff, policy.jitter) == (4, 7, Backoff.EXPONENTIAL, Jitter.PLUS_MINUS)
        assert job.run_tags["dagster/retry_strategy"] == "FROM_FAILURE" and job.run_tags["dagster/max_retries"] == "2"


@pytest.mark.parametrize("scheme", ["file", "memory"])
def test_object_store_mirrors_raw_files_and_releases(tmp_path: Path, scheme: str) -> None:
    url = (tmp_path / "bucket").as_uri() + "/budget-facts" if scheme == "file" else f"memory://bucket-{tmp_path.name}/budget-facts"
    store = ObjectStore(url)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "abc.pdf").write_bytes(b"%PDF-1.4 bytes")
    (raw / "abc.pdf.json").write_text("{}")
    assert mirror_raw_files(store, raw) == 2 and mirror_raw_files(store, raw) == 1  # the sidecar grows, the PDF never changes
    (raw / "abc.pdf").unlink()
    assert fetch_raw_file(store, raw / "abc.pdf") and (raw / "abc.pdf").read_bytes() == b"%PDF-1.4 bytes"

    def files(folder: Path) -> dict[str, Path]:
        (folder / "budget_facts.csv").write_text("amount\n1\n")
        return {"budget_facts.csv": folder / "budget_facts.csv"}

    published = tmp_path / "published"
    first = write_release(published, files, [])
    mirror_release(store, first.path, [first.release_id])
    second = write_release(published, files, [], now=None)
    mirror_release(store, second.path, [second.release_id])
    pointer = read_latest_pointer(store)
    assert pointer == {"release": second.release_id, "path": f"releases/{second.release_id}/"}
    assert store.get_bytes(f"published/releases/{second.release_id}/budget_facts.csv") == b"amount\n1\n"
    assert store.list("published/releases") == [second.release_id]  # not retained locally → removed remotely
    assert json.loads(store.get_bytes(f"published/releases/{second.release_id}/release.json"))["release"] == second.release_id


def test_failure_sensor_writes_a_clear_summary(monkeypatch, tmp_path: Path) -> None:
    settings = settings_with(
        monkeypatch,
        BUDGET_FACTS_DATA_DIR=str(tmp_path / "data"),
        BUDGET_FACTS_EXECUTOR="in_process",
        BUDGET_FACTS_STEP_RETRIES="0",
    )
    defs = build_defs(settings)
    with DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions("disclosures", ["missing-disclosure"])
        result = defs.resolve_job_def("process_disclosure_job").execute_in_process(
            instance=instance, partition_key="missing-disclosure", raise_on_error=False
        )
        assert not result.success
        failure = next(e for e in result.all_events if e.event_type == DagsterEventType.RUN_FAILURE)
        context = build_run_status_sensor_context(
            sensor_name="failure_summary_sensor",
            dagster_event=failure,
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            resources={"store": DataStore(data_dir=str(settings.data_dir))},
        ).for_run_failure()
        failure_summary_sensor(context)
    (summary,) = (settings.data_dir / "ops" / "failures").glob("*.md")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# FAILED: process_disclosure_job [missing-disclosure]")
    assert "## step extracted_documents: KeyError: 'missing-disclosure'" in text and "missing-disclosure" in text
    assert "python -m pipelines.run backfill --partition missing-disclosure" in text
    record = json.loads(summary.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["partition"] == "missing-disclosure" and record["steps"][0]["step"] == "extracted_documents"
