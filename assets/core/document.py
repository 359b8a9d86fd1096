"""One document → its disclosure row, facts, raw unrecognised tables and problems.

The single entry point that the CLI and the Dagster assets share. Bad input never raises:
a corrupt, encrypted, scanned, HTML or non-budget file ends with a specific status and message.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from .doc_meta import DocumentMeta, read_meta
from .pdf_grid import page_grids, page_lines
from .schema import PIPELINE_VERSION, TABLE_KEYS
from .staging import decode_decimals
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclosure": self.disclosure,
            "facts": self.facts,
            "problems": [asdict(p) for p in self.problems],
            "raw_tables": self.raw_tables,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        """Inverse of to_dict after a JSON round trip (decimals come back as strings)."""
        facts = decode_decimals(data["facts"])
        problems = [Problem(**p) for p in decode_decimals(data["problems"])]
        return cls(data["disclosure"], facts, problems, data["raw_tables"], data.get("seconds", 0.0))


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


@dataclass
class ExtractedDocument:
    """What the extract stage hands to normalize: status, text bits and located tables."""

    sha256: str
    provenance: Provenance
    status: str = "ok"
    message: str | None = None
    pages: int | None = None
    cover_text: str = ""
    text_chars: int = 0
    tables: list[LocatedTable] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "provenance": asdict(self.provenance),
            "status": self.status,
            "message": self.message,
            "pages": self.pages,
            "cover_text": self.cover_text,
            "text_chars": self.text_chars,
            "tables": [t.to_dict() for t in self.tables],
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedDocument:
        return cls(
            sha256=data["sha256"],
            provenance=Provenance(**data["provenance"]),
            status=data["status"],
            message=data["message"],
            pages=data["pages"],
            cover_text=data["cover_text"],
            text_chars=data["text_chars"],
            tables=[LocatedTable.from_dict(t) for t in data["tables"]],
            seconds=data.get("seconds", 0.0),
        )


def extract_document(path: Path, prov: Provenance | None = None) -> ExtractedDocument:
    """Sniff and parse one file into located tables. Never raises for bad input."""
    started = time.perf_counter()
    prov = prov or Provenance(document_url=str(path))
    data = path.read_bytes()
    doc = ExtractedDocument(hashlib.sha256(data).hexdigest(), prov)
    kind = sniff_kind(data)
    if kind != "pdf":
        doc.status = "html_page" if kind == "html" else "not_pdf"
        doc.message = {
            "html": "the file is an HTML page, not a PDF (a portal error or landing page saved as a document)",
            "empty": "the file is empty",
        }.get(kind, f"the file is not a PDF (starts with {data[:8]!r})")
    else:
        try:
            _read_pdf(path, doc)
        except Exception as exc:  # noqa: BLE001 - any parser failure is a per-document status
            name = type(exc).__name__
            causes = f"{name} {exc!r} {exc.__cause__!r} {exc.__context__!r}"
            if "Password" in causes or "encrypt" in causes.lower():
                doc.status, doc.message = "encrypted", f"the PDF is password-protected ({name})"
            else:
                doc.status, doc.message = "corrupt", f"the PDF could not be parsed: {name}: {exc}"[:500]
    doc.seconds = time.perf_counter() - started
    return doc


def _read_pdf(path: Path, doc: ExtractedDocument) -> None:
    pages: list[tuple[PageText, list[Any]]] = []
    with _open_pdf(path) as pdf:
        doc.pages = len(pdf.pages)
        for page in pdf.pages:
            grids = page_grids(page)
            lines = page_lines(page, exclude=[g.bbox for g in grids])
            doc.text_chars += len(page.chars)
            if not doc.cover_text and lines:
                doc.cover_text = "\n".join(text for text, _ in lines)
            pages.append((PageText(page.page_number, lines), grids))
            page.close()
    doc.tables = locate_tables(pages)
    if doc.text_chars < MIN_TEXT_CHARS * max(1, doc.pages // 4):
        doc.status = "no_text_layer"
        doc.message = f"{doc.pages} pages, {doc.text_chars} characters: image-only (scanned) PDF"
    elif not any(t.spec is not None for t in doc.tables):
        doc.status = "no_standard_tables"
        doc.message = f"readable PDF ({doc.pages} pages) without any standard budget table title"


def normalize_document(doc: ExtractedDocument) -> DocumentResult:
    """Located tables → disclosure row and long-format facts."""
    started = time.perf_counter()
    prov = doc.provenance
    recognised = [t for t in doc.tables if t.spec is not None]
    departments = [t.department for t in recognised if t.department]
    meta = read_meta(doc.cover_text, departments, fallback_title=prov.link_title or "") if doc.pages else None
    base = _disclosure_row(doc.sha256, prov, meta, pages=doc.pages, status=doc.status, message=doc.message)
    raw = [_raw_table(t) for t in doc.tables if t.spec is None]
    if doc.status != "ok" or meta is None:
        return DocumentResult(base, raw_tables=raw, seconds=doc.seconds)
    context = {
        "disclosure_id": base["disclosure_id"],
        "region": meta.region,
        "department": meta.department,
        "year": meta.year,
        "doc_kind": meta.doc_kind,
        "source_url": prov.document_url,
        "source_sha256": doc.sha256,
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
    return DocumentResult(base, facts, problems, raw, doc.seconds + time.perf_counter() - started)


def process_document(path: Path, prov: Provenance | None = None) -> DocumentResult:
    """Extract and normalize one document (the CLI path). Never raises for bad input."""
    return normalize_document(extract_document(path, prov))


def _table_order(key: str) -> int:
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
