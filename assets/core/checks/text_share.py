"""text_share: every stated share (占 x%) is the statement's amount over the whole it is part of.

The whole is the amount the narrative states before a list of shares, in the same topic, without
a share of its own: the last one equal to the list's sum, else the last one at least as large
(a 类/款/项 line or a comparison base “比上年…” is never the whole) (“部门收入预算 1,759.05 万元，
其中：一般公共预算 1,719.05 万元，占 97.73% …”). Where the text states no such whole, it is the
topic's table total (收入总计, the expenditure summary's or the general-budget table's 总计), and
without a table, the list's sum when the shares add up to about 100%. A share that names its whole
(“占本年支出预算 34.27%”) is of that table total. When the list's amounts add
up to the whole, its shares must add up to 100% (within half a unit of each share's last place).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from assets.core.schema import UNITS

from .disclosure import Disclosure, grand_total, table_id, where
from .model import Comparison, Evaluation, Fact, decimals, half_ulp
from .narrative import (
    CATEGORY,
    HUNDRED,
    MONEY_UNITS,
    Stated,
    compare_percent,
    in_yuan,
    is_classification_line,
    is_comparison_base,
    is_money,
    squeezed,
    stated_half_ulp,
    statement,
)
from .rule import Rule

CHECK = "text_share"
# Where the text states no whole: the table total a topic's shares are of.
TABLE_WHOLES = {
    "overview": ("income_expenditure_summary", "income"),
    "income": ("income_expenditure_summary", "income"),
    "expenditure": ("expenditure_summary", "expenditure"),
    "fiscal_appropriation": ("fiscal_appropriation_summary", "income"),
    "general_public_budget": ("general_budget_expenditure", "expenditure"),
}


def share_lists(narrative: Sequence[Stated]) -> Iterator[tuple[list[Stated], Stated | None]]:
    """Consecutive shares of one topic, each with the whole stated before them (or None)."""
    group: list[Stated] = []
    wholes: list[Stated] = []
    for row in narrative:
        if not is_money(row):
            continue
        if row.get("share_percent") is not None:
            if group and group[-1]["topic"] != row["topic"]:
                yield group, _whole(group, wholes)
                group = []
            group.append(row)
            continue
        if group:
            yield group, _whole(group, wholes)
            group = []
        wholes.append(row)
    if group:
        yield group, _whole(group, wholes)


def _whole(group: list[Stated], wholes: list[Stated]) -> Stated | None:
    """The whole of a list of shares: the last amount stated before it in the same topic that
    equals the list's sum, else the last that is at least as large (a 类/款/项 line or a
    comparison base is never a whole)."""
    total = sum((Decimal(r["amount_cny"]) for r in group), Decimal(0))
    candidates = []
    for row in reversed(wholes):
        if row["topic"] != group[0]["topic"]:
            break
        if not is_classification_line(row) and not is_comparison_base(row):
            candidates.append(row)
    slack = {id(r): in_yuan(r, stated_half_ulp(r, r["amount"]) * (len(group) + 1)) for r in candidates}
    exact = [r for r in candidates if abs(Decimal(r["amount_cny"]) - total) <= slack[id(r)]]
    larger = [r for r in candidates if Decimal(r["amount_cny"]) + slack[id(r)] >= total]
    totals = [r for r in larger if r.get("source") == "all"]  # 收入预算 / 支出预算 before a sibling source
    found = exact or totals or larger
    return found[0] if found else None


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for group, whole in share_lists(doc.narrative):
        named = _named_whole(doc, group[0])
        if named is not None:
            whole = None  # “占本年支出预算 x%”: of the table total the text names
        units = {r["unit"] for r in group} | ({whole["unit"]} if whole else set())
        if len(units) != 1:
            continue  # mixed money units: shares are rare there, leave them
        amounts = [Decimal(r["amount"]) for r in group]
        h = max(stated_half_ulp(r, r["amount"]) for r in group)
        shares = [Decimal(r["share_percent"]) for r in group]
        table = named or _table_whole(doc, group[0])
        if whole is None and table is not None:
            cell, unit_yuan = table
            base = Decimal(cell["amount_cny"]) / unit_yuan
            base_bound = doc.half_ulp[table_id(cell)] * UNITS[cell["unit"]] / unit_yuan
            what = f"share of {where(cell)}"
        elif whole is None:
            if abs(sum(shares) - HUNDRED) > Decimal("0.5"):
                continue  # a list of shares of a whole neither the text nor a table states
            base, base_bound, what = sum(amounts, Decimal(0)), h * len(group), "share of the listed amounts' sum"
        else:
            base, base_bound, what = Decimal(whole["amount"]), stated_half_ulp(whole, whole["amount"]), "share of " + str(whole.get("subject"))
        if base == 0:
            continue
        for row, amount, share in zip(group, amounts, shares, strict=True):
            yield compare_percent(doc, CHECK, row, share, (amount, h), (base, base_bound), what,
                                  rows=[whole] if whole else []).evaluation()
        if whole is not None and len(group) > 1 and abs(sum(amounts, Decimal(0)) - base) <= h * len(group) + base_bound:
            yield _shares_add_up(doc, group, shares).evaluation()


# A share that names its whole: “占本年支出预算 34.27%”, “占收入总计的 97%”.
NAMED_WHOLES = (
    (re.compile(r"占(?:本年|部门)*(?:支出|支出预算|支出合计|支出总计)"), ("expenditure_summary", "expenditure")),
    (re.compile(r"占(?:本年|部门)*(?:收入|收入预算|收入合计|收入总计)"), ("income_expenditure_summary", "income")),
)


def _named_whole(doc: Disclosure, row: Stated) -> tuple[Fact, Decimal] | None:
    text = squeezed(row.get("text"))
    for pattern, (table_key, direction) in NAMED_WHOLES:
        if pattern.search(text):
            cell = grand_total(doc, table_key, direction)
            return (cell, MONEY_UNITS[row["unit"]]) if cell is not None else None
    return None


def _table_whole(doc: Disclosure, row: Stated) -> tuple[Fact, Decimal] | None:
    """The table total a topic's shares are of, and the yuan per unit of the statement."""
    wholes = TABLE_WHOLES.get(row["topic"])
    if wholes is None:
        return None
    table_key, direction = wholes
    cell = grand_total(doc, table_key, direction)
    return (cell, MONEY_UNITS[row["unit"]]) if cell is not None else None


def _shares_add_up(doc: Disclosure, group: list[Stated], shares: list[Decimal]) -> Comparison:
    bound = half_ulp(max(decimals(s) for s in shares)) * len(group)
    return Comparison(
        check=CHECK, category=CATEGORY, disclosure_id=doc.disclosure_id, tables=("narrative_facts",),
        code_or_item=group[0].get("subject"), subject=statement(group[0]) + f" and the {len(group) - 1} shares after it",
        reference="100% (their amounts add up to the whole)", actual=sum(shares, Decimal(0)), expected=HUNDRED,
        tolerance=bound, unit="%", pages=tuple(sorted({int(r["page"]) for r in group})),
    )


RULE = Rule(CHECK, "text", "every stated share (占 x%) = 100 × amount / the whole stated before it; shares "
            "of a complete list add up to 100%", evaluate)
