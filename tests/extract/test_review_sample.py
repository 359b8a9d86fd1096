"""Extraction mistakes found by the hand review of 20 error findings on the real corpus (issue 4),
each pinned on the page or two it was seen on (../shared/corpus/real; skipped when absent)."""

from __future__ import annotations

from decimal import Decimal

from assets.core.table_facts import table_facts
from assets.core.table_locate import LocatedTable
from assets.core.table_specs import SPECS_BY_KEY
from tests.extract.test_family_quirks import amount, facts_of, located
from tests.extract.test_items_in_columns import grid


def test_jiangsu_continuation_rows_kept_gjfy_2017() -> None:
    """表9 and 表10 run over pp.15–17; every 商品和服务支出 line of both is read."""
    basic = facts_of("ob__js_gjfy_2017_doc.pdf", [15, 16], "general_budget_basic_expenditure")
    lines = [Decimal(f["amount"]) for f in basic if f["code"] and f["code"].startswith("302") and len(f["code"]) == 5]
    assert sum(lines) == amount(basic, code="302") == Decimal("3528.37")
    operating = facts_of("ob__js_gjfy_2017_doc.pdf", [16, 17], "administrative_operating_costs")
    lines = [Decimal(f["amount"]) for f in operating if f["code"] and f["code"].startswith("302") and len(f["code"]) == 5]
    assert sum(lines) == amount(operating, code="302") == Decimal("9050.00")
    assert amount(operating, code="31002") == Decimal("143.40")


def test_jiangsu_continuation_rows_kept_jcy_2019() -> None:
    facts = facts_of("ob__js_jcy_2019_doc.pdf", [18, 19], "general_budget_basic_expenditure")
    assert amount(facts, code="30103") == Decimal("180.14")  # first row of p.19
    assert amount(facts, code="30108", item="机关事业单位基本养老保险缴费") == Decimal("1064.46")  # name over two lines
    assert amount(facts, code="30309") == Decimal("1.05")


def test_operating_costs_table_is_not_appended_to_the_basic_table() -> None:
    """rdbgt 2017: 表9 ends on p.18, 表10 机关运行经费 starts on p.19 (no title between them on p.18)."""
    tables = {t.key: t for t in located("ob__js_rdbgt_2017_doc.pdf", [17, 18, 19]) if t.spec is not None}
    assert tables["general_budget_basic_expenditure"].pages == [17, 18]
    assert tables["administrative_operating_costs"].pages == [19]


def test_jiangsu_three_public_headers_wrapped_over_lines() -> None:
    """因公出 / 国（境） / 费 and 公务接 / 待费 are stacked cells of one heading."""
    for file, reception in (("ob__js_gjfy_2018_doc.pdf", "183.95"), ("ob__js_gjfy_2019_doc.pdf", "86.95")):
        facts = facts_of(file, [14], "three_public_expenditure")
        assert amount(facts, item="公务接待费") == Decimal(reception)
        assert amount(facts, item="公务用车运行维护费") == Decimal("266.80")
        assert any(f["item"] == "因公出国（境）费" for f in facts)


def test_shenzhen_prior_year_balance_column() -> None:
    """收入总表: a 上年结余 / 、结转 heading wrapped over two lines is the carryover column."""
    facts = facts_of("rw__003_深圳__2026年深圳市医疗保障局部门预算.pdf", [18], "income_summary")
    assert [f["source"] for f in facts].count("prior_year_carryover") == 1


def test_foshan_current_income_total_heading_wrapped() -> None:
    """收入决算表: 本年收入合 / 计 is the total column."""
    facts = facts_of("rw__022_佛山__2026年佛山市交通运输局部门预算.pdf", [8], "income_summary")
    assert amount(facts, item="合计", source="all") == Decimal("1668.14")
    assert amount(facts, item="合计", source="fiscal_appropriation") == Decimal("1668.14")


def test_changchun_new_budget_and_carryover_columns() -> None:
    """支出总表: 当年预算 | 上年结转结余 groups are the current income and the carryover."""
    facts = facts_of("rw__040_长春__2026年长春市信访局部门预算.pdf", [8], "expenditure_summary")
    assert amount(facts, code="20140", source="current_income", measure="total") == Decimal("1378.41")
    assert amount(facts, code="20140", source="prior_year_carryover", measure="total") == Decimal("0.00")


def test_final_accounts_codes_and_names_on_separate_lines() -> None:
    """shpt 支出决算表: the name above, 类 | 款 | 项 below, in one cell row."""
    facts = facts_of("gbc__shpt_czj_2024_dept_final.pdf", [10, 11], "expenditure_summary")
    assert amount(facts, code="2010601", item="行政运行", measure="total") == Decimal("1511.89")
    assert amount(facts, code="2210203", item="购房补贴", measure="total") == Decimal("258.50")


def test_row_named_outside_the_label_column() -> None:
    """政府采购预算表: lower levels print their names under 专项名称 / 采购物品名称, not under the
    first heading; the row takes the first name it prints."""
    g = grid(
        4,
        4,
        [
            (0, 0, 1, 1, "采购品目大类"), (0, 1, 1, 1, "专项名称"), (0, 2, 1, 1, "采购物品名称"), (0, 3, 1, 1, "总计"),
            (1, 0, 1, 1, "一、货物A"), (1, 3, 1, 1, "59.00"),
            (2, 1, 1, 1, "办公设备购置费"), (2, 3, 1, 1, "59.00"),
            (3, 2, 1, 1, "台式计算机"), (3, 3, 1, 1, "10.00"),
        ],
    )  # fmt: skip
    table = LocatedTable(SPECS_BY_KEY["government_procurement"], "政府采购预算表", 12, "万元", None, [g])
    facts, _ = table_facts(table, {"disclosure_id": "test", "department": None}, "万元")
    assert [f["item"] for f in facts] == ["一、货物A", "办公设备购置费", "台式计算机"]


def test_procurement_rows_on_a_continuation_page_keep_their_names() -> None:
    facts = facts_of("ob__js_rdbgt_2017_doc.pdf", [20, 21], "government_procurement")
    assert all(f["item"] for f in facts)
    assert amount(facts, item="台式计算机（20万以下）") == Decimal("10.00")


def test_total_and_code_cells_merged_across_amount_columns() -> None:
    """jcy 2019 表11: 合计 on one line and its amount on the next; 302 merged over the 合计 slots
    is the code of 商品和服务支出, not an amount (was a duplicate_cell warning)."""
    facts = facts_of("ob__js_jcy_2019_doc.pdf", [21], "administrative_operating_costs")
    assert amount(facts, item="合计") == Decimal("2391.92")
    assert amount(facts, code="302") == Decimal("2391.92")
    assert not any(f["amount"] == Decimal("302") for f in facts)


def test_amount_slipped_below_its_coded_row() -> None:
    """gjfy 2019 表7: “204 公共安全支出” on one line, its 27,488.23 alone on the next."""
    facts = facts_of("ob__js_gjfy_2019_doc.pdf", [12], "general_budget_expenditure")
    assert all(f["item"] for f in facts)
    assert amount(facts, code="204", item="公共安全支出") == Decimal("27488.23")
    assert amount(facts, code="221") == Decimal("7344.46")


def test_subtotal_printed_off_the_name_column_above_its_amount() -> None:
    """gjfy 2019 收入预算总表: 小计 (under the second column), a blank line, then 37,188.34."""
    facts = facts_of("ob__js_gjfy_2019_doc.pdf", [9], "income_summary")
    assert all(f["item"] for f in facts)
    assert [f["is_total"] for f in facts if f["item"] == "小计"] == [True]
