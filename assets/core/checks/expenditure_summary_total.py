"""expenditure_summary_total: the expenditure summary's 总计 = the income-expenditure summary's
spending: its 本年支出 line where printed (beside 结转下年 / 年末结转和结余), else its 支出总计."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total, line
from .model import Evaluation
from .rule import Rule

CHECK = "expenditure_summary_total"
SUMMARY = "income_expenditure_summary"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    spending = grand_total(doc, "expenditure_summary", "expenditure")
    reference = line(doc, SUMMARY, "expenditure", r"^本年支出") or grand_total(doc, SUMMARY, "expenditure")
    if spending is not None and reference is not None:
        yield compare_across(doc, CHECK, [reference], [spending]).evaluation()


RULE = Rule(CHECK, "across_tables", "expenditure summary 总计 = 本年支出 (or 支出总计) of the "
            "income-expenditure summary", evaluate)
