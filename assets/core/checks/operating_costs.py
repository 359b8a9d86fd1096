"""operating_costs: 机关运行经费 ≤ 公用经费 where both are printed.

机关运行经费 is the 公用经费 of administrative (and 参公) units paid from the general budget, so it
never exceeds the 公用经费 total of the general-budget basic-expenditure table (it equals it for a
department of administrative units only). Taken from any table that prints a 机关运行经费 line
(the 三公 table in several families, or a table of its own), and from the narrative's
机关运行经费 statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .disclosure import Disclosure, compare_across, grand_total, label
from .model import Evaluation, Fact
from .narrative import Stated, compare_with_tables, is_money, squeezed
from .rule import Rule

CHECK = "operating_costs"
OPERATING_COSTS = re.compile(r"机关运行经费")
BASIC_TABLE = "general_budget_basic_expenditure"
OPERATING_COSTS_TABLE = "administrative_operating_costs"


def public_operating_total(doc: Disclosure) -> Fact | None:
    """The basic-expenditure table's 公用经费 total (its column total, or a 公用经费合计 line)."""
    found = grand_total(doc, BASIC_TABLE, "expenditure", "public_operating", sources=("general_public_budget", "all"))
    if found is not None:
        return found
    return next((f for f in doc.table(BASIC_TABLE) if re.search(r"公用经费(合计|小计)?$", label(f))), None)


def operating_costs_line(doc: Disclosure) -> Fact | None:
    """The 机关运行经费 total: of its own table where printed, else a line named so."""
    table = grand_total(doc, OPERATING_COSTS_TABLE, "expenditure", sources=("general_public_budget", "all", "fiscal_appropriation"))
    if table is not None:
        return table
    for f in doc.facts:
        if f["measure"] == "total" and OPERATING_COSTS.search(label(f)) and f["table_key"] != BASIC_TABLE:
            return f
    return None


def operating_costs_statement(doc: Disclosure) -> Stated | None:
    return next((r for r in doc.narrative if r.get("topic") == "operating_costs" and r.get("fact_type") == "amount"
                 and is_money(r) and OPERATING_COSTS.search(squeezed(r.get("subject")) + squeezed(r.get("sentence")))), None)


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    public = public_operating_total(doc)
    if public is None:
        return
    operating = operating_costs_line(doc)
    if operating is not None:
        yield compare_across(doc, CHECK, [public], [operating], at_most=True).evaluation()
    stated = operating_costs_statement(doc)
    if stated is not None:
        yield compare_with_tables(doc, CHECK, stated, [public], at_most=True).evaluation()


RULE = Rule(CHECK, "across_tables", "机关运行经费 ≤ 公用经费 of the basic-expenditure table, where both "
            "are printed", evaluate)
