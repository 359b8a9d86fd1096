from decimal import Decimal

from assets.core.checks.text_change import RULE
from tests.validate.checks.build import disclosure, errors, findings, stated


def _change(amount: str, change: str, percent: str, **fields: object) -> dict:
    return stated("income", "一般公共预算", amount, change_amount=change, change_percent=percent, **fields)


def test_stated_changes_agree_with_themselves() -> None:
    rows = [_change("1719.05", "-35.22", "-2.01"),   # 35.22 / 1754.27 = 2.0077%
            _change("77.50", "5.02", "6.93"),        # 5.02 / 72.48 = 6.926%
            _change("2.49", "2.49", "100.00"),       # from 0: 100% by convention
            _change("30.00", "0.00", "0.00")]
    assert findings(RULE, disclosure([], rows)) == []


def test_a_wrong_percentage_is_an_error() -> None:
    (error,) = errors(RULE, disclosure([], [_change("1719.05", "-35.22", "-2.10")]))
    assert (error["check"], error["category"], error["expected"], error["actual"]) == (
        "text_change", "text", Decimal("-2.01"), Decimal("-2.10"))
    assert error["tables"] == "narrative_facts"


def test_a_percentage_of_the_wrong_sign_is_an_error() -> None:
    assert len(errors(RULE, disclosure([], [_change("1719.05", "-35.22", "2.01")]))) == 1


def test_a_printed_prior_must_be_amount_minus_change() -> None:
    row = _change("100.00", "10.00", "11.11", prior_year_amount="90.00", prior_year_source="printed")
    assert findings(RULE, disclosure([], [row])) == []
    row = _change("100.00", "10.00", "12.50", prior_year_amount="80.00", prior_year_source="printed")
    (error,) = errors(RULE, disclosure([], [row]))  # 10 / 80 = 12.50%, but 100 − 80 ≠ 10
    assert (error["expected"], error["actual"]) == (Decimal("20.00"), Decimal("10.00"))
    assert "printed prior" in error["message"]


def test_an_amount_stated_as_the_comparison_base_is_the_prior_year() -> None:
    # “2026年度收入预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元，下降1.97%”
    row = stated("income", "比2025年年初预算数", "9819.98", change_amount="-193.20", change_percent="-1.97")
    assert findings(RULE, disclosure([], [row])) == []
    row["change_percent"] = Decimal("-1.93")
    assert len(errors(RULE, disclosure([], [row]))) == 1
