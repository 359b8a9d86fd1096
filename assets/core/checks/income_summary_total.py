"""income_summary_total: the income summary's 总计 = the income-expenditure summary's income.

It is 表1's 收入总计 where 表2 has carryover columns (上年结转结余 counted as income), else 表1's
本年收入 line (final accounts print 本年收入合计 apart from 年初结转和结余). Without 表1, a budget's
表2 total must still equal 表3's (planned income = planned spending).
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total, line
from .model import Evaluation
from .rule import Rule

CHECK = "income_summary_total"
CARRYOVER_SOURCES = {"prior_year_carryover", "fiscal_carryover", "non_fiscal_carryover"}
SUMMARY = "income_expenditure_summary"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    income_summary = grand_total(doc, "income_summary", "income")
    if income_summary is None:
        return
    with_carryover = any(f["source"] in CARRYOVER_SOURCES for f in doc.table("income_summary"))
    current = line(doc, SUMMARY, "income", r".", source="current_income")
    reference = grand_total(doc, SUMMARY, "income")
    if not with_carryover and current is not None:
        reference = current
    if reference is None and doc.row.get("doc_kind") == "budget":
        reference = grand_total(doc, "expenditure_summary", "expenditure")
    if reference is not None:
        yield compare_across(doc, CHECK, [reference], [income_summary]).evaluation()


RULE = Rule(CHECK, "across_tables", "income summary 总计 = 收入总计 (or 本年收入 where it has no carryover "
            "columns) of the income-expenditure summary", evaluate)
