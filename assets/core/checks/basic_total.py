"""basic_total: the general-budget expenditure table's 基本支出 total = the basic-expenditure
table's total (表5 基本支出 总计 = 表6 合计)."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total
from .model import Evaluation
from .rule import Rule

CHECK = "basic_total"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    basic = grand_total(doc, "general_budget_expenditure", "expenditure", "basic")
    table = grand_total(doc, "general_budget_basic_expenditure", "expenditure")
    if basic is not None and table is not None:
        yield compare_across(doc, CHECK, [basic], [table]).evaluation()


RULE = Rule(CHECK, "across_tables", "general-budget 基本支出 total = the basic-expenditure table's total",
            evaluate)
