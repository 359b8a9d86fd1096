"""Find the standard tables of a document by their titles and stitch continuation pages.

Works page by page on the ruled grids of `pdf_grid`: a grid whose title block (the text lines
between the previous table and the grid) names a standard table starts that table; a grid on
the next page without a title and with the same number of columns continues it, whether or not
the header rows are repeated. Grids that start no known table are kept as `unrecognized`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .amounts import parse_amount
from .pdf_grid import BBox, Grid
from .table_specs import SPECS_BY_KEY, TableSpec, match_title, parse_table_no

UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元|千元)")
DEPARTMENT = re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|预算单位)[:：]\s*(.+?)\s*(?:(?:金额)?单位[:：]|\s{2,}|$)")
EMPTY_DECLARED = re.compile(r"为空表|无此项|没有使用.*(?:安排|拨款)|无相关|本表无数据|空表")
MARKER_CELL = re.compile(r"^(?:※|\*|＊|栏次|行次|\d{1,2})$")


@dataclass
class PageText:
    """Lines of a page outside its grids, with their boxes."""

    page: int
    lines: list[tuple[str, BBox]]


@dataclass
class LocatedTable:
    spec: TableSpec | None  # None: unrecognized
    title: str
    table_no: int | None
    unit: str | None
    department: str | None
    grids: list[Grid] = field(default_factory=list)
    declared_empty: bool = False

    @property
    def key(self) -> str:
        return self.spec.key if self.spec else "unrecognized"

    @property
    def pages(self) -> list[int]:
        return sorted({g.page for g in self.grids})

    def to_dict(self) -> dict[str, Any]:
        return {
            "table_key": self.key,
            "title": self.title,
            "table_no": self.table_no,
            "unit": self.unit,
            "department": self.department,
            "declared_empty": self.declared_empty,
            "grids": [g.to_dict() for g in self.grids],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LocatedTable:
        return cls(
            SPECS_BY_KEY.get(data["table_key"]),
            data["title"],
            data["table_no"],
            data["unit"],
            data["department"],
            [Grid.from_dict(g) for g in data["grids"]],
            data["declared_empty"],
        )


def is_marker_row(texts: list[str]) -> bool:
    """The ※ / column-number row that closes a header ("※ ※ 1 2 3 …")."""
    values = [t.strip() for t in texts if t.strip()]
    if len(values) < 2 or not all(MARKER_CELL.match(v) for v in values):
        return False
    numbers = [int(v) for v in values if v.isdigit()]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True


def is_body_row(texts: list[str]) -> bool:
    if is_marker_row(texts):
        return False
    return any(parse_amount(t) is not None and ("." in t or "," in t or t.strip() == "0") for t in texts)


def header_row_count(grid: Grid) -> int:
    """Rows before the first body row (header rows and the marker row)."""
    for r in range(grid.n_rows):
        texts = grid.row_texts(r)
        if is_marker_row(texts):
            return r + 1
        if is_body_row(texts):
            return r
    return grid.n_rows


def _title_block(lines: list[tuple[str, BBox]], top: float, bottom: float) -> list[str]:
    return [text for text, box in lines if top - 1 <= box[1] and box[3] <= bottom + 1]


def _parse_title_block(block: list[str]) -> tuple[TableSpec | None, str, int | None, str | None, str | None]:
    spec, title, table_no, unit, department = None, "", None, None, None
    for text in block:
        squeezed = re.sub(r"\s+", "", text)
        if table_no is None:
            table_no = parse_table_no(squeezed)
        if spec is None:
            found = match_title(text)
            if found is not None:
                spec, title = found, squeezed
        if unit is None and (m := UNIT.search(squeezed)):
            unit = m.group(1)
        if department is None and (m := DEPARTMENT.search(text.strip())):
            department = re.sub(r"\s+", "", m.group(1))
    return spec, title, table_no, unit, department


def locate_tables(pages: list[tuple[PageText, list[Grid]]]) -> list[LocatedTable]:
    """Tables of a document, in order, from (page text, page grids) per page."""
    tables: list[LocatedTable] = []
    current: LocatedTable | None = None
    for page_text, grids in pages:
        previous_bottom = 0.0
        for i, grid in enumerate(grids):
            block = _title_block(page_text.lines, previous_bottom, grid.bbox[1])
            spec, title, table_no, unit, department = _parse_title_block(block)
            continues = (
                spec is None
                and current is not None
                and i == 0
                and current.grids
                and current.grids[-1].page == grid.page - 1
                and current.grids[-1].n_cols == grid.n_cols
                and not any(match_title(t) for t in block)
            )
            if continues and current is not None:
                current.grids.append(grid)
            else:
                current = LocatedTable(spec, title or " ".join(block)[:80], table_no, unit, department, [grid])
                tables.append(current)
            previous_bottom = grid.bbox[3]
        # An empty-table sentence below the last grid of the page belongs to that table.
        if grids and current is not None and current.grids[-1] is grids[-1]:
            below = [t for t, box in page_text.lines if box[1] >= grids[-1].bbox[3] - 1]
            if any(EMPTY_DECLARED.search(re.sub(r"\s+", "", t)) for t in below[:3]):
                current.declared_empty = True
    return tables
