"""One disclosure as the checks see it: its facts (indexed), its row, its narrative.

Also the selections and comparisons the accounting checks share: printed columns and rows,
grand totals, and the rounding bound of a comparison (see ``model``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from assets.core.schema import UNITS

from .model import Comparison, Fact, decimals, half_ulp, table_name

# Labels of a table's grand-total row (whitespace removed); 小计 lines are subtotals, not totals.
TOTAL_LABEL = re.compile(r"^(收入|支出)?(总计|合计)$")
CODE_STEP = 2  # each level below 类 appends two digits
# Cells of one printed row may differ this much in their top edge (PDF points).
ROW_TOP_TOLERANCE = 2.0

TableId = tuple[str, Any]  # (table_key, table_no): table_no may be null, the key never
Column = tuple[Any, ...]


@dataclass
class Disclosure:
    """Everything known about one disclosure that a check may look at."""

    disclosure_id: str
    facts: list[Fact]
    row: dict[str, Any] = field(default_factory=dict)  # the `disclosures` row (may be empty)
    narrative: list[dict[str, Any]] = field(default_factory=list)  # `narrative_facts` rows
    titles: list[str] = field(default_factory=list)  # the tables' title blocks as printed
    problems: list[dict[str, Any]] = field(default_factory=list)  # extraction problems (as dicts)
    # Every page's full text, lines top to bottom (page N at index N − 1): the lines outside
    # tables and each table row's cells; empty when the caller has no extracted document.
    page_texts: list[str] = field(default_factory=list)

    @cached_property
    def half_ulp(self) -> dict[TableId, Decimal]:
        """Half ulp per table, in its unit: from the most decimals any of its amounts prints
        (a parser may drop trailing zeros of one number, not of a whole table)."""
        places: dict[TableId, int] = defaultdict(int)
        for fact in self.facts:
            places[table_id(fact)] = max(places[table_id(fact)], decimals(fact["amount"]))
        return {table: half_ulp(p) for table, p in places.items()}

    @cached_property
    def printed_codes(self) -> dict[Column, list[str]]:
        """Codes each table prints in any column, by (table, direction, classification)."""
        codes: dict[Column, set[str]] = defaultdict(set)
        for fact in self.facts:
            if fact["code"]:
                codes[(*table_id(fact), fact["direction"], fact["classification"])].add(fact["code"])
        return {where: sorted(found) for where, found in codes.items()}

    def table_codes(self, column: Column) -> list[str]:
        """Codes the column's table prints in any column (a blank cell of a printed code is 0)."""
        return self.printed_codes.get(column[:4], [])

    @cached_property
    def by_table(self) -> dict[str, list[Fact]]:
        tables: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            tables[fact["table_key"]].append(fact)
        return tables

    def table(self, table_key: str, direction: str | None = None) -> list[Fact]:
        facts = self.by_table.get(table_key, [])
        return [f for f in facts if direction is None or f["direction"] == direction]

    @property
    def year(self) -> int | None:
        return self.row.get("year") or next((f["year"] for f in self.facts if f.get("year")), None)

    @cached_property
    def sentences(self) -> list[tuple[int, str]]:
        """The narrative's sentences that state something (those of its narrative facts, cleaned
        of line wraps), with their pages, each once."""
        return list(dict.fromkeys((n["page"], n["sentence"]) for n in self.narrative if n.get("sentence")))

    def page_lines(self) -> Iterator[tuple[int, str]]:
        """Every printed line with its page (headings, wrapped narrative lines, table rows)."""
        for page, text in enumerate(self.page_texts, start=1):
            for line in text.splitlines():
                if line.strip():
                    yield page, line


def per_disclosure(
    facts: Iterable[Fact],
    rows: Iterable[dict[str, Any]] = (),
    narrative: Iterable[dict[str, Any]] = (),
) -> Iterator[Disclosure]:
    """Group facts (and optional disclosure rows and narrative facts) by disclosure."""
    by_id: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_id[fact["disclosure_id"]].append(fact)
    rows_by_id = {r["disclosure_id"]: r for r in rows}
    stated: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in narrative:
        stated[n["disclosure_id"]].append(n)
    for disclosure_id in dict.fromkeys([*by_id, *rows_by_id, *stated]):
        yield Disclosure(disclosure_id, by_id[disclosure_id], rows_by_id.get(disclosure_id, {}), stated[disclosure_id])


