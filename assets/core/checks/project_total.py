"""project_total: the general-budget expenditure table's 项目支出 total = the project-expenditure
table's total (表5 项目支出 总计 = 表7 合计)."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total
from .model import Evaluation
from .rule import Rule

CHECK = "project_total"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    project = grand_total(doc, "general_budget_expenditure", "expenditure", "project")
    table = grand_total(doc, "general_budget_project_expenditure", "expenditure")
    if project is not None and table is not None:
        yield compare_across(doc, CHECK, [project], [table]).evaluation()


RULE = Rule(CHECK, "across_tables", "general-budget 项目支出 total = the project-expenditure table's total",
            evaluate)
