"""row_sources: on one printed row, 总计 = Σ the funding sources printed beside it.

Sources nest (FACTS.md): 总计 = 财政拨款 + 财政专户 + 单位资金 + 上年结转结余; 财政拨款 = 一般公共预算
+ 政府性基金 + 国有资本经营 (each with its 上级…转移支付 column where printed); 单位资金 = 事业收入 +
上级补助 + 附属单位上缴 + 经营收入 + 其他收入; 上年结转结余 = 财政拨款结转 + 非财政拨款结转结余. A
parent the table does not print is replaced by its parts. “其中” columns (一般财力, 政府性基金收入 …)
are subsets, never addends. Checked per measure (合计, 基本支出, 项目支出 …).
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation
from .row_sums import present, row_identity, rows_with_columns
from .rule import Rule

CHECK = "row_sources"
FISCAL_PARTS = (
    "general_public_budget",
    "general_public_budget_transfer",
    "government_fund",
    "government_fund_transfer",
    "state_capital",
    "state_capital_transfer",
)
UNIT_FUNDS_PARTS = (
    "business_income",
    "superior_subsidy",
    "subsidiary_remittance",
    "business_operation_income",
    "other_income",
)
CARRYOVER_PARTS = ("fiscal_carryover", "non_fiscal_carryover")
PARENTS = {
    "fiscal_appropriation": FISCAL_PARTS,
    "unit_funds": UNIT_FUNDS_PARTS,
    "prior_year_carryover": CARRYOVER_PARTS,
}


def source_identities(printed: set[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(whole, parts) for the sources a table prints: 总计 first, then each printed parent."""
    top: list[str] = []
    for parent, parts in PARENTS.items():
        top += [parent] if parent in printed else parts
        if parent == "fiscal_appropriation":
            top.append("fiscal_special_account")
    yield "all", tuple(top)
    for parent, parts in PARENTS.items():
        yield parent, parts


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for row, printed in rows_with_columns(doc):
        sources = {s for s, _ in printed}
        for measure in sorted({m for _, m in row}):
            for whole, parts in source_identities(sources):
                cells = present(((s, measure) for s in parts), printed)
                yield from row_identity(doc, CHECK, row, (whole, measure), cells)


RULE = Rule(CHECK, "within_table", "on one row: 总计 = Σ funding sources (财政拨款 + 财政专户 + 单位资金 + "
            "结转结余), 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营, per measure", evaluate)
