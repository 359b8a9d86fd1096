"""One budget table on A4 landscape pages, laid out as offices export them from spreadsheets.

First page: "表N", the centred title, "编制部门：…" with "单位：万元" at the right, then the
ruled table. A table that continues (where the office's export broke it, or when it runs out
of room) goes on with its header rows repeated and no title. A header-only table is followed
by its "…为空表。" sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.lib.pagesizes import A4, landscape

from assets.demo.document_model import AMOUNT_PATTERN, BudgetTable
from assets.demo.pdf_grid import Align, GridCell, GridLayout, GridStyle, draw_grid, layout_grid
from assets.demo.pdf_text import draw_bold_string, register_cjk_font, wrap_text

PAGE_WIDTH: float = landscape(A4)[0]
PAGE_HEIGHT: float = landscape(A4)[1]
MARGIN_X = 40.0
MARGIN_BOTTOM = 30.0
FIRST_PAGE_TABLE_TOP = 100.0
CONTINUATION_TABLE_TOP = 40.0
NOTE_SIZE = 10.0

Row = tuple[str, ...]


@dataclass(frozen=True)
class TablePage:
    """The body rows one printed page of a table carries (header rows are always repeated)."""

    rows: tuple[Row, ...]
    is_continuation: bool


def cell_style(table: BudgetTable) -> GridStyle:
    # Wide tables (16 columns) are exported at a smaller size, as in the published PDF.
    return GridStyle(font_size=7.0 if table.column_count > 10 else 9.0)


def column_edges(table: BudgetTable) -> tuple[float, ...]:
    scale = (PAGE_WIDTH - 2 * MARGIN_X) / sum(table.column_widths)
    return tuple(MARGIN_X + edge * scale for edge in accumulate(table.column_widths, initial=0.0))


def body_align(text: str) -> Align:
    if AMOUNT_PATTERN.fullmatch(text):
        return "right"
    if text.isdigit() and len(text) <= 3:  # 类/款/项 code columns
        return "center"
    return "left"


def layout_page(table: BudgetTable, rows: Sequence[Row]) -> GridLayout:
    style = cell_style(table)
    cells = [GridCell(h.text, h.row, h.col, h.rowspan, h.colspan, "center") for h in table.header]
    for index, row in enumerate(rows):
        grid_row = table.header_row_count + index
        cells.extend(GridCell(text, grid_row, col, align=body_align(text)) for col, text in enumerate(row))
    header_min = style.line_height + 8
    body_min = style.line_height + 3
    row_min_heights = [header_min] * table.header_row_count + [body_min] * len(rows)
    return layout_grid(cells, column_edges(table), row_min_heights, style)


def plan_pages(table: BudgetTable) -> list[TablePage]:
    """Split the body into pages: at the office's page breaks, and wherever a page is full."""
    pages: list[TablePage] = []
    for printed_page in table.body_pages or ((),):
        rows: list[Row] = []
        for row in printed_page:
            top = CONTINUATION_TABLE_TOP if pages else FIRST_PAGE_TABLE_TOP
            if rows and top + layout_page(table, [*rows, row]).height > PAGE_HEIGHT - MARGIN_BOTTOM:
                pages.append(TablePage(tuple(rows), is_continuation=bool(pages)))
                rows = []
            rows.append(row)
        pages.append(TablePage(tuple(rows), is_continuation=bool(pages)))
    return pages


def draw_table_pages(canvas: Any, table: BudgetTable, department: str) -> int:
    """Draw the table on as many landscape pages as it needs; returns the number of pages."""
    pages = plan_pages(table)
    for page in pages:
        canvas.setPageSize((PAGE_WIDTH, PAGE_HEIGHT))
        top = CONTINUATION_TABLE_TOP
        if not page.is_continuation:
            _draw_title_block(canvas, table, department)
            top = FIRST_PAGE_TABLE_TOP
        bottom = draw_grid(canvas, layout_page(table, page.rows), top, PAGE_HEIGHT)
        if table.empty_note and page is pages[-1]:
            _draw_note(canvas, table.empty_note, bottom + 22)
        canvas.showPage()
    return len(pages)


def _draw_title_block(canvas: Any, table: BudgetTable, department: str) -> None:
    font = register_cjk_font()
    right = PAGE_WIDTH - MARGIN_X
    canvas.setFont(font, 10)
    canvas.drawString(MARGIN_X, PAGE_HEIGHT - 48, f"表{table.number}")
    draw_bold_string(canvas, PAGE_WIDTH / 2, PAGE_HEIGHT - 72, table.title, 16, centred=True)
    canvas.setFont(font, 9)
    canvas.drawString(MARGIN_X, PAGE_HEIGHT - 92, f"编制部门：{department}")
    canvas.drawRightString(right, PAGE_HEIGHT - 92, f"单位：{table.unit}")


def _draw_note(canvas: Any, note: str, baseline_top: float) -> None:
    canvas.setFont(register_cjk_font(), NOTE_SIZE)
    indent = 2 * NOTE_SIZE
    lines = wrap_text(note, NOTE_SIZE, PAGE_WIDTH - 2 * MARGIN_X - indent)
    for index, line in enumerate(lines):
        x = MARGIN_X + (indent if index == 0 else 0)
        canvas.drawString(x, PAGE_HEIGHT - (baseline_top + index * 1.6 * NOTE_SIZE), line)
