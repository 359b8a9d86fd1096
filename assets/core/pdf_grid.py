"""Ruled tables on a PDF page as grids of cells with merged spans, text and boxes.

pdfplumber finds the cells of a ruled table; this module turns them into a rectangular grid in
which every slot knows the (possibly merged) cell covering it, so that multi-level headers can be
rebuilt and every number keeps its page and bbox. Text is assembled from the page's characters
once per table (not one crop per cell), which keeps extraction fast.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .table_finder import find_tables

SNAP = 2.0  # points: cell edges closer than this are the same grid line
WORD_GAP = 0.25  # of the font size: a wider gap between two non-CJK characters is a space
# A gap of exactly a quarter em is common (fixed-pitch digits after a CJK character); whether
# it reads as a space must not depend on the last bit of a float (pdfminer stores doubles,
# pdfium floats).
GAP_PRECISION = 0.01

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}

BBox = tuple[float, float, float, float]


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or ch in "“”‘’"
    )


MIDDLE = "middle"  # the key under which a character keeps its char_middle


def char_middle(ch: dict[str, Any]) -> float:
    """The vertical middle of a glyph, from its baseline where the PDF gives one.

    Some fonts carry broken ascent/descent metrics, so their boxes sit a line too low (digits
    boxed entirely below their baseline); the baseline minus a third of the size is where the
    glyph really is. Falls back to the box centre for rotated text or without a text matrix.
    Kept in the character (it is asked for many times per character while lines and cells are
    built).
    """
    middle = ch.get(MIDDLE)
    if middle is None:
        middle = ch[MIDDLE] = _char_middle(ch)
    return middle


def _char_middle(ch: dict[str, Any]) -> float:
    centre = (ch["top"] + ch["bottom"]) / 2
    matrix = ch.get("matrix")
    if not matrix or not ch.get("upright", True) or "y0" not in ch:
        return float(centre)
    baseline = ch["bottom"] + ch["y0"] - matrix[5]
    size = ch.get("size") or (ch["bottom"] - ch["top"])
    middle = baseline - 0.3 * size
    return float(middle) if abs(middle - centre) <= size else float(centre)


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of a wrapped cell: no space between CJK characters, one space otherwise."""
    out = ""
    for line in (s.strip() for s in lines):
        if not line:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    return out


def char_lines(chars: list[dict[str, Any]], order: Callable[[dict[str, Any]], Any] = char_middle) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines, top to bottom: a character joins the line whose first
    character's middle is within 40 % of its size (at least 2 pt). ``order``: the order the
    characters are taken in (by middle; ties as given, unless the order breaks them)."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=order):
        if lines and abs(char_middle(lines[-1][0]) - char_middle(ch)) <= max(2.0, ch["size"] * 0.4):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines


def chars_box(chars: list[dict[str, Any]]) -> BBox:
    """The box around the characters."""
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def text_of_chars(chars: list[dict[str, Any]]) -> str:
    """Reading-order text of a cell's characters: lines by `top`, words by gaps."""
    if not chars:
        return ""
    texts = []
    for line in char_lines(chars):
        line.sort(key=lambda c: c["x0"])
        s = ""
        prev = None
        for ch in line:
            if prev is not None:
                gap = ch["x0"] - prev["x1"]
                if gap > max(prev["size"], ch["size"]) * WORD_GAP + GAP_PRECISION and not (is_cjk(prev["text"]) and is_cjk(ch["text"])):
                    s += " "
            s += ch["text"]
            prev = ch
        texts.append(s)
    return join_wrapped(texts)


@dataclass
class Cell:
    """One (possibly merged) cell: grid position of its top-left slot, spans, text and box."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    text: str = ""
    chars: list[dict[str, Any]] = field(default_factory=list, repr=False)


@dataclass
class Grid:
    page: int  # 1-based
    bbox: BBox
    col_edges: list[float]
    row_edges: list[float]
    slots: list[list[Cell | None]]  # slots[r][c] -> covering cell

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def cell(self, r: int, c: int) -> Cell | None:
        return self.slots[r][c]

    def origin_cells(self, r: int) -> list[Cell]:
        """Cells whose top-left slot is in row r, left to right."""
        seen = []
        for c in range(self.n_cols):
            cell = self.slots[r][c]
            if cell is not None and cell.row == r and cell.col == c:
                seen.append(cell)
        return seen

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (staged between the extract and normalize stages)."""
        cells = {id(c): c for row in self.slots for c in row if c is not None}
        return {
            "page": self.page,
            "bbox": list(self.bbox),
            "col_edges": self.col_edges,
            "row_edges": self.row_edges,
            "cells": [[c.row, c.col, c.row_span, c.col_span, list(c.bbox), c.text] for c in cells.values()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grid:
        n_rows, n_cols = len(data["row_edges"]) - 1, len(data["col_edges"]) - 1
        slots: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for row, col, row_span, col_span, bbox, text in data["cells"]:
            cell = Cell(row, col, row_span, col_span, tuple(bbox), text)
            for r in range(row, row + row_span):
                for c in range(col, col + col_span):
                    slots[r][c] = cell
        return cls(data["page"], tuple(data["bbox"]), data["col_edges"], data["row_edges"], slots)

    def row_texts(self, r: int) -> list[str]:
        """Text per column slot of row r ('' where the slot is covered from another row/col)."""
        out = []
        for c in range(self.n_cols):
            cell = self.slots[r][c]
            out.append(cell.text if cell is not None and cell.row == r and cell.col == c else "")
        return out


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    i = bisect.bisect_left(edges, v - SNAP)
    return min(i, len(edges) - 1)


def grid_from_cells(cell_boxes: list[BBox], page_no: int, chars: list[dict[str, Any]]) -> Grid | None:
    if not cell_boxes:
        return None
    col_edges = _edges([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes])
    row_edges = _edges([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes])
    n_rows, n_cols = len(row_edges) - 1, len(col_edges) - 1
    if n_rows < 1 or n_cols < 1:
        return None
    slots: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for box in cell_boxes:
        c0, c1 = _index(col_edges, box[0]), _index(col_edges, box[2])
        r0, r1 = _index(row_edges, box[1]), _index(row_edges, box[3])
        if c1 <= c0 or r1 <= r0:
            continue
        cell = Cell(r0, c0, r1 - r0, c1 - c0, box)
        for r in range(r0, r1):
            for c in range(c0, c1):
                slots[r][c] = cell
    bbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    for ch in chars:
        if ch["text"].isspace():
            continue
        cx, cy = (ch["x0"] + ch["x1"]) / 2, char_middle(ch)
        if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]):
            continue
        c = bisect.bisect_right(col_edges, cx) - 1
        r = bisect.bisect_right(row_edges, cy) - 1
        if not (0 <= r < n_rows and 0 <= c < n_cols):
            continue
        # Text running past its cell into an undrawn slot (a long title in a narrow cell)
        # belongs to the nearest cell on its left.
        while c > 0 and slots[r][c] is None:
            c -= 1
        slot = slots[r][c]
        if slot is not None:
            slot.chars.append(ch)
    for row in slots:
        for slot in row:
            if slot is not None and slot.chars and not slot.text:
                slot.text = text_of_chars(slot.chars)
    return Grid(page_no, bbox, col_edges, row_edges, slots)


