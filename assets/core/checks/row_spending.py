"""row_spending: on one printed row, 合计 = 基本支出 + 项目支出 (+ the other spending columns).

The other spending columns are 事业单位经营支出, 对附属单位补助支出, 上缴上级支出 and 单位预留机动经费
where the table prints them. Families differ on them: the seed's 表3 prints them beside 基本支出 and
项目支出 (addends), Beijing's 支出总表 under “其中” (subsets of 项目支出); the facts do not say which,
so the row passes when either reading closes. A table that splits 基本支出 into 人员经费 and 公用经费
without printing 基本支出 itself (表8, 表11 style) adds those two instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation
from .row_sums import present, row_identity_of_either, rows_with_columns
from .rule import Rule

CHECK = "row_spending"
SPENDING_PARTS = (
    "basic",
    "project",
    "business_operation",
    "subsidy_to_subordinate",
    "remit_to_superior",
    "contingency_reserve",
)
BASIC_PARTS = ("personnel", "public_operating")
OTHER_SPENDING = frozenset(SPENDING_PARTS[2:])


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for row, printed in rows_with_columns(doc):
        for source in sorted({s for s, _ in row}):
            measures = {m for s, m in printed if s == source}
            if not measures & set(SPENDING_PARTS[1:]) and "basic" not in measures:
                continue  # 合计 = 人员经费 + 公用经费 alone is row_basic's
            parts = list(SPENDING_PARTS)
            if "basic" not in measures:
                parts[0:1] = BASIC_PARTS
            siblings = present(((source, m) for m in parts), printed)
            subsets = [c for c in siblings if c[1] not in OTHER_SPENDING]
            yield from row_identity_of_either(doc, CHECK, row, (source, "total"), [siblings, subsets])


RULE = Rule(CHECK, "within_table", "on one row: 合计 = 基本支出 + 项目支出 (+ 经营支出, 对附属单位补助, "
            "上缴上级, 预留机动经费; 人员经费 + 公用经费 where 基本支出 is not printed)", evaluate)
