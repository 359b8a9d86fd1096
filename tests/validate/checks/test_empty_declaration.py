from decimal import Decimal

from assets.core.checks.empty_declaration import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings

FUND = "government_fund_expenditure"


def _doc(*facts: dict, found: list[str] | None = None) -> object:
    return disclosure(list(facts), tables_found=found or ["fiscal_appropriation_summary", FUND], tables_empty=[FUND])


def test_an_empty_declared_table_and_a_zero_fund_pass() -> None:
    zero = fact("fiscal_appropriation_summary", "支出总计", "0.00", source="government_fund", direction="expenditure")
    assert findings(RULE, _doc(zero)) == []


def test_a_declared_empty_table_with_numbers_is_an_error() -> None:
    (error,) = errors(RULE, _doc(fact(FUND, "合计", "5.00")))
    assert (error["check"], error["category"], error["actual"]) == ("empty_declaration", "completeness", Decimal("5.00"))


def test_the_summary_spending_a_fund_declared_empty_is_an_error() -> None:
    spent = fact("fiscal_appropriation_summary", "支出总计", "20.00", source="government_fund", direction="expenditure")
    (error,) = errors(RULE, _doc(spent))
    assert error["tables"] == f"{FUND},fiscal_appropriation_summary"


def test_a_found_table_without_numbers_or_declaration_is_a_warning() -> None:
    doc = disclosure([], tables_found=["three_public_expenditure"], tables_empty=[])
    (warning,) = findings(RULE, doc)
    assert warning["severity"] == "warning"
