"""Tables whose items are the columns (三公), read from small synthetic grids: the item each
column names and what a labelled row stands for (a unit, or a year)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assets.core.pdf_grid import Grid
from assets.core.row_labels import year_row_measure
from assets.core.table_facts import table_facts
from assets.core.table_locate import LocatedTable
from assets.core.table_specs import SPECS_BY_KEY
from tests.extract.test_family_quirks import amount, facts_of

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


def test_year_rows_are_measures_not_units() -> None:
    """预算单位 | 年度 | items: the 2025年 row is the prior-year budget, 2026年 this year's, the
    增减变化金额 row the change; the item is the column's, not “2025年：…”."""
    g = grid(
        5,
        5,
        [
            (0, 0, 2, 1, "预算单位"), (0, 1, 2, 1, "年度"), (0, 2, 2, 1, "总计"), (0, 3, 1, 2, "公务接待费"),
            (1, 3, 1, 1, "一般公共预算"), (1, 4, 1, 1, "政府性基金预算"),
            (2, 0, 3, 1, "某某局"), (2, 1, 1, 1, "2025年"), (2, 2, 1, 1, "11.58"), (2, 3, 1, 1, "0.18"),
            (3, 1, 1, 1, "2026年"), (3, 2, 1, 1, "47.56"), (3, 3, 1, 1, "0.16"),
            (4, 1, 1, 1, "增减变化金额"), (4, 2, 1, 1, "35.98"), (4, 3, 1, 1, "-0.02"),
        ],
    )  # fmt: skip
    facts = three_public_facts(g)
    got = {(f["item"], f["measure"]): f["amount"] for f in facts}
    assert got == {
        ("总计", "prior_year_budget"): Decimal("11.58"),
        ("公务接待费", "prior_year_budget"): Decimal("0.18"),
        ("总计", "total"): Decimal("47.56"),
        ("公务接待费", "total"): Decimal("0.16"),
        ("总计", "change_from_prior_year"): Decimal("35.98"),
        ("公务接待费", "change_from_prior_year"): Decimal("-0.02"),
    }
    assert {f["source"] for f in facts if f["item"] == "公务接待费"} == {"general_public_budget"}


def test_unit_rows_still_name_their_unit() -> None:
    g = grid(
        3,
        3,
        [
            (0, 0, 1, 1, "单位名称"), (0, 1, 1, 1, "合计"), (0, 2, 1, 1, "公务接待费"),
            (1, 0, 1, 1, "某某中心"), (1, 1, 1, 1, "5.00"), (1, 2, 1, 1, "5.00"),
            (2, 0, 1, 1, "合计"), (2, 1, 1, 1, "5.00"), (2, 2, 1, 1, "5.00"),
        ],
    )  # fmt: skip
    items = {f["item"] for f in three_public_facts(g)}
    assert items == {"某某中心：合计", "某某中心：公务接待费", "合计", "公务接待费"}


def test_year_row_measure() -> None:
    assert year_row_measure("2025年", 2026) == "prior_year_budget"
    assert year_row_measure("2026 年", 2026) is None
    assert year_row_measure("增减变化金额", 2026) == "change_from_prior_year"
    assert year_row_measure("某某局", 2026) is None


# --- on the corpus (skipped when ../shared is absent) ---------------------------------------------

SHENSHAN = "rw__003_深圳__市场监督管理局_2026年深圳市市场监督管理局深汕监管局部门预算.pdf.pdf"
SHANGHAI = "rw__001_上海__2026年上海市司法局_部门预算.pdf"


def test_shenzhen_three_public_year_rows() -> None:
    """深圳 表9 prints 2025年 | 2026年 | 增减变化金额 rows under 预算单位 | 年度."""
    facts = facts_of(SHENSHAN, [41], "three_public_expenditure")
    assert not any("：" in f["item"] for f in facts)
    assert amount(facts, item="总计", source="general_public_budget", measure="prior_year_budget") == Decimal("11.58")
    assert amount(facts, item="公务用车购置费", source="general_public_budget", measure="total") == Decimal("36.00")
    assert amount(facts, item="公务接待费", source="general_public_budget", measure="change_from_prior_year") == Decimal("-0.02")


def test_shanghai_three_public_vehicle_parts() -> None:
    """上海 单位“三公”经费和机关运行经费预算表: 小计 | 购置费 | 运行费 under 公务用车购置及运行费."""
    facts = facts_of(SHANGHAI, [19], "three_public_expenditure")
    assert amount(facts, item="公务用车购置及运行费小计") == Decimal("28.25")
    assert amount(facts, item="公务用车购置费") == Decimal("20.00")
    assert amount(facts, item="公务用车运行费") == Decimal("8.25")
    assert amount(facts, item="机关运行经费预算数") == Decimal("1547.40")
