"""Publish stage: every validated disclosure → `data/published` (Parquet, CSV, datapackage)."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.resources import DataStore

from .core.publish_run import collect_validated, publish_collected
from .validate import validated_disclosures


@asset(deps=[validated_disclosures], group_name="publish")
def published_dataset(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """budget_facts, disclosures and findings as Parquet and CSV (UTF-8 with BOM) with a
    Frictionless datapackage.json; facts of documents blocked by the contract are left out."""
    collected = collect_validated(store.staged_dir / "disclosures")
    written = publish_collected(collected, store.published_dir)
    context.log.info(f"published to {store.published_dir}")
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(store.published_dir)),
            "facts": len(collected.facts),
            "disclosures": len(collected.disclosures),
            "findings": len(collected.findings),
            "files": MetadataValue.json(sorted(p.name for p in written.values())),
        }
    )
