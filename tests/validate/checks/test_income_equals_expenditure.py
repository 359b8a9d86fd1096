from decimal import Decimal

from assets.core.checks.income_equals_expenditure import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings

T = "income_expenditure_summary"


def _totals(income: str, expenditure: str) -> list[dict]:
    return [fact(T, "收入总计", income, source="all", direction="income", classification="income_type"),
            fact(T, "支出总计", expenditure, source="all", direction="expenditure")]


def test_income_total_equals_expenditure_total() -> None:
    assert findings(RULE, disclosure(_totals("1759.05", "1759.05"))) == []


def test_unequal_totals_are_an_error_and_a_cent_is_rounding() -> None:
    (error,) = errors(RULE, disclosure(_totals("1759.05", "1769.05")))
    assert (error["check"], error["tables"], error["difference"]) == ("income_equals_expenditure", T, Decimal("10.00"))
    (warning,) = findings(RULE, disclosure(_totals("1759.05", "1759.06")))
    assert warning["check"] == "income_equals_expenditure_rounding"


def test_amounts_in_different_units_are_compared_in_yuan() -> None:
    facts = _totals("1759.05", "0")
    facts[1].update(unit="元", amount=Decimal("17590500.00"), amount_cny=Decimal("17590500.00"))
    assert findings(RULE, disclosure(facts)) == []
