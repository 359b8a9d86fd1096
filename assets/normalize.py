"""Normalize stage: located tables → long-format `budget_facts` and the `disclosures` row."""

import time

from dagster import AssetExecutionContext, MaterializeResult, asset

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.document import ExtractedDocument, normalize_document
from .core.staging import read_json, write_json
from .extract import extracted_documents


@asset(
    partitions_def=disclosure_partitions,
    deps=[extracted_documents],
    group_name="normalize",
)
def normalized_facts(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """One fact per non-empty numeric cell, exact decimals, with page and bbox (FACTS.md)."""
    started = time.perf_counter()
    folder = store.disclosure_dir(context.partition_key)
    documents = [ExtractedDocument.from_dict(d) for d in read_json(folder / "extracted.json")]
    results = [normalize_document(d) for d in documents]
    write_json(folder / "normalized.json", [r.to_dict() for r in results])
    tables_found = sorted({k for r in results for k in r.disclosure["tables_found"]})
    return MaterializeResult(
        metadata={
            "facts": sum(len(r.facts) for r in results),
            "tables_found": ", ".join(tables_found),
            "tables_found_count": len(tables_found),
            "unrecognized_tables": sum(len(r.raw_tables) for r in results),
            "statuses": ", ".join(r.disclosure["status"] for r in results),
            "seconds": round(time.perf_counter() - started, 2),
        }
    )
