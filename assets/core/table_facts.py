"""A located table → long-format facts (one per non-empty numeric cell), with page and bbox.

Generic over families: the header is rebuilt into a path per column (root → leaf), columns get
roles (code parts, code, label, project, economic-code columns, amounts with their
source/measure/econ_code), and each body row yields one fact per amount cell. Two-sided tables
(income left, expenditure right) are cut into blocks, one per label column: the income lines,
the functional lines, and where printed a 支出用途 block whose lines name measures. Tables whose
items are columns (三公: 合计 | 因公出国（境）费 | …) yield one fact per column and body row.
Continuation grids are read with the first grid's header, mapped by column position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .amounts import parse_amount, to_cny
from .codes import CODE_ONLY, code_level, join_code_parts, split_code_label
from .pdf_grid import Grid
from .row_labels import (
    IncomeLineReader,
    is_total_label,
    is_unit_subtotal,
    is_year_row,
    purpose_measure,
    row_year,
    year_row_measure,
)
from .table_locate import LocatedTable, header_row_count, is_amount_text, is_body_row, is_marker_row
from .table_specs import (
    CODE_COLUMN,
    CODE_PART_WORDS,
    ECON_CODE_COLUMN,
    FINAL_COLUMN,
    FLOW_TABLE,
    GOV_ECON_CODE_COLUMN,
    IGNORED_COLUMN,
    LABEL_COLUMN,
    PROJECT_COLUMN,
    PURPOSE_BLOCK,
    TITLE_CLASSIFICATIONS,
    UNIT_COLUMN,
    ColumnMeaning,
    HeaderContext,
    TableSpec,
    column_meaning,
    first_match,
    is_item_header,
)

ITEM_TOTAL = re.compile(r"合计|总计|小计|总额")
# 公务用车购置及运行费 → 公务用车: the subject its parts (购置费, 运行费) leave out.
PART_SUBJECT = re.compile(r"^(.+?)购置及运[行营]")
LINE_PART_MEASURES = {"prior_year_carryover": "carried_over", "current_income": "new_budget"}
LIST_NUMBERING = re.compile(r"^(其中|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])")
YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass
class ColumnRoles:
    code_parts: list[int] = field(default_factory=list)  # column indexes of 类/款/项
    econ_parts: list[int] = field(default_factory=list)  # 类/款 of a 部门经济分类 code beside
    gov_parts: list[int] = field(default_factory=list)  # 类/款 of a 政府经济分类 code beside
    code: int | None = None
    label: int | None = None
    project: int | None = None
    unit: int | None = None  # 预算单位: names a row that has no name of its own
    econ: int | None = None  # 部门支出经济分类 code (+ name) column beside the row's own
    gov_econ: int | None = None  # 政府支出经济分类 code (+ name) column
    amounts: dict[int, ColumnMeaning] = field(default_factory=dict)
    items: dict[int, str] = field(default_factory=dict)  # items-in-columns: column → item label
    system: str = "main"  # which classification the row's own code is (main, econ, gov)

    @property
    def has_row_labels(self) -> bool:
        return bool(self.code_parts) or self.code is not None or self.label is not None or self.econ is not None


@dataclass(frozen=True)
class Block:
    """A run of columns read as one list: direction, classification and roles."""

    direction: str
    classification: str
    roles: ColumnRoles
    income_lines: bool = False  # amounts take their source from the row label
    purpose_lines: bool = False  # amounts take their measure from the row label (支出用途)


@dataclass
class Problem:
    """Something in a table that produced no fact but must not be lost silently."""

    check: str
    message: str
    page: int
    item: str
    amount: Decimal | None


# --- header --------------------------------------------------------------------------------


def header_paths(grid: Grid, n_header: int) -> list[list[str]]:
    """Per column, the header texts from the top down. Two stacked cells of exactly the same
    width are one heading wrapped by a word processor (公务接 / 待费), joined."""
    paths: list[list[str]] = []
    for c in range(grid.n_cols):
        path: list[str] = []
        seen: list[int] = []
        previous: tuple[int, int] | None = None
        for r in range(n_header):
            cell = grid.cell(r, c)
            if cell is None or id(cell) in seen or is_marker_row(grid.row_texts(r)):
                continue
            seen.append(id(cell))
            text = re.sub(r"\s+", "", cell.text)
            if not text:
                continue
            if path and previous == (cell.col, cell.col_span) and _wrapped(path[-1], text):
                path[-1] += text
            else:
                path.append(text)
            previous = (cell.col, cell.col_span)
        paths.append(path)
    return paths


def _wrapped(upper: str, lower: str) -> bool:
    """The lower text continues the upper one (not a heading of its own such as 小计 or 合计)."""
    return not re.fullmatch(r"[（(]?(小计|合计|总计|金额|预算数|决算数)[)）]?", lower)


def _absorb_code_part_words(grid: Grid, n_header: int, paths: list[list[str]]) -> None:
    """类 | 款 | 项 printed in the first body row (beside 合计) head their columns."""
    if n_header >= grid.n_rows:
        return
    for c, text in enumerate(grid.row_texts(n_header)):
        word = re.sub(r"\s+", "", text)
        if word in CODE_PART_WORDS and (not paths[c] or paths[c][-1] != word):
            paths[c].append(word)


def current_year(paths: list[list[str]]) -> int | None:
    """The latest year the header names, when it names two (上年预算数 printed beside 本年)."""
    years = {int(y) for path in paths for text in path for y in YEAR.findall(text)}
    return max(years) if len(years) >= 2 else None


def classifier(path: list[str]) -> tuple[str, str] | None:
    """(system, part) of a column that classifies the rows, None for other columns.

    system: main (the table's own classification), econ (部门支出经济分类) or gov (政府支出经济
    分类); part: code (编码) or name (名称, possibly with the code inside)."""
    leaf = re.sub(r"[（(][^（()）]*[)）]$", "", path[-1]) if path else ""
    is_code, is_name = bool(re.search(CODE_COLUMN, leaf)), bool(re.search(LABEL_COLUMN, leaf))
    if not (is_code or is_name):
        return None
    system = "gov" if re.search(GOV_ECON_CODE_COLUMN, leaf) else "econ" if re.search(ECON_CODE_COLUMN, leaf) else "main"
    return system, "code" if is_code else "name"


SYSTEM_CLASSIFICATIONS = {"econ": "economic", "gov": "gov_economic"}


def column_roles(
    paths: list[list[str]],
    columns: list[int],
    spec: TableSpec,
    default_source: str,
    context: HeaderContext,
    text_columns: frozenset[int] = frozenset(),
) -> ColumnRoles:
    roles = ColumnRoles()
    parts: dict[str, dict[int, int]] = {}  # system → level (类/款/项) → column
    systems: dict[str, dict[str, int]] = {}  # system → code / name → column
    seen: list[str] = []  # systems in column order
    for c in columns:
        path = [] if _under_group_only(paths, c) else paths[c]
        leaf = path[-1] if path else ""
        if not path or re.search(IGNORED_COLUMN, leaf):
            continue
        if leaf in CODE_PART_WORDS:
            # 类/款/项 under a 部门/政府经济分类 heading belong to that system.
            found = classifier(path[:-1])
            system = found[0] if found else "main"
            parts.setdefault(system, {})[CODE_PART_WORDS[leaf]] = c
        elif re.search(PROJECT_COLUMN, leaf):
            roles.project = c if roles.project is None else roles.project
            continue
        elif re.search(UNIT_COLUMN, leaf) and roles.unit is None:
            roles.unit = c
            continue
        elif (found := classifier(path)) is not None:
            system = found[0]
            systems.setdefault(system, {}).setdefault(found[1], c)
        elif c in text_columns and not seen and roles.project is None:
            # A header the words do not know over a column of text, before any other label: the
            # row labels (支出项目类别（资金使用单位）); later text columns are notes (绩效目标).
            system = "main"
            systems.setdefault("main", {})["name"] = c
        else:
            if c not in text_columns:
                roles.amounts[c] = column_meaning(path, spec, default_source, context)
            continue
        if system not in seen:
            seen.append(system)
    # The row's own classification is the first printed (政府 codes only when nothing else is).
    order = [s for s in seen if s != "gov"] or seen
    if order:
        own = order[0]
        roles.system = own
        roles.code_parts = _levels(parts.get(own, {}))
        roles.code, roles.label = systems.get(own, {}).get("code"), systems.get(own, {}).get("name")
        for other in order[1:]:
            names = systems.get(other, {})
            if roles.label is None and "name" in names and "code" not in names and other not in parts:
                roles.label = names["name"]  # 部门预算经济分类科目编码 (类|款) · 经济分类科目名称
            elif other == "econ":
                roles.econ_parts = _levels(parts.get("econ", {}))
                roles.econ = names.get("code", names.get("name"))
    if "gov" in seen and roles.system != "gov":
        roles.gov_parts = _levels(parts.get("gov", {}))
        roles.gov_econ = systems.get("gov", {}).get("code", systems.get("gov", {}).get("name"))
    if roles.label is None and roles.project is not None:
        roles.label, roles.project = roles.project, None  # 项目名称 names the rows (收入 › 项目名称)
    if roles.label is None and roles.code is None and not roles.code_parts and roles.unit is not None:
        roles.label, roles.unit = roles.unit, None  # rows are units (收入总表 by 预算单位)
    itemised = [c for c in roles.amounts if any(is_item_header(t) for t in paths[c])]
    if spec.items_in_columns and (not roles.has_row_labels or len(itemised) >= 2):
        for c in roles.amounts:
            roles.items[c] = _column_item(paths[c])
            non_items = [t for t in paths[c] if not is_item_header(t)]
            roles.amounts[c] = column_meaning(non_items, spec, default_source, context)
    return roles


def _levels(levels: dict[int, int]) -> list[int]:
    return [levels[i] for i in sorted(levels)]


def _column_item(path: list[str]) -> str:
    """The item a column stands for: its leaf header; a 小计 column is its parent's 小计; a part
    printed without its subject (购置费 | 运行费 under 公务用车购置及运行费) takes the parent's
    subject (公务用车购置费)."""
    items = [t for t in path if is_item_header(t)] or path[-1:]
    leaf = items[-1]
    parent = items[-2] if len(items) >= 2 else ""
    if re.fullmatch(r"[（(]?小计[)）]?", leaf) and parent:
        return parent + leaf
    if (subject := PART_SUBJECT.match(parent)) and re.match(r"购置|运[行营]", leaf):
        return subject.group(1) + leaf
    return leaf


def _is_label_column(path: list[str]) -> bool:
    leaf = path[-1] if path else ""
    return classifier(path) is not None or leaf in CODE_PART_WORDS


def header_context(paths: list[list[str]]) -> HeaderContext:
    texts = [t for path in paths for t in path]
    return HeaderContext(
        year=current_year(paths),
        beside_final=any(FINAL_COLUMN.search(t) for t in texts),
        flow=any(FLOW_TABLE.search(t) for t in texts),
    )


def table_blocks(
    spec: TableSpec,
    paths: list[list[str]],
    context: HeaderContext,
    title: str = "",
    text_columns: frozenset[int] = frozenset(),
) -> list[Block]:
    columns = list(range(len(paths)))
    income = [c for c in columns if paths[c] and "收入" in paths[c][0]]
    if spec.two_sided and income and not any(_is_label_column(paths[c]) for c in income):
        # 收入 / 支出 over columns of flows, rows by function (决算 政府性基金…收入支出决算表).
        spec = replace(spec, two_sided=False, default_source=spec.expenditure_default_source or spec.default_source)
    if not spec.two_sided:
        classification = first_match(TITLE_CLASSIFICATIONS, title) if spec.classification in ("functional", "economic") else None
        # Panels side by side (决算 基本支出: 人员经费 codes | amounts | 公用经费 codes | amounts):
        # each label column that follows amounts starts a list of its own.
        runs = _runs(paths, [c for c in columns if paths[c]])
        if len(runs) < 2 or not all(any(_is_label_column(paths[c]) for c in run) for run in runs):
            runs = [columns]
        return [
            Block(spec.direction, classification or spec.classification,
                  column_roles(paths, run, spec, spec.default_source, context, text_columns))
            for run in runs
        ]  # fmt: skip
    income = [c for c in columns if paths[c] and "收入" in paths[c][0]]
    expenditure = [c for c in columns if paths[c] and "支出" in paths[c][0] and c not in income]
    if not income and not expenditure:
        # No 收入 / 支出 over the columns: the first list is the income, the rest expenditure.
        runs = _runs(paths, [c for c in columns if paths[c]])
        income = runs[0] if runs else []
        expenditure = [c for run in runs[1:] for c in run]
    blocks = []
    if income:
        roles = column_roles(paths, income, spec, "all", context, text_columns)
        blocks.append(Block("income", "income_type", roles, income_lines=True))
    for run in _runs(paths, expenditure):
        purpose = any(re.search(PURPOSE_BLOCK, t) for c in run for t in paths[c])
        default = spec.expenditure_default_source or "all"
        roles = column_roles(paths, run, spec, default, context, text_columns)
        if purpose:
            blocks.append(Block("expenditure", "expenditure_type", roles, purpose_lines=True))
        else:
            classification = SYSTEM_CLASSIFICATIONS.get(roles.system, spec.classification)
            blocks.append(Block("expenditure", classification, roles))
    return blocks


def _under_group_only(paths: list[list[str]], c: int) -> bool:
    """A column headed only by a group heading that spans it and headed columns beside it
    (支出 › … over 功能分类 and 支出用途): no heading of its own."""
    path = paths[c]
    return bool(path) and any(
        d != c and len(other) > len(path) and other[: len(path)] == path for d, other in enumerate(paths)
    )


def _runs(paths: list[list[str]], columns: list[int]) -> list[list[int]]:
    """Columns cut before every label column that follows an amount column."""
    runs: list[list[int]] = []

    def label(col: int) -> bool:
        return not _under_group_only(paths, col) and _is_label_column(paths[col])

    for c in columns:
        starts_run = label(c) and (not runs or not label(runs[-1][-1]))
        if starts_run or not runs:
            runs.append([c])
        else:
            runs[-1].append(c)
    return runs


def text_columns(grids: list[Grid], n_header: int) -> frozenset[int]:
    """Columns (of the first grid) whose body cells are mostly text, not amounts."""
    first = grids[0]
    counts: dict[int, list[int]] = {c: [0, 0] for c in range(first.n_cols)}
    for r in range(n_header, first.n_rows):
        for c in range(first.n_cols):
            text = _text(first, r, c).strip()
            if not text:
                continue
            amount = parse_amount(text) is not None or text in ("-", "—", "--", "——", "/")
            counts[c][0 if amount else 1] += 1
    return frozenset(c for c, (amounts, texts) in counts.items() if texts > amounts)


# --- body ----------------------------------------------------------------------------------


def repeated_header_rows(grid: Grid, header_texts: set[str]) -> int:
    """Leading rows of a continuation grid that repeat the first grid's header."""
    r = 0
    while r < grid.n_rows:
        texts = grid.row_texts(r)
        values = {re.sub(r"\s+", "", t) for t in texts if t.strip()}
        if is_marker_row(texts) or (values and values <= header_texts and not is_body_row(texts)):
            r += 1
        elif not values and r < header_row_count(grid):
            r += 1
        else:
            break
    return r


