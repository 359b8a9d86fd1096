"""What the three row checks share: one printed row's whole against the sum of its parts.

A row's parts are the columns its table prints (anywhere, not only on this row); a part left
blank on the row counts as 0, a blank whole means the row states nothing to check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .disclosure import Disclosure, compare, printed_rows, table_id
from .model import Evaluation, Fact

Cell = tuple[str, str]  # (source, measure)


def table_columns(doc: Disclosure) -> dict[tuple[Any, ...], set[Cell]]:
    """The columns of each block of each table (a two-sided table has an income and an
    expenditure block, and income lines name their source on the row, not in a column)."""
    printed: dict[tuple[Any, ...], set[Cell]] = defaultdict(set)
    for f in doc.facts:
        printed[_block(f)].add((f["source"], f["measure"]))
    return printed


def rows_with_columns(doc: Disclosure) -> Iterator[tuple[dict[Cell, Fact], set[Cell]]]:
    """Every printed row (not an income line) with the columns its table block prints."""
    printed = table_columns(doc)
    for row in printed_rows(doc.facts):
        first = next(iter(row.values()))
        if first["classification"] != "income_type":
            yield row, printed[_block(first)]


def _block(fact: Fact) -> tuple[Any, ...]:
    return (*table_id(fact), fact["direction"], fact["classification"])


def row_identity(
    doc: Disclosure, check: str, row: dict[Cell, Fact], whole: Cell, parts: Sequence[Cell]
) -> Iterator[Evaluation]:
    """The row's ``whole`` cell = Σ its ``parts`` cells (blank parts are 0)."""
    if whole not in row or not parts:
        return
    cells = [row[p] for p in parts if p in row]
    if not cells:
        return  # every part blank: a row that prints only its total has nothing to add up
    label = " + ".join(_name(p, whole) for p in parts)
    yield compare(doc, check, [row[whole]], cells, label, in_column=False).evaluation()


def row_identity_of_either(
    doc: Disclosure, check: str, row: dict[Cell, Fact], whole: Cell, alternatives: Sequence[Sequence[Cell]]
) -> Iterator[Evaluation]:
    """One evaluation: the whole against the first reading of its parts that closes (exactly,
    else within rounding), else against the first reading. For columns whose role a family words
    differently (事业单位经营支出 … as addends, or as “其中” subsets of 项目支出)."""
    readings = [e for parts in alternatives if parts for e in row_identity(doc, check, row, whole, parts)]
    if not readings:
        return
    closing = next((r for r in readings if r.finding is None), None) or next((r for r in readings if r.passed), None)
    yield closing or readings[0]


def present(candidates: Iterable[Cell], printed: set[Cell]) -> list[Cell]:
    return [c for c in candidates if c in printed]


def _name(cell: Cell, whole: Cell) -> str:
    source, measure = cell
    if source == whole[0]:
        return measure
    if measure == whole[1]:
        return source
    return f"{source}/{measure}"
