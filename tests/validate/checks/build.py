"""Small disclosures built by hand for the rule tests: facts, printed rows and narrative rows
with exactly the published columns, so each test shows the few numbers it is about."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

from assets.core.checks import Disclosure, Rule, run_rules
from assets.core.schema import BUDGET_FACTS_COLUMNS, NARRATIVE_FACTS_COLUMNS, UNITS
from assets.core.table_specs import SPECS_BY_KEY

Row = dict[str, Any]
DISCLOSURE_ID = "test-2026-budget"
TABLE_NO = {key: n for n, key in enumerate(
    [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_appropriation_summary",
        "general_budget_expenditure", "general_budget_basic_expenditure", "general_budget_project_expenditure",
        "government_fund_expenditure", "state_capital_expenditure", "three_public_expenditure", "prior_year_carryover",
    ],
    start=1,
)}  # fmt: skip
_tops = count(100, 20)


def fact(
    table_key: str,
    item: str,
    amount: str | Decimal,
    *,
    code: str | None = None,
    source: str | None = None,
    measure: str = "total",
    direction: str | None = None,
    classification: str | None = None,
    project: str | None = None,
    econ_code: str | None = None,
    unit: str = "万元",
    page: int | None = None,
    top: float | None = None,
) -> Row:
    """One published number, with the table's defaults (direction, classification, source)."""
    spec = SPECS_BY_KEY.get(table_key)
    value = Decimal(amount)
    table_no = TABLE_NO.get(table_key, 12)
    row: Row = {
        "disclosure_id": DISCLOSURE_ID,
        "region": "测试州",
        "department": "测试州人民政府办公室",
        "year": 2026,
        "doc_kind": "budget",
        "table_no": table_no,
        "table_key": table_key,
        "direction": direction or (spec.direction if spec else "expenditure"),
        "classification": classification or (spec.classification if spec else "functional"),
        "code": code,
        "code_source": "printed" if code else None,
        "code_level": {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None,
        "item": item,
        "project": project,
        "source": source or (spec.default_source if spec else "general_public_budget"),
        "measure": measure,
        "econ_code": econ_code,
        "gov_econ_code": None,
        "amount": value,
        "unit": unit,
        "amount_cny": (value * UNITS[unit]).quantize(Decimal("0.01")),
        "is_total": code is None and any(w in item for w in ("总计", "合计", "小计")),
        "source_url": "test.pdf",
        "source_sha256": "0" * 64,
        "page": page or table_no + 2,
        "bbox": (100.0, float(top if top is not None else next(_tops)), 160.0, 118.0),
        "pipeline_version": "test",
    }
    assert list(row) == [c.name for c in BUDGET_FACTS_COLUMNS]
    return row


def printed_row(table_key: str, item: str, cells: dict[str, str], **shared: Any) -> list[Row]:
    """The cells of one printed row: ``cells`` maps a measure (or ``source/measure``) to an amount."""
    top = float(next(_tops))
    facts = []
    for column, amount in cells.items():
        source, _, measure = column.rpartition("/")
        extra = {"source": source} if source else {}
        facts.append(fact(table_key, item, amount, measure=measure, top=top, **extra, **shared))
    return facts


def stated(topic: str, subject: str | None, amount: str | None = None, unit: str | None = "万元", **fields: Any) -> Row:
    """One `narrative_facts` row (statement) as the narrative extractor publishes it."""
    row: Row = dict.fromkeys(c.name for c in NARRATIVE_FACTS_COLUMNS)
    value = Decimal(amount) if amount is not None else None
    row.update(
        disclosure_id=DISCLOSURE_ID, fact_type="amount" if value is not None else "change", topic=topic,
        subject=subject, amount=value, unit=unit, text=f"{subject}{amount or ''}{unit or ''}",
        sentence=f"{subject}{amount or ''}{unit or ''}。", page=20, char_start=0, char_end=10,
        source_sha256="0" * 64, pipeline_version="test",
    )
    if value is not None and unit in ("万元", "元"):
        row["amount_cny"] = value * UNITS[unit]
    for name, value_ in fields.items():
        assert name in row, name
        row[name] = Decimal(value_) if name in _DECIMALS and value_ is not None else value_
    if row["change_amount"] is not None and row["prior_year_amount"] is None and value is not None:
        row["prior_year_amount"], row["prior_year_source"] = value - row["change_amount"], "derived"
    return row


_DECIMALS = {"share_percent", "change_amount", "change_percent", "prior_year_amount"}


def disclosure(facts: list[Row], narrative: list[Row] | None = None, **row: Any) -> Disclosure:
    base = {"disclosure_id": DISCLOSURE_ID, "year": 2026, "doc_kind": "budget",
            "department": "测试州人民政府办公室", "title": "测试州人民政府办公室2026年部门预算"}
    base.update(row)
    return Disclosure(DISCLOSURE_ID, facts, row=base, narrative=narrative or [])


def findings(rule: Rule, doc: Disclosure) -> list[Row]:
    run = run_rules(doc, [rule])
    return run.findings


def errors(rule: Rule, doc: Disclosure) -> list[Row]:
    return [f for f in findings(rule, doc) if f["severity"] == "error"]


def evaluated(rule: Rule, doc: Disclosure) -> int:
    return run_rules(doc, [rule]).evaluated
