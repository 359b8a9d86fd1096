"""Sensors: process newly discovered disclosures; publish after processing."""


from dagster import (
    AssetKey,
    DagsterRunStatus,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    run_status_sensor,
    sensor,
)

from .jobs import process_disclosure_job, publish_job
from .partitions import disclosure_partitions


@sensor(job=process_disclosure_job, minimum_interval_seconds=60)
def new_disclosures_sensor(context: SensorEvaluationContext):
    """Requests one processing run per disclosure partition not yet validated."""
    keys = context.instance.get_dynamic_partitions(disclosure_partitions.name)
    done = context.instance.get_materialized_partitions(AssetKey("validated_disclosures"))
    pending = [k for k in keys if k not in done]
    if not pending:
        return SkipReason("every discovered disclosure is processed")
    return [RunRequest(run_key=f"process-{k}", partition_key=k) for k in pending]


@run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[process_disclosure_job],
    request_job=publish_job,
)
def publish_after_processing_sensor(context):
    """A new release of the published data after each successful processing run."""
    return RunRequest(run_key=f"publish-after-{context.dagster_run.run_id}")