def column_map(first: Grid, grid: Grid) -> dict[int, int]:
    """Columns of the first grid → columns of a continuation grid, by position."""
    if grid.n_cols == first.n_cols:
        return {c: c for c in range(first.n_cols)}
    out: dict[int, int] = {}
    for c in range(first.n_cols):
        centre = (first.col_edges[c] + first.col_edges[c + 1]) / 2
        for d in range(grid.n_cols):
            if grid.col_edges[d] - 1 <= centre <= grid.col_edges[d + 1] + 1:
                out[c] = d
                break
    return out


def _text(grid: Grid, r: int, c: int | None) -> str:
    if c is None or c < 0 or c >= grid.n_cols:
        return ""
    cell = grid.cell(r, c)
    return cell.text if cell is not None and cell.row == r else ""


def _amount_text(grid: Grid, r: int, c: int) -> str:
    """An amount cell's text; a label cell spanning into the column is not an amount. A header
    word wrapped down into the first body cell (“入0.00” under 对附属单位上缴收 / 入) is dropped."""
    cell = grid.cell(r, c)
    if cell is None or cell.row != r:
        return ""
    if cell.col != c and cell.col_span > 1 and (parse_amount(cell.text) is None or CODE_ONLY.match(cell.text.strip())):
        return ""  # a label or a code (302) merged across the column
    spill = re.match(r"^[\u4e00-\u9fff]{1,2}(?=[-\d(（])", cell.text.strip())
    if spill and parse_amount(cell.text.strip()[spill.end():]) is not None:
        return cell.text.strip()[spill.end():]
    return cell.text


