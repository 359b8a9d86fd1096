"""income_lines: the income lines of 表1 and 表4 add up to their block totals.

Income lines name their source (FACTS.md): 收入总计 = 本年收入 + 上年结转结余; 本年收入 = 一般公共预算
+ 政府性基金 + 国有资本经营 (or 财政拨款) + 财政专户 + 单位资金; 单位资金 = 事业收入 + 上级补助 + 附属单位
上缴 + 经营收入 + 其他收入; 上年结转结余 = 财政拨款结转 + 非财政拨款结转结余, each = Σ its fund lines;
财政拨款（补助） = 一般公共预算 + 政府性基金 + 国有资本经营. A parent that is not printed is replaced by
its parts; “其中” lines are subsets, never addends (一般财力, 上级转移支付, 专项资金列入部门预算的项目 …); a
source printed on a line and its 合计 line with the same amount counts once; a line of a source the tree does not place
leaves 收入总计 and 本年收入 unchecked. A block is checked only when its parent and
at least one part are printed, and only when every income line was read (an income line the
pipeline could not map is reported as an extraction problem instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .disclosure import Disclosure, compare, label, table_id
from .model import Evaluation, Fact
from .rule import Rule

CHECK = "income_lines"
FUNDS = ("general_public_budget", "government_fund", "state_capital")
UNIT_FUNDS_PARTS = (
    "business_income",
    "superior_subsidy",
    "subsidiary_remittance",
    "business_operation_income",
    "other_income",
)
# parent → its parts; a part that is itself a parent stands for its own parts when not printed.
TREE: dict[str, tuple[str, ...]] = {
    "all": ("current_income", "business_fund_offset", "prior_year_carryover"),
    "current_income": ("fiscal_appropriation", "fiscal_special_account", "unit_funds"),
    "fiscal_appropriation": FUNDS,
    "unit_funds": UNIT_FUNDS_PARTS,
    "prior_year_carryover": ("fiscal_carryover", "non_fiscal_carryover"),
    "fiscal_carryover": tuple(f"fiscal_carryover_{f}" for f in FUNDS),
    "non_fiscal_carryover": ("non_fiscal_carryover_special_account", "non_fiscal_carryover_unit_funds"),
}
# Lines that are subsets of another line (“其中”), never addends.
SUBSETS = {"general_fiscal_resources", "general_public_budget_transfer", "government_fund_own",
           "government_fund_transfer", "state_capital_own", "state_capital_transfer",
           "general_public_budget_special_funds"}  # 其中：专项资金列入部门预算的项目 (Xi'an)
KNOWN = set(TREE) | {part for parts in TREE.values() for part in parts} | SUBSETS


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    tables: dict[object, list[Fact]] = {}
    for f in doc.facts:
        if f["classification"] == "income_type" and f["measure"] == "total":
            tables.setdefault(table_id(f), []).append(f)
    if any(p.get("check") == "unmapped_income_line" for p in doc.problems):
        return  # an income line was not read: its block cannot add up (reported as a problem)
    for lines in tables.values():
        by_source: dict[str, list[Fact]] = {}
        for f in lines:
            by_source.setdefault(f["source"], []).append(f)
        by_source = {source: _one_line(found) for source, found in by_source.items()}
        unknown = set(by_source) - KNOWN  # a source this tree does not place: the top blocks are open
        for parent in TREE:
            if unknown and parent in ("all", "current_income"):
                continue
            yield from _block(doc, by_source, parent)


def _block(doc: Disclosure, by_source: dict[str, list[Fact]], parent: str) -> Iterator[Evaluation]:
    whole = by_source.get(parent, [])
    if len(whole) != 1:
        return  # not printed, or printed twice (ambiguous)
    part_lines = [by_source[source] for source in _parts(parent, by_source)]
    if any(len(lines) > 1 for lines in part_lines):
        return  # a source printed on two lines (e.g. 一般公共预算 under 上年结转 too): ambiguous
    parts = [lines[0] for lines in part_lines]
    if parts:
        yield compare(doc, CHECK, whole, parts, "the income lines " + "/".join(p["item"] for p in parts),
                      in_column=False).evaluation()


def _one_line(lines: list[Fact]) -> list[Fact]:
    """A source printed on a line and on its 合计 line with one amount is one line printed twice
    (Xi'an's “一、部门预算” heading and its “本年收入合计”): the 合计 stands for it. Otherwise
    (different amounts, or two lines that only happen to print the same number) ambiguous."""
    totals = [f for f in lines if re.search(r"合计$", label(f))]
    if len(lines) == 2 and len(totals) == 1 and len({Decimal(f["amount"]) for f in lines}) == 1:
        return totals
    return lines


def _parts(parent: str, by_source: dict[str, list[Fact]]) -> list[str]:
    """The printed sources that add up to ``parent``, descending into parts not printed."""
    found: list[str] = []
    for part in TREE.get(parent, ()):
        if part in by_source:
            found.append(part)
        elif part in TREE:
            found += _parts(part, by_source)
    return found


RULE = Rule(CHECK, "within_table", "income lines of 表1/表4: 收入总计 = 本年收入 + 上年结转结余, and every "
            "income block = Σ its lines", evaluate)
