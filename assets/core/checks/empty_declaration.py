"""empty_declaration: tables declared empty (为空表) are empty, and a fund without a table spends nothing.

- A table declared empty prints no nonzero amount.
- Where the government-fund (state-capital) table is declared empty, the fiscal-appropriation
  summary's 政府性基金 (国有资本经营) column and the income lines of that fund are 0 or blank.
- A table found without a single number and without an empty declaration is a ``warning``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .disclosure import Disclosure, pages, where
from .model import Evaluation, Fact, finding_row, table_name
from .rule import Rule

CHECK = "empty_declaration"
FUND_OF_TABLE = {
    "government_fund_expenditure": ("government_fund", "government_fund_transfer"),
    "state_capital_expenditure": ("state_capital", "state_capital_transfer"),
}
SUMMARIES = ("income_expenditure_summary", "fiscal_appropriation_summary", "income_summary")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    declared = set(doc.row.get("tables_empty") or [])
    found = set(doc.row.get("tables_found") or [])
    for table_key in sorted(declared):
        nonzero = [f for f in doc.table(table_key) if Decimal(f["amount"]) != 0]
        yield _evaluation(doc, table_key, nonzero, "is declared empty (为空表) but prints")
        for source in FUND_OF_TABLE.get(table_key, ()):
            spent = [f for t in SUMMARIES for f in doc.table(t) if f["source"] == source and Decimal(f["amount"]) != 0]
            yield _evaluation(doc, table_key, spent, "is declared empty (为空表) while the summaries print")
    for table_key in sorted(found - declared):
        if not doc.table(table_key):
            message = f"{table_name(table_key, None)} ({table_key}) was found but prints no number and is not declared empty"
            yield Evaluation(CHECK, finding_row(disclosure_id=doc.disclosure_id, check=CHECK, severity="warning",
                                                category="completeness", message=message, tables=[table_key]))


def _evaluation(doc: Disclosure, table_key: str, contradicting: list[Fact], what: str) -> Evaluation:
    if not contradicting:
        return Evaluation(CHECK)
    first = contradicting[0]
    shown = "; ".join(f"{where(f)} = {f['amount']}" for f in contradicting[:3])
    more = f" and {len(contradicting) - 3} more" if len(contradicting) > 3 else ""
    message = f"{table_name(table_key, None)} {what} {shown}{more}"
    return Evaluation(CHECK, finding_row(
        disclosure_id=doc.disclosure_id, check=CHECK, severity="error", category="completeness", message=message,
        tables=[table_key, *(f["table_key"] for f in contradicting)], code_or_item=first["code"] or first["item"],
        expected=Decimal(0), actual=Decimal(first["amount"]), pages=pages(contradicting),
    ))


RULE = Rule(CHECK, "completeness", "tables declared empty (为空表) print no amount and their fund is 0 in the "
            "summaries; a table found without numbers is declared empty", evaluate)
