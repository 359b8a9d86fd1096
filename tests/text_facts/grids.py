"""Small ruled grids for tests, written as rows of cell texts: "^" continues the cell above,
"<" the cell to the left (merged cells)."""

from __future__ import annotations

from assets.core.pdf_grid import Grid
from assets.core.table_locate import LocatedTable


def make_grid(rows: list[list[str]], page: int = 1, top: float = 100.0) -> Grid:
    n_rows, n_cols = len(rows), max(len(r) for r in rows)
    col_edges = [50.0 + 60 * c for c in range(n_cols + 1)]
    row_edges = [top + 20 * r for r in range(n_rows + 1)]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c in range(n_cols):
            text = row[c] if c < len(row) else ""
            if text == "^":
                owner[(r, c)] = owner[(r - 1, c)]
            elif text == "<":
                owner[(r, c)] = owner[(r, c - 1)]
            else:
                owner[(r, c)] = (r, c)
    cells = []
    for origin in sorted(set(owner.values())):
        slots = [k for k, v in owner.items() if v == origin]
        r1, c1 = max(k[0] for k in slots), max(k[1] for k in slots)
        r0, c0 = origin
        box = [col_edges[c0], row_edges[r0], col_edges[c1 + 1], row_edges[r1 + 1]]
        cells.append([r0, c0, r1 - r0 + 1, c1 - c0 + 1, box, rows[r0][c0]])
    return Grid.from_dict({"page": page, "bbox": [col_edges[0], row_edges[0], col_edges[-1], row_edges[-1]],
                           "col_edges": col_edges, "row_edges": row_edges, "cells": cells})


def unrecognized(*grids: Grid) -> LocatedTable:
    return LocatedTable(None, "", None, None, None, list(grids))