def _nearest(columns: list[int], col: int) -> int:
    return min(columns, key=lambda a: abs(a - col))


def _code_and_name(text: str) -> tuple[str | None, str]:
    """A code column's code, or the code at the start of a code-and-name cell."""
    squeezed = re.sub(r"\s+", "", text)
    if squeezed.isdigit():
        return (squeezed if CODE_ONLY.match(squeezed) else None), ""
    return split_code_label(text) if squeezed else (None, "")


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
    _absorb_code_part_words(first, n_header, paths)
    header_texts = {re.sub(r"\s+", "", t) for r in range(n_header) for t in first.row_texts(r) if t.strip()}
    blocks = table_blocks(spec, paths, header_context(paths), table.title, text_columns(table.grids, n_header))
    facts: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for block in blocks:
        reader = IncomeLineReader()
        carried: list[str] | None = None
        sequence: list[RowReader] = []
        for grid in table.grids:
            start = n_header if grid is first else repeated_header_rows(grid, header_texts)
            cols = column_map(first, grid)
            sequence += [
                RowReader(grid, r, cols, block, table, context, unit, single_block=len(blocks) == 1)
                for r in range(start, grid.n_rows)
            ]
        years = [y for row in sequence if (y := row_year(row.text(block.roles.label))) is not None]
        for i, row in enumerate(sequence):  # rows know their neighbours, across page breaks
            row.before = sequence[i - 1] if i else None
            row.after = sequence[i + 1] if i + 1 < len(sequence) else None
            row.latest_year = max(years) if years else None
        for row in sequence:
            row_facts, carried = row.facts(reader, carried, problems)
            facts.extend(row_facts)
    return _distinct(facts, problems), problems


