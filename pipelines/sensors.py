"""Sensors: register new or changed disclosures as partitions and process exactly those; publish a
release when processing has settled; summarize every failed run.

`disclosure_partitions_sensor` follows Dagster's dynamic-partitions pattern: the discovery asset
only writes the manifest; the sensor compares it with its cursor (partition key → fingerprint of
the attachments it last requested) and returns, in one SensorResult, the partitions to add or
delete and one run request per new or changed disclosure. A run key of key@fingerprint makes a
re-evaluation idempotent. `pipelines.run` evaluates the same sensor in-process for `make run`.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from dagster import (
    DagsterRunStatus,
    RunFailureSensorContext,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_failure_sensor,
    sensor,
)

from assets.core.incremental import partition_labels, plan_partitions, read_last_discovery
from assets.core.scrape_run import read_manifest

from .failures import step_failure, summarize, write_summary
from .jobs import PROCESS_JOB, PUBLISH_JOB
from .partitions import disclosure_partitions
from .resources import DataStore

CURSOR_VERSION = 1
ACTIVE_STATUSES = [
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
]


def decode_cursor(cursor: str | None) -> dict[str, Any]:
    if cursor:
        try:
            state = json.loads(cursor)
            if state.get("v") == CURSOR_VERSION:
                return state
        except ValueError:
            pass
    return {"v": CURSOR_VERSION, "discovery": None, "partitions": {}}


def partition_tags(store: DataStore, key: str, entry: dict[str, Any] | None, change: str) -> dict[str, str]:
    """Run tags that make runs filterable by region, year and kind of change in the UI."""
    labels = partition_labels(store.staged_dir, key, entry)
    tags = {"budget_facts/change": change}
    if labels.region:
        tags["budget_facts/region"] = labels.region
    if labels.year:
        tags["budget_facts/year"] = str(labels.year)
    return tags


@sensor(job_name=PROCESS_JOB, minimum_interval_seconds=60)
def disclosure_partitions_sensor(context: SensorEvaluationContext, store: DataStore):
    """New or changed disclosures → partitions + one processing run each; withdrawn → partition removed."""
    discovery = read_last_discovery(store.staged_dir)
    if discovery is None:
        return SkipReason("no discovery has run yet (scrape_job / nightly_scrape)")
    state = decode_cursor(context.cursor)
    manifest = read_manifest(store.staged_dir)
    plan = plan_partitions(manifest, discovery.get("found"), state["partitions"])
    cursor = json.dumps(
        {"v": CURSOR_VERSION, "discovery": discovery.get("run_id"), "partitions": plan.fingerprints},
        sort_keys=True,
    )
    if plan.is_empty:
        return SensorResult(skip_reason=SkipReason("no new, changed or withdrawn disclosure"), cursor=cursor)
    registered = set(context.instance.get_dynamic_partitions(disclosure_partitions.name))
    add = [k for k in plan.to_process if k not in registered]
    delete = [k for k in plan.withdrawn if k in registered]
    requests = [
        RunRequest(
            run_key=f"{key}@{plan.fingerprints[key]}",
            partition_key=key,
            tags=partition_tags(store, key, manifest.get(key), "new" if key in plan.new else "changed"),
        )
        for key in plan.to_process
    ]
    context.log.info(
        f"discovery {discovery.get('run_id')}: {len(plan.new)} new, {len(plan.changed)} changed, "
        f"{len(plan.withdrawn)} withdrawn"
    )
    partition_requests = []
    if add:
        partition_requests.append(disclosure_partitions.build_add_request(add))
    if delete:
        partition_requests.append(disclosure_partitions.build_delete_request(delete))
    return SensorResult(run_requests=requests, dynamic_partitions_requests=partition_requests, cursor=cursor)


@sensor(job_name=PUBLISH_JOB, minimum_interval_seconds=120)
def publish_release_sensor(context: SensorEvaluationContext):
    """One release once processing has settled: after successful processing runs, or when the
    set of partitions changed (a withdrawal), and only while no processing run is queued or running."""
    state = json.loads(context.cursor) if context.cursor else {"after": 0.0, "partitions": None}
    instance = context.instance
    if instance.get_run_records(RunsFilter(job_name=PROCESS_JOB, statuses=ACTIVE_STATUSES), limit=1):
        return SkipReason("processing runs are still queued or running")
    records = instance.get_run_records(
        RunsFilter(
            job_name=PROCESS_JOB,
            statuses=[DagsterRunStatus.SUCCESS],
            updated_after=datetime.fromtimestamp(state["after"], UTC),
        ),
        limit=1,
    )
    partitions = sorted(instance.get_dynamic_partitions(disclosure_partitions.name))
    generation = hashlib.sha256("\n".join(partitions).encode("utf-8")).hexdigest()[:12]
    newest = max((r.update_timestamp.timestamp() for r in records), default=state["after"])
    if not records and (generation == state["partitions"] or not partitions):
        return SkipReason("nothing processed or withdrawn since the last release")
    cursor = json.dumps({"after": newest, "partitions": generation})
    return SensorResult(run_requests=[RunRequest(run_key=f"publish-{newest:.0f}-{generation}")], cursor=cursor)


@run_failure_sensor(name="failure_summary_sensor", minimum_interval_seconds=30)
def failure_summary_sensor(context: RunFailureSensorContext, store: DataStore):
    """Writes <data>/ops/failures/<time>-<job>-<run>.md/.json: which step failed, with which
    error, for which disclosure, on which attempt, and the command that re-runs it."""
    run = context.dagster_run
    steps = []
    for event in context.get_step_failure_events():
        error = event.step_failure_data.error if event.step_failure_data else None
        wrappers = []
        while error is not None and error.cause is not None:  # retry/user-code wrappers → the real error
            wrappers.append(f"{error.cls_name}: {error.message.strip().splitlines()[0] if error.message else ''}")
            error = error.cause
        steps.append(
            step_failure(
                event.step_key or "?",
                error.cls_name if error else None,
                error.message if error else event.message,
                error.stack if error else None,
                wrappers,
            )
        )
    summary = summarize(run.run_id, run.job_name, dict(run.tags), context.failure_event.message or "", steps)
    path = write_summary(store.ops_dir, summary)
    context.log.info(f"failure summary: {path}")
