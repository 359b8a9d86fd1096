"""income_equals_expenditure: 收入总计 = 支出总计 in the two-sided summaries (表1 and 表4)."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total
from .model import Evaluation
from .rule import Rule

CHECK = "income_equals_expenditure"
TWO_SIDED = ("income_expenditure_summary", "fiscal_appropriation_summary")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for table_key in TWO_SIDED:
        income = grand_total(doc, table_key, "income")
        expenditure = grand_total(doc, table_key, "expenditure")
        if income and expenditure:
            yield compare_across(doc, CHECK, [income], [expenditure]).evaluation()


RULE = Rule(CHECK, "across_tables", "收入总计 = 支出总计 in the income-expenditure summary and in the "
            "fiscal-appropriation summary", evaluate)
