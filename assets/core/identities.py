"""Accounting identities of a disclosure's standard tables, checked on its budget facts.

Every identity compares a printed total with the sum of the printed parts it should equal:

- ``hierarchy``: a classification code equals the sum of its sub-codes in the same column
  (functional 类 201 = Σ 款 201xx, 款 20103 = Σ 项 20103xx; economic 301 = Σ 301xx, 30101 = Σ
  3010101…), and a row printed without a project equals the sum of the same code's project rows
  (表7 lists projects under their 项). A column is (table, direction, classification, source,
  measure, econ_code); a code is checked only where the table prints its sub-codes, and a
  sub-code left blank in that column counts as 0 (blank is "not published", i.e. nothing).
- ``table_total``: the table's 总计/合计 row (uncoded) equals the sum of its 类 rows, plus any
  uncoded, non-subtotal lines at the same level (e.g. 结转下年 in 表1).
- ``row_total``: on one printed row, total = basic + project (+ the other spending columns
  事业单位经营支出, 对附属单位补助支出, 上缴上级支出, 单位预留机动经费 where printed), and
  personnel + public_operating = basic (or = total where the table has no basic column).
- ``cross_table``: totals that two tables print for the same quantity (收入总计 = 支出总计,
  表2 and 表3 totals = 表1 收入总计, 表5 basic/project totals = 表6/表7 totals, 表4 一般公共预算
  expenditure = 表5 total).

Rounding tolerance. Each printed amount is the true amount rounded to the table's printed
precision, so it is off by at most half a unit in the last place (ulp; 0.005 for 万元 printed
with 2 decimals). A sum of n printed parts compared with a printed total can therefore differ
by at most 0.5 ulp × (n + 1) although every number is correctly rounded. A nonzero difference
within that bound is a ``warning`` (check id ``<identity>_rounding``), beyond it an ``error``
(check id ``<identity>``); an exact match produces no finding. The ulp of a table is taken from
the most decimals any of its amounts prints (a parser may drop trailing zeros of one number,
not of a whole table), and comparisons across tables of different units are made in yuan.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assets.core.schema import FINDINGS_COLUMNS, UNITS

Fact = dict[str, Any]
Finding = dict[str, Any]

# Labels of a table's grand-total row (whitespace removed); 小计 lines are subtotals, not totals.
TOTAL_LABEL = re.compile(r"^(收入|支出)?(总计|合计)$")
# Columns that add up to a row's total in the expenditure tables (表3, 表5 and their variants).
SPENDING_PARTS = (
    "basic",
    "project",
    "business_operation",
    "subsidy_to_subordinate",
    "remit_to_superior",
    "contingency_reserve",
)
BASIC_PARTS = ("personnel", "public_operating")
# Cells of one printed row may differ this much in their top edge (PDF points).
ROW_TOP_TOLERANCE = 2.0
CODE_STEP = 2  # each level below 类 appends two digits


@dataclass(frozen=True)
class Comparison:
    """One identity evaluated: a printed total against the sum of the printed parts."""

    check: str
    disclosure_id: str
    tables: tuple[str, ...]
    code_or_item: str | None
    subject: str  # where the identity sits, for the message
    parts_label: str  # what was summed, for the message
    actual: Decimal
    expected: Decimal
    tolerance: Decimal
    unit: str
    pages: tuple[int, ...]

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    def finding(self) -> Finding:
        rounding = abs(self.difference) <= self.tolerance
        verdict = "within" if rounding else "beyond"
        message = (
            f"{self.subject}: printed {self.actual} ≠ {self.parts_label} {self.expected} "
            f"(difference {self.difference:+} {self.unit}, {verdict} the rounding bound ±{self.tolerance})"
        )
        row: Finding = {
            "disclosure_id": self.disclosure_id,
            "check": f"{self.check}_rounding" if rounding else self.check,
            "severity": "warning" if rounding else "error",
            "tables": ",".join(self.tables),
            "code_or_item": self.code_or_item,
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "message": message,
            "pages": ",".join(str(p) for p in self.pages),
        }
        assert list(row) == [c.name for c in FINDINGS_COLUMNS]
        return row


@dataclass
class DisclosureFacts:
    """The facts of one disclosure with what every check needs to know about its tables."""

    disclosure_id: str
    facts: list[Fact]
    half_ulp: dict[int, Decimal] = field(init=False)  # by table_no, in the table's unit

    def __post_init__(self) -> None:
        decimals: dict[int, int] = defaultdict(int)
        for fact in self.facts:
            decimals[fact["table_no"]] = max(decimals[fact["table_no"]], _decimals(fact["amount"]))
        self.half_ulp = {table: Decimal(5).scaleb(-places - 1) for table, places in decimals.items()}


# --- public API -----------------------------------------------------------------------------


def check_hierarchy(facts: Iterable[Fact]) -> list[Finding]:
    """类 = Σ款 = Σ项 per column, and a project-less row = Σ its project rows."""
    return _findings(_per_disclosure(facts, _hierarchy))


def check_table_totals(facts: Iterable[Fact]) -> list[Finding]:
    """The uncoded 总计/合计 row = Σ 类 rows of the same column."""
    return _findings(_per_disclosure(facts, _table_totals))


def check_row_totals(facts: Iterable[Fact]) -> list[Finding]:
    """On one row: total = basic + project (+ …); basic (or total) = personnel + public_operating."""
    return _findings(_per_disclosure(facts, _row_totals))


def check_cross_table(facts: Iterable[Fact]) -> list[Finding]:
    """Totals printed by two tables for the same quantity agree."""
    return _findings(_per_disclosure(facts, _cross_table))


def run_identity_checks(facts: Iterable[Fact]) -> tuple[list[Finding], int]:
    """All identities of all disclosures in ``facts``: (findings, number of identities checked)."""
    facts = list(facts)
    comparisons = [c for evaluate in _IDENTITIES for c in _per_disclosure(facts, evaluate)]
    return _findings(comparisons), len(comparisons)


# --- the identities ------------------------------------------------------------------------

Column = tuple[Any, ...]


def _hierarchy(doc: DisclosureFacts) -> Iterator[Comparison]:
    for column, cells in _columns(doc.facts).items():
        by_code = _by_code(cells)
        printed_codes = _table_codes(doc.facts, column)
        for code in sorted(by_code):
            sub_codes = [c for c in printed_codes if len(c) == len(code) + CODE_STEP and c.startswith(code)]
            if sub_codes:
                parents = _summary_rows(by_code[code])
                parts = [f for c in sub_codes for f in _summary_rows(by_code.get(c, []))]
                yield _compare(doc, "hierarchy", parents, parts, f"the {len(parts)} sub-codes")
            yield from _project_rows(doc, by_code[code])


def _project_rows(doc: DisclosureFacts, rows: list[Fact]) -> Iterator[Comparison]:
    """A code printed once without a project and again per project: the former is their sum."""
    plain = [f for f in rows if not f["project"]]
    projects = [f for f in rows if f["project"]]
    if plain and projects:
        yield _compare(doc, "hierarchy", plain, projects, f"the {len(projects)} project rows")


def _table_totals(doc: DisclosureFacts) -> Iterator[Comparison]:
    for column, cells in _columns(doc.facts).items():
        totals = _grand_total_rows(cells)
        classes = [c for c in _table_codes(doc.facts, column) if len(c) == 3]
        if not totals or not classes:
            continue  # tables without codes (三公, 结转结余) have no 类 rows to add up
        by_code = _by_code(cells)
        parts = [f for c in classes for f in _summary_rows(by_code.get(c, []))]
        parts += [f for f in cells if _is_uncoded_line(f)]
        for total in totals:
            yield _compare(doc, "table_total", [total], parts, f"the {len(parts)} 类 rows")


def _row_totals(doc: DisclosureFacts) -> Iterator[Comparison]:
    measures_by_table = _measures_by_table(doc.facts)
    for row in _printed_rows(doc.facts):
        first = next(iter(row.values()))
        measures = measures_by_table[(first["table_no"], first["source"])]
        if len(measures & set(SPENDING_PARTS)) >= 2:
            yield from _row_identity(doc, row, "total", SPENDING_PARTS)
        if measures >= set(BASIC_PARTS):
            yield from _row_identity(doc, row, "basic" if "basic" in measures else "total", BASIC_PARTS)


def _row_identity(
    doc: DisclosureFacts, row: dict[str, Fact], whole: str, part_measures: Sequence[str]
) -> Iterator[Comparison]:
    parts = [row[m] for m in part_measures if m in row]
    if whole in row and parts:
        label = " + ".join(p["measure"] for p in parts)
        yield _compare(doc, "row_total", [row[whole]], parts, label, in_column=False)


def _cross_table(doc: DisclosureFacts) -> Iterator[Comparison]:
    income_total = _grand_total(doc, "income_expenditure_summary", "income")
    pairs = [
        (income_total, _grand_total(doc, "income_expenditure_summary", "expenditure")),
        (
            _grand_total(doc, "fiscal_appropriation_summary", "income"),
            _grand_total(doc, "fiscal_appropriation_summary", "expenditure"),
        ),
        (income_total, _grand_total(doc, "income_summary", "income")),
        (income_total, _grand_total(doc, "expenditure_summary", "expenditure")),
        (
            _grand_total(doc, "general_budget_expenditure", "expenditure", "basic"),
            _grand_total(doc, "general_budget_basic_expenditure", "expenditure"),
        ),
        (
            _grand_total(doc, "general_budget_expenditure", "expenditure", "project"),
            _grand_total(doc, "general_budget_project_expenditure", "expenditure"),
        ),
        (
            _grand_total(
                doc, "fiscal_appropriation_summary", "expenditure", sources=("general_public_budget",)
            ),
            _grand_total(doc, "general_budget_expenditure", "expenditure"),
        ),
    ]
    if income_total is None:  # without 表1, 表2 and 表3 still have to agree with each other
        pairs.append(
            (
                _grand_total(doc, "income_summary", "income"),
                _grand_total(doc, "expenditure_summary", "expenditure"),
            )
        )
    for reference, other in pairs:
        if reference is not None and other is not None:
            yield _compare_across(doc, reference, other)


_IDENTITIES: tuple[Callable[[DisclosureFacts], Iterator[Comparison]], ...] = (
    _hierarchy,
    _table_totals,
    _row_totals,
    _cross_table,
)


# --- comparing -----------------------------------------------------------------------------


def _compare(
    doc: DisclosureFacts,
    check: str,
    totals: list[Fact],
    parts: list[Fact],
    parts_label: str,
    in_column: bool = True,
) -> Comparison:
    """Printed total(s) against the sum of printed parts, all in one table's unit."""
    first = totals[0]
    half_ulp = doc.half_ulp[first["table_no"]]
    return Comparison(
        check=check,
        disclosure_id=doc.disclosure_id,
        tables=(first["table_key"],),
        code_or_item=first["code"] or first["item"],
        subject=_subject(first, in_column),
        parts_label=f"sum of {parts_label}",
        actual=_sum(totals),
        expected=_sum(parts),
        tolerance=half_ulp * (len(totals) + len(parts)),
        unit=first["unit"],
        pages=_pages(totals + parts),
    )


