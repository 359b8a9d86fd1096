"""The Dagster code location: assembles assets, checks, jobs, schedules, sensors, resources."""

from dagster import Definitions

from assets.extract import extracted_documents
from assets.normalize import normalized_facts
from assets.publish import published_dataset
from assets.scrape import portal_disclosures
from assets.validate import facts_conform_to_contract, validated_disclosures

from .jobs import process_disclosure_job, publish_job, scrape_job
from .resources import default_resources
from .schedules import nightly_scrape_schedule
from .sensors import new_disclosures_sensor, publish_after_processing_sensor

defs = Definitions(
    assets=[portal_disclosures, extracted_documents, normalized_facts, validated_disclosures, published_dataset],
    asset_checks=[facts_conform_to_contract],
    jobs=[scrape_job, process_disclosure_job, publish_job],
    schedules=[nightly_scrape_schedule],
    sensors=[new_disclosures_sensor, publish_after_processing_sensor],
    resources=default_resources(),
)
