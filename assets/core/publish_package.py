"""Everything of a published package beyond the flat tables: the Parquet dataset, source PDFs,
an XLSX workbook and a lineage document per disclosure, the static site and the DCAT catalog.

``write_package`` writes into a (staging) root and returns the top-level entries it created;
``publish_files.write_published`` moves them into place with the flat files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .publish_dataset import write_dataset
from .publish_dcat import catalog
from .publish_documents import copy_documents, document_sources, documents_of
from .publish_lineage import lineage_document
from .publish_paths import (
    CATALOG,
    DATA_DICTIONARY_HTML,
    DATASET_DIR,
    DOCUMENTS_DIR,
    LINEAGE_DIR,
    SITE_DIR,
    XLSX_DIR,
    lineage_path,
    site_page,
    xlsx_path,
)
from .publish_xlsx import write_workbook
from .schema import TABLES
from .site.build import build_site

Row = Mapping[str, Any]


@dataclass
class PackageContents:
    entries: list[str] = field(default_factory=list)  # top-level names, in the order to publish
    dataset_files: list[str] = field(default_factory=list)  # release-relative Parquet parts
    document_links: dict[str, str] = field(default_factory=dict)  # sha256 → documents/<sha>.pdf


def write_package(
    root: Path,
    rows: Mapping[str, Sequence[Row]],
    issued: str,
    documents: Mapping[str, Path] | None = None,
    raw_dirs: Sequence[Path] = (),
    base_url: str | None = None,
) -> PackageContents:
    """Write the package's directories and catalog under ``root`` from the published ``rows``."""
    contents = PackageContents()
    disclosure_rows = list(rows.get("disclosures", ()))
    by_id: dict[str, list[Row]] = defaultdict(list)
    for row in disclosure_rows:
        by_id[str(row["disclosure_id"])].append(row)
    unique = [group[0] for group in by_id.values()]  # a re-published id keeps its first row
    facts = _group(rows.get("budget_facts", ()))
    findings = _group(rows.get("findings", ()))

    sources = document_sources(disclosure_rows, documents, raw_dirs)
    contents.document_links = copy_documents(sources, root / DOCUMENTS_DIR)

    (root / XLSX_DIR).mkdir(parents=True, exist_ok=True)
    (root / LINEAGE_DIR).mkdir(parents=True, exist_ok=True)
    for disclosure_id, group in by_id.items():
        first = group[0]
        write_workbook(root / xlsx_path(disclosure_id), first, facts[disclosure_id], findings[disclosure_id])
        lineage = lineage_document(first, facts[disclosure_id], findings[disclosure_id], contents.document_links)
        (root / lineage_path(disclosure_id)).write_text(
            json.dumps(lineage, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )

    written = write_dataset(root / DATASET_DIR, rows)
    contents.dataset_files = [p.relative_to(root).as_posix() for p in written]

    downloads = {d: _disclosure_downloads(d, group, contents.document_links) for d, group in by_id.items()}
    build_site(root, unique, facts, findings, contents.document_links, downloads, _release_files())

    disclosure_files = {
        d: [site_page(d)] + [path for _, path in downloads[d] if "://" not in path] for d in by_id
    }
    collection_files = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
    collection_files += ["datapackage.json", DATA_DICTIONARY_HTML, "data_dictionary.md", *contents.dataset_files]
    document = catalog(root, issued, collection_files, unique, disclosure_files, base_url)
    (root / CATALOG).write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    contents.entries = [DOCUMENTS_DIR, DATASET_DIR, XLSX_DIR, LINEAGE_DIR, SITE_DIR, CATALOG]
    return contents


def _group(rows: Sequence[Row]) -> defaultdict[str, list[Row]]:
    grouped: defaultdict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(row["disclosure_id"])].append(row)
    return grouped


def _disclosure_downloads(disclosure_id: str, group: Sequence[Row], document_links: Mapping[str, str]) -> list[tuple[str, str]]:
    files = [("Excel workbook (XLSX)", xlsx_path(disclosure_id)), ("Lineage (JSON)", lineage_path(disclosure_id))]
    for row in group:
        for document in documents_of(row):
            sha = document["sha256"]
            if sha in document_links:
                files.append((f"Source PDF (copy, sha256 {sha[:12]}…)", document_links[sha]))
            url = str(document["url"] or "")
            if url.startswith(("http://", "https://")):
                files.append(("Original document on the portal", url))
        page = str(row.get("source_page_url") or "")
        if page.startswith(("http://", "https://")):
            files.append(("Portal page that linked it", page))
    return list(dict.fromkeys(files))


def _release_files() -> list[tuple[str, str]]:
    files = [(f"{table} ({ext.upper()})", f"{table}.{ext}") for table in TABLES for ext in ("csv", "parquet")]
    return files + [
        ("Parquet dataset, hive-partitioned by year", f"{DATASET_DIR}/"),
        ("Frictionless data package (datapackage.json)", "datapackage.json"),
        ("DCAT catalog (JSON-LD)", CATALOG),
        ("Data dictionary", DATA_DICTIONARY_HTML),
    ]
