from decimal import Decimal

from assets.core.checks.fiscal_appropriation_split import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings

F = "fiscal_appropriation_summary"


def _facts(fund_column: str, government_fund: str = "20.00") -> list[dict]:
    return [
        fact(F, "支出总计", "1739.05", source="fiscal_appropriation", direction="expenditure"),
        fact(F, "支出总计", fund_column, source="general_public_budget", direction="expenditure"),
        fact(F, "一般公共服务支出", "1307.83", code="201", source="general_public_budget", direction="expenditure"),
        fact(F, "支出总计", "20.00", source="government_fund", direction="expenditure"),
        fact("general_budget_expenditure", "总计", "1719.05"),
        fact("general_budget_expenditure", "一般公共服务支出", "1307.83", code="201"),
        fact("government_fund_expenditure", "合计", government_fund),
    ]


def test_each_fund_column_equals_its_table() -> None:
    assert findings(RULE, disclosure(_facts("1719.05"))) == []


def test_general_budget_column_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("1729.05")))
    assert (error["tables"], error["expected"], error["actual"]) == (
        "general_budget_expenditure,fiscal_appropriation_summary", Decimal("1719.05"), Decimal("1729.05"))


def test_government_fund_column_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("1719.05", government_fund="25.00")))
    assert "government_fund_expenditure" in error["tables"]
