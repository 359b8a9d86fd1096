"""text_change: every stated year-on-year change agrees with itself.

For a statement “A, 比上年增加/减少 c, 增长/下降 p%”: the prior-year amount is P = A − c (or the
printed one, which must then equal A − c; in “比上年预算数 P 减少 c” the amount stated is P), and p = 100 × c / P within the rounding bound of
``narrative`` (the sign included: 增加 with 下降 is an error). A change from a prior year of 0 is
stated as 100% (increase) by convention and passes; 0.00 from 0 is 0%.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .disclosure import Disclosure
from .model import Evaluation
from .narrative import (
    HUNDRED,
    Stated,
    compare_percent,
    compare_values,
    is_comparison_base,
    stated_half_ulp,
    statement,
)
from .rule import Rule

CHECK = "text_change"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for row in doc.narrative:
        amount, change, prior = row.get("amount"), row.get("change_amount"), row.get("prior_year_amount")
        if row.get("prior_year_source") == "printed" and amount is not None and change is not None and prior is not None:
            h = stated_half_ulp(row, amount, change, prior)
            what = f"amount − printed prior ({amount} − {prior})"
            yield compare_values(doc, CHECK, row, Decimal(change), Decimal(amount) - Decimal(prior), 3 * h, what).evaluation()
        if is_comparison_base(row) and amount is not None:
            prior = amount  # “比2025年年初预算数 X 万元减少 c”: X is the prior year's
        if change is None or row.get("change_percent") is None or prior is None:
            continue
        yield _percent(doc, row, Decimal(change), Decimal(row["change_percent"]), Decimal(prior))


def _percent(doc: Disclosure, row: Stated, change: Decimal, percent: Decimal, prior: Decimal) -> Evaluation:
    if prior == 0:
        if (change == 0 and percent == 0) or (change > 0 and percent == HUNDRED):
            return Evaluation(CHECK, detail=f"{statement(row)}: {change} from a prior year of 0 stated as {percent}% (convention)")
        prior = change  # an increase from 0 as 100% of itself, to report the stated percentage
    h = stated_half_ulp(row, row.get("amount"), change)
    # the change is rounded once, the prior (amount − change) twice
    return compare_percent(doc, CHECK, row, percent, (change, h), (prior, 2 * h), "change / prior").evaluation()


RULE = Rule(CHECK, "text", "every stated year-on-year change: percent = 100 × change / (amount − change), "
            "printed prior = amount − change", evaluate)
