"""Income lines of a two-sided summary → funding sources (specs/words.yaml income_lines)."""

from __future__ import annotations

import pytest

from assets.core.row_labels import IncomeLineReader


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("一、预算拨款", "fiscal_appropriation"),  # Guangzhou, Zhuhai
        ("一、部门预算", "current_income"),  # Xi'an
        ("上年实户资金余额", "prior_year_carryover"),  # Xi'an
        ("二、上年结转结余", "prior_year_carryover"),
        ("用事业基金弥补收支差额", "business_fund_offset"),
        ("其中：专项资金列入部门预算的项目", "general_public_budget_special_funds"),
        ("收入总计", "all"),
    ],
)
def test_income_lines(label: str, source: str) -> None:
    assert IncomeLineReader().source(label) == source


def test_carryover_lines_are_not_appropriations() -> None:
    """上年结转 › 其中：财政拨款资金结转 / 非财政拨款资金结余 are the two carryovers, not 财政拨款."""
    reader = IncomeLineReader()
    lines = ["上年结转", "其中：财政拨款资金结转", "非财政拨款资金结余"]
    assert [reader.source(label) for label in lines] == ["prior_year_carryover", "fiscal_carryover", "non_fiscal_carryover"]


def test_carryover_lines_worded_balance_then_carryover() -> None:
    """Shenzhen: 上年结余、结转 › 1.财政拨款结余、结转 / 2.非财政拨款结余、结转."""
    reader = IncomeLineReader()
    lines = ["上年结余、结转", "1.财政拨款结余、结转", "2.非财政拨款结余、结转"]
    assert [reader.source(label) for label in lines] == ["prior_year_carryover", "fiscal_carryover", "non_fiscal_carryover"]
