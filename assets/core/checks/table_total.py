"""table_total (column totals): a table's uncoded 总计/合计 row = Σ its 类 rows, per column.

Uncoded, non-subtotal lines printed beside the 类 rows (e.g. 结转下年 in 表1) are added too.
Tables without codes (三公, 结转结余) have no 类 rows and are left to their own checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import (
    Disclosure,
    by_code,
    columns,
    compare,
    grand_total_rows,
    is_uncoded_line,
    summary_rows,
)
from .model import Evaluation
from .rule import Rule

CHECK = "table_total"
CLASS_DIGITS = 3  # a 类 code


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for column, cells in columns(doc.facts).items():
        totals = grand_total_rows(cells)
        classes = [c for c in doc.table_codes(column) if len(c) == CLASS_DIGITS]
        if not totals or not classes:
            continue
        rows_by_code = by_code(cells)
        parts = [f for c in classes for f in summary_rows(rows_by_code.get(c, []))]
        parts += [f for f in cells if is_uncoded_line(f)]
        for total in totals:
            yield compare(doc, CHECK, [total], parts, f"the {len(parts)} 类 rows").evaluation()


RULE = Rule(CHECK, "within_table", "column totals: the 总计/合计 row = Σ 类 rows (+ uncoded lines such as "
            "结转下年) in every column", evaluate)
