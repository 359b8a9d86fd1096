"""Publish stage: every validated disclosure → a new release in `data/published/releases/<id>/`,
then `data/published/latest` switched to it atomically (assets/core/releases.py)."""

import time

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.incremental import read_last_discovery
from .core.publish_run import collect_validated
from .core.release_run import publish_release, set_aside_withdrawn
from .validate import validated_disclosures


@asset(deps=[validated_disclosures], group_name="publish")
def published_dataset(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """budget_facts, disclosures and findings as Parquet and CSV (UTF-8 with BOM) with a
    Frictionless datapackage.json, as a complete release with a changelog (added, updated,
    withdrawn disclosures); facts of documents blocked by the contract are left out. Only
    disclosures still listed are published: a withdrawn one leaves the next release (its staged
    results move to `staged/withdrawn/`)."""
    started = time.perf_counter()
    registered = context.instance.get_dynamic_partitions(disclosure_partitions.name)
    discovery = read_last_discovery(store.staged_dir) or {}
    withdrawn = set_aside_withdrawn(store.staged_dir, registered, discovery.get("found", []))
    if withdrawn:
        context.log.info(f"withdrawn, left out of the release: {', '.join(withdrawn)}")
    collected = collect_validated(store.staged_dir / "disclosures")
    release = publish_release(
        collected, store.published_dir, store.retention(), store.object_store(), raw_dirs=[store.raw_dir]
    )
    summary = release.changelog["summary"]
    context.log.info(
        f"release {release.release_id}: {summary['added']} added, {summary['updated']} updated, "
        f"{summary['withdrawn']} withdrawn; latest → {release.path}"
    )
    return MaterializeResult(
        metadata={
            "release": release.release_id,
            "path": MetadataValue.path(str(release.path)),
            "facts": len(collected.facts),
            "disclosures": len(collected.disclosures),
            "findings": len(collected.findings),
            "added": summary["added"],
            "updated": summary["updated"],
            "withdrawn": summary["withdrawn"],
            "changelog": MetadataValue.json(
                {k: [e["disclosure_id"] for e in release.changelog[k]] for k in ("added", "updated", "withdrawn")}
            ),
            "releases_pruned": MetadataValue.json(list(release.pruned)),
            "seconds": round(time.perf_counter() - started, 2),
        }
    )