def _compare_across(doc: DisclosureFacts, reference: Fact, other: Fact) -> Comparison:
    """The same quantity printed by two tables; compared in yuan when their units differ."""
    same_unit = reference["unit"] == other["unit"]

    def value(fact: Fact) -> Decimal:
        return Decimal(fact["amount"] if same_unit else fact["amount_cny"])

    def half_ulp(fact: Fact) -> Decimal:
        return doc.half_ulp[fact["table_no"]] * (1 if same_unit else UNITS[fact["unit"]])

    return Comparison(
        check="cross_table",
        disclosure_id=doc.disclosure_id,
        tables=(reference["table_key"], other["table_key"]),
        code_or_item=other["item"],
        subject=f"表{other['table_no']} {other['item']} [{_column_label(other)}]",
        parts_label=f"表{reference['table_no']} {reference['item']} [{_column_label(reference)}]",
        actual=value(other),
        expected=value(reference),
        tolerance=half_ulp(reference) + half_ulp(other),
        unit=reference["unit"] if same_unit else "元",
        pages=_pages([reference, other]),
    )


def _findings(comparisons: Iterable[Comparison]) -> list[Finding]:
    return [c.finding() for c in comparisons if c.difference != 0]


def _per_disclosure(
    facts: Iterable[Fact], evaluate: Callable[[DisclosureFacts], Iterator[Comparison]]
) -> Iterator[Comparison]:
    by_id: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_id[fact["disclosure_id"]].append(fact)
    for disclosure_id, doc_facts in by_id.items():
        yield from evaluate(DisclosureFacts(disclosure_id, doc_facts))


