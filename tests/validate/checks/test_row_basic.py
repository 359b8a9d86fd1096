from decimal import Decimal

from assets.core.checks.row_basic import RULE
from tests.validate.checks.build import disclosure, errors, findings, printed_row


def test_basic_is_personnel_plus_public_operating() -> None:
    cells = {"total": "20.00", "basic": "15.00", "personnel": "10.00", "public_operating": "5.00", "project": "5.00"}
    assert findings(RULE, disclosure(printed_row("government_fund_expenditure", "合计", cells))) == []
    cells["personnel"] = "11.00"
    (error,) = errors(RULE, disclosure(printed_row("government_fund_expenditure", "合计", cells)))
    assert (error["check"], error["expected"], error["actual"]) == ("row_basic", Decimal("16.00"), Decimal("15.00"))


def test_a_basic_expenditure_table_adds_up_to_its_total() -> None:
    t = "general_budget_basic_expenditure"
    assert findings(RULE, disclosure(printed_row(t, "基本工资", {"total": "327.36", "personnel": "327.36"}, code="30101"))) == []
    (error,) = errors(RULE, disclosure(printed_row(t, "基本工资", {"total": "327.36", "personnel": "327.46"}, code="30101")))
    assert error["code_or_item"] == "30101"
