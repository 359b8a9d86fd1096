"""row_basic: on one printed row, 基本支出 = 人员经费 + 公用经费.

Where the table prints no 基本支出 column and no 项目支出 (表6 style: 合计 | 人员经费 | 公用经费),
the 合计 is the whole; with 项目支出 but no 基本支出, ``row_spending`` adds them all instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation
from .row_sums import present, row_identity, rows_with_columns
from .rule import Rule

CHECK = "row_basic"
BASIC_PARTS = ("personnel", "public_operating")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for row, printed in rows_with_columns(doc):
        for source in sorted({s for s, _ in row}):
            measures = {m for s, m in printed if s == source}
            if "basic" in measures:
                whole = "basic"
            elif "project" not in measures:
                whole = "total"
            else:
                continue
            cells = present(((source, m) for m in BASIC_PARTS), printed)
            yield from row_identity(doc, CHECK, row, (source, whole), cells)


RULE = Rule(CHECK, "within_table", "on one row: 基本支出 (or 合计 in a table of basic spending) = 人员经费 + "
            "公用经费", evaluate)
