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
    squeezed,
    stated_half_ulp,
    statement,
)
from .rule import Rule

CHECK = "text_change"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    before: Stated | None = None  # the last amount stated in the same sentence
    for row in doc.narrative:
        amount, change, prior = row.get("amount"), row.get("change_amount"), row.get("prior_year_amount")
        if amount is None and change is not None and row.get("prior_year_source") == "derived":
            prior = _prior_of_change(row, before)
        if amount is not None:
            before = row
        if row.get("prior_year_source") == "printed" and amount is not None and change is not None and prior is not None:
            h = stated_half_ulp(row, amount, change, prior)
            what = f"amount − printed prior ({amount} − {prior})"
            yield compare_values(doc, CHECK, row, Decimal(change), Decimal(amount) - Decimal(prior), 3 * h, what).evaluation()
        if amount is not None and (is_comparison_base(row) or _names_the_prior_year(row, doc.year)):
            prior = amount  # “比2025年年初预算数 X 万元减少 c”: X is the prior year's
        if change is None or row.get("change_percent") is None or prior is None:
            continue
        yield _percent(doc, row, Decimal(change), Decimal(row["change_percent"]), Decimal(prior))


def _prior_of_change(row: Stated, before: Stated | None) -> Decimal | None:
    """The prior year of a change stated without its amount: from the amount stated just before
    it in the same sentence, else the extractor's derivation when the change names its subject
    (a change without a subject cannot be tied to an amount)."""
    change = Decimal(row["change_amount"])
    if before is not None and before.get("sentence") == row.get("sentence") and before.get("unit") == row.get("unit"):
        return Decimal(before["amount"]) - change
    if not squeezed(row.get("subject")):
        return None
    prior = row.get("prior_year_amount")
    return Decimal(prior) if prior is not None else None


def _names_the_prior_year(row: Stated, year: int | None) -> bool:
    """“2016年度部门支出预算安排为 8,648.07 万元” in a 2017 disclosure states the prior year."""
    return year is not None and squeezed(row.get("subject")).startswith(f"{year - 1}年")


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
