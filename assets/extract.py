"""Extract stage: each attachment of a disclosure → located standard tables (pdfplumber)."""

import time
from pathlib import Path

from dagster import AssetExecutionContext, DataVersion, MaterializeResult, MetadataValue, asset

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.incremental import disclosure_fingerprint
from .core.object_store import fetch_raw_file
from .core.scrape_run import extract_disclosure, read_manifest
from .core.staging import write_json
from .scrape import portal_disclosures


@asset(
    partitions_def=disclosure_partitions,
    deps=[portal_disclosures],
    group_name="extract",
    compute_kind="pdfplumber",
)
def extracted_documents(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """Standard tables found by title, continuation pages stitched, merged headers rebuilt.

    Failed downloads and non-PDF attachments are kept with their status; raw bytes stay in
    `data/raw` (fetched from the object store first when this worker has no copy). The data
    version is the fingerprint of the attachments' bytes the sensor compares.
    """
    started = time.perf_counter()
    entry = read_manifest(store.staged_dir)[context.partition_key]
    object_store = store.object_store()
    if object_store is not None:
        for record in entry["attachments"]:
            if record.get("stored_path"):
                fetch_raw_file(object_store, Path(record["stored_path"]))
    documents = extract_disclosure(entry, store.raw_dir)
    write_json(store.disclosure_dir(context.partition_key) / "extracted.json", [d.to_dict() for d in documents])
    return MaterializeResult(
        data_version=DataVersion(disclosure_fingerprint(entry)),
        metadata={
            "documents": len(documents),
            "statuses": MetadataValue.json({d.provenance.document_url: d.status for d in documents}),
            "tables": sum(1 for d in documents for t in d.tables if t.spec is not None),
            "pages": sum(d.pages or 0 for d in documents),
            "extract_seconds": round(sum(d.seconds for d in documents), 2),
            "seconds": round(time.perf_counter() - started, 2),
        },
    )
