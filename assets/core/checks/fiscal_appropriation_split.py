"""fiscal_appropriation_split: the fiscal-appropriation summary's spending by fund equals the
fund's own table: its 一般公共预算 column = the general-budget expenditure table, 政府性基金 = the
government-fund table, 国有资本经营 = the state-capital table; for the grand total and for every
code the summary prints (a 款 or 项 the fund's table leaves out under a code it prints counts as 0)."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import (
    Disclosure,
    by_code,
    compare_across,
    grand_total,
    grand_total_rows,
    line,
    summary_rows,
    table_name,
)
from .model import Evaluation
from .rule import Rule

CHECK = "fiscal_appropriation_split"
SUMMARY = "fiscal_appropriation_summary"
FUND_TABLES = {
    "general_public_budget": "general_budget_expenditure",
    "government_fund": "government_fund_expenditure",
    "state_capital": "state_capital_expenditure",
}


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for source, table_key in FUND_TABLES.items():
        column = [f for f in doc.table(SUMMARY, "expenditure") if f["source"] == source and f["measure"] == "total"]
        fund = [f for f in doc.table(table_key, "expenditure") if f["measure"] == "total"]
        if not column or not fund:
            continue  # a fund without spending: see empty_declaration
        # final accounts print 本年支出合计 above a 总计 that adds 年末结转和结余
        summary_total = line(doc, SUMMARY, "expenditure", r"^本年支出", source=source) or next(iter(grand_total_rows(column)), None)
        fund_total = grand_total(doc, table_key, "expenditure", sources=(source, "all"))
        if summary_total and fund_total:
            yield compare_across(doc, CHECK, [fund_total], [summary_total]).evaluation()
        fund_rows = by_code(fund)
        fund_name = table_name(table_key, fund[0]["table_no"])
        for f in column:
            if f["code"] and (f["code"] in fund_rows or f["code"][:-2] in fund_rows):
                reference = summary_rows(fund_rows.get(f["code"], []))
                label = None if reference else f"{fund_name} (code {f['code']} not printed)"
                yield compare_across(doc, CHECK, reference, [f], reference_label=label).evaluation()


RULE = Rule(CHECK, "across_tables", "fiscal-appropriation summary = general-budget + government-fund + "
            "state-capital tables: each fund's column equals its table (total and per code)", evaluate)
