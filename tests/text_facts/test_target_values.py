"""Printed targets → operator, value, unit (the forms of the issue and of the real corpus)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assets.core.target_values import Target, fits_amount, parse_target


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (">=1100 条", Target(">=", Decimal("1100"), "条")),
        ("≤32 批次", Target("<=", Decimal("32"), "批次")),
        ("=100%", Target("=", Decimal("100"), "%")),
        ("<=0.02 万元/人", Target("<=", Decimal("0.02"), "万元/人")),
        ("> =3000 人", Target(">=", Decimal("3000"), "人")),
        ("< =150 元/人", Target("<=", Decimal("150"), "元/人")),
        ("<=36.2 0 万元", Target("<=", Decimal("36.20"), "万元")),  # a space inside the number
        ("＞＝５个", Target(">=", Decimal("5"), "个")),  # full-width forms
        ("不低于90%", Target(">=", Decimal("90"), "%")),
        ("95%及以上", Target(">=", Decimal("95"), "%")),
        ("10天以内", Target("<=", Decimal("10"), "天")),
        ("小于 0.5%", Target("<", Decimal("0.5"), "%")),
        ("全年≥10000家次", Target(">=", Decimal("10000"), "家次")),  # a scope word before the sign
        ("=1 份", Target("=", Decimal("1"), "份")),
        ("≥ 1,200 人次", Target(">=", Decimal("1200"), "人次")),
        ("均大于95%", Target(">", Decimal("95"), "%")),
        ("》95%", Target(">", Decimal("95"), "%")),  # 》 typed for >
    ],
)
def test_numeric_targets(printed: str, expected: Target) -> None:
    assert parse_target(printed) == expected


def test_a_bare_number_reads_as_equal_and_says_so() -> None:
    assert parse_target("100%") == Target("=", Decimal("100"), "%", operator_implied=True)
    assert parse_target("6处") == Target("=", Decimal("6"), "处", operator_implied=True)


@pytest.mark.parametrize(
    "printed",
    ["有效提升", "按时", "定性 优", "90%-100%", "完成3个项目", "2026年10月底前", "≤2026/11/15", "", None, "≥"],
)
def test_qualitative_targets_keep_no_number(printed: str | None) -> None:
    assert parse_target(printed) == Target(None, None, None)


def test_values_beyond_the_published_decimal_are_not_numbers() -> None:
    assert parse_target("=0.1234567 万元") == Target(None, None, None)
    assert fits_amount(Decimal("0.123456")) and not fits_amount(Decimal("1E+20"))