# --- selecting facts -----------------------------------------------------------------------


def _columns(facts: Iterable[Fact]) -> dict[Column, list[Fact]]:
    """Facts by printed column: (table, direction, classification, source, measure, econ_code)."""
    columns: dict[Column, list[Fact]] = defaultdict(list)
    for f in facts:
        key = (f["table_no"], f["direction"], f["classification"], f["source"], f["measure"], f["econ_code"])
        columns[key].append(f)
    return columns


def _table_codes(facts: Iterable[Fact], column: Column) -> list[str]:
    """Codes the column's table prints in any column (a blank cell of a printed code is 0)."""
    table_no, direction, classification = column[:3]
    return sorted(
        {
            f["code"]
            for f in facts
            if f["code"]
            and (f["table_no"], f["direction"], f["classification"]) == (table_no, direction, classification)
        }
    )


def _by_code(cells: Iterable[Fact]) -> dict[str, list[Fact]]:
    by_code: dict[str, list[Fact]] = defaultdict(list)
    for f in cells:
        if f["code"]:
            by_code[f["code"]].append(f)
    return by_code


def _summary_rows(rows: list[Fact]) -> list[Fact]:
    """The rows that stand for a code in its parent's sum: its project-less row(s) if printed."""
    plain = [f for f in rows if not f["project"]]
    return plain or rows


