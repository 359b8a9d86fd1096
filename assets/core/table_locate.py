"""Find the standard tables of a document by their titles and stitch continuation pages.

Works page by page on the grids of `pdf_grid`. A table's title block is the text between the
previous grid and this one, plus any leading rows of the grid that only hold a title, a unit or a
department line (families that draw the whole page as one table print the title inside it). A
title block naming a standard table starts that table. A grid continues the table before it when
it has no title of its own (or repeats the same title) and sits at the top of the next page with
a compatible column layout, whether or not the header rows are repeated. Tables that print their
number only on a contents page get it from there. Grids that start no known table are kept as
`unrecognized`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .amounts import parse_amount
from .pdf_grid import BBox, Cell, Grid
from .table_specs import (
    CODE_COLUMN,
    LABEL_COLUMN,
    SPECS_BY_KEY,
    TITLE_END,
    TableSpec,
    match_title,
    normalise_title,
    parse_table_no,
)

UNIT = re.compile(r"(?:金额)?(?:计量)?单位[:：]\s*(万元|元|千元)")
UNIT_ONLY = re.compile(r"^[（(]?(?:金额)?(?:计量)?单位[:：]?\s*(万元|元|千元)[)）]?$")
DEPARTMENT = re.compile(
    r"(?:编制部门|编制单位|部门名称|单位名称|预算单位|填报单位|部门|单位)[:：]\s*(.+?)\s*(?:(?:金额|计量)?单位[:：]|\s{2,}|$)"
)
# Pieces of a preamble cell that prints several fields on one line.
FIELD_BREAK = re.compile(
    r"(?<!金额)(?<!计量)(?<!编制)(?<!填报)(?<!预算)(?=(?:编制|填报)?(?:部门|单位|预算单位)(?:名称)?[:：])|(?=(?:金额|计量)单位)"
)
EMPTY_DECLARED = re.compile(
    r"为空表|无此项|没有使用.*(?:安排|拨款)|无相关|本表无数据|此表无数据|空表|无发生额|此表如无数字|无.{0,12}(?:收支|支出|安排)[，,。；]?(?:故|因此|并)"
)
MARKER_CELL = re.compile(r"^(?:[※*＊]+|栏次|行次|\d{1,2})$")
CONTINUED = re.compile(r"[（(]续(?:表)?[0-9一二三四五六七八九十]*[)）]$|续表$")
# Words of column headings (not of row labels): 序号, 项目, 科目编码, 预算数, 合计 …
HEADER_WORD = re.compile(r"^(序号|项目|收入|支出|科目|类|款|项)$|编码|代码|名称|预算数|决算数|金额|^合计$|^总计$")
EDGE_TOLERANCE = 3.0  # points: column edges of a continuation grid may shift this much


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


# --- rows ----------------------------------------------------------------------------------


def is_marker_row(texts: list[str]) -> bool:
    """The ※ / column-number row that closes a header ("※ ※ 1 2 3 …")."""
    values = [t.strip() for t in texts if t.strip()]
    if len(values) < 2 or not all(MARKER_CELL.match(v) for v in values):
        return False
    numbers = [int(v) for v in values if v.isdigit()]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True


def is_amount_text(text: str) -> bool:
    """A printed amount (decimal point or thousands separator, or a bare 0)."""
    t = text.strip()
    return parse_amount(t) is not None and ("." in t or "," in t or t == "0")


def is_body_row(texts: list[str]) -> bool:
    if is_marker_row(texts):
        return False
    return any(is_amount_text(t) for t in texts)


def header_row_count(grid: Grid) -> int:
    """Rows before the first body row (header rows and the marker row)."""
    for r in range(grid.n_rows):
        texts = grid.row_texts(r)
        if is_marker_row(texts):
            return r + 1
        if is_body_row(texts) or _total_word_under_label_heading(grid, r):
            return r
    return grid.n_rows


def _total_word_under_label_heading(grid: Grid, r: int) -> bool:
    """A row printing only 合计 under the 科目编码 / 科目名称 heading is the total row whose amount
    slipped onto the next row (合计 | 2,391.92 on two lines), not a heading of its own."""
    cells = [c for c in grid.origin_cells(r) if c.text.strip()]
    if r == 0 or len(cells) != 1 or re.sub(r"\s+", "", cells[0].text) not in ("合计", "总计"):
        return False
    above = [grid.cell(a, cells[0].col) for a in range(r)]
    return any(c is not None and re.search(f"{CODE_COLUMN}|{LABEL_COLUMN}", re.sub(r"\s+", "", c.text)) for c in above)


# --- title blocks ----------------------------------------------------------------------------


@dataclass
class TitleBlock:
    spec: TableSpec | None = None
    title: str = ""
    table_no: int | None = None
    unit: str | None = None
    department: str | None = None
    empty: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def names_a_table(self) -> bool:
        return self.spec is not None or any(_looks_like_title(t) for t in self.lines)


def _looks_like_title(line: str) -> bool:
    text = normalise_title(line)
    return 4 <= len(text) <= 60 and bool(TITLE_END.search(text)) and not re.search(r"[，。；]", text)


def parse_title_block(lines: list[str]) -> TitleBlock:
    pieces = [p for text in lines for p in FIELD_BREAK.split(text) if p.strip()]
    squeezed_pieces = [re.sub(r"\s+", "", p) for p in pieces]
    block = TitleBlock(lines=pieces)
    listed: int | None = None  # a list number (二、…) counts only when nothing better is printed
    for i, text in enumerate(pieces):
        squeezed = squeezed_pieces[i]
        if block.table_no is None:
            block.table_no = parse_table_no(squeezed, listing=False)
        if listed is None:
            listed = parse_table_no(squeezed)
        if block.spec is None:
            found, title, end = _title_at(squeezed_pieces, i)
            if found is not None:
                block.spec, block.title = found, title
                listed = parse_table_no(title) or listed
        if block.unit is None and (m := UNIT.search(squeezed) or UNIT_ONLY.match(squeezed)):
            block.unit = m.group(1)
        if block.department is None and (m := DEPARTMENT.search(text.strip())):
            name = re.sub(r"\s+", "", m.group(1))
            if name and not UNIT_ONLY.match(name) and not re.match(r"^(万元|元)$", name):
                block.department = name
        if EMPTY_DECLARED.search(squeezed):
            block.empty = True
    if block.table_no is None:
        block.table_no = listed
    if not block.title:
        block.title = " ".join(t.strip() for t in lines if t.strip())[:80]
    return block


def _title_at(pieces: list[str], i: int) -> tuple[TableSpec | None, str, int]:
    """The table title starting at piece i: the piece alone or wrapped onto the next one, plus a
    bracketed note on the following line (…明细表 / （按经济分类科目分）). (kind, title, last piece)."""
    found, title, end = match_title(pieces[i]), pieces[i], i
    if found is None and i + 1 < len(pieces):  # a title wrapped over two lines
        joined = pieces[i] + pieces[i + 1]
        found = match_title(joined)
        if found is not None:
            title, end = joined, i + 1
    if found is None:
        return None, "", i
    note = pieces[end + 1] if end + 1 < len(pieces) else ""
    if re.fullmatch(r"[（(][^（()）]+[)）]", note) and not title.endswith(note):
        title, end = title + note, end + 1
        found = match_title(title) or found
    return found, title, end


def _is_preamble_text(text: str) -> bool:
    squeezed = re.sub(r"\s+", "", text)
    if not squeezed:
        return True
    if is_amount_text(squeezed):
        return False
    pieces = [re.sub(r"\s+", "", p) for p in FIELD_BREAK.split(text) if p.strip()]
    return all(
        match_title(p) is not None
        or _looks_like_title(p)
        or parse_table_no(p, listing=False) is not None
        or UNIT.search(p)
        or UNIT_ONLY.match(p)
        or DEPARTMENT.search(p)
        or EMPTY_DECLARED.search(p)
        for p in pieces
    )


def split_preamble(grid: Grid) -> tuple[list[str], Grid | None]:
    """Leading rows of a grid that only carry a title, unit or department line (or nothing).

    Returns their texts and the grid without them (None when nothing but preamble is left).
    """
    r = 0
    texts: list[str] = []
    while r < grid.n_rows:
        row = [t for t in grid.row_texts(r) if t.strip()]
        if len(row) > 3:
            break
        if any(is_amount_text(t) for t in row):
            break
        if not all(_is_preamble_text(t) for t in row):
            joined = "".join(re.sub(r"\s+", "", t) for t in row)  # 部门： | 江苏省人大… | 单位：万元
            if not _is_preamble_text(joined):
                break
            row = [joined]
        texts.extend(row)
        r += 1
    if r == 0:
        return [], grid
    if r >= grid.n_rows:
        return texts, None
    return texts, slice_rows(grid, r)


def slice_rows(grid: Grid, start: int, stop: int | None = None) -> Grid:
    """Rows start..stop of the grid (cells reaching beyond them are clipped)."""
    stop = grid.n_rows if stop is None else stop
    clipped: dict[int, Cell] = {}
    slots: list[list[Cell | None]] = []
    for r in range(start, stop):
        row: list[Cell | None] = []
        for cell in grid.slots[r]:
            if cell is None:
                row.append(None)
                continue
            new = clipped.get(id(cell))
            if new is None:
                top = max(cell.row, start)
                bottom = min(cell.row + cell.row_span, stop)
                new = Cell(top - start, cell.col, bottom - top, cell.col_span, cell.bbox, cell.text, cell.chars)
                clipped[id(cell)] = new
            row.append(new)
        slots.append(row)
    row_edges = grid.row_edges[start : stop + 1]
    bbox = (grid.bbox[0], row_edges[0], grid.bbox[2], row_edges[-1])
    return Grid(grid.page, bbox, list(grid.col_edges), list(row_edges), slots)


def split_at_titles(grid: Grid) -> list[Grid]:
    """A grid holding several tables (a word processor's one long table): cut before every row
    below the first that prints a table title on its own."""
    cuts = [0]
    for r in range(1, grid.n_rows):
        row = [t for t in grid.row_texts(r) if t.strip()]
        if 1 <= len(row) <= 3 and any(match_title(t) for t in row):
            cuts.append(r)
    if len(cuts) == 1:
        return [grid]
    return [slice_rows(grid, a, b) for a, b in zip(cuts, cuts[1:] + [grid.n_rows], strict=True)]


# --- contents page ---------------------------------------------------------------------------


def contents_numbers(pages: list[tuple[PageText, list[Grid]]]) -> dict[str, int]:
    """Table numbers a contents page assigns (一、收支预算总表 → 1), by normalised title.

    Only lines that carry both a number and a table title count; the first page listing at least
    three of them is the contents page.
    """
    for page_text, grids in pages:
        lines = [t for t, _ in page_text.lines]
        lines += [c.text for g in grids for r in range(g.n_rows) for c in g.origin_cells(r) if c.text]
        numbered: dict[str, int] = {}
        for text in lines:
            squeezed = re.sub(r"\s+", "", text)
            squeezed = re.sub(r"[.…·]{3,}\d*$", "", squeezed)  # dot leaders and page numbers
            number = parse_table_no(squeezed)
            if number is None or match_title(squeezed) is None:
                continue
            numbered.setdefault(_title_core(squeezed), number)
        if len(numbered) >= 3:
            return numbered
    return {}


def _title_core(text: str) -> str:
    """A title without number, year, department prefix and notes, for contents look-ups."""
    core = normalise_title(text)
    core = re.sub(r"[（(][^（()）]*[)）]$", "", core)
    core = re.sub(r"^.*?20\d{2}年度?", "", core)
    return core


# --- locating --------------------------------------------------------------------------------


def _title_lines(lines: list[tuple[str, BBox]], top: float, bottom: float) -> list[str]:
    return [text for text, box in lines if top - 1 <= box[1] and box[3] <= bottom + 1]


def _continues(current: LocatedTable | None, grid: Grid, block: TitleBlock, first_on_page: bool) -> bool:
    """Does this grid carry on the table before it?"""
    if current is None or not current.grids or not first_on_page:
        return False
    last = current.grids[-1]
    if last.page != grid.page - 1:
        return False
    if not _compatible_columns(last, grid) and not (block.spec is None and not block.names_a_table and _opens_with_rows(grid)):
        return False  # columns drawn differently: only an untitled grid opening with body rows
    if not _starts_like_continuation(current.grids[0], grid):
        return False
    if block.spec is None:
        return not block.names_a_table
    # A repeated title: the same kind, and the same number if both print one.
    same_no = block.table_no is None or current.table_no is None or block.table_no == current.table_no
    return block.spec is current.spec and same_no


def _starts_like_continuation(first: Grid, grid: Grid) -> bool:
    """A continuation starts with body rows or repeats the first grid's header; a grid that opens
    with a header of its own is another table."""
    header = {re.sub(r"\s+", "", t) for r in range(header_row_count(first)) for t in first.row_texts(r) if t.strip()}
    for r in range(grid.n_rows):
        texts = grid.row_texts(r)
        values = {re.sub(r"\s+", "", t) for t in texts if t.strip()}
        if not values:
            continue
        return is_body_row(texts) or is_marker_row(texts) or bool(values & header) or not _is_header_like(texts)
    return True


def _opens_with_rows(grid: Grid) -> bool:
    """The first non-empty row is a body row (amounts) or a label piece, not a header."""
    for r in range(grid.n_rows):
        texts = grid.row_texts(r)
        if any(t.strip() for t in texts):
            return is_body_row(texts) or not _is_header_like(texts)
    return False


def _is_header_like(texts: list[str]) -> bool:
    """Several short text cells and no amount: a header row."""
    values = [re.sub(r"\s+", "", t) for t in texts if t.strip()]
    if len(values) < 2 or any(is_amount_text(t) for t in values):
        return False
    if any(re.match(r"^[\[【(（]?\d{3,7}", t) for t in values):
        return False  # a coded row without amounts
    return any(HEADER_WORD.search(t) for t in values)


def _compatible_columns(a: Grid, b: Grid) -> bool:
    if a.n_cols == b.n_cols:
        return True
    edges_a, edges_b = a.col_edges, b.col_edges
    shared = sum(1 for x in edges_b if any(abs(x - y) <= EDGE_TOLERANCE for y in edges_a))
    return shared >= 0.8 * max(len(edges_a), len(edges_b))


def _text_grid_lines(grid: Grid) -> list[tuple[str, BBox]]:
    """A one-column grid is a box drawn around text: its cells read as lines."""
    return [(c.text, c.bbox) for r in range(grid.n_rows) for c in grid.origin_cells(r) if c.text]


def locate_tables(pages: list[tuple[PageText, list[Grid]]]) -> list[LocatedTable]:
    """Tables of a document, in order, from (page text, page grids) per page."""
    numbers = contents_numbers(pages)
    tables: list[LocatedTable] = []
    current: LocatedTable | None = None
    carried_title: list[str] = []  # a title printed below the last grid of the previous page
    for page_text, page_grids in pages:
        lines = list(page_text.lines)
        grids = []
        for page_grid in page_grids:
            if page_grid.n_cols == 1:
                lines.extend(_text_grid_lines(page_grid))
            else:
                grids.append(page_grid)
        lines.sort(key=lambda item: (item[1][1], item[1][0]))
        previous_bottom = 0.0
        grids = [segment for g in grids for segment in split_at_titles(g)]
        for i, raw_grid in enumerate(grids):
            preamble, grid = split_preamble(raw_grid)
            above = _title_lines(lines, previous_bottom, raw_grid.bbox[1])
            block = parse_title_block((carried_title if i == 0 else []) + above + preamble)
            previous_bottom = raw_grid.bbox[3]
            if grid is None:
                continue
            if _continues(current, grid, block, first_on_page=i == 0) and current is not None:
                current.grids.append(grid)
                current.declared_empty = current.declared_empty or block.empty
                continue
            table_no = block.table_no
            if table_no is None and block.spec is not None:
                table_no = numbers.get(_title_core(block.title))
            current = LocatedTable(block.spec, block.title, table_no, block.unit, block.department, [grid], block.empty)
            tables.append(current)
        # An empty-table sentence below the last grid of the page belongs to that table; a title
        # there belongs to the first grid of the next page.
        carried_title = []
        if grids and current is not None and current.grids and current.grids[-1].page == page_text.page:
            below = [t for t, box in lines if box[1] >= current.grids[-1].bbox[3] - 1]
            if any(EMPTY_DECLARED.search(re.sub(r"\s+", "", t)) for t in below[:3]):
                current.declared_empty = True
            if parse_title_block(below[-6:]).names_a_table:
                carried_title = below[-6:]
    for table in tables:
        table.declared_empty = table.declared_empty or _empty_note_inside(table)
    _number_by_contents_order(tables, numbers)
    _number_by_order(tables)
    return tables


def _empty_note_inside(table: LocatedTable) -> bool:
    """A note row inside the table saying it is empty (注：本部门无相关收支项目)."""
    for grid in table.grids:
        for r in range(grid.n_rows):
            texts = [t for t in grid.row_texts(r) if t.strip()]
            if len(texts) == 1 and EMPTY_DECLARED.search(re.sub(r"\s+", "", texts[0])):
                return True
    return False


def _number_by_contents_order(tables: list[LocatedTable], numbers: dict[str, int]) -> None:
    """Recognised tables still without a number: the contents number of their kind, if the
    contents page lists that kind once (titles differ between contents and body)."""
    if not numbers:
        return
    by_key: dict[str, list[int]] = {}
    for core, number in numbers.items():
        spec = match_title(core)
        if spec is not None:
            by_key.setdefault(spec.key, []).append(number)
    used = {t.table_no for t in tables if t.table_no is not None}
    for table in tables:
        if table.table_no is None and table.spec is not None:
            candidates = [n for n in by_key.get(table.spec.key, []) if n not in used]
            if len(candidates) == 1:
                table.table_no = candidates[0]
                used.add(candidates[0])


def _number_by_order(tables: list[LocatedTable]) -> None:
    """Recognised tables that print no number anywhere: their position among the recognised
    tables (the order every family publishes them in), so that each table has its own number."""
    recognised = [t for t in tables if t.spec is not None]
    used = {t.table_no for t in recognised if t.table_no is not None}
    for position, table in enumerate(recognised, start=1):
        if table.table_no is None:
            number = position
            while number in used:
                number += 1
            table.table_no = number
            used.add(number)
