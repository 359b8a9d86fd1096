"""The corpus's deliberately altered copy of a published 决算 (gbc__shpt_czj_2024_final_TAMPERED.pdf)
against the original (gbc__shpt_czj_2024_dept_final.pdf): besides its numbers, the copy changes
a heading's year, a department name to a placeholder, the year of the asset snapshot and the
comparison words of three budget-execution sentences; each is a finding naming its page, and the
original shows none of them."""

from __future__ import annotations

from typing import Any

import pytest

from assets.core.local_run import process_and_validate
from tests.conftest import SHARED, shared_file

REAL = SHARED / "corpus" / "real"
# (check, severity, pages, code_or_item) of each change that is not a number of a table.
TAMPERED_TEXT = {
    ("year_consistency", "error", "18", "2023年度部门决算"),  # 第三部分…2023年度部门决算情况说明
    ("department_consistency", "warning", "7", "上海市普陀区XX局"),  # 第二部分 上海市普陀区XX局 2024 年度部门决算表
    ("placeholder", "warning", "7", "XX"),
    ("year_slip", "warning", "24", "截至2023年12月31日"),  # 国有资产: 截至2024年12月31日 in the original
    ("text_budget_execution", "error", "19", "决算数大于预算数"),  # 1560.05 → 1511.89
    ("text_budget_execution", "error", "20", "决算数大于预算数"),  # 80.81 → 80.38
    ("text_budget_execution", "error", "21", "决算数等于预算数"),  # 62.29 → 60.99
}
TEXT_CHECKS = {check for check, *_ in TAMPERED_TEXT}
# (check, severity, tables) of the tables the copy removes or empties: 表3 支出决算表 is gone, the
# 三公 table prints no number while the narrative states its 0.95 万元 budget.
TAMPERED_TABLES = {
    ("table_missing", "warning", "expenditure_summary"),
    ("empty_declaration", "warning", "three_public_expenditure"),
    ("text_total", "error", "narrative_facts,three_public_expenditure"),
}


def _findings(name: str) -> list[dict[str, Any]]:
    return process_and_validate(shared_file(REAL / name)).findings


@pytest.fixture(scope="module")
def tampered() -> list[dict[str, Any]]:
    return _findings("gbc__shpt_czj_2024_final_TAMPERED.pdf")


@pytest.fixture(scope="module")
def original() -> list[dict[str, Any]]:
    return _findings("gbc__shpt_czj_2024_dept_final.pdf")


def test_the_altered_words_and_years_are_reported_on_their_pages(tampered: list[dict[str, Any]]) -> None:
    found = {(f["check"], f["severity"], f["pages"], f["code_or_item"]) for f in tampered if f["check"] in TEXT_CHECKS}
    assert found == TAMPERED_TEXT


def test_the_removed_and_emptied_tables_are_reported(tampered: list[dict[str, Any]], original: list[dict[str, Any]]) -> None:
    assert TAMPERED_TABLES <= {(f["check"], f["severity"], f["tables"]) for f in tampered}
    assert not TAMPERED_TABLES & {(f["check"], f["severity"], f["tables"]) for f in original}


def test_the_original_shows_none_of_them(original: list[dict[str, Any]]) -> None:
    assert [f for f in original if f["check"] in TEXT_CHECKS] == []
