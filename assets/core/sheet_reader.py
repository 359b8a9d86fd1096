"""Spreadsheets (.xls, .xlsx) read directly into the same located tables as PDF extraction.

Each sheet becomes one "page" (`page` = 1-based sheet number) holding the sheet's tables as
`pdf_grid.Grid`s in cell units: a cell's bbox is (column, row, column+1, row+1), 0-based, so
the fact's (page, bbox) names its sheet and cell (`cell_reference` turns it into "表2!B7").
The rows around a table (title, 编制部门, 单位, 为空表 notes) become the page's text lines, so
`table_locate.locate_tables` finds and names the tables exactly as it does on PDF pages, and
`table_facts` turns them into the same facts.

A table is the block of bordered cells (how offices draw them); a sheet without borders falls
back to "from the first row with two or more values to the last used row". Numbers are printed
as their number format shows them (`#,##0.00` → 1,749.05), from the exact stored value.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .content_sniff import ContentKind, sniff
from .document import MIN_TEXT_CHARS, ExtractedDocument, Provenance
from .pdf_grid import BBox, Cell, Grid
from .table_locate import PageText, locate_tables

MAX_CELLS = 2_000_000  # a sheet larger than this is not a budget table; refuse rather than hang


@dataclass
class Sheet:
    """One worksheet as plain data: cell texts, merged ranges and bordered cells (0-based)."""

    name: str
    number: int  # 1-based
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, r1, c0, c1 (exclusive)
    bordered: set[tuple[int, int]] = field(default_factory=set)

    @property
    def n_rows(self) -> int:
        return 1 + max((r for r, _ in [*self.texts, *self.bordered]), default=-1)

    @property
    def n_cols(self) -> int:
        return 1 + max((c for _, c in [*self.texts, *self.bordered]), default=-1)


class SpreadsheetError(Exception):
    """The workbook cannot be read (corrupt, encrypted, unsupported)."""


# --- reading workbooks ------------------------------------------------------------------------


def read_sheets(path: Path) -> list[Sheet]:
    kind = sniff(path.read_bytes()[:65536]) if path.stat().st_size else ContentKind.EMPTY
    if kind is ContentKind.XLS or (kind is ContentKind.OLE and path.suffix.lower() == ".xls"):
        return _read_xls(path)
    if kind in (ContentKind.XLSX, ContentKind.ZIP):
        return _read_xlsx(path)
    raise SpreadsheetError(f"not a spreadsheet ({kind.value})")


def _read_xls(path: Path) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types for bad files
        raise SpreadsheetError(f"unreadable .xls: {type(exc).__name__}: {exc}") from exc
    sheets = []
    for index in range(book.nsheets):
        ws = book.sheet_by_index(index)
        if ws.nrows * max(ws.ncols, 1) > MAX_CELLS:
            raise SpreadsheetError(f"sheet {ws.name!r} has too many cells")
        sheet = Sheet(ws.name, index + 1)
        for r in range(ws.nrows):
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                xf = book.xf_list[ws.cell_xf_index(r, c)]
                border = xf.border
                if border.left_line_style or border.right_line_style or border.top_line_style or border.bottom_line_style:
                    sheet.bordered.add((r, c))
                text = _xls_text(book, cell, xf)
                if text:
                    sheet.texts[(r, c)] = text
        sheet.merged = [(r0, r1, c0, c1) for r0, r1, c0, c1 in ws.merged_cells]
        sheets.append(sheet)
        book.unload_sheet(index)
    return sheets


def _xls_text(book: Any, cell: Any, xf: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map[xf.format_key].format_str if xf.format_key in book.format_map else "General"
        return format_number(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return str(cell.value).strip()


def _read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise SpreadsheetError(f"unreadable .xlsx: {type(exc).__name__}: {exc}") from exc
    sheets = []
    for index, ws in enumerate(book.worksheets):
        if ws.max_row * max(ws.max_column, 1) > MAX_CELLS:
            raise SpreadsheetError(f"sheet {ws.title!r} has too many cells")
        sheet = Sheet(ws.title, index + 1)
        for row in ws.iter_rows():
            for cell in row:
                r, c = cell.row - 1, cell.column - 1
                b = cell.border
                if b is not None and any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom)):
                    sheet.bordered.add((r, c))
                text = _xlsx_text(cell)
                if text:
                    sheet.texts[(r, c)] = text
        sheet.merged = [
            (rng.min_row - 1, rng.max_row, rng.min_col - 1, rng.max_col) for rng in ws.merged_cells.ranges
        ]
        sheets.append(sheet)
    book.close()
    return sheets


def _xlsx_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return format_number(value, cell.number_format or "General")
    return str(value).strip()


_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int | Decimal, number_format: str) -> str:
    """The number as the cell displays it: decimals and thousands separators of its format,
    from the exact stored value (repr of a float is its shortest exact decimal)."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        return str(value)
    section = number_format.split(";")[0]
    if number < 0 and ";" in number_format:
        section = number_format.split(";")[1] or section
    percent = "%" in section
    if percent:
        number *= 100
    decimals = _DECIMALS.search(section)
    if decimals:
        number = number.quantize(Decimal(1).scaleb(-len(decimals.group(1))))
    elif section.strip() not in ("", "General", "@") and "0" in section:
        number = number.quantize(Decimal(1))
    grouped = "#,##" in section or ",0" in section
    text = f"{number:,f}" if grouped else f"{number:f}"
    if not decimals and "." in text and section.strip() in ("", "General"):
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


# --- sheets as pages of grids -----------------------------------------------------------------


