from decimal import Decimal

from assets.core.checks.row_sources import RULE, source_identities
from tests.validate.checks.build import disclosure, errors, fact, findings, printed_row

T = "income_summary"
SEED_TOTAL = {"all/total": "1759.05", "fiscal_appropriation/total": "1719.05", "general_public_budget/total": "1719.05",
              "unit_funds/total": "30.00", "fiscal_carryover/total": "10.00"}


def test_total_is_the_sum_of_its_sources() -> None:
    assert findings(RULE, disclosure(printed_row(T, "总计", SEED_TOTAL))) == []


def test_a_source_that_does_not_add_up_is_an_error() -> None:
    cells = {**SEED_TOTAL, "unit_funds/total": "31.00"}
    (error,) = errors(RULE, disclosure(printed_row(T, "总计", cells)))
    assert (error["check"], error["expected"], error["actual"]) == ("row_sources", Decimal("1760.05"), Decimal("1759.05"))


def test_fiscal_appropriation_is_the_sum_of_its_funds() -> None:
    cells = {"fiscal_appropriation/total": "100.00", "general_public_budget/total": "70.00", "government_fund/total": "20.00"}
    (error,) = errors(RULE, disclosure(printed_row("fiscal_appropriation_summary", "支出总计", cells, direction="expenditure")))
    assert (error["expected"], error["actual"]) == (Decimal("90.00"), Decimal("100.00"))


def test_a_parent_not_printed_is_replaced_by_its_parts() -> None:
    (whole, parts), *_ = source_identities({"all", "general_public_budget", "business_income"})
    assert whole == "all"
    assert "general_public_budget" in parts and "business_income" in parts and "fiscal_appropriation" not in parts


def test_the_income_block_of_a_two_sided_table_is_not_a_column_of_its_expenditure_rows() -> None:
    s = "income_expenditure_summary"
    facts = [fact(s, "一、财政拨款收入", "1682.76", source="fiscal_appropriation", direction="income", classification="income_type"),
             fact(s, "二、财政专户管理资金收入", "0.00", source="fiscal_special_account", direction="income", classification="income_type"),
             *printed_row(s, "一、一般公共服务支出", {"all/total": "1378.41"}, direction="expenditure")]
    assert findings(RULE, disclosure(facts)) == []


def test_a_printed_current_income_is_one_part_of_the_total_not_added_twice() -> None:
    # 合计 | 本年收入 | 一般公共预算 | 其他收入 | 上年结转 (Beijing, Changchun): 合计 = 本年收入 + 上年结转
    cells = {"all/total": "110.00", "current_income/total": "100.00", "general_public_budget/total": "90.00",
             "other_income/total": "10.00", "prior_year_carryover/total": "10.00"}
    assert findings(RULE, disclosure(printed_row(T, "合计", cells))) == []
    only_current = {"all/total": "7.61", "current_income/total": "7.61", "prior_year_carryover/total": "0.00"}
    assert findings(RULE, disclosure(printed_row("three_public_expenditure", "小计", only_current))) == []


def test_current_income_that_does_not_add_up_is_an_error() -> None:
    cells = {"all/total": "110.00", "current_income/total": "100.00", "general_public_budget/total": "80.00",
             "other_income/total": "10.00", "prior_year_carryover/total": "10.00"}
    (error,) = errors(RULE, disclosure(printed_row(T, "合计", cells)))
    assert (error["code_or_item"], error["expected"], error["actual"]) == ("合计", Decimal("90.00"), Decimal("100.00"))
    wrong_total = {"all/total": "8.61", "current_income/total": "7.61", "prior_year_carryover/total": "0.00"}
    (error,) = errors(RULE, disclosure(printed_row("three_public_expenditure", "小计", wrong_total)))
    assert (error["expected"], error["actual"]) == (Decimal("7.61"), Decimal("8.61"))


def _wide(other_income: str, repeated: bool = False) -> list[dict]:
    """Beijing's 表2 is too wide for a page: 合计 … 一般公共预算 on page 3, 其他收入 and 上年结转 on page 4."""
    first = {"all/total": "110.00", "current_income/total": "100.00", "general_public_budget/total": "90.00"}
    rest = {"other_income/total": other_income, "prior_year_carryover/total": "10.00"}
    if repeated:  # the same label with the same columns on the next page: another row, not a continuation
        rest = dict(first)
    return printed_row(T, "合计", first, page=3) + printed_row(T, "合计", rest, page=4)


def test_a_row_whose_columns_continue_on_the_next_page_is_one_row() -> None:
    assert findings(RULE, disclosure(_wide("10.00"))) == []
    (error,) = errors(RULE, disclosure(_wide("20.00")))
    assert (error["expected"], error["actual"], error["pages"]) == (Decimal("110.00"), Decimal("100.00"), "3,4")


def test_a_label_printed_again_with_the_same_columns_is_another_row() -> None:
    found = errors(RULE, disclosure(_wide("10.00", repeated=True)))  # on each: 本年收入 90 ≠ 100, 合计 110 ≠ 100
    assert sorted(f["pages"] for f in found) == ["3", "3", "4", "4"]
