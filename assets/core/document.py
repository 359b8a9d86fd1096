"""One document → its disclosure row, facts, raw unrecognised tables and problems.

The single entry point that the CLI and the Dagster assets share. Bad input never raises:
every file ends with a specific status (schema.STATUSES) and a message, and only documents with
status ``ok`` carry facts. Extract decides what the bytes are (content_sniff) and whether they
read as a PDF with text; normalize reads the metadata from the text and decides what a readable
document without standard tables is (doc_triage).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from .content_sniff import ContentKind, pdf_offset, sniff
from .doc_meta import DocumentMeta, read_meta, table_family
from .doc_triage import count_number_cells, triage
from .pdf_grid import page_chars, page_grids, page_lines, release_chars
from .pdf_widths import Widths, page_widths
from .pdfium_page import PdfiumPage, open_pdfium, read_page
from .schema import PIPELINE_VERSION, TABLE_KEYS
from .staging import decode_decimals
from .table_facts import Problem, table_facts
from .table_locate import LocatedTable, PageText, locate_tables
from .text_facts import decode_rows, extract_text_facts

MIN_TEXT_CHARS = 20  # a page with fewer characters has no usable text layer
# Statuses of documents that are not (part of) a budget disclosure, or could not be read.
NEGATIVE_STATUSES = frozenset(
    {"not_budget", "budget_adjacent", "no_text_layer", "html_page", "not_pdf", "unsupported_format",
     "corrupt", "encrypted", "fetch_failed"}
)
# Statuses of documents that belong to a disclosure (named by department × year × kind).
DISCLOSURE_STATUSES = frozenset({"ok", "blocked", "narrative_only", "no_standard_tables"})
# Statuses extract leaves for normalize to refine: the PDF was read.
READABLE = ("ok", "no_standard_tables")
THREE_PUBLIC_TITLE = re.compile(r"三公.{0,6}经费.{0,12}表")
OFFICE_KINDS = {
    ContentKind.DOCX: "a Word document (.docx)",
    ContentKind.DOC: "a Word 97-2003 document (.doc)",
    ContentKind.XLSX: "an Excel workbook (.xlsx)",
    ContentKind.XLS: "an Excel 97-2003 workbook (.xls)",
    ContentKind.ZIP: "a ZIP archive",
    ContentKind.RAR: "a RAR archive",
    ContentKind.SEVEN_ZIP: "a 7z archive",
    ContentKind.OLE: "an OLE compound file (old Office format)",
}


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
    # What the corpus report shows beside the published row: template family, table titles,
    # where each metadata field came from, amount units (not published).
    details: dict[str, Any] = field(default_factory=dict)
    # Beyond the standard tables (text_facts): 绩效目标表 indicators and narrative statements.
    performance_targets: list[dict[str, Any]] = field(default_factory=list)
    narrative_facts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclosure": self.disclosure,
            "facts": self.facts,
            "problems": [asdict(p) for p in self.problems],
            "raw_tables": self.raw_tables,
            "seconds": self.seconds,
            "details": self.details,
            "performance_targets": self.performance_targets,
            "narrative_facts": self.narrative_facts,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        """Inverse of to_dict after a JSON round trip (decimals come back as strings)."""
        facts = decode_decimals(data["facts"])
        problems = [Problem(**p) for p in decode_decimals(data["problems"])]
        disclosure = decode_rows("disclosures", [data["disclosure"]])[0]  # reconciliation_score
        return cls(
            disclosure, facts, problems, data["raw_tables"], data.get("seconds", 0.0), data.get("details", {}),
            performance_targets=decode_rows("performance_targets", data.get("performance_targets", [])),
            narrative_facts=decode_rows("narrative_facts", data.get("narrative_facts", [])),
        )


def document_id(sha256: str, url: str) -> str:
    """Id of a document that names no disclosure (a negative, or unidentified): its bytes, or
    its URL when there are none (a failed download). Stable across runs."""
    if sha256:
        return f"unidentified-{sha256[:16]}"
    return f"unidentified-url-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}"


def _disclosure_row(sha256: str, prov: Provenance, meta: DocumentMeta | None, status: str, **extra: Any) -> dict[str, Any]:
    identified = meta is not None and meta.is_identified and status in DISCLOSURE_STATUSES
    row: dict[str, Any] = {
        "disclosure_id": meta.disclosure_id if identified and meta else document_id(sha256, prov.document_url),
        "region": meta.region if meta else None,
        "department": meta.department if meta else None,
        "year": meta.year if meta else None,
        "doc_kind": meta.doc_kind if meta else None,
        "scope": meta.scope if meta else None,
        "budget_unit": meta.unit if meta else None,
        "title": (meta.title if meta and meta.title else prov.link_title),
        "source_page_url": prov.source_page_url,
        "document_url": prov.document_url,
        "sha256": sha256,
        "fetched_at": prov.fetched_at,
        "pages": None,
        "tables_found": [],
        "tables_empty": [],
        "fact_count": 0,
        "status": status,
        "message": None,
        "validation_status": "not_validated",
        "document_count": 1,
        "document_urls": [prov.document_url],
        "document_sha256s": [sha256],
        "document_statuses": [status],
        "pipeline_version": PIPELINE_VERSION,
    }
    row.update(extra)
    return row


@contextmanager
def _open_pdf(source: Path | io.BytesIO) -> Iterator[Any]:
    pdf = pdfplumber.open(source)
    try:
        yield pdf
    finally:
        pdf.close()


@contextmanager
def _open_pdfium(data: bytes | None) -> Iterator[Callable[[int, Callable[[], Widths]], PdfiumPage | None]]:
    """(page index, its declared widths) → the page read by pdfium, or None for a page
    pdfplumber must parse (every page when pdfium is off or cannot open what pdfplumber can)."""
    document = None
    if data is not None:
        try:
            document = open_pdfium(data)
        except Exception:  # noqa: BLE001 - pdfium refusing a file only means pdfplumber reads it
            document = None

    def read(index: int, widths: Callable[[], Widths]) -> PdfiumPage | None:
        if document is None or index >= len(document):
            return None
        page = document[index]
        try:
            return read_page(page, index, widths())
        except Exception:  # noqa: BLE001 - any pdfium trouble on a page: pdfplumber reads it
            return None
        finally:
            page.close()

    try:
        yield read
    finally:
        if document is not None:
            document.close()


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
    # Per page, the text lines outside ruled tables (narrative, titles) as [text, x0, top, x1, bottom].
    text_pages: list[dict[str, Any]] = field(default_factory=list)
    # Pages read by pdfium rather than parsed by pdfplumber/pdfminer (pdfium_page).
    pages_pdfium: int = 0

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
            "text_pages": self.text_pages,
            "pages_pdfium": self.pages_pdfium,
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
            text_pages=data.get("text_pages", []),
            pages_pdfium=data.get("pages_pdfium", 0),
        )


def extract_document(path: Path, prov: Provenance | None = None, *, use_pdfium: bool = True) -> ExtractedDocument:
    """Sniff and parse one file into located tables. Never raises for bad input.

    With ``use_pdfium`` (the default) pages are read by pdfium in pdfplumber's shape
    (pdfium_page), several times faster than pdfminer; pages pdfium cannot give the same way
    fall back to pdfplumber. False parses every page with pdfplumber: the reference that
    bench/pdfium_check compares against."""
    started = time.perf_counter()
    prov = prov or Provenance(document_url=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        doc = ExtractedDocument("", prov, status="fetch_failed", message=f"the file could not be read: {exc}")
        doc.seconds = time.perf_counter() - started
        return doc
    doc = ExtractedDocument(hashlib.sha256(data).hexdigest(), prov)
    kind = sniff(data)
    if kind is ContentKind.PDF:
        _read_pdf_bytes(path, data, doc, use_pdfium)
    else:
        doc.status, doc.message = _not_a_pdf(kind, data)
    doc.seconds = time.perf_counter() - started
    return doc


def _not_a_pdf(kind: ContentKind, data: bytes) -> tuple[str, str]:
    if kind is ContentKind.HTML:
        return "html_page", "the file is an HTML page, not a PDF (a portal page or error page saved as a document)"
    if kind is ContentKind.EMPTY:
        return "not_pdf", "the file is empty"
    if kind in OFFICE_KINDS:
        return "unsupported_format", f"the file is {OFFICE_KINDS[kind]}; the pipeline reads PDF only"
    return "not_pdf", f"the file is not a PDF (starts with {data[:8]!r})"


def _read_pdf_bytes(path: Path, data: bytes, doc: ExtractedDocument, use_pdfium: bool = True) -> None:
    offset = pdf_offset(data) or 0
    pdf_bytes = data[offset:] if offset else data
    try:
        # Junk before %PDF- (it happens) is cut off; otherwise the file is read from disk.
        _read_pdf(io.BytesIO(pdf_bytes) if offset else path, doc, pdf_bytes if use_pdfium else None)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a per-document status
        name = type(exc).__name__
        causes = f"{name} {exc!r} {exc.__cause__!r} {exc.__context__!r}"
        if "Password" in causes or "encrypt" in causes.lower():
            doc.status, doc.message = "encrypted", f"the PDF is password-protected ({name})"
        elif b"%%EOF" not in data[-2048:] and ("EOF" in causes or "PSEOF" in causes):
            doc.status, doc.message = "corrupt", f"the PDF is truncated ({len(data)} bytes, no end-of-file marker): {name}"
        else:
            doc.status, doc.message = "corrupt", f"the PDF could not be parsed: {name}: {exc}"[:500]
        doc.tables, doc.text_pages = [], []


def _read_pdf(source: Path | io.BytesIO, doc: ExtractedDocument, pdfium_bytes: bytes | None) -> None:
    pages: list[tuple[PageText, list[Any]]] = []
    with _open_pdf(source) as pdf, _open_pdfium(pdfium_bytes) as read_by_pdfium:
        doc.pages = len(pdf.pages)
        font_widths: dict[Any, Widths] = {}
        for index, plumber_page in enumerate(pdf.pages):
            fast = read_by_pdfium(index, functools.partial(page_widths, plumber_page, pdf.rsrcmgr, font_widths))
            page: Any = fast or plumber_page
            doc.pages_pdfium += fast is not None
            chars = page_chars(page)
            grids = page_grids(page, chars)
            lines = page_lines(page, exclude=[g.bbox for g in grids], chars=chars)
            release_chars(grids)
            # Printed characters: overprinted duplicates and spaces are not text.
            doc.text_chars += sum(1 for ch in chars if not ch["text"].isspace())
            if not doc.cover_text and lines:
                doc.cover_text = "\n".join(text for text, _ in lines)
            pages.append((PageText(page.page_number, lines), grids))
            doc.text_pages.append(text_page(page.page_number, lines, grids))
            plumber_page.close()
    doc.tables = locate_tables(pages)
    if doc.text_chars < MIN_TEXT_CHARS * max(1, doc.pages // 4):
        doc.status = "no_text_layer"
        doc.message = f"{doc.pages} pages, {doc.text_chars} characters: image-only (scanned) PDF; nothing to read without OCR"


def text_page(page_no: int, lines: list[tuple[str, Any]], grids: list[Any]) -> dict[str, Any]:
    """A page's text outside its tables; a one-column grid is a box drawn around text, so its
    cells count as text lines (narrative pages put paragraphs in such boxes)."""
    boxed = [(cell.text, cell.bbox) for g in grids if g.n_cols == 1 for r in range(g.n_rows) for cell in g.origin_cells(r) if cell.text]
    ordered = sorted([*lines, *boxed], key=lambda item: (item[1][1], item[1][0]))
    return {"page": page_no, "lines": [[text, *(round(v, 1) for v in box)] for text, box in ordered]}


def page_texts(doc: ExtractedDocument) -> list[str]:
    """Every page's text, lines top to bottom: the lines outside tables and each table row's
    cells joined by spaces (labels such as 部门名称 are printed inside tables)."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for text_page_ in doc.text_pages:
        rows[text_page_["page"]] = [(line[2], line[0]) for line in text_page_["lines"]]
    for table in doc.tables:
        for grid in table.grids:
            if grid.n_cols == 1:
                continue  # already among the text lines
            for r in range(grid.n_rows):
                texts = [t for t in grid.row_texts(r) if t]
                if texts:
                    rows.setdefault(grid.page, []).append((grid.row_edges[r], " ".join(texts)))
    return ["\n".join(text for _, text in sorted(rows.get(p, []))) for p in range(1, (doc.pages or 0) + 1)]


