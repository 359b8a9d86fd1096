from decimal import Decimal

from assets.core.checks import basic_total, project_total
from tests.validate.checks.build import disclosure, errors, fact, findings

G = "general_budget_expenditure"


def _facts(basic_table: str, project_table: str) -> list[dict]:
    return [fact(G, "总计", "1599.05", measure="basic"), fact(G, "总计", "120.00", measure="project"),
            fact("general_budget_basic_expenditure", "总计", basic_table),
            fact("general_budget_project_expenditure", "总计", project_table)]


def test_totals_agree() -> None:
    doc = disclosure(_facts("1599.05", "120.00"))
    assert findings(basic_total.RULE, doc) == [] and findings(project_total.RULE, doc) == []


def test_basic_table_total_off_is_an_error() -> None:
    (error,) = errors(basic_total.RULE, disclosure(_facts("1599.15", "120.00")))
    assert (error["check"], error["tables"]) == ("basic_total", "general_budget_expenditure,general_budget_basic_expenditure")
    assert error["difference"] == Decimal("0.10")


def test_project_table_total_off_is_an_error() -> None:
    (error,) = errors(project_total.RULE, disclosure(_facts("1599.05", "121.00")))
    assert (error["check"], error["expected"], error["actual"]) == ("project_total", Decimal("120.00"), Decimal("121.00"))
