"""A DCAT catalog of the published package (JSON-LD), for CKAN and other portals to harvest.

``catalog.jsonld`` is one ``dcat:Catalog`` with a ``dcat:Dataset`` for the whole collection
(its tables as CSV and Parquet, the Parquet dataset, the descriptor and the data dictionary)
and a ``dcat:Dataset`` per disclosure (its workbook, lineage, source PDF and page on the site).
The JSON-LD context is inline — no remote context to fetch — and links are relative, so they
resolve against wherever the release is served (the document's own URL is the JSON-LD base);
``base_url``, when given, is written as ``@base`` instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .publish_paths import CATALOG, disclosure_title
from .schema import DOC_KINDS, PIPELINE_VERSION

Row = Mapping[str, Any]
CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "prov:wasDerivedFrom": {"@type": "@id"},
}
MEDIA_TYPES = {
    ".csv": ("text/csv", "CSV"),
    ".parquet": ("application/vnd.apache.parquet", "Parquet"),
    ".json": ("application/json", "JSON"),
    ".jsonld": ("application/ld+json", "JSON-LD"),
    ".md": ("text/markdown", "Markdown"),
    ".html": ("text/html", "HTML"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    ".pdf": ("application/pdf", "PDF"),
}


def catalog(
    release_dir: Path,
    issued: str,
    collection_files: Sequence[str],
    disclosures: Sequence[Row],
    disclosure_files: Mapping[str, Sequence[str]],
    base_url: str | None = None,
) -> dict[str, Any]:
    """The catalog as a JSON-LD document. Paths are relative to ``release_dir`` (where the sizes
    are read); ``disclosure_files``: disclosure_id → its files (first: its page on the site)."""
    context = dict(CONTEXT, **({"@base": base_url} if base_url else {}))
    years = sorted({int(d["year"]) for d in disclosures if d.get("year") is not None})
    collection: dict[str, Any] = {
        "@id": "#budget-facts",
        "@type": "dcat:Dataset",
        "dct:identifier": "budget-facts",
        "dct:title": "Chinese government budget disclosures as open data (budget-facts)",
        "dct:description": "Every number of the standard tables of 部门预算/单位预算/部门决算 disclosures, "
        "with its source document, page and cell; the disclosures processed; validation findings; "
        "functional and economic classification code lists.",
        "dcat:keyword": ["部门预算", "部门决算", "budget", "fiscal data", "open data"],
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:language": "zh",
        "owl:versionInfo": PIPELINE_VERSION,
        "dct:conformsTo": "datapackage.json",
        "dcat:landingPage": "site/index.html",
        "dcat:distribution": [_distribution(release_dir, path) for path in collection_files],
    }
    if years:
        collection["dct:temporal"] = _period(years[0], years[-1])
    datasets = [collection]
    for row in disclosures:
        files = disclosure_files.get(str(row["disclosure_id"]), ())
        datasets.append(_disclosure_dataset(release_dir, row, files, issued))
    return {
        "@context": context,
        "@id": CATALOG,
        "@type": "dcat:Catalog",
        "dct:title": "budget-facts release",
        "dct:description": "Open data from Chinese government budget disclosures: one release.",
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:language": "zh",
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "budget-facts"},
        "foaf:homepage": "site/index.html",
        "dcat:dataset": datasets,
    }


def _disclosure_dataset(release_dir: Path, row: Row, files: Sequence[str], issued: str) -> dict[str, Any]:
    kind = DOC_KINDS.get(str(row.get("doc_kind")), "")
    dataset: dict[str, Any] = {
        "@id": f"#disclosure-{row['disclosure_id']}",
        "@type": "dcat:Dataset",
        "dct:identifier": str(row["disclosure_id"]),
        "dct:title": disclosure_title(row),
        "dct:description": f"{row.get('department') or 'unknown department'} · {row.get('year') or '?'} · "
        f"{kind or row.get('doc_kind') or '?'} · status {row.get('status')} · validation {row.get('validation_status')} "
        f"· {row.get('fact_count') or 0} numbers",
        "dcat:keyword": [k for k in (row.get("region"), kind, str(row.get("year") or "")) if k],
        "dct:issued": issued,
        "dct:modified": issued,
        "dcat:distribution": [_distribution(release_dir, path) for path in files[1:]],
    }
    if files:
        dataset["dcat:landingPage"] = files[0]
    if row.get("department"):
        dataset["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": str(row["department"])}
    if row.get("region"):
        dataset["dct:spatial"] = {"@type": "dct:Location", "skos:prefLabel": str(row["region"])}
    if row.get("year") is not None:
        dataset["dct:temporal"] = _period(int(row["year"]), int(row["year"]))
    source = str(row.get("document_url") or "")
    if source.startswith(("http://", "https://")):
        dataset["prov:wasDerivedFrom"] = source
    return dataset


def _distribution(release_dir: Path, path: str) -> dict[str, Any]:
    suffix = Path(path.split("#")[0]).suffix
    media_type, label = MEDIA_TYPES.get(suffix, ("application/octet-stream", suffix.lstrip(".").upper()))
    distribution: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "dct:title": f"{Path(path).name} ({label})",
        "dcat:accessURL": path,
        "dcat:downloadURL": path,
        "dcat:mediaType": media_type,
        "dct:format": label,
    }
    file = release_dir / path
    if file.is_file():
        distribution["dcat:byteSize"] = str(file.stat().st_size)
    return distribution


def _period(first: int, last: int) -> dict[str, Any]:
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{first}-01-01", "dcat:endDate": f"{last}-12-31"}
