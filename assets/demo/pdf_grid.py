"""A ruled table grid on a reportlab canvas, drawn the way spreadsheet exports draw it.

Every cell border is a real PDF line stroke (so pdfplumber's "lines" strategy finds the
cells), merged cells simply have no inner borders, and text wraps inside its cell.
Coordinates are measured from the top of the page, as pdfplumber reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from assets.demo.pdf_text import register_cjk_font, wrap_text

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    align: Align = "center"


@dataclass(frozen=True)
class GridStyle:
    font_size: float
    padding: float = 3.0
    line_width: float = 0.6

    @property
    def line_height(self) -> float:
        return self.font_size * 1.15


@dataclass(frozen=True)
class GridLayout:
    """Cells with their wrapped lines, column edges and row heights: everything to draw."""

    cells: tuple[GridCell, ...]
    lines: tuple[tuple[str, ...], ...]
    column_x: tuple[float, ...]
    row_heights: tuple[float, ...]
    style: GridStyle

    @property
    def height(self) -> float:
        return sum(self.row_heights)


def layout_grid(
    cells: Sequence[GridCell],
    column_x: Sequence[float],
    row_min_heights: Sequence[float],
    style: GridStyle,
) -> GridLayout:
    """Wrap each cell's text to its width and grow rows until every cell's text fits."""
    wrapped = []
    heights = list(row_min_heights)
    spanning: list[tuple[GridCell, float]] = []
    for cell in cells:
        width = column_x[cell.col + cell.colspan] - column_x[cell.col] - 2 * style.padding
        lines = tuple(wrap_text(cell.text, style.font_size, width))
        wrapped.append(lines)
        needed = len(lines) * style.line_height + style.padding
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], needed)
        else:
            spanning.append((cell, needed))
    # A merged cell that needs more room than its rows give grows its last row.
    for cell, needed in spanning:
        spanned = range(cell.row, cell.row + cell.rowspan)
        shortfall = needed - sum(heights[r] for r in spanned)
        if shortfall > 0:
            heights[spanned[-1]] += shortfall
    return GridLayout(tuple(cells), tuple(wrapped), tuple(column_x), tuple(heights), style)


def draw_grid(canvas: Any, layout: GridLayout, top: float, page_height: float) -> float:
    """Draw borders and text with the grid's top edge at `top`; returns the bottom edge."""
    row_top = [top]
    for height in layout.row_heights:
        row_top.append(row_top[-1] + height)
    x = layout.column_x
    style = layout.style

    def y(distance_from_top: float) -> float:
        return page_height - distance_from_top

    canvas.saveState()
    canvas.setLineWidth(style.line_width)
    canvas.setFont(register_cjk_font(), style.font_size)
    for cell, lines in zip(layout.cells, layout.lines, strict=True):
        x0, x1 = x[cell.col], x[cell.col + cell.colspan]
        cell_top, cell_bottom = row_top[cell.row], row_top[cell.row + cell.rowspan]
        # Each cell draws its top and left border; the outer right/bottom come last, so every
        # segment is stroked once and merged cells get no inner borders.
        canvas.line(x0, y(cell_top), x1, y(cell_top))
        canvas.line(x0, y(cell_top), x0, y(cell_bottom))
        _draw_cell_text(canvas, lines, cell.align, x0, x1, cell_top, cell_bottom, style, y)
    canvas.line(x[-1], y(row_top[0]), x[-1], y(row_top[-1]))
    canvas.line(x[0], y(row_top[-1]), x[-1], y(row_top[-1]))
    canvas.restoreState()
    return row_top[-1]


def _draw_cell_text(
    canvas: Any,
    lines: tuple[str, ...],
    align: Align,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    style: GridStyle,
    y: Callable[[float], float],
) -> None:
    size, line_height = style.font_size, style.line_height
    block_top = top + (bottom - top - len(lines) * line_height) / 2
    # Baseline sits so the CJK em box is centred in its line (ascent ≈ 0.88 em).
    first_baseline = block_top + (line_height - size) / 2 + size * 0.88
    for index, line in enumerate(lines):
        if not line:
            continue
        baseline = y(first_baseline + index * line_height)
        if align == "left":
            canvas.drawString(x0 + style.padding, baseline, line)
        elif align == "right":
            canvas.drawRightString(x1 - style.padding, baseline, line)
        else:
            canvas.drawCentredString((x0 + x1) / 2, baseline, line)
