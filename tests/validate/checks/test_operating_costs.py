from decimal import Decimal

from assets.core.checks.operating_costs import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings, stated

B = "general_budget_basic_expenditure"


def _facts(operating: str) -> list[dict]:
    return [fact(B, "总计", "177.24", measure="public_operating"),
            fact("three_public_expenditure", "机关运行经费", operating, source="all")]


def test_operating_costs_within_public_operating_pass() -> None:
    assert findings(RULE, disclosure(_facts("177.24"))) == []
    assert findings(RULE, disclosure(_facts("150.00"))) == []


def test_operating_costs_above_public_operating_are_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("180.00")))
    assert (error["check"], error["expected"], error["actual"]) == ("operating_costs", Decimal("177.24"), Decimal("180.00"))


def test_the_narrative_statement_is_checked_too() -> None:
    facts = [fact(B, "总计", "177.24", measure="public_operating")]
    ok = stated("operating_costs", "机关运行经费财政拨款预算", "177.24")
    assert findings(RULE, disclosure(facts, [ok])) == []
    (error,) = errors(RULE, disclosure(facts, [stated("operating_costs", "机关运行经费", "187.24")]))
    assert error["tables"] == "narrative_facts,general_budget_basic_expenditure"
    assert error["actual"] == Decimal("1872400.00")  # compared in yuan


def test_the_operating_costs_table_total_is_the_operating_costs() -> None:
    facts = [fact(B, "总计", "177.24", measure="public_operating"),
             fact("administrative_operating_costs", "合计", "9193.40", direction="expenditure")]
    (error,) = errors(RULE, disclosure(facts))
    assert error["tables"] == "general_budget_basic_expenditure,administrative_operating_costs"
