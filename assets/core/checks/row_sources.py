"""row_sources: on one printed row, 总计 = Σ the funding sources printed beside it.

Sources nest (FACTS.md): 总计 = 本年收入 + 上年结转结余; 本年收入 = 财政拨款 + 财政专户 + 单位资金
(a table printing 合计 | 本年收入 | 上年结转 adds those two columns); 财政拨款 = 一般公共预算
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
# whole → its parts; a part that is itself a whole stands for its own parts when not printed.
TREE: dict[str, tuple[str, ...]] = {
    "all": ("current_income", "prior_year_carryover"),
    "current_income": ("fiscal_appropriation", "fiscal_special_account", "unit_funds"),
    "fiscal_appropriation": FISCAL_PARTS,
    "unit_funds": UNIT_FUNDS_PARTS,
    "prior_year_carryover": CARRYOVER_PARTS,
}


def source_identities(printed: set[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(whole, parts) for the sources a table prints: 总计 first, then each whole below it. A
    printed whole (本年收入) is one part of the whole above it, never also its own parts."""
    for whole in TREE:
        yield whole, tuple(_parts(whole, printed))


def _parts(whole: str, printed: set[str]) -> list[str]:
    found: list[str] = []
    for part in TREE[whole]:
        found += _parts(part, printed) if part in TREE and part not in printed else [part]
    return found


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for row, printed in rows_with_columns(doc):
        sources = {s for s, _ in printed}
        for measure in sorted({m for _, m in row}):
            for whole, parts in source_identities(sources):
                cells = present(((s, measure) for s in parts), printed)
                yield from row_identity(doc, CHECK, row, (whole, measure), cells)


RULE = Rule(CHECK, "within_table", "on one row: 总计 = 本年收入 + 结转结余, 本年收入 = 财政拨款 + 财政专户 + "
            "单位资金 (a whole not printed replaced by its parts), 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营, "
            "per measure", evaluate)
