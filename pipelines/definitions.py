"""The Dagster code location: assembles assets, checks, jobs, schedules, sensors, resources, executor."""

from dagster import Definitions, load_asset_checks_from_modules

import assets.validate
from assets.extract import extracted_documents
from assets.normalize import normalized_facts
from assets.publish import published_dataset
from assets.scrape import portal_disclosures
from assets.validate import validated_disclosures

from .executors import select_executor
from .jobs import build_jobs
from .resources import default_resources
from .schedules import nightly_scrape_schedule
from .sensors import disclosure_partitions_sensor, failure_summary_sensor, publish_release_sensor
from .settings import Settings, load_settings


def build_defs(settings: Settings | None = None) -> Definitions:
    """The code location for these settings (tests build it for a temporary data directory)."""
    settings = settings or load_settings()
    return Definitions(
        assets=[portal_disclosures, extracted_documents, normalized_facts, validated_disclosures, published_dataset],
        asset_checks=load_asset_checks_from_modules([assets.validate]),
        jobs=build_jobs(settings),
        schedules=[nightly_scrape_schedule],
        sensors=[disclosure_partitions_sensor, publish_release_sensor, failure_summary_sensor],
        resources=default_resources(settings),
        executor=select_executor(settings),
    )


defs = build_defs()