def sheet_page(sheet: Sheet) -> tuple[PageText, list[Grid]]:
    """The sheet's tables as grids and the rest of its rows as text lines."""
    blocks = _table_blocks(sheet)
    grids = [_grid(sheet, block) for block in blocks]
    in_table = {r for r0, r1, _, _ in blocks for r in range(r0, r1)}
    lines = []
    for r in range(sheet.n_rows):
        if r in in_table:
            continue
        cols = sorted(c for (row, c) in sheet.texts if row == r)
        if cols:
            text = "  ".join(sheet.texts[(r, c)] for c in cols)
            lines.append((text, (float(cols[0]), float(r), float(cols[-1] + 1), float(r + 1))))
    return PageText(sheet.number, lines), grids


def _table_blocks(sheet: Sheet) -> list[tuple[int, int, int, int]]:
    """(r0, r1, c0, c1) of each table, exclusive ends, top to bottom."""
    if sheet.bordered:
        rows = sorted({r for r, _ in sheet.bordered})
        runs: list[list[int]] = []
        for r in rows:
            if runs and r == runs[-1][-1] + 1:
                runs[-1].append(r)
            else:
                runs.append([r])
        blocks = []
        for run in runs:
            cols = [c for r, c in sheet.bordered if run[0] <= r <= run[-1]]
            if len(run) >= 2 and max(cols) > min(cols):
                blocks.append((run[0], run[-1] + 1, min(cols), max(cols) + 1))
        if blocks:
            return blocks
    return _unbordered_block(sheet)


_LABEL_LINE = re.compile(r"^(?:编制部门|编制单位|部门名称|单位名称|预算单位|(?:金额)?单位)[:：]")


def _unbordered_block(sheet: Sheet) -> list[tuple[int, int, int, int]]:
    start = None
    for r in range(sheet.n_rows):
        values = [sheet.texts[(row, c)] for (row, c) in sorted(sheet.texts) if row == r]
        if len(values) >= 2 and not any(_LABEL_LINE.match(v) for v in values):
            start = r
            break
    if start is None:
        return []
    used = [(r, c) for (r, c) in sheet.texts if r >= start]
    return [(start, max(r for r, _ in used) + 1, min(c for _, c in used), max(c for _, c in used) + 1)]


def _grid(sheet: Sheet, block: tuple[int, int, int, int]) -> Grid:
    r0, r1, c0, c1 = block
    slots: list[list[Cell | None]] = [[None] * (c1 - c0) for _ in range(r1 - r0)]
    for mr0, mr1, mc0, mc1 in sheet.merged:
        top, bottom, left, right = max(mr0, r0), min(mr1, r1), max(mc0, c0), min(mc1, c1)
        if top >= bottom or left >= right:
            continue
        cell = Cell(top - r0, left - c0, bottom - top, right - left, _box(top, bottom, left, right))
        cell.text = sheet.texts.get((mr0, mc0), "") if (mr0, mc0) == (top, left) else sheet.texts.get((top, left), "")
        for r in range(top, bottom):
            for c in range(left, right):
                slots[r - r0][c - c0] = cell
    for r in range(r0, r1):
        for c in range(c0, c1):
            if slots[r - r0][c - c0] is None:
                slots[r - r0][c - c0] = Cell(r - r0, c - c0, 1, 1, _box(r, r + 1, c, c + 1), sheet.texts.get((r, c), ""))
    return Grid(
        page=sheet.number,
        bbox=_box(r0, r1, c0, c1),
        col_edges=[float(c) for c in range(c0, c1 + 1)],
        row_edges=[float(r) for r in range(r0, r1 + 1)],
        slots=slots,
    )


def _box(top: int, bottom: int, left: int, right: int) -> BBox:
    return (float(left), float(top), float(right), float(bottom))


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_reference(bbox: BBox | list[float] | tuple[float, ...], sheet_name: str | None = None) -> str:
    """A fact's spreadsheet cell from its bbox in cell units: (1, 6, 2, 7) → "B7"."""
    ref = f"{column_letters(int(bbox[0]))}{int(bbox[1]) + 1}"
    return f"{sheet_name}!{ref}" if sheet_name else ref


# --- the extract-stage entry point ------------------------------------------------------------


def extract_spreadsheet(path: Path, prov: Provenance | None = None) -> ExtractedDocument:
    """A workbook → ExtractedDocument (one page per sheet). Never raises for bad input."""
    started = time.perf_counter()
    prov = prov or Provenance(document_url=str(path))
    data = path.read_bytes()
    doc = ExtractedDocument(hashlib.sha256(data).hexdigest(), prov)
    try:
        sheets = read_sheets(path)
    except SpreadsheetError as exc:
        doc.status, doc.message = "corrupt", f"the spreadsheet could not be read: {exc}"[:500]
        doc.seconds = time.perf_counter() - started
        return doc
    pages = [sheet_page(sheet) for sheet in sheets]
    doc.pages = len(sheets)
    doc.text_chars = sum(len(t) for sheet in sheets for t in sheet.texts.values())
    first_lines = next((page.lines for page, _ in pages if page.lines), [])
    doc.cover_text = "\n".join(text for text, _ in first_lines)
    doc.tables = locate_tables(pages)
    names = ", ".join(f"{s.number}={s.name}" for s in sheets)
    if doc.text_chars < MIN_TEXT_CHARS:
        doc.status, doc.message = "no_standard_tables", f"spreadsheet with {doc.pages} sheet(s) and almost no text"
    elif not any(t.spec is not None for t in doc.tables):
        doc.status = "no_standard_tables"
        doc.message = f"spreadsheet ({doc.pages} sheets: {names}) without any standard budget table title"
    else:
        doc.message = f"spreadsheet: page = sheet number ({names}); bbox = (column, row, column+1, row+1), 0-based"
    doc.seconds = time.perf_counter() - started
    return doc
