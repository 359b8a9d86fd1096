"""A located table → long-format facts (one per non-empty numeric cell), with page and bbox.

Generic over families: the header is rebuilt into a path per column (root → leaf), columns get
roles (code parts, code, label, project, amounts with their source/measure/econ_code), and each
body row yields one fact per amount cell. Two-sided tables (income left, expenditure right) are
split into their blocks by the top header cell first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .amounts import parse_amount, to_cny
from .codes import code_level, join_code_parts, split_code_label
from .pdf_grid import Cell, Grid
from .row_labels import IncomeLineReader, is_total_label, is_unit_subtotal
from .table_locate import LocatedTable, header_row_count, is_marker_row
from .table_specs import (
    CODE_COLUMN,
    CODE_PART_WORDS,
    LABEL_COLUMN,
    PROJECT_COLUMN,
    ColumnMeaning,
    ColumnRoles,
    TableSpec,
    column_meaning,
)


@dataclass(frozen=True)
class Block:
    """A run of columns read as one list: direction, classification and roles."""

    direction: str
    classification: str
    roles: ColumnRoles
    income_lines: bool  # amounts take their source from the row label


@dataclass
class Problem:
    """Something in a table that produced no fact but must not be lost silently."""

    check: str
    message: str
    page: int
    item: str
    amount: Decimal | None


def header_paths(grid: Grid, n_header: int) -> list[list[str]]:
    paths: list[list[str]] = []
    for c in range(grid.n_cols):
        path: list[str] = []
        seen: list[Cell] = []
        for r in range(n_header):
            cell = grid.cell(r, c)
            if cell is None or any(cell is s for s in seen) or is_marker_row(grid.row_texts(r)):
                continue
            seen.append(cell)
            text = re.sub(r"\s+", "", cell.text)
            if text:
                path.append(text)
        paths.append(path)
    return paths


def column_roles(paths: list[list[str]], columns: list[int], spec: TableSpec, default_source: str) -> ColumnRoles:
    roles = ColumnRoles()
    parts: dict[int, int] = {}
    for c in columns:
        path = paths[c]
        leaf = path[-1] if path else ""
        if leaf in CODE_PART_WORDS:
            parts[CODE_PART_WORDS[leaf]] = c
        elif any(re.search(CODE_COLUMN, p) for p in path[-1:]):
            roles.code = c
        elif re.search(PROJECT_COLUMN, leaf):
            roles.project = c
        elif roles.label is None and re.search(LABEL_COLUMN, leaf):
            roles.label = c
        elif path:
            roles.amounts[c] = column_meaning(path, spec, default_source)
    roles.code_parts = [parts[i] for i in sorted(parts)]
    return roles


def table_blocks(spec: TableSpec, paths: list[list[str]]) -> list[Block]:
    columns = list(range(len(paths)))
    if not spec.two_sided:
        roles = column_roles(paths, columns, spec, spec.default_source)
        return [Block(spec.direction, spec.classification, roles, False)]
    income = [c for c in columns if paths[c] and "收入" in paths[c][0]]
    expenditure = [c for c in columns if paths[c] and "支出" in paths[c][0] and c not in income]
    blocks = []
    if income:
        roles = column_roles(paths, income, spec, "all")
        blocks.append(Block("income", "income_type", roles, True))
    if expenditure:
        roles = column_roles(paths, expenditure, spec, spec.expenditure_default_source or "all")
        blocks.append(Block("expenditure", spec.classification, roles, False))
    return blocks


def _text(grid: Grid, r: int, c: int | None) -> str:
    if c is None:
        return ""
    cell = grid.cell(r, c)
    return cell.text if cell is not None and cell.row == r else ""


def _bbox(grid: Grid, r: int, c: int) -> tuple[float, float, float, float]:
    cell = grid.cell(r, c)
    if cell is not None:
        return cell.bbox
    return (grid.col_edges[c], grid.row_edges[r], grid.col_edges[c + 1], grid.row_edges[r + 1])


def table_facts(
    table: LocatedTable, context: dict[str, Any], unit: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Facts of one recognised table. `context` holds the disclosure-level columns."""
    spec = table.spec
    assert spec is not None, "unrecognized tables produce no facts"
    first = table.grids[0]
    n_header = header_row_count(first)
    paths = header_paths(first, n_header)
    blocks = table_blocks(spec, paths)
    facts: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for block in blocks:
        reader = IncomeLineReader()
        carried: list[str] | None = None
        for grid in table.grids:
            start = n_header if grid is first else header_row_count(grid)
            for r in range(start, grid.n_rows):
                row = _row_facts(grid, r, block, reader, carried, table, context, unit, problems)
                facts.extend(row[0])
                carried = row[1]
    return facts, problems


def _row_facts(
    grid: Grid,
    r: int,
    block: Block,
    reader: IncomeLineReader,
    carried: list[str] | None,
    table: LocatedTable,
    context: dict[str, Any],
    unit: str,
    problems: list[Problem],
) -> tuple[list[dict[str, Any]], list[str] | None]:
    roles = block.roles
    label = _text(grid, r, roles.label)
    code: str | None = None
    if roles.code_parts:
        code, carried = join_code_parts([_text(grid, r, c) for c in roles.code_parts], carried)
    elif roles.code is not None:
        code = re.sub(r"\s+", "", _text(grid, r, roles.code)) or None
        if code and not code.isdigit():
            label, code = (label or code), None
    if code is None and label:
        code, label = split_code_label(label)
    amounts = {c: parse_amount(_text(grid, r, c)) for c in roles.amounts}
    if not any(v is not None for v in amounts.values()):
        return [], carried
    item = label or (code or "")
    project = _text(grid, r, roles.project) or None
    if block.income_lines:
        line_source = reader.source(label)
        is_total = is_total_label(label)
    else:
        line_source = None
        is_total = code is None and (
            is_total_label(label) or is_unit_subtotal(label, context.get("department"))
        )
    facts = []
    for c, amount in amounts.items():
        if amount is None:
            continue
        meaning: ColumnMeaning = roles.amounts[c]
        source = meaning.source
        if block.income_lines:
            if line_source is None:
                problems.append(Problem("unmapped_income_line", f"income line “{label}” names no known source", grid.page, label, amount))
                continue
            source = line_source
        facts.append(
            {
                **context,
                "table_no": table.table_no,
                "table_key": table.key,
                "direction": block.direction,
                "classification": block.classification,
                "code": code,
                "code_source": "printed" if code else None,
                "code_level": code_level(code),
                "item": item,
                "project": project,
                "source": source,
                "measure": meaning.measure,
                "econ_code": meaning.econ_code,
                "gov_econ_code": None,
                "amount": amount,
                "unit": unit,
                "amount_cny": to_cny(amount, unit),
                "is_total": is_total,
                "page": grid.page,
                "bbox": tuple(round(v, 2) for v in _bbox(grid, r, c)),
            }
        )
    return facts, carried
