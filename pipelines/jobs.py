"""Jobs: scrape (unpartitioned), process one disclosure (partitioned by disclosure), publish."""

from dagster import AssetSelection, define_asset_job

from assets.extract import extracted_documents
from assets.normalize import normalized_facts
from assets.publish import published_dataset
from assets.scrape import portal_disclosures
from assets.validate import validated_disclosures

scrape_job = define_asset_job("scrape_job", selection=AssetSelection.assets(portal_disclosures))

process_disclosure_job = define_asset_job(
    "process_disclosure_job",
    selection=AssetSelection.assets(extracted_documents, normalized_facts, validated_disclosures),
)

publish_job = define_asset_job("publish_job", selection=AssetSelection.assets(published_dataset))
