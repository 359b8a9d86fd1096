"""table_missing: every core table of a disclosure is present (found, or declared empty 为空表).

The core tables are those every family publishes (the budget/final-accounts template of the
Ministry of Finance): the income-expenditure, income and expenditure summaries, the fiscal-
appropriation summary, the general-budget expenditure and basic-expenditure tables, the
government-fund table and the 三公 table. A missing table is a ``warning``: a document split into
two attachments (narrative + tables) or a table the pipeline did not recognise look the same.
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation, finding_row, table_name
from .rule import Rule

CHECK = "table_missing"
CORE_TABLES = (
    "income_expenditure_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_appropriation_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "government_fund_expenditure",
    "three_public_expenditure",
)


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    found = set(doc.row.get("tables_found") or []) | set(doc.by_table)
    if not found:
        return  # nothing extracted: the disclosure's status says why
    for table_key in CORE_TABLES:
        if table_key in found:
            yield Evaluation(CHECK)
            continue
        message = f"{table_name(table_key, None)} ({table_key}) is neither printed nor declared empty (为空表)"
        yield Evaluation(
            CHECK,
            finding_row(disclosure_id=doc.disclosure_id, check=CHECK, severity="warning", category="completeness",
                        message=message, tables=[table_key]),
        )


RULE = Rule(CHECK, "completeness", "every core table of the family is present or declared empty (为空表)",
            evaluate)
