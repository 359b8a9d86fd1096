"""Jobs: discovery (unpartitioned), process one disclosure (partitioned by disclosure), publish a release.

Every job retries a failed step with backoff and asks the daemon to retry a failed run from the
failure (pipelines/retries.py); the policy comes from the settings the code location is built
with, so the jobs are made by `build_jobs`. Sensors and the schedule refer to them by name.
"""

from dagster import AssetSelection, define_asset_job
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from assets.extract import extracted_documents
from assets.normalize import normalized_facts
from assets.publish import published_dataset
from assets.scrape import portal_disclosures
from assets.validate import validated_disclosures

from .retries import run_retry_tags, transient_retry_policy
from .settings import Settings

SCRAPE_JOB = "scrape_job"
PROCESS_JOB = "process_disclosure_job"
PUBLISH_JOB = "publish_job"


def build_jobs(settings: Settings) -> list[UnresolvedAssetJobDefinition]:
    policy = transient_retry_policy(settings.retries)
    tags = run_retry_tags(settings.retries)
    return [
        define_asset_job(
            SCRAPE_JOB,
            selection=AssetSelection.assets(portal_disclosures),
            op_retry_policy=policy,
            run_tags=tags,
            description="Discovery: crawl the portals, store new attachments, update the manifest.",
        ),
        define_asset_job(
            PROCESS_JOB,
            selection=AssetSelection.assets(extracted_documents, normalized_facts, validated_disclosures),
            op_retry_policy=policy,
            run_tags=tags,
            description="Extract → normalize → validate one disclosure (a partition of `disclosures`).",
        ),
        define_asset_job(
            PUBLISH_JOB,
            selection=AssetSelection.assets(published_dataset),
            op_retry_policy=policy,
            run_tags=tags,
            description="Write a new release of the published data and switch `latest` to it.",
        ),
    ]