# --- selecting facts -----------------------------------------------------------------------


def table_id(fact: Fact) -> TableId:
    return (fact["table_key"], fact["table_no"])


def columns(facts: Iterable[Fact]) -> dict[Column, list[Fact]]:
    """Facts by printed column: (table, direction, classification, source, measure, econ_code)."""
    by_column: dict[Column, list[Fact]] = defaultdict(list)
    for f in facts:
        key = (*table_id(f), f["direction"], f["classification"], f["source"], f["measure"], f["econ_code"])
        by_column[key].append(f)
    return by_column


def by_code(cells: Iterable[Fact]) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = defaultdict(list)
    for f in cells:
        if f["code"]:
            found[f["code"]].append(f)
    return found


def sub_codes(code: str, printed: Iterable[str]) -> list[str]:
    return [c for c in printed if len(c) == len(code) + CODE_STEP and c.startswith(code)]


def summary_rows(rows: list[Fact]) -> list[Fact]:
    """The rows that stand for a code in its parent's sum: its project-less row(s) if printed."""
    plain = [f for f in rows if not f["project"]]
    return plain or rows


def grand_total_rows(cells: Iterable[Fact]) -> list[Fact]:
    """The column's uncoded 总计 rows, else its 合计 rows (a table printing both means 总计)."""
    totals = [f for f in cells if not f["code"] and TOTAL_LABEL.match(label(f))]
    grand = [f for f in totals if label(f).endswith("总计")]
    return grand or totals


def grand_total(
    doc: Disclosure,
    table_key: str,
    direction: str,
    measure: str = "total",
    sources: Sequence[str] = ("all", "fiscal_appropriation", "general_public_budget"),
) -> Fact | None:
    """A table's grand total in its widest source column (总计 over all sources first)."""
    cells = [f for f in doc.table(table_key, direction) if f["measure"] == measure]
    totals = grand_total_rows(cells)
    for source in sources:
        matching = [f for f in totals if f["source"] == source]
        if matching:
            return matching[0]
    return None


def line(doc: Disclosure, table_key: str, direction: str, pattern: str, source: str | None = None) -> Fact | None:
    """The first uncoded line of a table whose label matches ``pattern`` (total measure)."""
    for f in doc.table(table_key, direction):
        if f["measure"] == "total" and not f["code"] and re.search(pattern, label(f)):
            if source is None or f["source"] == source:
                return f
    return None


def is_uncoded_line(fact: Fact) -> bool:
    """An uncoded line counted beside the 类 rows (e.g. 结转下年), not a total or a 其中 line."""
    return not fact["code"] and not fact["is_total"] and not label(fact).startswith("其中")


