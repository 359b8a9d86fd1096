"""Tables whose items are the columns (三公), read from small synthetic grids: the item each
column names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assets.core.pdf_grid import Grid
from assets.core.table_facts import table_facts
from assets.core.table_locate import LocatedTable
from assets.core.table_specs import SPECS_BY_KEY

CONTEXT = {"disclosure_id": "test", "department": None}


def grid(n_rows: int, n_cols: int, cells: list[tuple[int, int, int, int, str]]) -> Grid:
    """A grid of 60×20 pt slots; cells are (row, col, row_span, col_span, text)."""
    col_edges = [60.0 * c for c in range(n_cols + 1)]
    row_edges = [20.0 * r for r in range(n_rows + 1)]
    boxes = [
        [r, c, rs, cs, [col_edges[c], row_edges[r], col_edges[c + cs], row_edges[r + rs]], text]
        for r, c, rs, cs, text in cells
    ]
    return Grid.from_dict(
        {"page": 1, "bbox": [0, 0, col_edges[-1], row_edges[-1]], "col_edges": col_edges, "row_edges": row_edges, "cells": boxes}
    )


def three_public_facts(g: Grid) -> list[dict[str, Any]]:
    table = LocatedTable(SPECS_BY_KEY["three_public_expenditure"], "“三公”经费支出表", 9, "万元", None, [g])
    facts, problems = table_facts(table, CONTEXT, "万元")
    assert not problems
    return facts


def test_vehicle_parts_printed_without_their_subject() -> None:
    """购置费 | 运行费 under 公务用车购置及运行费 are the vehicle purchase and operation items; a
    机关运行经费预算数 column beside the 三公 is an item of its own."""
    g = grid(
        4,
        7,
        [
            (0, 0, 1, 6, "“三公”经费预算数"), (0, 6, 3, 1, "机关运行经费预算数"),
            (1, 0, 2, 1, "合计"), (1, 1, 2, 1, "因公出国(境)费"), (1, 2, 2, 1, "公务接待费"),
            (1, 3, 1, 3, "公务用车购置及运行费"),
            (2, 3, 1, 1, "小计"), (2, 4, 1, 1, "购置费"), (2, 5, 1, 1, "运行费"),
            (3, 0, 1, 1, "30.75"), (3, 1, 1, 1, ""), (3, 2, 1, 1, "2.50"), (3, 3, 1, 1, "28.25"),
            (3, 4, 1, 1, "20.00"), (3, 5, 1, 1, "8.25"), (3, 6, 1, 1, "1,547.40"),
        ],
    )  # fmt: skip
    items = {f["item"]: f["amount"] for f in three_public_facts(g)}
    assert items == {
        "合计": Decimal("30.75"),
        "公务接待费": Decimal("2.50"),
        "公务用车购置及运行费小计": Decimal("28.25"),
        "公务用车购置费": Decimal("20.00"),
        "公务用车运行费": Decimal("8.25"),
        "机关运行经费预算数": Decimal("1547.40"),
    }