def _grand_total_rows(cells: Iterable[Fact]) -> list[Fact]:
    """The column's uncoded 总计 rows, else its 合计 rows (a table printing both means 总计)."""
    totals = [f for f in cells if not f["code"] and TOTAL_LABEL.match(_label(f))]
    grand = [f for f in totals if _label(f).endswith("总计")]
    return grand or totals


def _grand_total(
    doc: DisclosureFacts,
    table_key: str,
    direction: str,
    measure: str = "total",
    sources: Sequence[str] = ("all", "fiscal_appropriation", "general_public_budget"),
) -> Fact | None:
    """A table's grand total in its widest source column (总计 over all sources first)."""
    cells = [
        f
        for f in doc.facts
        if f["table_key"] == table_key and f["direction"] == direction and f["measure"] == measure
    ]
    totals = _grand_total_rows(cells)
    for source in sources:
        matching = [f for f in totals if f["source"] == source]
        if matching:
            return matching[0]
    return None


def _is_uncoded_line(fact: Fact) -> bool:
    """An uncoded line counted beside the 类 rows (e.g. 结转下年), not a total or a 其中 line."""
    return not fact["code"] and not fact["is_total"] and not _label(fact).startswith("其中")


def _measures_by_table(facts: Iterable[Fact]) -> dict[tuple[int, str], set[str]]:
    measures: dict[tuple[int, str], set[str]] = defaultdict(set)
    for f in facts:
        measures[(f["table_no"], f["source"])].add(f["measure"])
    return measures


def _printed_rows(facts: Iterable[Fact]) -> Iterator[dict[str, Fact]]:
    """Cells of one printed row by measure: same label and source, same page, tops within tolerance.

    A row whose label repeats (e.g. the same code under two units) is told apart by position.
    Cells of column-classes (econ_class) are left out: no row identity uses them.
    """
    by_label: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        if f["measure"] == "econ_class":
            continue
        key = (
            f["table_no"], f["direction"], f["classification"], f["code"], f["item"], f["project"],
            f["source"], f["econ_code"], f["gov_econ_code"], f["page"],
        )  # fmt: skip
        by_label[key].append(f)
    for cells in by_label.values():
        for row in _split_by_top(cells):
            by_measure = {f["measure"]: f for f in row}
            if len(by_measure) == len(row):  # a measure twice on one row is ambiguous: skip it
                yield by_measure


def _split_by_top(cells: list[Fact]) -> Iterator[list[Fact]]:
    ordered = sorted(cells, key=_top)
    row: list[Fact] = []
    for f in ordered:
        if row and _top(f) - _top(row[0]) > ROW_TOP_TOLERANCE:
            yield row
            row = []
        row.append(f)
    if row:
        yield row


# --- small helpers -------------------------------------------------------------------------


def _label(fact: Fact) -> str:
    return re.sub(r"\s+", "", fact["item"] or "")


def _top(fact: Fact) -> float:
    bbox = fact.get("bbox")
    return float(bbox[1]) if bbox else 0.0


def _sum(facts: Iterable[Fact]) -> Decimal:
    return sum((Decimal(f["amount"]) for f in facts), Decimal(0))


def _decimals(amount: Decimal) -> int:
    exponent = Decimal(amount).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _pages(facts: Iterable[Fact]) -> tuple[int, ...]:
    return tuple(sorted({int(f["page"]) for f in facts}))


def _column_label(fact: Fact) -> str:
    label = f"{fact['source']} / {fact['measure']}"
    return f"{label} {fact['econ_code']}" if fact["econ_code"] else label


def _subject(fact: Fact, in_column: bool) -> str:
    where = f"表{fact['table_no']} {fact['table_key']}"
    row = " ".join(part for part in (fact["code"], fact["item"], fact["project"]) if part)
    label = _column_label(fact) if in_column else fact["source"]  # a row identity spans columns
    return f"{where} · {row} [{label}]"