def printed_rows(facts: Iterable[Fact]) -> Iterator[dict[tuple[str, str], Fact]]:
    """Cells of one printed row by (source, measure): same label, same page, tops within tolerance.

    A row whose label repeats (e.g. the same code under two units) is told apart by position.
    A table too wide for its page continues its columns on the next page: a label printed once
    on each of two consecutive pages with other columns there is one row. Cells of column-classes
    (econ_class) are left out: no row identity uses them.
    """
    by_label: dict[tuple[Any, ...], dict[Any, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        if f["measure"] == "econ_class":
            continue
        key = (
            *table_id(f), f["direction"], f["classification"], f["code"], f["item"], f["project"],
            f["econ_code"], f["gov_econ_code"],
        )  # fmt: skip
        by_label[key][f["page"]].append(f)
    for per_page in by_label.values():
        rows: list[tuple[Any, list[Fact]]] = [(page, row) for page in sorted(per_page, key=_page_order)
                                              for row in _split_by_top(per_page[page])]
        for row in _columns_continued(rows):
            cells_by_column = {(f["source"], f["measure"]): f for f in row}
            if len(cells_by_column) == len(row):  # a column twice on one row is ambiguous: skip it
                yield cells_by_column


def _columns_continued(rows: list[tuple[Any, list[Fact]]]) -> Iterator[list[Fact]]:
    """Rows of one label in page order; the only row of a page and the only row of the next page
    printing none of its columns are one row whose columns continue on that page."""
    pages = [page for page, _ in rows]
    joined: list[Fact] | None = None
    for i, (page, row) in enumerate(rows):
        alone = pages.count(page) == 1
        if joined is not None and alone and _next_page(pages[i - 1], page) and not _columns(joined) & _columns(row):
            joined = joined + row
            continue
        if joined is not None:
            yield joined
        joined = row if alone else None
        if not alone:
            yield row
    if joined is not None:
        yield joined


def _columns(row: list[Fact]) -> set[tuple[str, str]]:
    return {(f["source"], f["measure"]) for f in row}


def _next_page(page: Any, other: Any) -> bool:
    return isinstance(page, int) and isinstance(other, int) and other == page + 1


def _page_order(page: Any) -> tuple[int, int]:
    return (0, page) if isinstance(page, int) else (1, 0)


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


# --- comparing -----------------------------------------------------------------------------


def compare(
    doc: Disclosure,
    check: str,
    totals: list[Fact],
    parts: list[Fact],
    parts_label: str,
    in_column: bool = True,
) -> Comparison:
    """Printed total(s) of one table against the sum of printed parts, in the table's unit."""
    first = totals[0]
    return Comparison(
        check=check,
        category="within_table",
        disclosure_id=doc.disclosure_id,
        tables=(first["table_key"],),
        code_or_item=first["code"] or first["item"],
        subject=subject(first, in_column),
        reference=f"sum of {parts_label}",
        actual=total(totals),
        expected=total(parts),
        tolerance=doc.half_ulp[table_id(first)] * (len(totals) + len(parts)),
        unit=first["unit"],
        pages=pages(totals + parts),
    )


def compare_across(
    doc: Disclosure,
    check: str,
    reference: Sequence[Fact],
    other: Sequence[Fact],
    at_most: bool = False,
    reference_label: str | None = None,
) -> Comparison:
    """Amounts two tables print for the same quantity (``other`` against ``reference``, each a
    sum of printed cells; an empty ``reference`` is 0, i.e. not printed); compared in yuan when
    the units differ."""
    cells = [*reference, *other]
    same_unit = len({f["unit"] for f in cells}) == 1

    def value(fact: Fact) -> Decimal:
        return Decimal(fact["amount"] if same_unit else fact["amount_cny"])

    def bound(fact: Fact) -> Decimal:
        return doc.half_ulp[table_id(fact)] * (1 if same_unit else UNITS[fact["unit"]])

    first = other[0]
    return Comparison(
        check=check,
        category="across_tables",
        disclosure_id=doc.disclosure_id,
        tables=tuple(dict.fromkeys(f["table_key"] for f in cells)),
        code_or_item=first["code"] or first["item"],
        subject=where(first),
        reference=reference_label or " + ".join(where(f) for f in reference),
        actual=sum((value(f) for f in other), Decimal(0)),
        expected=sum((value(f) for f in reference), Decimal(0)),
        tolerance=sum((bound(f) for f in cells), Decimal(0)),
        unit=first["unit"] if same_unit else "元",
        pages=pages(cells),
        at_most=at_most,
    )


# --- small helpers -------------------------------------------------------------------------


def label(fact: Fact) -> str:
    return re.sub(r"\s+", "", fact["item"] or "")


def total(facts: Iterable[Fact]) -> Decimal:
    return sum((Decimal(f["amount"]) for f in facts), Decimal(0))


def pages(facts: Iterable[Fact]) -> tuple[int, ...]:
    return tuple(sorted({int(f["page"]) for f in facts if f.get("page") is not None}))


def row_label(fact: Fact) -> str:
    return " ".join(part for part in (fact["code"], fact["item"], fact["project"]) if part)


def column_label(fact: Fact) -> str:
    text = f"{fact['source']} / {fact['measure']}"
    return f"{text} {fact['econ_code']}" if fact["econ_code"] else text


def where(fact: Fact) -> str:
    """A cell for a message: table, row and column."""
    return f"{table_name(fact['table_key'], fact['table_no'])} {row_label(fact)} [{column_label(fact)}]"


def subject(fact: Fact, in_column: bool) -> str:
    where = f"{table_name(fact['table_key'], fact['table_no'])} {fact['table_key']}"
    what = column_label(fact) if in_column else fact["source"]  # a row identity spans columns
    return f"{where} · {row_label(fact)} [{what}]"


def _top(fact: Fact) -> float:
    bbox = fact.get("bbox")
    return float(bbox[1]) if bbox is not None and len(bbox) > 1 else 0.0
