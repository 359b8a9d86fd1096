from decimal import Decimal

from assets.core.checks.income_summary_total import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings


def _facts(summary_total: str, with_carryover: bool = True) -> list[dict]:
    facts = [
        fact("income_expenditure_summary", "一、本年收入", "1749.05", source="current_income", direction="income", classification="income_type"),
        fact("income_expenditure_summary", "收入总计", "1759.05", source="all", direction="income", classification="income_type"),
        fact("income_summary", "总计", summary_total, source="all"),
    ]
    if with_carryover:
        facts.append(fact("income_summary", "总计", "10.00", source="fiscal_carryover"))
    return facts


def test_income_summary_total_equals_income_total() -> None:
    assert findings(RULE, disclosure(_facts("1759.05"))) == []


def test_income_summary_total_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("1749.05")))
    assert (error["check"], error["expected"], error["actual"]) == ("income_summary_total", Decimal("1759.05"), Decimal("1749.05"))


def test_without_carryover_columns_it_is_the_current_year_income() -> None:
    assert findings(RULE, disclosure(_facts("1749.05", with_carryover=False))) == []
