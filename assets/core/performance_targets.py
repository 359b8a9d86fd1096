"""Performance-target tables (部门整体绩效目标表, 项目支出绩效目标表) → one row per indicator.

The tables are ruled but not standard, so table_locate keeps their grids as `unrecognized`;
this module reads those grids in document order. Two layouts are common:

- a header block (项目名称, 预算单位, 项目资金 with its funding split, 年度绩效目标 …) above an
  indicator header row (一级指标 … 指标值 …) and the indicator rows — one table per project;
- one wide table whose left columns name the project and its funding (项目名称, 项目总额,
  财政资金 …) in cells merged over that project's indicator rows (Beijing, Changsha).

Header and body often sit on different pages, and a long body continues on the next page with
or without a repeated header; a new header block, a new project in the project column, or a
title naming a 绩效目标表 (above a grid or in a row of its own) starts the next table. Merged
一级/二级指标 cells are carried down, also across a page break. Columns are found by their
header words, so templates that add, drop or reorder columns (计量单位, 指标性质, 评分标准 …) are
read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .amounts import parse_amount
from .pdf_grid import Cell, Grid
from .table_locate import LocatedTable
from .target_values import fits_amount, parse_target

# Column roles from header words (whitespace and brackets dropped); the first match wins, so
# 指标值设置依据 is a basis and 上年完成值 a prior-year value before either can be a target.
COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    ("basis", r"依据|设定说明|设置说明"),
    ("prior_year", r"上年|上一年|去年|历史|基期|前一?年"),
    ("scoring_rule", r"评分|赋分|计分|评判|打分|扣分|评价标准"),
    ("evidence", r"佐证|证明材料|数据来源|取数|采集方式|获取方式"),
    ("weight", r"分值|权重|^分数$|^分$"),
    ("explanation", r"解释|说明|定义|口径|备注|指标值内容|指标内容描述"),
    ("operator", r"符号|运算|指标方向|比较|指标性质|指标值类型|^方向$"),
    ("unit", r"计量单位|度量单位|^单位$"),
    ("l1", r"一级"),
    ("l2", r"二级"),
    ("l3", r"三级|指标名称|^绩效指标$|^指标$|^指标项$|^指标内容$"),
    ("target", r"指标值|目标值|预期值|期望值|计划值|^数值$|指标标准|^目标$|绩效标准|^值$"),
    ("project", r"项目名称$|^项目$"),
    ("budget_fiscal", r"财政资金|财政拨款"),
    ("budget_other", r"其他资金|自筹"),
    ("budget_total", r"项目总额|资金总额|预算金额|项目金额|^金额$|^合计$|预算数"),
    ("goal", r"绩效目标|年度目标|总体目标"),
)
INDICATOR_ROLES = {"l1", "l2", "l3"}
BUDGET_ROLES = {"budget_total": "total", "budget_fiscal": "fiscal", "budget_other": "other"}

# Labels of the header block above the indicators.
FIELD_LABEL = re.compile(
    r"^(?:项目名称|预算单位|部门名称|单位名称|主管部门|实施单位|项目单位|项目资金|专项资金|资金情况|预算资金|年度预算"
    r"|资金来源|年度资金|年度绩效目标|项目总体目标|总体目标|年度总体目标|年度目标|绩效目标$|项目负责人|部门联系人"
    r"|联系人|联系电话|项目属性|项目类型|项目期限|项目编码|项目代码|项目类别|资金总额|项目总额|年度金额)"
)
PROJECT_LABEL = re.compile(r"^项目名称")
# Labels that start a header block even where the indicator columns print text.
STRONG_FIELD_LABEL = re.compile(r"^(?:项目名称|预算单位|部门名称|单位名称|主管部门)")
DEPARTMENT_LABEL = re.compile(r"^(?:部门名称|单位名称|年度绩效目标|部门联系人)")
TITLE = re.compile(r"绩效(?:目标|指标)(?:申报|批复|设置)?(?:情况)?表")
DEPARTMENT_TITLE = re.compile(r"部门整体|单位整体|整体支出|整体绩效|整体预算")
PROJECT_TITLE = re.compile(r"项目")
BUDGET_LABEL = re.compile(r"资金|预算|金额|万元|总额|投资")
TOTAL_WORDS = re.compile(r"总额|合计|总计|总投资|^年度预算$|^年度资金$")
FISCAL_WORDS = re.compile(r"财政")
OTHER_WORDS = re.compile(r"其他|自筹|单位资金|非财政")
WEIGHT_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*分?\s*$")
SPILLED_NUMBER = re.compile(r"^.*[\u3400-\u9fff，、。；）)》]\s*(\d+(?:\.\d+)?)\s*$")
UNIT_IN_LABEL = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[)）]\s*$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def column_role(text: str) -> str | None:
    label = re.sub(r"[（）()\[\]【】]", "", squeeze(text))
    if not label:
        return None
    for role, pattern in COLUMN_ROLES:
        if re.search(pattern, label):
            return role
    return None


def _row_cells(grid: Grid, r: int) -> list[Cell]:
    """Cells covering row r, left to right, each once (merged cells from above included)."""
    out: list[Cell] = []
    for c in range(grid.n_cols):
        cell = grid.cell(r, c)
        if cell is not None and (not out or out[-1] is not cell):
            out.append(cell)
    return out


def _roles_of_row(grid: Grid, r: int) -> dict[int, str]:
    roles: dict[int, str] = {}
    for c in range(grid.n_cols):
        cell = grid.cell(r, c)
        if cell is None or len(squeeze(cell.text)) > 14:
            continue
        if cell.row + cell.row_span - 1 > r + 1:
            continue  # a label down the side of the indicator block (绩效指标), not a column header
        role = column_role(cell.text)
        if role is not None:
            roles[c] = role
    return roles


def header_roles(grid: Grid, r: int) -> dict[int, str] | None:
    """Column → role when row r is an indicator header row (一级指标 … 指标值), else None."""
    roles = _roles_of_row(grid, r)
    found = set(roles.values())
    if found & INDICATOR_ROLES and "target" in found and len(found) >= 3:
        return roles
    return None


def _sub_header(grid: Grid, r: int) -> dict[int, str] | None:
    """The row under a header that splits one of its columns (其中： → 财政资金 | 其他资金)."""
    own = [cell for cell in grid.origin_cells(r) if squeeze(cell.text)]
    if not own or any(parse_amount(c.text) is not None for c in own):
        return None
    roles = {c: role for c, role in _roles_of_row(grid, r).items() if grid.cell(r, c) in own}
    return roles if len(roles) == len({id(c) for c in own}) else None


@dataclass
class TableState:
    """One performance-target table (or one project of a wide table) being read."""

    seq: int
    scope: str | None = None
    project: str | None = None
    budget: dict[str, Decimal] = field(default_factory=dict)
    budget_unit: str | None = None
    roles: dict[int, str] = field(default_factory=dict)
    n_cols: int = 0
    last_page: int = 0
    carry: dict[str, str | None] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TitleLine:
    page: int
    top: float
    bottom: float
    text: str


def _read_fields(state: TableState, cells: list[Cell]) -> None:
    """项目名称 …, and the funding split (年度预算总额 / 财政拨款 / 其他资金) of a header-block row."""
    texts = [squeeze(c.text) for c in cells]
    if state.scope is None and DEPARTMENT_LABEL.match(texts[0]):
        state.scope = "department"
    for i, text in enumerate(texts):
        if PROJECT_LABEL.match(text) and i + 1 < len(texts) and texts[i + 1]:
            state.project = re.sub(r"\s+", " ", cells[i + 1].text).strip()
            state.scope = state.scope or "project"
    if not any(BUDGET_LABEL.search(t) for t in texts):
        return
    labels: list[str] = []
    for cell, text in zip(cells, texts, strict=True):
        amount = parse_amount(cell.text)
        if amount is None:
            if text:
                labels.append(text)
            continue
        if not labels or re.search(r"电话|联系|负责人", labels[-1]):
            continue
        key = _budget_key(labels)
        if key is not None and fits_amount(amount):
            state.budget[key] = state.budget.get(key, Decimal(0)) + amount
            state.budget_unit = state.budget_unit or _unit_of(labels)


def _unit_of(labels: list[str]) -> str | None:
    return next((u for u in ("万元", "元") if any(u in label for label in labels)), None)


def _budget_key(labels: list[str]) -> str | None:
    """Which part of the funding a number is, from its nearest label outwards."""
    for label in reversed(labels):
        if FISCAL_WORDS.search(label):
            return "fiscal"
        if OTHER_WORDS.search(label):
            return "other"
        if TOTAL_WORDS.search(re.sub(r"[（(].*?[)）]", "", label)):
            return "total"
    return None


def _scope_from_title(text: str) -> str | None:
    squeezed = squeeze(text)
    if not TITLE.search(squeezed):
        return None
    if DEPARTMENT_TITLE.search(squeezed):
        return "department"
    return "project" if PROJECT_TITLE.search(squeezed) else "department"


def _text(grid: Grid, r: int, c: int) -> str:
    cell = grid.cell(r, c)
    return re.sub(r"\s+", " ", cell.text).strip() if cell is not None else ""


class PerformanceTargetReader:
    """Reads the unrecognised grids of one document, in order, into indicator rows."""

    def __init__(self, context: dict[str, Any], title_lines: list[TitleLine] | None = None) -> None:
        self.context = context
        self.title_lines = title_lines or []
        self.tables: list[TableState] = []
        self.current: TableState | None = None
        self.previous_grid: Grid | None = None

    def _start(self, scope: str | None = None) -> TableState:
        self.current = TableState(seq=len(self.tables) + 1, scope=scope)
        self.tables.append(self.current)
        return self.current

    def _title(self, scope: str) -> None:
        """A title names the next table: start it, unless the current one has not begun."""
        state = self.current
        if state is None or state.rows or state.roles:
            self._start(scope)
        else:
            state.scope = scope

    def _title_above(self, grid: Grid) -> str:
        """Text lines between the previous grid (on the same page) and this grid."""
        prev = self.previous_grid
        floor = prev.bbox[3] if prev is not None and prev.page == grid.page else 0.0
        return " ".join(
            t.text for t in self.title_lines if t.page == grid.page and floor - 1 <= t.top and t.bottom <= grid.bbox[1] + 1
        )

    def read_grid(self, grid: Grid) -> None:
        if (scope := _scope_from_title(self._title_above(grid))) is not None:
            self._title(scope)
        state = self.current
        # Indicator rows continue a table only on the same page or the next, in the same columns.
        in_body = state is not None and bool(state.roles) and state.n_cols == grid.n_cols and grid.page - state.last_page <= 1
        after_header = False
        for r in range(grid.n_rows):
            cells = _row_cells(grid, r)
            own = [c for c in grid.origin_cells(r) if squeeze(c.text)]
            if not own:
                continue
            if len(own) == 1 and (scope := _scope_from_title(own[0].text)) is not None and len(cells) <= 2:
                self._title(scope)  # a title printed in a row of the grid
                in_body = False
                continue
            if (roles := header_roles(grid, r)) is not None:
                self._header(grid, roles)
                in_body, after_header = True, True
                continue
            if after_header and (sub := _sub_header(grid, r)) is not None:
                assert self.current is not None
                self.current.roles.update(sub)
                continue
            after_header = False
            if self._field_row(grid, r, cells, own, in_body):
                if self.current is None or self.current.rows:
                    self._start()
                assert self.current is not None
                _read_fields(self.current, cells)
                in_body = False
                continue
            if in_body:
                self._indicator(grid, r)
        self.previous_grid = grid

    def _field_row(self, grid: Grid, r: int, cells: list[Cell], own: list[Cell], in_body: bool) -> bool:
        """A header-block row (项目名称, 资金总额 …) rather than an indicator."""
        if not in_body:
            return bool(FIELD_LABEL.match(squeeze(cells[0].text)))
        label = squeeze(own[0].text)
        if STRONG_FIELD_LABEL.match(label):
            return True
        assert self.current is not None
        indicator = any(_text(grid, r, c) for c, role in self.current.roles.items() if role in ("l3", "target"))
        return not indicator and bool(FIELD_LABEL.match(label))

    def _header(self, grid: Grid, roles: dict[int, str]) -> None:
        state = self.current if self.current is not None else self._start()
        if state.n_cols == grid.n_cols:
            roles = {**state.roles, **roles}  # a repeated header may lose a cell to overprinting
        state.roles = roles
        state.n_cols = grid.n_cols
        state.last_page = grid.page

    def _project_column(self, state: TableState, values: dict[str, str], grid: Grid, r: int) -> TableState:
        """In a wide table, a new name in the project column starts the next project's table."""
        name = values.get("project", "")
        if not name or squeeze(name) == squeeze(state.project or ""):
            return state
        if state.rows:
            successor = self._start(state.scope)
            successor.roles, successor.n_cols, successor.last_page = state.roles, state.n_cols, state.last_page
            state = successor
        state.project = name
        state.budget = {}
        for role, key in BUDGET_ROLES.items():
            amount = parse_amount(values.get(role))
            if amount is not None and fits_amount(amount):
                state.budget[key] = amount
        return state

    def _indicator(self, grid: Grid, r: int) -> None:
        state = self.current
        assert state is not None
        values: dict[str, str] = {}
        anchors: dict[str, Cell | None] = {}
        for c, role in sorted(state.roles.items()):
            if role not in values:
                values[role] = _text(grid, r, c)
                anchors[role] = grid.cell(r, c)
        l3, target_text = values.get("l3", ""), values.get("target", "")
        if not l3 and not target_text or header_like(values):
            return
        state = self._project_column(state, values, grid, r)
        l1, l2 = values.get("l1") or None, values.get("l2") or None
        if l1 is None:  # a page break cut the merged 一级指标 cell: carry it (and 二级 with it)
            l1 = state.carry.get("l1")
            l2 = l2 or state.carry.get("l2")
        state.carry.update(l1=l1, l2=l2)
        state.last_page = grid.page
        operator_text, unit_text = values.get("operator", ""), values.get("unit", "")
        printed = " ".join(t for t in (operator_text, target_text, unit_text) if t)
        parsed = parse_target(" ".join(t for t in (operator_text, target_text) if t))
        if parsed.value is None and operator_text and (spill := SPILLED_NUMBER.match(target_text)):
            # The value column of an operator | value | unit template holds a bare number; prose
            # before it is a neighbouring cell's text run over the ruling ("示、推介30").
            parsed = parse_target(f"{operator_text} {spill.group(1)}")
        unit = parsed.unit
        if parsed.value is not None and unit is None:
            unit = unit_text or None
            if unit is None and (m := UNIT_IN_LABEL.search(l3)):
                unit = m.group(1)  # 完成率（%） with a bare "=100"
        weight = WEIGHT_NUMBER.match(values.get("weight", ""))
        anchor = anchors.get("target") or anchors.get("l3")
        scope = state.scope or "project"
        state.rows.append(
            {
                "disclosure_id": self.context.get("disclosure_id"),
                "scope": scope,
                "table_seq": state.seq,
                "row_seq": len(state.rows) + 1,
                "project": state.project if scope == "project" else None,
                "budget_total": state.budget.get("total"),
                "budget_fiscal": state.budget.get("fiscal"),
                "budget_other": state.budget.get("other"),
                "budget_unit": (state.budget_unit or "万元") if state.budget else None,
                "indicator_l1": l1,
                "indicator_l2": l2,
                "indicator_l3": l3 or None,
                "operator": parsed.operator,
                "operator_implied": parsed.operator_implied if parsed.operator else None,
                "target_value": parsed.value,
                "target_unit": unit,
                "target_text": printed or None,
                "weight": Decimal(weight.group(1)) if weight and fits_amount(Decimal(weight.group(1))) else None,
                "prior_year_text": values.get("prior_year") or None,
                "basis": values.get("basis") or None,
                "scoring_rule": values.get("scoring_rule") or None,
                "evidence": values.get("evidence") or None,
                "page": grid.page,
                "bbox": tuple(anchor.bbox) if anchor is not None else None,
                "source_sha256": self.context.get("source_sha256"),
                "pipeline_version": self.context.get("pipeline_version"),
            }
        )

    def rows(self) -> list[dict[str, Any]]:
        """Indicator rows, numbered by table: tables without indicators get no number."""
        out: list[dict[str, Any]] = []
        seq = 0
        for table in self.tables:
            if not table.rows:
                continue
            seq += 1
            for row in table.rows:
                row["table_seq"] = seq
                out.append(row)
        return out


def header_like(values: dict[str, str]) -> bool:
    """A body row that only repeats header words (a header the grid split in two)."""
    texts = [v for v in values.values() if v]
    return bool(texts) and all(column_role(t) is not None and len(squeeze(t)) <= 8 for t in texts)


def performance_targets(
    tables: list[LocatedTable], context: dict[str, Any], title_lines: list[TitleLine] | None = None
) -> list[dict[str, Any]]:
    """Indicator rows of every performance-target table among the unrecognised grids."""
    reader = PerformanceTargetReader(context, title_lines)
    for table in tables:
        if table.spec is not None:
            continue
        for grid in table.grids:
            reader.read_grid(grid)
    return reader.rows()