def release_chars(grids: list[Grid]) -> None:
    """Drop the characters the cells were built from once their text is set: nothing downstream
    reads them (a grid from the extraction cache has none), and a long document's characters
    are most of its memory."""
    for grid in grids:
        for row in grid.slots:
            for cell in row:
                if cell is not None:
                    cell.chars = []


def page_chars(page: Any) -> list[dict[str, Any]]:
    """The page's characters without duplicates (bold faked by overprinting); computed once per
    page and passed to page_grids and page_lines, since deduplication is a sizeable share of the
    per-page cost."""
    return dedupe_chars(page.chars)


DEDUPE_TOLERANCE = 1.0  # points, as pdfplumber's dedupe_chars


def dedupe_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's dedupe_chars in linear time: a character drawn again (same text, font and
    size) within the tolerance of one already kept is a duplicate (bold faked by overprinting).
    pdfplumber compares every pair of a cluster, which dominates extraction time on dense pages.
    Kept characters are filed by glyph, then by row and column of a tolerance-sized grid, so a
    character is compared only with those of its glyph in the nine cells around it."""
    kept: list[dict[str, Any]] = []
    by_glyph: dict[tuple[Any, ...], dict[int, dict[int, list[dict[str, Any]]]]] = {}
    for ch in chars:
        x0, top = ch["x0"], ch["top"]
        column, row = int(x0 // DEDUPE_TOLERANCE), int(top // DEDUPE_TOLERANCE)
        rows = by_glyph.setdefault((ch["text"], ch.get("fontname"), round(ch.get("size", 0), 3)), {})
        if not _near(rows, row, column, x0, top):
            kept.append(ch)
            rows.setdefault(row, {}).setdefault(column, []).append(ch)
    return kept


def _near(rows: dict[int, dict[int, list[dict[str, Any]]]], row: int, column: int, x0: float, top: float) -> bool:
    """Whether a kept character lies within the tolerance of (x0, top)."""
    for near_row in (row - 1, row, row + 1):
        columns = rows.get(near_row)
        if not columns:
            continue
        for near_column in (column - 1, column, column + 1):
            for other in columns.get(near_column, ()):
                if abs(other["x0"] - x0) <= DEDUPE_TOLERANCE and abs(other["top"] - top) <= DEDUPE_TOLERANCE:
                    return True
    return False


def page_grids(page: Any, chars: list[dict[str, Any]] | None = None) -> list[Grid]:
    """All ruled tables of a pdfplumber page as grids, top to bottom."""
    chars = page_chars(page) if chars is None else chars
    grids = []
    for table in find_tables(page, TABLE_SETTINGS):
        grid = grid_from_cells(list(table.cells), page.page_number, chars)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: g.bbox[1])
    from .loose_rows import attach_loose_rows  # noqa: PLC0415 - loose_rows builds on this module

    return [attach_loose_rows(g, chars, [o for o in grids if o is not g]) if g.n_cols > 1 else g for g in grids]


def page_lines(page: Any, exclude: list[BBox] | None = None, chars: list[dict[str, Any]] | None = None) -> list[tuple[str, BBox]]:
    """Text lines of the page outside the given boxes (e.g. titles above tables)."""
    exclude = exclude or []
    chars = [
        ch
        for ch in (page_chars(page) if chars is None else chars)
        if not ch["text"].isspace()
        and not any(
            b[0] - 1 <= (ch["x0"] + ch["x1"]) / 2 <= b[2] + 1 and b[1] - 1 <= (ch["top"] + ch["bottom"]) / 2 <= b[3] + 1
            for b in exclude
        )
    ]
    out = []
    for line in char_lines(chars, order=lambda c: (char_middle(c), c["x0"])):
        line.sort(key=lambda c: c["x0"])
        out.append((text_of_chars(line), chars_box(line)))
    return out
