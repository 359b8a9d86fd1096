"""Scrape stage: discover disclosures on the portals and store their attachments."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore, PortalSource

from .core.scrape_run import scrape_portals, write_manifest


@asset(group_name="scrape", compute_kind="http")
def portal_disclosures(context: AssetExecutionContext, store: DataStore, portal: PortalSource) -> MaterializeResult:
    """Disclosures found on the configured portals (list pages → detail pages → attachments).

    Attachments are stored once, content-addressed, in `data/raw/<sha256>.<ext>` with a
    provenance sidecar. Every disclosure (detail page) becomes a dynamic partition.
    """
    with portal.entry_urls() as urls:
        context.log.info(f"scraping {urls}")
        manifest = scrape_portals(urls, store.raw_dir, log=context.log.info)
    write_manifest(store.staged_dir, manifest)
    known = set(context.instance.get_dynamic_partitions(disclosure_partitions.name))
    new_keys = [key for key in manifest if key not in known]
    if new_keys:
        context.instance.add_dynamic_partitions(disclosure_partitions.name, new_keys)
    attachments = [a for entry in manifest.values() for a in entry["attachments"]]
    return MaterializeResult(
        metadata={
            "disclosures": len(manifest),
            "new_partitions": MetadataValue.json(new_keys),
            "attachments": len(attachments),
            "attachments_failed": sum(1 for a in attachments if a["status"] != "ok"),
        }
    )