def normalize_document(doc: ExtractedDocument) -> DocumentResult:
    """Located tables → disclosure row and long-format facts."""
    started = time.perf_counter()
    prov = doc.provenance
    recognised = [t for t in doc.tables if t.spec is not None]
    raw = [_raw_table(t) for t in doc.tables if t.spec is None]
    if doc.status not in READABLE:
        base = _disclosure_row(doc.sha256, prov, None, doc.status, pages=doc.pages, message=doc.message)
        return DocumentResult(base, raw_tables=raw, seconds=doc.seconds)
    texts = page_texts(doc)
    titles = [t.title for t in doc.tables if t.title]
    meta = read_meta(texts, [t.title for t in recognised], [t.department for t in recognised if t.department], prov.link_title or "")
    status, message = "ok", None
    if not recognised:
        numbers = count_number_cells([c["text"] for t in raw for c in t["cells"]])
        verdict = triage(texts, doc.pages or 0, numbers)
        status, message = verdict.status, verdict.message
    units = Counter(t.unit for t in recognised if t.unit)
    details = {
        "family": table_family([*titles, *_title_lines(texts)], meta.doc_kind),
        "table_titles": titles,
        "meta_evidence": meta.evidence,
        "amount_units": sorted(units),
        "has_three_public": any(THREE_PUBLIC_TITLE.search(re.sub(r"\s+", "", line)) for text in texts for line in text.splitlines() if len(line) <= 60),
        "text_chars": doc.text_chars,
    }
    base = _disclosure_row(doc.sha256, prov, meta, status, pages=doc.pages, message=message)
    targets, narrative, text_problems = extract_text_facts(doc.tables, doc.text_pages, base, doc.sha256)
    if status != "ok":
        return DocumentResult(
            base, problems=text_problems, raw_tables=raw, seconds=doc.seconds + time.perf_counter() - started, details=details,
            performance_targets=targets, narrative_facts=narrative,
        )
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
    document_unit = units.most_common(1)[0][0] if units else "万元"
    for table in recognised:
        table_rows, table_problems = table_facts(table, context, table.unit or document_unit)
        facts.extend(table_rows)
        problems.extend(table_problems)
    found = sorted({t.key for t in recognised}, key=_table_order)
    empty = sorted({t.key for t in recognised if t.declared_empty}, key=_table_order)
    base.update(tables_found=found, tables_empty=empty, fact_count=len(facts))
    return DocumentResult(
        base, facts, problems + text_problems, raw, doc.seconds + time.perf_counter() - started, details,
        performance_targets=targets, narrative_facts=narrative,
    )


def process_document(path: Path, prov: Provenance | None = None) -> DocumentResult:
    """Extract and normalize one document (the CLI path). Never raises for bad input."""
    return normalize_document(extract_document(path, prov))


def _title_lines(texts: list[str]) -> list[str]:
    """Short lines naming a table (titles, contents entries): what the family is read from when
    tables were not recognised or are in another attachment."""
    return [squeezed for text in texts for line in text.splitlines() if len(squeezed := re.sub(r"\s+", "", line)) <= 40 and "表" in squeezed]


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
