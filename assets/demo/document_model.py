"""A budget disclosure as data (tables with merged headers, narrative), and the grid notation.

Tables are written (see `seed_tables.py`) in a small grid notation, parsed here:

* one line per printed row, cells separated by ``|``; an empty cell is a blank printed cell;
* in header grids ``<`` means "merged into the cell on the left" and ``^`` "merged into
  the cell above", so a header reads like the printed one, spans included;
* ``\\n`` (backslash-n, the grid strings are raw) marks a line break printed inside a cell;
* a body line ``--- page break ---`` marks where the office's export continued the table on
  the next page (with the header repeated and no title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AMOUNT_PATTERN = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d+")
"""An amount as these tables print it: thousands separators, always with decimals."""

PAGE_BREAK = "--- page break ---"
_MERGED_LEFT = "<"
_MERGED_UP = "^"
_LINE_BREAK = "\\n"


@dataclass(frozen=True)
class HeaderCell:
    """One printed header cell; row/col are 0-based positions in the header grid."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BudgetTable:
    """One of the standard tables 表1–表11, as printed."""

    number: int
    title: str
    unit: str
    column_widths: tuple[float, ...]
    """Relative column widths (the renderer scales them to the page)."""
    header: tuple[HeaderCell, ...]
    header_row_count: int
    body_pages: tuple[tuple[tuple[str, ...], ...], ...]
    """Body rows per printed page; more than one entry means the table continues."""
    empty_note: str | None = None
    """The sentence printed under a header-only table (…为空表。)."""

    @property
    def column_count(self) -> int:
        return len(self.column_widths)

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        return tuple(row for page in self.body_pages for row in page)

    def amounts(self) -> list[str]:
        """Every amount printed in the body, in reading order (blank cells are not amounts)."""
        return [cell for row in self.body_rows for cell in row if AMOUNT_PATTERN.fullmatch(cell)]


@dataclass(frozen=True)
class NarrativeSection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class NarrativePart:
    """A 第N部分 of the document: a heading and its sections."""

    heading: str
    sections: tuple[NarrativeSection, ...]


@dataclass(frozen=True)
class BudgetDocument:
    """A whole disclosure: cover data, narrative parts and the standard tables."""

    region: str
    department: str
    year: int
    doc_kind: str
    title: str
    narrative: tuple[NarrativePart, ...]
    tables_heading: str
    tables: tuple[BudgetTable, ...]

    def table(self, number: int) -> BudgetTable:
        for table in self.tables:
            if table.number == number:
                return table
        raise KeyError(f"no 表{number} in {self.title}")

    def amounts(self) -> list[str]:
        return [amount for table in self.tables for amount in table.amounts()]


def _split_cells(line: str) -> list[str]:
    return [cell.strip().replace(_LINE_BREAK, "\n") for cell in line.split("|")]


def _grid_lines(grid: str) -> list[str]:
    return [line for line in grid.strip("\n").splitlines() if line.strip()]


def parse_header(grid: str) -> tuple[tuple[HeaderCell, ...], int, int]:
    """Header cells (with spans) of a header grid; returns (cells, row count, column count)."""
    rows = [_split_cells(line) for line in _grid_lines(grid)]
    column_count = len(rows[0])
    owner: list[list[int]] = []
    anchors: list[tuple[str, int, int]] = []
    for r, row in enumerate(rows):
        if len(row) != column_count:
            raise ValueError(f"header row {r} has {len(row)} cells, expected {column_count}: {row}")
        owner.append([])
        for c, text in enumerate(row):
            if text == _MERGED_LEFT and c > 0:
                owner[r].append(owner[r][c - 1])
            elif text == _MERGED_UP and r > 0:
                owner[r].append(owner[r - 1][c])
            elif text in (_MERGED_LEFT, _MERGED_UP):
                raise ValueError(f"merge marker {text!r} at the grid edge (row {r}, column {c})")
            else:
                owner[r].append(len(anchors))
                anchors.append((text, r, c))
    cells = []
    for index, (text, r0, c0) in enumerate(anchors):
        positions = [(r, c) for r, row in enumerate(owner) for c, o in enumerate(row) if o == index]
        r1 = max(r for r, _ in positions) + 1
        c1 = max(c for _, c in positions) + 1
        if len(positions) != (r1 - r0) * (c1 - c0):
            raise ValueError(f"header cell {text!r} does not cover a rectangle")
        cells.append(HeaderCell(text, r0, c0, r1 - r0, c1 - c0))
    return tuple(cells), len(rows), column_count


def parse_body(grid: str, column_count: int) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Body rows of a body grid, split into printed pages at ``--- page break ---`` lines."""
    pages: list[list[tuple[str, ...]]] = [[]]
    for line in _grid_lines(grid):
        if line.strip() == PAGE_BREAK:
            pages.append([])
            continue
        row = tuple(_split_cells(line))
        if len(row) != column_count:
            raise ValueError(f"body row has {len(row)} cells, expected {column_count}: {row}")
        pages[-1].append(row)
    return tuple(tuple(page) for page in pages if page)


def budget_table(
    number: int,
    title: str,
    column_widths: tuple[float, ...],
    header: str,
    body: str = "",
    empty_note: str | None = None,
    unit: str = "万元",
) -> BudgetTable:
    """Build a table from its grids, checking that header, body and widths agree on columns."""
    cells, header_rows, column_count = parse_header(header)
    if column_count != len(column_widths):
        raise ValueError(f"表{number}: {len(column_widths)} widths for {column_count} columns")
    return BudgetTable(
        number=number,
        title=title,
        unit=unit,
        column_widths=column_widths,
        header=cells,
        header_row_count=header_rows,
        body_pages=parse_body(body, column_count),
        empty_note=empty_note,
    )
