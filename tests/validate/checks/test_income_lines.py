from decimal import Decimal

from assets.core.checks.income_lines import RULE
from tests.validate.checks.build import disclosure, errors, evaluated, fact, findings

T = "income_expenditure_summary"


def _income(total: str = "1759.05") -> list[dict]:
    lines = [("一、本年收入", "current_income", "1749.05"), ("1. 一般公共预算拨款", "general_public_budget", "1719.05"),
             ("其中：一般财力", "general_fiscal_resources", "1719.05"), ("5. 单位资金", "unit_funds", "30.00"),
             ("其他收入", "other_income", "30.00"), ("二、上年结转结余", "prior_year_carryover", "10.00"),
             ("1. 财政拨款结转", "fiscal_carryover", "10.00"),
             ("其中：一般公共预算拨款", "fiscal_carryover_general_public_budget", "10.00"), ("收入总计", "all", total)]
    return [fact(T, item, amount, source=source, direction="income", classification="income_type") for item, source, amount in lines]


def test_the_seed_income_lines_add_up() -> None:
    assert findings(RULE, disclosure(_income())) == []


def test_income_total_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_income("1769.05")))
    assert (error["check"], error["code_or_item"], error["expected"]) == ("income_lines", "收入总计", Decimal("1759.05"))


def test_an_unmapped_income_line_suspends_the_check() -> None:
    doc = disclosure(_income("1769.05"))
    doc.problems = [{"check": "unmapped_income_line", "item": "一、预算拨款"}]
    assert findings(RULE, doc) == []


def test_a_line_of_a_source_the_tree_does_not_place_leaves_the_totals_open() -> None:
    lines = _income("1769.05")
    lines.append(fact(T, "三、其他资金", "10.00", source="other_funds", direction="income", classification="income_type"))
    assert errors(RULE, disclosure(lines)) == []


def _xian(total: str) -> list[dict]:
    """Xi'an's 表1: a 其中 line of special funds under 一般公共预算, 本年收入 printed as 一、部门预算 and 本年收入合计."""
    lines = [("一、部门预算", "current_income", "9216.51"), ("1、财政拨款", "fiscal_appropriation", "9216.51"),
             ("(1)一般公共预算拨款", "general_public_budget", "9216.51"),
             ("其中：专项资金列入部门预算的项目", "general_public_budget_special_funds", "710.00"),
             ("本年收入合计", "current_income", "9216.51"), ("收入总计", "all", total)]
    return [fact(T, item, amount, source=source, direction="income", classification="income_type") for item, source, amount in lines]


def test_special_funds_are_a_subset_and_the_totals_are_checked() -> None:
    doc = disclosure(_xian("9216.51"))
    assert findings(RULE, doc) == []
    assert evaluated(RULE, doc) == 3  # 收入总计, 本年收入, 财政拨款


def test_a_total_off_beside_special_funds_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_xian("9926.51")))
    assert (error["code_or_item"], error["expected"], error["actual"]) == ("收入总计", Decimal("9216.51"), Decimal("9926.51"))


def test_two_lines_of_one_source_that_only_print_the_same_number_stay_ambiguous() -> None:
    lines = [("本年收入合计", "current_income", "34460.46"), ("1.财政拨款结余、结转", "fiscal_appropriation", "0.00"),
             ("2.非财政拨款结余、结转", "fiscal_appropriation", "0.00"), ("收入总计", "all", "34460.46")]
    doc = disclosure([fact(T, i, a, source=s, direction="income", classification="income_type") for i, s, a in lines])
    assert errors(RULE, doc) == []
