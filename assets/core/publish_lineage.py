"""Lineage per disclosure: where every published number came from, as one JSON document.

``lineage/<disclosure>.json`` names the source page and attachment URLs, the sha256 and fetch
time of each document, the extractor (pipeline) version, the tables found with their pages and
fact counts, the validation summary, and every fact with its page and cell box — with the link
to that page of the copy of the PDF published beside it when there is one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .publish_documents import documents_of
from .schema import PIPELINE_VERSION, TABLE_KEYS

Row = Mapping[str, Any]
FORMAT_VERSION = 1


def lineage_document(
    disclosure: Row,
    facts: Sequence[Row],
    findings: Sequence[Row],
    document_links: Mapping[str, str],
) -> dict[str, Any]:
    """The lineage JSON of one disclosure. ``document_links``: sha256 → published PDF path
    (relative to the release root)."""
    return {
        "lineage_format": FORMAT_VERSION,
        "disclosure_id": disclosure["disclosure_id"],
        "title": disclosure.get("title"),
        "region": disclosure.get("region"),
        "department": disclosure.get("department"),
        "year": disclosure.get("year"),
        "doc_kind": disclosure.get("doc_kind"),
        "status": disclosure.get("status"),
        "message": disclosure.get("message"),
        "extractor": {"name": "budget-facts", "version": disclosure.get("pipeline_version") or PIPELINE_VERSION},
        "source_page_url": disclosure.get("source_page_url"),
        "fetched_at": disclosure.get("fetched_at"),
        "documents": _documents(disclosure, facts, document_links),
        "tables": _tables(disclosure, facts),
        "fact_count": len(facts),
        "validation": _validation(disclosure, findings),
        "facts": [_fact(i, f, document_links) for i, f in enumerate(facts)],
    }


def page_link(document_links: Mapping[str, str], sha256: str | None, page: int | None) -> str | None:
    """``documents/<sha>.pdf#page=N`` (relative to the release root), or None without a copy."""
    path = document_links.get(sha256 or "")
    if path is None:
        return None
    return f"{path}#page={page}" if page else path


def _documents(disclosure: Row, facts: Sequence[Row], document_links: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each document: attachment URL, sha256, status, pages, how many facts it gave, its copy.
    The page count and fetch time recorded on the row belong to its main document."""
    facts_per_document = Counter(str(f.get("source_sha256")) for f in facts)
    main = str(disclosure.get("sha256") or "")
    return [
        {
            "sha256": d["sha256"],
            "attachment_url": d["url"],
            "status": d["status"],
            "source_page_url": disclosure.get("source_page_url"),
            "fetched_at": disclosure.get("fetched_at") if d["sha256"] == main else None,
            "pages": disclosure.get("pages") if d["sha256"] == main else None,
            "fact_count": facts_per_document.get(d["sha256"], 0),
            "published_copy": document_links.get(d["sha256"]),
        }
        for d in documents_of(disclosure)
    ]


def _tables(disclosure: Row, facts: Sequence[Row]) -> list[dict[str, Any]]:
    pages: dict[str, set[int]] = defaultdict(set)
    counts: Counter[str] = Counter()
    numbers: dict[str, int | None] = {}
    for fact in facts:
        key = str(fact["table_key"])
        pages[key].add(int(fact["page"]))
        counts[key] += 1
        numbers.setdefault(key, fact.get("table_no"))
    empty = set(disclosure.get("tables_empty") or ())
    keys = list(dict.fromkeys([*(disclosure.get("tables_found") or ()), *counts]))
    return [
        {
            "table_key": key,
            "title": TABLE_KEYS.get(key),
            "table_no": numbers.get(key),
            "pages": sorted(pages[key]),
            "fact_count": counts[key],
            "declared_empty": key in empty,
        }
        for key in keys
    ]


def _validation(disclosure: Row, findings: Sequence[Row]) -> dict[str, Any]:
    severities = Counter(str(f.get("severity")) for f in findings)
    checks = Counter(str(f.get("check")) for f in findings)
    return {
        "status": disclosure.get("validation_status"),
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "by_check": dict(sorted(checks.items())),
    }


def _fact(index: int, fact: Row, document_links: Mapping[str, str]) -> dict[str, Any]:
    return {
        "fact": index,
        "table_key": fact.get("table_key"),
        "direction": fact.get("direction"),
        "code": fact.get("code"),
        "item": fact.get("item"),
        "project": fact.get("project"),
        "source": fact.get("source"),
        "measure": fact.get("measure"),
        "econ_code": fact.get("econ_code"),
        "amount": _plain(fact.get("amount")),
        "unit": fact.get("unit"),
        "source_sha256": fact.get("source_sha256"),
        "page": fact.get("page"),
        "bbox": [round(float(v), 2) for v in fact.get("bbox") or ()],
        "pdf": page_link(document_links, fact.get("source_sha256"), fact.get("page")),
    }


def _plain(value: Any) -> str | None:
    """Amounts as exact decimal strings: JSON numbers would be read back as floats."""
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)
