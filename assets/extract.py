"""Extract stage: each attachment of a disclosure → located standard tables (pdfplumber)."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.scrape_run import extract_disclosure, read_manifest
from .core.staging import write_json
from .scrape import portal_disclosures


@asset(partitions_def=disclosure_partitions, deps=[portal_disclosures], group_name="extract", compute_kind="pdfplumber")
def extracted_documents(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """Standard tables found by title, continuation pages stitched, merged headers rebuilt.

    Failed downloads and non-PDF attachments are kept with their status; raw bytes stay in
    `data/raw`.
    """
    entry = read_manifest(store.staged_dir)[context.partition_key]
    documents = extract_disclosure(entry, store.raw_dir)
    write_json(store.disclosure_dir(context.partition_key) / "extracted.json", [d.to_dict() for d in documents])
    return MaterializeResult(
        metadata={
            "documents": len(documents),
            "statuses": MetadataValue.json({d.provenance.document_url: d.status for d in documents}),
            "tables": sum(1 for d in documents for t in d.tables if t.spec is not None),
            "pages": sum(d.pages or 0 for d in documents),
            "seconds": round(sum(d.seconds for d in documents), 2),
        }
    )
