"""Table rows printed without ruling lines next to a ruled grid, read into that grid's columns.

Word processors break a long table across pages and sometimes lose the rules of a row or two:
the first row of a page (“30108 机关事业单位基本养老保险缴费 1,326.81” above the grid) or the
tail of a table below it. Those rows are text lines outside every grid, so pdfplumber's ruled
strategy leaves them out and their numbers would be lost. A line directly above or below a grid,
inside its horizontal extent, that reads like a table row (a code or name, then amounts) is added
to the grid as a row of its own, each character going to the column whose edges hold it.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

from .pdf_grid import Cell, Grid, char_lines, char_middle, chars_box, text_of_chars

AMOUNT_AT_END = re.compile(r"-?\d[\d,]*\.\d{2,6}$")
NOT_A_ROW = re.compile(r"[:：。；]|^注")  # notes and unit lines are not rows
MAX_ROWS = 40  # loose rows attached to one side of a grid


def attach_loose_rows(grid: Grid, chars: list[dict[str, Any]], others: list[Grid]) -> Grid:
    """The grid with the row-like text lines directly above and below it added as rows."""
    x0, top, x1, bottom = grid.bbox
    free = [
        ch
        for ch in chars
        if not ch["text"].isspace()
        and x0 - 2 <= (ch["x0"] + ch["x1"]) / 2 <= x1 + 2
        and not any(_inside(ch, g.bbox) for g in [grid, *others])
    ]
    if not free:
        return grid
    lines = char_lines(free)
    pitch = _row_pitch(grid)
    above = _adjacent(reversed([ln for ln in lines if chars_box(ln)[3] <= top + 1]), top, pitch, upward=True)
    below = _adjacent(iter([ln for ln in lines if chars_box(ln)[1] >= bottom - 1]), bottom, pitch, upward=False)
    if not above and not below:
        return grid
    return _extended(grid, list(reversed(above)), below)


def _inside(ch: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, char_middle(ch)
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _row_pitch(grid: Grid) -> float:
    heights = [b - a for a, b in zip(grid.row_edges, grid.row_edges[1:], strict=False)]
    return statistics.median(heights) if heights else 20.0


def _is_row(line: list[dict[str, Any]]) -> bool:
    text = text_of_chars(line)
    squeezed = re.sub(r"\s+", "", text)
    if not squeezed or len(squeezed) > 80 or NOT_A_ROW.search(squeezed):
        return False
    return bool(AMOUNT_AT_END.search(squeezed)) and not AMOUNT_AT_END.fullmatch(squeezed)


def _adjacent(candidates: Any, edge: float, pitch: float, upward: bool) -> list[list[dict[str, Any]]]:
    """Row-like lines stacked against the grid's edge, nearest first, without gaps."""
    out: list[list[dict[str, Any]]] = []
    for line in candidates:
        box = chars_box(line)
        gap = edge - box[3] if upward else box[1] - edge
        if gap > 1.5 * pitch or not _is_row(line) or len(out) >= MAX_ROWS:
            break
        out.append(line)
        edge = box[1] if upward else box[3]
    return out


def _extended(grid: Grid, above: list[list[dict[str, Any]]], below: list[list[dict[str, Any]]]) -> Grid:
    """A new grid: rows for the lines above, the grid's rows, rows for the lines below."""
    boxes_above = [chars_box(ln) for ln in above]
    boxes_below = [chars_box(ln) for ln in below]
    edges_above = _edges_between(boxes_above, end=grid.row_edges[0])
    edges_below = _edges_between(boxes_below, start=grid.row_edges[-1])
    n_above = len(above)
    row_edges = edges_above + list(grid.row_edges) + edges_below
    slots: list[list[Cell | None]] = []
    moved: dict[int, Cell] = {}
    for r, line in enumerate(above):
        slots.append(_row_cells(grid, line, r, row_edges))
    for row in grid.slots:
        new_row: list[Cell | None] = []
        for cell in row:
            if cell is None:
                new_row.append(None)
                continue
            if id(cell) not in moved:
                moved[id(cell)] = Cell(cell.row + n_above, cell.col, cell.row_span, cell.col_span, cell.bbox, cell.text, cell.chars)
            new_row.append(moved[id(cell)])
        slots.append(new_row)
    for i, line in enumerate(below):
        slots.append(_row_cells(grid, line, n_above + grid.n_rows + i, row_edges))
    bbox = (grid.bbox[0], row_edges[0], grid.bbox[2], row_edges[-1])
    return Grid(grid.page, bbox, list(grid.col_edges), row_edges, slots)


def _edges_between(
    boxes: list[tuple[float, float, float, float]], start: float | None = None, end: float | None = None
) -> list[float]:
    """Row edges for text lines above `end` (without end) or below `start` (without start)."""
    if not boxes:
        return []
    if end is not None:  # above: edges from the first line's top down to just before `end`
        tops = [b[1] - 1 for b in boxes]
        return [min(t, end - 1) for t in tops]
    assert start is not None
    bottoms = [b[3] + 1 for b in boxes]
    return [max(b, start + 1) for b in bottoms]


def _row_cells(grid: Grid, line: list[dict[str, Any]], r: int, row_edges: list[float]) -> list[Cell | None]:
    by_column: dict[int, list[dict[str, Any]]] = {}
    for ch in line:
        cx = (ch["x0"] + ch["x1"]) / 2
        c = next((i for i in range(grid.n_cols) if grid.col_edges[i] - 2 <= cx <= grid.col_edges[i + 1] + 2), None)
        if c is not None:
            by_column.setdefault(c, []).append(ch)
    cells: list[Cell | None] = []
    for c in range(grid.n_cols):
        box = (grid.col_edges[c], row_edges[r], grid.col_edges[c + 1], row_edges[r + 1])
        chars = by_column.get(c, [])
        cells.append(Cell(r, c, 1, 1, box, text_of_chars(chars), chars))
    return cells
