"""One document → its disclosure row, facts, raw unrecognised tables and problems.

The single entry point that the CLI and the Dagster assets share. Bad input never raises:
a corrupt, encrypted, scanned, HTML or non-budget file ends with a specific status and message.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from .doc_meta import DocumentMeta, read_meta
from .pdf_grid import page_grids, page_lines
from .schema import PIPELINE_VERSION
from .table_facts import Problem, table_facts
from .table_locate import LocatedTable, PageText, locate_tables

MIN_TEXT_CHARS = 20  # a page with fewer characters has no usable text layer


@dataclass
class Provenance:
    """Where the bytes came from; filled by the scraper, or the local path for the CLI."""

    document_url: str
    source_page_url: str | None = None
    fetched_at: str | None = None
    link_title: str | None = None


@dataclass
class DocumentResult:
    disclosure: dict[str, Any]
    facts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    raw_tables: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


def sniff_kind(data: bytes) -> str:
    head = data[:1024].lstrip()
    if not data:
        return "empty"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<script")) or b"<html" in lowered:
        return "html"
    return "unknown"


def _disclosure_row(sha256: str, prov: Provenance, meta: DocumentMeta | None, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "disclosure_id": meta.disclosure_id if meta else f"unidentified-{sha256[:12]}",
        "region": meta.region if meta else None,
        "department": meta.department if meta else None,
        "year": meta.year if meta else None,
        "doc_kind": meta.doc_kind if meta else None,
        "title": (meta.title if meta and meta.title else prov.link_title),
        "source_page_url": prov.source_page_url,
        "document_url": prov.document_url,
        "sha256": sha256,
        "fetched_at": prov.fetched_at,
        "pages": None,
        "tables_found": [],
        "tables_empty": [],
        "fact_count": 0,
        "status": "ok",
        "message": None,
        "validation_status": "not_validated",
        "pipeline_version": PIPELINE_VERSION,
    }
    row.update(extra)
    return row


@contextmanager
def _open_pdf(path: Path) -> Iterator[Any]:
    pdf = pdfplumber.open(path)
    try:
        yield pdf
    finally:
        pdf.close()


def _failure(sha256: str, prov: Provenance, status: str, message: str) -> DocumentResult:
    return DocumentResult(_disclosure_row(sha256, prov, None, status=status, message=message))


def process_document(path: Path, prov: Provenance | None = None) -> DocumentResult:
    """Extract and normalize one document. Never raises for bad input."""
    started = time.perf_counter()
    prov = prov or Provenance(document_url=str(path))
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff_kind(data)
    if kind != "pdf":
        status = {"html": "html_page", "empty": "not_pdf"}.get(kind, "not_pdf")
        message = {
            "html": "the file is an HTML page, not a PDF (a portal error or landing page saved as a document)",
            "empty": "the file is empty",
        }.get(kind, f"the file is not a PDF (starts with {data[:8]!r})")
        result = _failure(sha256, prov, status, message)
    else:
        try:
            result = _process_pdf(path, sha256, prov)
        except Exception as exc:  # noqa: BLE001 - any parser failure is a per-document status
            name = type(exc).__name__
            if "Password" in name or "encrypt" in str(exc).lower():
                result = _failure(sha256, prov, "encrypted", f"the PDF is password-protected ({name})")
            else:
                result = _failure(sha256, prov, "corrupt", f"the PDF could not be parsed: {name}: {exc}"[:500])
    result.seconds = time.perf_counter() - started
    return result


def _process_pdf(path: Path, sha256: str, prov: Provenance) -> DocumentResult:
    pages: list[tuple[PageText, list[Any]]] = []
    cover_text = ""
    text_chars = 0
    with _open_pdf(path) as pdf:
        n_pages = len(pdf.pages)
        for page in pdf.pages:
            grids = page_grids(page)
            lines = page_lines(page, exclude=[g.bbox for g in grids])
            text_chars += len(page.chars)
            if not cover_text and lines:
                cover_text = "\n".join(text for text, _ in lines)
            pages.append((PageText(page.page_number, lines), grids))
            page.close()
    tables = locate_tables(pages)
    departments = [t.department for t in tables if t.department and t.spec is not None]
    meta = read_meta(cover_text, departments, fallback_title=prov.link_title or "")
    base = _disclosure_row(sha256, prov, meta, pages=n_pages)
    if text_chars < MIN_TEXT_CHARS * max(1, n_pages // 4):
        base.update(status="no_text_layer", message=f"{n_pages} pages, {text_chars} characters: image-only (scanned) PDF")
        return DocumentResult(base)
    recognised = [t for t in tables if t.spec is not None]
    if not recognised:
        base.update(status="no_standard_tables", message=f"readable PDF ({n_pages} pages) without any standard budget table title")
        return DocumentResult(base, raw_tables=[_raw_table(t) for t in tables])
    context = {
        "disclosure_id": base["disclosure_id"],
        "region": meta.region,
        "department": meta.department,
        "year": meta.year,
        "doc_kind": meta.doc_kind,
        "source_url": prov.document_url,
        "source_sha256": sha256,
        "pipeline_version": PIPELINE_VERSION,
    }
    facts: list[dict[str, Any]] = []
    problems: list[Problem] = []
    document_unit = next((t.unit for t in recognised if t.unit), "万元")
    for table in recognised:
        table_rows, table_problems = table_facts(table, context, table.unit or document_unit)
        facts.extend(table_rows)
        problems.extend(table_problems)
    found = sorted({t.key for t in recognised}, key=_table_order)
    empty = sorted({t.key for t in recognised if t.declared_empty}, key=_table_order)
    base.update(tables_found=found, tables_empty=empty, fact_count=len(facts))
    raw = [_raw_table(t) for t in tables if t.spec is None]
    return DocumentResult(base, facts=facts, problems=problems, raw_tables=raw)


def _table_order(key: str) -> int:
    from .schema import TABLE_KEYS

    keys = list(TABLE_KEYS)
    return keys.index(key) if key in keys else len(keys)


def _raw_table(table: LocatedTable) -> dict[str, Any]:
    """An unrecognised table kept as printed: its cells with page and box."""
    cells = []
    for grid in table.grids:
        for r in range(grid.n_rows):
            for cell in grid.origin_cells(r):
                if cell.text:
                    cells.append({"page": grid.page, "row": cell.row, "col": cell.col, "text": cell.text, "bbox": list(cell.bbox)})
    return {"table_key": table.key, "title": table.title, "pages": table.pages, "cells": cells}
