from decimal import Decimal

from assets.core.checks.expenditure_summary_total import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings


def _facts(summary_total: str, current_line: bool = False) -> list[dict]:
    facts = [fact("income_expenditure_summary", "支出总计", "1759.05", source="all", direction="expenditure"),
             fact("expenditure_summary", "总计", summary_total, source="all")]
    if current_line:
        facts.append(fact("income_expenditure_summary", "本年支出合计", "1749.05", source="all", direction="expenditure"))
    return facts


def test_expenditure_summary_total_equals_spending() -> None:
    assert findings(RULE, disclosure(_facts("1759.05"))) == []


def test_expenditure_summary_total_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("1758.05")))
    assert (error["check"], error["difference"]) == ("expenditure_summary_total", Decimal("-1.00"))


def test_a_printed_current_year_spending_line_is_the_reference() -> None:
    assert findings(RULE, disclosure(_facts("1749.05", current_line=True))) == []
