"""What a disclosure's page shows: its key figures and the series of its four charts.

Every figure is one published fact (never a sum the pipeline made up), so every number on the
page keeps its link to the page of the PDF it was printed on. Where a template lacks a table,
the next table that carries the same figure is used; where none does, the figure is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..publish_codelists import display_name

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Figure:
    label: str
    fact: Row

    @property
    def amount(self) -> Decimal:
        return Decimal(self.fact["amount"])

    @property
    def unit(self) -> str:
        return str(self.fact.get("unit") or "")


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Figure]
    note: str = ""


Pick = Callable[[Row], bool]

# Funding sources as the summary table lists them, top level only: a source's children
# (其中…, 单位资金's 事业收入/其他收入, a carryover's parts) are left out when the parent is there.
FUNDING_SOURCES: list[tuple[str, str, tuple[str, ...]]] = [
    ("general_public_budget", "一般公共预算", ()),
    ("government_fund", "政府性基金预算", ()),
    ("state_capital", "国有资本经营预算", ()),
    ("fiscal_appropriation", "财政拨款", ("general_public_budget", "government_fund", "state_capital")),
    ("fiscal_special_account", "财政专户管理资金", ()),
    ("unit_funds", "单位资金", ()),
    ("business_income", "事业收入", ("unit_funds",)),
    ("business_operation_income", "事业单位经营收入", ("unit_funds",)),
    ("superior_subsidy", "上级补助收入", ("unit_funds",)),
    ("subsidiary_remittance", "附属单位上缴收入", ("unit_funds",)),
    ("other_income", "其他收入", ("unit_funds",)),
    ("prior_year_carryover", "上年结转结余", ()),
    ("fiscal_carryover", "财政拨款结转", ("prior_year_carryover",)),
    ("non_fiscal_carryover", "非财政拨款结转结余", ("prior_year_carryover",)),
]
EXPENDITURE_TABLES = ("expenditure_summary", "general_budget_expenditure", "income_summary", "income_expenditure_summary")


def key_figures(facts: Sequence[Row]) -> list[Figure]:
    """收入总计, 支出总计, 本年收入, 财政拨款, basic and project expenditure, 三公 total."""
    figures = [
        _first(facts, "收入总计", lambda f: _in(f, "income_expenditure_summary", "income") and f["source"] == "all" and f["is_total"]),
        _first(facts, "本年收入", lambda f: _in(f, "income_expenditure_summary", "income") and f["source"] == "current_income"),
        _first(facts, "支出总计", lambda f: _in(f, "income_expenditure_summary", "expenditure") and f["source"] == "all" and f["is_total"] and not f.get("code")),
        _first(facts, "一般公共预算拨款", lambda f: _in(f, "income_expenditure_summary", "income") and f["source"] == "general_public_budget"),
    ]  # fmt: skip
    basic, project = _basic_and_project(facts)
    figures += [basic, project]
    three_public = _three_public_total(facts)
    figures.append(three_public)
    return [f for f in figures if f is not None]


def charts(facts: Sequence[Row]) -> list[Chart]:
    return [
        Chart("funding", "资金来源 Funding sources", funding_sources(facts)),
        Chart("functional", "支出功能分类（类） Expenditure by function", functional_breakdown(facts)),
        Chart("basic_project", "基本支出与项目支出 Basic vs project", [f for f in _basic_and_project(facts) if f]),
        Chart("three_public", "“三公”经费 Three public expenses", three_public(facts)),
    ]


def funding_sources(facts: Sequence[Row]) -> list[Figure]:
    """The income lines of the summary table (表1), top-level sources only."""
    lines = [f for f in facts if _in(f, "income_expenditure_summary", "income") and f.get("measure") == "total"]
    by_source: dict[str, Row] = {}
    for fact in lines:
        by_source.setdefault(str(fact["source"]), fact)
    bars = []
    for source, label, parents in FUNDING_SOURCES:
        if source in by_source and not any(p in by_source for p in parents):
            bars.append(Figure(label, by_source[source]))
    return bars


def functional_breakdown(facts: Sequence[Row]) -> list[Figure]:
    """Expenditure by 类 (level-1 functional codes) from the first table that lists them."""
    for table in EXPENDITURE_TABLES:
        rows = [
            f for f in facts
            if f["table_key"] == table and f.get("classification") == "functional" and f.get("code_level") == 1
            and f.get("measure") == "total" and not f.get("project") and f.get("direction") == "expenditure"
        ]  # fmt: skip
        if not rows:
            continue
        source = _preferred_source(rows)
        bars: dict[str, Figure] = {}
        for fact in rows:
            if fact["source"] == source:
                bars.setdefault(str(fact["code"]), Figure(f"{fact['code']} {_name(fact)}", fact))
        return list(bars.values())
    return []


def three_public(facts: Sequence[Row]) -> list[Figure]:
    """The items of the 三公 table (not its totals), for the first source column it prints."""
    rows = [f for f in facts if f["table_key"] == "three_public_expenditure" and f.get("measure") == "total"]
    if not rows:
        return []
    source = _preferred_source(rows)
    items = [f for f in rows if f["source"] == source and not f["is_total"]]
    bars: dict[str, Figure] = {}
    for fact in items:
        bars.setdefault(_name(fact), Figure(_name(fact), fact))
    return list(bars.values())


def _basic_and_project(facts: Sequence[Row]) -> tuple[Figure | None, Figure | None]:
    for table in ("expenditure_summary", "general_budget_expenditure"):
        totals = [f for f in facts if f["table_key"] == table and f["is_total"] and not f.get("code") and not f.get("project")]
        if not totals:
            continue
        source = _preferred_source(totals)
        basic = next((f for f in totals if f["source"] == source and f["measure"] == "basic"), None)
        project = next((f for f in totals if f["source"] == source and f["measure"] == "project"), None)
        if basic or project:
            return (Figure("基本支出", basic) if basic else None, Figure("项目支出", project) if project else None)
    return None, None


def _three_public_total(facts: Sequence[Row]) -> Figure | None:
    rows = [f for f in facts if f["table_key"] == "three_public_expenditure" and f["is_total"] and f.get("measure") == "total"]
    if not rows:
        return None
    source = _preferred_source(rows)
    total = max((f for f in rows if f["source"] == source), key=lambda f: Decimal(f["amount"]))
    return Figure("“三公”经费合计", total)


def _preferred_source(rows: Sequence[Row]) -> str:
    """`all` when the table prints it, else the first source column it prints."""
    sources = [str(r["source"]) for r in rows]
    return "all" if "all" in sources else sources[0]


def _first(facts: Sequence[Row], label: str, pick: Pick) -> Figure | None:
    fact = next((f for f in facts if pick(f)), None)
    return Figure(label, fact) if fact else None


def _in(fact: Row, table: str, direction: str) -> bool:
    return fact["table_key"] == table and fact.get("direction") == direction


def _name(fact: Row) -> str:
    """The row's label; a row printed without one is named by its column (econ code or measure)."""
    item = str(fact.get("item") or "")
    return display_name(item) or item or str(fact.get("econ_code") or fact.get("measure") or "?")
