"""Where each file of a published package lives, relative to the package (release) root, and
what a disclosure is called on its pages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

DATASET_DIR = "dataset"
XLSX_DIR = "xlsx"
LINEAGE_DIR = "lineage"
DOCUMENTS_DIR = "documents"
SITE_DIR = "site"
SITE_INDEX = f"{SITE_DIR}/index.html"
CATALOG = "catalog.jsonld"
DATA_DICTIONARY_HTML = "data_dictionary.html"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def slug(disclosure_id: str) -> str:
    """A file name for a disclosure id (ids are ASCII already; anything else is replaced and
    disambiguated by a short hash)."""
    safe = _UNSAFE.sub("_", disclosure_id).strip("._") or "disclosure"
    if safe != disclosure_id:
        safe = f"{safe[:80]}-{hashlib.sha1(disclosure_id.encode('utf-8')).hexdigest()[:8]}"
    return safe


def xlsx_path(disclosure_id: str) -> str:
    return f"{XLSX_DIR}/{slug(disclosure_id)}.xlsx"


def lineage_path(disclosure_id: str) -> str:
    return f"{LINEAGE_DIR}/{slug(disclosure_id)}.json"


def site_page(disclosure_id: str) -> str:
    return f"{SITE_DIR}/disclosures/{slug(disclosure_id)}.html"


def document_path(sha256: str) -> str:
    return f"{DOCUMENTS_DIR}/{sha256}.pdf"


def disclosure_title(row: Mapping[str, Any]) -> str:
    """The printed title, else department · year · kind, else the id."""
    if row.get("title"):
        return str(row["title"])
    kind = {"budget": "预算", "final_accounts": "决算"}.get(str(row.get("doc_kind")), "")
    year = f"{row['year']}年" if row.get("year") is not None else ""
    named = f"{row.get('department') or ''}{year}{kind}"
    return named if row.get("department") else str(row["disclosure_id"])
