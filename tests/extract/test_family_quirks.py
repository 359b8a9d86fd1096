"""One small regression case per template-family quirk, each on a page or two of a real document.

Every case names the file and pages it reads (../shared/corpus/real; skipped when absent) and the
behaviour it pins: titles drawn inside the table, table numbers printed only on a contents page,
rows without ruling lines, fonts with broken metrics, side-by-side panels, codes without their
leading zero, names wrapped over a page break, and so on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pdfplumber
import pytest

from assets.core.pdf_grid import page_chars, page_grids, page_lines
from assets.core.table_facts import table_facts
from assets.core.table_locate import LocatedTable, PageText, locate_tables
from tests.conftest import SHARED, shared_file

REAL = SHARED / "corpus" / "real"
CONTEXT = {"disclosure_id": "test", "department": None}


def located(file: str, pages: list[int]) -> list[LocatedTable]:
    """The tables found on the given pages (1-based) of a corpus file, as the extract stage does."""
    with pdfplumber.open(shared_file(REAL / file)) as pdf:
        read = []
        for number in pages:
            page = pdf.pages[number - 1]
            chars = page_chars(page)
            grids = page_grids(page, chars)
            read.append((PageText(number, page_lines(page, [g.bbox for g in grids], chars)), grids))
    return locate_tables(read)


def facts_of(file: str, pages: list[int], key: str, unit: str = "万元") -> list[dict[str, Any]]:
    tables = [t for t in located(file, pages) if t.key == key]
    assert tables, f"no {key} on pages {pages} of {file}"
    facts, _ = table_facts(tables[0], CONTEXT, tables[0].unit or unit)
    return facts


def amount(facts: list[dict[str, Any]], **where: Any) -> Decimal:
    hits = [f["amount"] for f in facts if all(f.get(k) == v for k, v in where.items())]
    assert len(hits) == 1, (where, hits)
    return Decimal(hits[0])


def test_beijing_title_and_unit_drawn_inside_the_table() -> None:
    """预算01表收支总表 and 金额单位：万元 are rows of the grid; amounts keep 6 decimals."""
    file = "rw__002_北京__政府办公厅_附件2：北京城市副中心工程建设管理办公室2026年度部门预算报表.pdf"
    (table,) = located(file, [1])
    assert (table.key, table.table_no, table.unit) == ("income_expenditure_summary", 1, "万元")
    facts, _ = table_facts(table, CONTEXT, "万元")
    assert amount(facts, item="收入总计") == Decimal("30939.116470")


def test_beijing_three_public_items_are_columns() -> None:
    facts = facts_of("rw__002_北京__政府办公厅_附件2：北京城市副中心工程建设管理办公室2026年度部门预算报表.pdf", [9], "three_public_expenditure")
    assert amount(facts, item="因公出国（境）费用") == Decimal("43.352803")
    assert {f["classification"] for f in facts} == {"three_public"}


def test_jiangsu_numbers_from_the_contents_page() -> None:
    """The tables-only attachment numbers its tables only on page 2 (一、收支预算总表 …)."""
    tables = located("ob__js_swbgt_2018_tables.pdf", [2, 3, 9, 11])
    numbers = {t.key: t.table_no for t in tables if t.spec is not None}
    assert numbers == {"income_expenditure_summary": 1, "general_budget_expenditure": 8, "three_public_expenditure": 11}


def test_jiangsu_spending_purpose_block_names_measures() -> None:
    facts = facts_of("ob__js_swbgt_2018_tables.pdf", [3], "income_expenditure_summary")
    assert amount(facts, item="三、单位预留机动经费", measure="contingency_reserve") == Decimal("1973.86")
    assert amount(facts, item="当年支出小计") == Decimal("24458.43")


def test_unruled_row_above_a_grid_joins_it() -> None:
    """gjfy 2018 p12 prints its first row (30108 …) without rules above the ruled grid."""
    tables = located("ob__js_gjfy_2018_doc.pdf", [11, 12])
    basic = next(t for t in tables if t.key == "fiscal_appropriation_basic_expenditure")
    facts, _ = table_facts(basic, CONTEXT, "万元")
    assert amount(facts, code="30108") == Decimal("1326.81")


def test_cells_drifting_off_their_columns_are_read_in_order() -> None:
    """jcy 2019 p18: codes, names and amounts sit in different columns on every row."""
    facts = facts_of("ob__js_jcy_2019_doc.pdf", [18], "general_budget_expenditure")
    assert amount(facts, code="20404") == Decimal("16593.12")
    assert amount(facts, code="2040401") == Decimal("12268.62")


def test_name_wrapped_over_a_page_break() -> None:
    """rdbgt 2017: 八、社会保障和就 | 1,608.51 on p7, 业支出 on the first row of p8."""
    facts = facts_of("ob__js_rdbgt_2017_doc.pdf", [7, 8], "income_expenditure_summary")
    assert amount(facts, item="八、社会保障和就业支出") == Decimal("1608.51")


def test_digits_boxed_below_their_baseline_stay_on_their_row() -> None:
    """Chongqing 气象局 p14: the digit font's boxes sit a line too low; rows still pair up."""
    facts = facts_of("rw__004_重庆__2026年重庆市气象局部门预算.pdf", [14], "general_budget_basic_expenditure")
    assert amount(facts, code="301", measure="total") == Decimal("5293.75")
    assert next(f["item"] for f in facts if f["code"] == "301") == "工资福利支出"


