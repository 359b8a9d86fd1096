"""Expected values read from the seed text (../shared/seed), independently of the product code.

The text is the seed disclosure as its office wrote it: tab-separated table rows, narrative
paragraphs. Only simple, literal patterns are used here, so that a test compares the pipeline's
reading of the PDF with what the text plainly says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

TABLE_TITLES = ("部门整体绩效目标表", "项目支出绩效目标表")
BASIS = re.compile(r"^(?:计划标准|预算支出标准|\d{4}\s*年工作计划)$")
TARGET = re.compile(r"^(>=|<=|=|>|<)\s*(\d[\d.\s]*\d|\d)\s*(\S*)$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class ExpectedIndicator:
    l3: str
    target_text: str
    operator: str | None
    value: Decimal | None
    unit: str | None
    weight: Decimal | None


@dataclass
class ExpectedTable:
    scope: str
    project: str | None
    budget: dict[str, Decimal]
    indicators: list[ExpectedIndicator]


def expected_target(text: str) -> tuple[str | None, Decimal | None, str | None]:
    t = text.replace("≥", ">=").replace("≤", "<=")
    t = re.sub(r"([<>])\s+=", r"\1=", t).strip()
    m = TARGET.match(t)
    if m is None:
        return None, None, None
    return m.group(1), Decimal(squeeze(m.group(2))), m.group(3) or None


def performance_tables(text: str) -> list[ExpectedTable]:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() in TABLE_TITLES]
    tables = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else next(i for i in range(start, len(lines)) if lines[i].startswith("(五)"))
        tables.append(_table(lines[start].strip(), lines[start:end]))
    return tables


def _table(title: str, lines: list[str]) -> ExpectedTable:
    scope = "department" if title.startswith("部门整体") else "project"
    project = None
    budget: dict[str, Decimal] = {}
    header: list[str] = []
    indicators = []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        filled = [c for c in cells if c]
        if filled[:1] == ["项目名称"]:
            project = filled[1]
        if filled[:1] == ["项目资金(万元)"]:
            labels = {"年度预算总额": "total", "其中：财政拨款": "fiscal", "其他资金": "other"}
            for label, value in zip(filled[1::2], filled[2::2], strict=False):
                budget[labels[label]] = Decimal(value)
        if "一级指标" in cells and "三级指标" in cells:
            header = cells
            continue
        basis = [i for i, c in enumerate(cells) if BASIS.match(c)]
        if not header or not basis:
            continue
        target = cells[basis[0] - 1]
        l3 = next(c for c in reversed(cells[: basis[0] - 1]) if c)
        operator, value, unit = expected_target(target)
        weight = None
        weight_column = next((i for i, h in enumerate(header) if "权重" in h), None)
        if len(cells) == len(header) and weight_column is not None and basis[0] == header.index(next(h for h in header if "依据" in h)):
            weight = Decimal(cells[weight_column])
        indicators.append(ExpectedIndicator(l3, target, operator, value, unit, weight))
    return ExpectedTable(scope, project, budget, indicators)


def narrative(text: str) -> str:
    """The explanation chapters (第三部分 … up to 第四部分), after the tables."""
    start = text.rindex("第三部分 2026 年部门预算情况说明")
    return text[start : text.rindex("第四部分 名词解释")]


def section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i + len(start))]


MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元(?!\s*以上)")


def amounts(text: str) -> list[Decimal]:
    return [Decimal(m.group(1).replace(",", "")) for m in MONEY.finditer(text)]