def _distinct(facts: list[dict[str, Any]], problems: list[Problem]) -> list[dict[str, Any]]:
    """One fact per key. A summary listing the same lines by several classifications prints its
    totals once per list on one row (本年支出合计 …): the same quantity, kept once; a second
    number under the same key that differs is reported, not published twice."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    out = []
    for fact in facts:
        key = (
            fact["direction"], fact["code"] or fact["item"], fact["project"], fact["source"], fact["measure"],
            fact["econ_code"], fact["gov_econ_code"], fact["page"], round(float(fact["bbox"][1])),
        )  # fmt: skip
        first = seen.get(key)
        if first is None:
            seen[key] = fact
            out.append(fact)
        elif first["amount"] != fact["amount"]:
            problems.append(
                Problem(
                    "duplicate_cell",
                    f"“{fact['item']}” prints {first['amount']} and {fact['amount']} on one row under the same key",
                    fact["page"], fact["item"], fact["amount"],
                )
            )
    return out


@dataclass
class RowReader:
    """One body row of one block."""

    grid: Grid
    r: int
    cols: dict[int, int]  # first-grid column → this grid's column
    block: Block
    table: LocatedTable
    context: dict[str, Any]
    unit: str

    single_block: bool = True
    latest_year: int | None = None  # the latest year among the table's year rows (2025年 | 2026年)
    before: RowReader | None = field(default=None, repr=False, compare=False)
    after: RowReader | None = field(default=None, repr=False, compare=False)

    def text(self, c: int | None) -> str:
        return _text(self.grid, self.r, self.cols.get(c, -1) if c is not None else None)

    def has_amounts(self) -> bool:
        return any(
            parse_amount(_amount_text(self.grid, self.r, self.cols[c])) is not None
            for c in self.block.roles.amounts
            if c in self.cols
        )

    def fragment(self) -> str:
        """The label text of a row that prints nothing else (a wrapped piece of a name)."""
        roles = self.block.roles
        if self.has_amounts() or any(self.text(c).strip() for c in [roles.code, *roles.code_parts] if c is not None):
            return ""
        return re.sub(r"\s+", "", self.text(roles.label))

    def heading_above(self) -> tuple[str | None, str]:
        """(code, name) of the row above (blank rows skipped) when it prints them without
        amounts: the amount slipped onto a line of its own below its row (204 公共安全支出 | — /
        — | 27,488.23; 合计 or 小计 printed alone, off the name column)."""
        above = self.before
        while above is not None and above.grid is self.grid and not any(t.strip() for t in above.grid.row_texts(above.r)):
            above = above.before
        if above is None or above.grid is not self.grid or above.has_amounts():
            return None, ""
        code, label, _, _, _ = above.codes(None)
        if not code and not label.strip():
            texts = [t.strip() for t in above.grid.row_texts(above.r) if t.strip()]
            label = texts[0] if len(texts) == 1 else ""
        return code, label.strip()

    def name_elsewhere(self) -> str:
        """The name of a row that prints none in the label column: the first text cell of the row
        (政府采购预算表: 采购品目大类 | 专项名称 | 采购物品名称 — each level prints its name in its
        own column, only the top level under the label heading)."""
        label_column = self.cols.get(self.block.roles.label, -1) if self.block.roles.label is not None else -1
        for cell in self.grid.origin_cells(self.r):
            text = re.sub(r"\s+", "", cell.text)
            if cell.col != label_column and text and not is_amount_text(text) and parse_amount(text) is None:
                return cell.text.strip()
        return ""

    def wrapped_label(self) -> str:
        """The name of an amount row printed on the rows around it: a word processor wraps a long
        name (三、单位预留机动经 / 费) into rows of its own, the amount on the row between."""
        return "".join(row.fragment() for row in (self.before, self.after) if row is not None)

    def label_tail(self, label: str) -> str:
        """A name cut by a line or page break (八、社会保障和就 / 业支出): a short fragment on the next
        row that is no line of its own (no numbering, no total) completes it."""
        # Only across a page break: within a page a name wraps inside its own cell.
        tail = self.after.fragment() if self.after is not None and self.after.grid is not self.grid else ""
        if not label or not tail or len(tail) > 4 or LIST_NUMBERING.match(tail) or tail in ("合计", "总计"):
            return ""
        return tail

    def realigned(self) -> tuple[str | None, str, dict[int, tuple[int, Decimal | None]]] | None:
        """A row whose cells drift off the header's columns (word-processor tables whose cells
        are merged differently on every row: an amount under 功能科目名称, the name under 科目代码):
        read by order, code first, then the name, then the amounts left to right.

        None when every amount of the row sits in an amount column (the normal case)."""
        roles = self.block.roles
        amount_columns = sorted(self.cols[c] for c in roles.amounts if c in self.cols)
        own = set(amount_columns)
        cells = [cell for cell in self.grid.origin_cells(self.r) if cell.text.strip()]
        stray = [cell for cell in cells if cell.col not in own and is_amount_text(cell.text)]
        # A code cell merged across amount columns (302 spanning 科目编码 and two 合计 slots).
        stray += [
            cell for cell in cells
            if cell.col not in own and CODE_ONLY.match(re.sub(r"\s+", "", cell.text))
            and own & set(range(cell.col, cell.col + cell.col_span))
        ]  # fmt: skip
        if not stray or not amount_columns:
            return None
        code, label = None, ""
        found: list[tuple[int, Decimal]] = []
        for cell in cells:
            text = cell.text.strip()
            if is_amount_text(text) and (value := parse_amount(text)) is not None:
                found.append((cell.col, value))
            elif code is None and not label and CODE_ONLY.match(re.sub(r"\s+", "", text)):
                code = re.sub(r"\s+", "", text)
            elif not label:
                found_code, label = split_code_label(text)
                code = code or found_code
        by_column = {self.cols[c]: c for c in roles.amounts if c in self.cols}
        pairs: list[tuple[int, tuple[int, Decimal]]]
        if len(found) == len(amount_columns):
            pairs = list(zip(amount_columns, found, strict=True))
        else:  # fewer numbers than columns: each to the amount column nearest to it
            pairs = [(_nearest(amount_columns, col), (col, value)) for col, value in found]
        amounts: dict[int, tuple[int, Decimal | None]] = {}
        for column, (col, value) in pairs:
            amounts.setdefault(by_column[column], (col, value))
        return code, label, amounts

    def codes(self, carried: list[str] | None) -> tuple[str | None, str, str | None, str | None, list[str] | None]:
        """(code, label, econ_code, gov_econ_code, carried code parts) of the row."""
        roles = self.block.roles
        label = self.text(roles.label)
        code: str | None = None
        if roles.code_parts:
            code, carried = join_code_parts([self.text(c) for c in roles.code_parts], carried)
        elif roles.code is not None:
            printed = re.sub(r"\s+", "", self.text(roles.code))
            if printed.isdigit():
                # 3, 5 or 7 digits; anything else (105001) is a unit's code, not a classification.
                code = printed if CODE_ONLY.match(printed) else None
            elif printed:
                found, rest = split_code_label(self.text(roles.code))
                code, label = found, (label or rest)
        if code is None and label:
            code, label = split_code_label(label)
        econ, econ_label = _code_and_name(self.text(roles.econ))
        gov, _ = _code_and_name(self.text(roles.gov_econ))
        if roles.econ_parts:
            econ = join_code_parts([self.text(c) for c in roles.econ_parts], None)[0]
        if roles.gov_parts:
            gov = join_code_parts([self.text(c) for c in roles.gov_parts], None)[0]
        if self.block.classification not in ("economic", "gov_economic"):
            gov = None  # a function row records its 部门 economic class, not the 政府 one
        return code, label, econ, gov, carried

    def facts(
        self, reader: IncomeLineReader, carried: list[str] | None, problems: list[Problem]
    ) -> tuple[list[dict[str, Any]], list[str] | None]:
        roles, block = self.block.roles, self.block
        code, label, econ_row, gov, carried = self.codes(carried)
        amounts: dict[int, tuple[int, Decimal | None]] = {}
        for c in roles.amounts:
            mapped = self.cols.get(c)
            if mapped is not None:
                amounts[c] = (mapped, parse_amount(_amount_text(self.grid, self.r, mapped)))
        if self.single_block and (tokens := self.realigned()) is not None:
            code, label, amounts = tokens
            econ_row = gov = None
        if not any(v is not None for _, v in amounts.values()):
            return [], carried
        if not label and not code and roles.unit is not None:
            label = self.text(roles.unit).strip()
        if not label and not code and roles.label is not None:
            label = self.wrapped_label()
            if not label and self.single_block:
                code, label = self.heading_above()
                label = label or self.name_elsewhere()
        elif roles.label is not None:
            label += self.label_tail(label)
        item = label or (code or "")
        if not roles.has_row_labels and not roles.items:
            item = "合计"  # a table of one unlabelled row prints its totals (支出预算总表)
        project = self.text(roles.project) or None
        line_source = reader.source(label) if block.income_lines else None
        line_measure = purpose_measure(label) if block.purpose_lines else None
        if block.income_lines:
            is_total = is_total_label(label)
        else:
            is_total = code is None and (is_total_label(item) or is_unit_subtotal(item, self.context.get("department")))
        out = []
        for c, (mapped, amount) in amounts.items():
            if amount is None:
                continue
            meaning = roles.amounts[c]
            source, measure, econ = meaning.source, meaning.measure, meaning.econ_code or econ_row
            fact_item, fact_total = item, is_total
            if roles.items:
                # Items are the columns; rows, where labelled, are units (Xi'an 三公 by unit) or
                # years (2025年 | 2026年 | 增减变化金额: the prior-year budget, this year, the change).
                column_item = roles.items[c]
                year_row = bool(label) and is_year_row(label)
                by_unit = bool(label) and not is_total_label(label) and not year_row
                fact_item = f"{label}：{column_item}" if by_unit else column_item
                fact_total = bool(ITEM_TOTAL.search(column_item)) and not by_unit
                if year_row:
                    measure = year_row_measure(label, self.latest_year) or measure
            if block.income_lines and measure == "total" and len(roles.amounts) > 1:
                # Income lines take their source from the label; a column that names one says which
                # part of the line it prints (本年预算 = 编制预算 + 上年结转, Changchun).
                measure = LINE_PART_MEASURES.get(meaning.source, measure)
            if block.income_lines:
                if line_source is None:
                    problems.append(
                        Problem("unmapped_income_line", f"income line “{label}” names no known source", self.grid.page, label, amount)
                    )
                    continue
                source = line_source
            if block.purpose_lines and line_measure is not None:
                measure = line_measure
            out.append(
                {
                    **self.context,
                    "table_no": self.table.table_no,
                    "table_key": self.table.key,
                    "direction": block.direction,
                    "classification": block.classification,
                    "code": code,
                    "code_source": "printed" if code else None,
                    "code_level": code_level(code),
                    "item": fact_item,
                    "project": project,
                    "source": source,
                    "measure": measure,
                    "econ_code": econ,
                    "gov_econ_code": gov,
                    "amount": amount,
                    "unit": self.unit,
                    "amount_cny": to_cny(amount, self.unit),
                    "is_total": fact_total,
                    "page": self.grid.page,
                    "bbox": tuple(round(v, 2) for v in _bbox(self.grid, self.r, mapped)),
                }
            )
        return out, carried