def test_title_note_on_its_own_line_decides_the_table() -> None:
    """Xi'an: 一般公共预算支出明细表 / （按经济分类科目分） is the economic-class table."""
    tables = located("rw__020_西安__交通运输局_2026年部门预算.pdf", [38])
    assert tables[0].key == "general_budget_economic_expenditure" and tables[0].table_no == 6


def test_shanghai_codes_without_leading_zero() -> None:
    """万里 2024 p29 prints 款 “2” for 02 (a spreadsheet export)."""
    facts = facts_of("gbc__shpt_wanli_2024_budget.pdf", [29], "general_budget_basic_expenditure", "元")
    assert amount(facts, code="30102", measure="total") == Decimal("16623810")


def test_final_accounts_side_by_side_panels() -> None:
    """决算 基本支出: 人员经费 codes | amounts beside 公用经费 codes | amounts."""
    facts = facts_of("rw__009_武汉__信访局_国家信访局2024年度部门决算公开.pdf", [12], "general_budget_basic_expenditure")
    assert amount(facts, code="302", measure="public_operating") == Decimal("2239.41")
    assert amount(facts, code="301", measure="personnel") == Decimal("6982.75")


def test_guangzhou_unknown_label_header_over_text() -> None:
    """支出项目类别（资金使用单位）: a column of names under a heading the words do not know."""
    facts = facts_of("rw__005_广州__信访局_2026年部门预算.pdf", [18], "basic_expenditure")
    assert amount(facts, item="工资福利支出", source="general_public_budget") == Decimal("2577.42")


def test_shenzhen_budget_unit_column_and_procurement_columns() -> None:
    facts = facts_of("rw__003_深圳__2026年深圳市医疗保障局部门预算.pdf", [19], "expenditure_summary")
    assert amount(facts, item="深圳市医疗保障局（本级）", measure="procurement") == Decimal("627.40")
    assert amount(facts, code="210", measure="procurement_sme") == Decimal("30.30")


def test_yantai_code_tree_carried_down() -> None:
    """类 on 类 rows only, 款 on 款 rows, 项 on 项 rows: 201 / 40 / 01 is 2014001."""
    facts = facts_of("rw__025_烟台__2026年烟台市信访局部门预算.pdf", [7], "income_summary")
    assert amount(facts, code="2014001", source="all") == Decimal("507.97")


@pytest.mark.parametrize(
    ("file", "pages", "key"),
    [
        ("rw__040_长春__2026年长春市信访局部门预算.pdf", [6], "income_expenditure_summary"),  # 收支总表（预算表 1）
        ("gbc__shpt_czj_2024_dept_final.pdf", [10], "expenditure_summary"),  # 支出决算表
        ("rw__020_西安__民政局_2026年部门预算.pdf", [59], "government_fund_summary"),  # …收支表（不含上年结转）
        ("ob__js_rdbgt_2019_tables.pdf", [5], "fiscal_appropriation_expenditure"),  # …（功能科目）公开表五
    ],
)
def test_family_titles(file: str, pages: list[int], key: str) -> None:
    assert located(file, pages)[0].key == key
