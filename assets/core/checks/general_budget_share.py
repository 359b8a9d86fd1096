"""general_budget_share: the general-budget expenditure table is the general-budget share of the
expenditure summary, so per code and per column (合计, 基本支出, 项目支出) it never exceeds it
(表5 ≤ 表3; a 款 or 项 that 表3 leaves out under a code it prints counts as 0). Each table is read
in its widest source column (合计, else 财政拨款, else 一般公共预算); rows printed per economic code are
summed under their functional code, and when some of them leave that code blank only the totals
are compared."""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total_rows, summary_rows, table_name
from .model import Evaluation, Fact
from .rule import Rule

CHECK = "general_budget_share"
MEASURES = ("total", "basic", "project")
TOTAL = "总计"
# A table's widest source column first: what 表3 and 表5 print per code.
WIDEST = ("all", "fiscal_appropriation", "general_public_budget")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    summary = _index(_functional(doc.table("expenditure_summary", "expenditure")))
    share = _index(_functional(doc.table("general_budget_expenditure", "expenditure")))
    printed = {measure for _, measure in summary}
    if not summary or not share:
        return
    summary_name = table_name("expenditure_summary", next(iter(summary.values()))[0]["table_no"])
    codes = {code for code, _ in summary}
    for (code, measure), cells in share.items():
        missing = (code, measure) not in summary
        if measure not in printed or missing and (code == TOTAL or code[:-2] not in codes):
            continue  # 表3 has no such line: 0 only under a parent code it prints
        reference = summary.get((code, measure), [])
        label = None if reference else f"{summary_name} (code {code} not printed)"
        yield compare_across(doc, CHECK, reference, cells, at_most=True, reference_label=label).evaluation()


def _functional(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f["classification"] == "functional"]


def _index(facts: list[Fact]) -> dict[tuple[str, str], list[Fact]]:
    """(code or 总计, measure) → the cells standing for it in the table's widest source column
    (a 本年收入 or 上年结转 column beside 合计 is a part of it, never added to it); project rows
    and rows per economic code are summed under their code. A table whose rows carry economic
    codes and leave the functional code blank on some of them (a code cell spanning rows) cannot
    say what each code adds up to: only its 总计 stands."""
    sources = {f["source"] for f in facts}
    widest = next((s for s in WIDEST if s in sources), None)
    facts = [f for f in facts if widest is None or f["source"] == widest]
    by_code = not any(f["econ_code"] and not f["code"] for f in facts)
    index: dict[tuple[str, str], list[Fact]] = {}
    for measure in MEASURES:
        column = [f for f in facts if f["measure"] == measure]
        totals = grand_total_rows(column)
        if totals:
            index[(TOTAL, measure)] = totals[:1]
        codes: dict[str, list[Fact]] = {}
        for f in column:
            if f["code"] and by_code:
                codes.setdefault(f["code"], []).append(f)
        for code, rows in codes.items():
            index[(code, measure)] = summary_rows(rows)
    return index


RULE = Rule(CHECK, "across_tables", "expenditure summary vs general-budget expenditure: per code and column "
            "the general-budget share never exceeds the whole (表5 ≤ 表3)", evaluate)
