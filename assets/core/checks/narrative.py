"""What the text checks share: stated numbers of `narrative_facts` rows, their rounding, and
comparisons of a statement with the tables or with a number recomputed from other statements.

A stated amount carries its own precision: “10 万元” is exact to 0.5 万元, “10.00 万元” to
0.005 万元; money is compared in yuan. A stated percentage is checked against the one recomputed
from the stated amounts: the bound is half a unit in the last place of the stated percentage,
half of the recomputed one rounded the same way, and the propagated half ulps of the amounts
(|Δ(100·a/b)| ≤ 100·(Δa/b + a·Δb/b²)).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assets.core.schema import UNITS

from .disclosure import Disclosure, pages, table_id, where
from .model import Comparison, Fact, decimals, half_ulp

Stated = dict[str, Any]  # a narrative_facts row
HUNDRED = Decimal(100)
# Money units a statement may print (narrative_facts.unit), in yuan.
MONEY_UNITS = {"亿元": Decimal(100000000), "万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
CATEGORY = "text"


def is_money(row: Stated) -> bool:
    return row.get("unit") in MONEY_UNITS and row.get("amount") is not None


def in_yuan(row: Stated, value: Decimal) -> Decimal:
    return Decimal(value) * MONEY_UNITS[row["unit"]]


def stated_half_ulp(row: Stated, *values: Decimal | None) -> Decimal:
    """Half ulp of the stated numbers (the most decimals any of them prints), in their unit."""
    places = max((decimals(Decimal(v)) for v in values if v is not None), default=0)
    return half_ulp(places)


def statement(row: Stated) -> str:
    return f"the narrative (p. {row['page']}) “{row.get('text') or row.get('subject')}”"


def compare_with_tables(
    doc: Disclosure,
    check: str,
    row: Stated,
    reference: Sequence[Fact],
    reference_label: str | None = None,
    at_most: bool = False,
    stated: Decimal | None = None,
    tables: tuple[str, ...] = (),
) -> Comparison:
    """A stated money amount against table cells (their sum; none printed is 0, in ``tables``), in yuan."""
    value = Decimal(row["amount"] if stated is None else stated)
    bound = stated_half_ulp(row, value) * MONEY_UNITS[row["unit"]]
    bound += sum((doc.half_ulp[table_id(f)] * _yuan_per_unit(f) for f in reference), Decimal(0))
    return Comparison(
        check=check,
        category=CATEGORY,
        disclosure_id=doc.disclosure_id,
        tables=("narrative_facts", *dict.fromkeys([*(f["table_key"] for f in reference), *tables])),
        code_or_item=row.get("item") or row.get("subject"),
        subject=statement(row),
        reference=reference_label or " + ".join(where(f) for f in reference),
        actual=in_yuan(row, value),
        expected=sum((Decimal(f["amount_cny"]) for f in reference), Decimal(0)),
        tolerance=bound,
        unit="元",
        pages=tuple(sorted({int(row["page"]), *pages(reference)})),
        at_most=at_most,
    )


def compare_percent(
    doc: Disclosure,
    check: str,
    row: Stated,
    stated: Decimal,
    numerator: tuple[Decimal, Decimal],
    denominator: tuple[Decimal, Decimal],
    what: str,
    rows: Iterable[Stated] = (),
) -> Comparison:
    """A stated percentage against 100 × numerator / denominator, each (value, its rounding
    bound) from stated amounts."""
    (num, num_bound), (den, den_bound) = numerator, denominator
    exact = HUNDRED * num / den
    places = decimals(stated)
    recomputed = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    propagated = HUNDRED * (num_bound / abs(den) + abs(num) * den_bound / den**2)
    all_rows = [row, *rows]
    return Comparison(
        check=check,
        category=CATEGORY,
        disclosure_id=doc.disclosure_id,
        tables=("narrative_facts",),
        code_or_item=row.get("item") or row.get("subject"),
        subject=statement(row),
        reference=f"{what} = 100 × {num} / {den} =",
        actual=Decimal(stated),
        expected=recomputed,
        tolerance=(2 * half_ulp(places) + propagated).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
        unit="%",
        pages=tuple(sorted({int(r["page"]) for r in all_rows})),
    )


def compare_values(
    doc: Disclosure, check: str, row: Stated, actual: Decimal, expected: Decimal, tolerance: Decimal, what: str
) -> Comparison:
    """A stated number against one recomputed from the same statement."""
    return Comparison(
        check=check,
        category=CATEGORY,
        disclosure_id=doc.disclosure_id,
        tables=("narrative_facts",),
        code_or_item=row.get("item") or row.get("subject"),
        subject=statement(row),
        reference=what,
        actual=actual,
        expected=expected,
        tolerance=tolerance,
        unit=row.get("unit") or "",
        pages=(int(row["page"]),),
    )


def compare_stated(
    doc: Disclosure, check: str, whole: Stated, parts: Sequence[Stated], field: str, what: str
) -> Comparison:
    """A stated whole against the sum of stated parts (``field``: amount or change_amount)."""
    values = [Decimal(p[field]) for p in parts]
    bound = sum((stated_half_ulp(r, r[field]) for r in [whole, *parts]), Decimal(0))
    return Comparison(
        check=check,
        category=CATEGORY,
        disclosure_id=doc.disclosure_id,
        tables=("narrative_facts",),
        code_or_item=whole.get("item") or whole.get("subject"),
        subject=statement(whole),
        reference=f"{what} (" + " + ".join(f"{p.get('subject')} {p[field]}" for p in parts) + ")",
        actual=Decimal(whole[field]),
        expected=sum(values, Decimal(0)),
        tolerance=bound,
        unit=whole.get("unit") or "",
        pages=tuple(sorted({int(r["page"]) for r in [whole, *parts]})),
    )


# A statement whose subject is the comparison itself (“比2025年年初预算数 9819.98 万元减少 193.20
# 万元”): its amount is the prior year's, not the current one.
COMPARISON_BASE = re.compile(r"^(?:比|较|与|同比)")
# A classification line (类/款/项) is a part of a whole, never the whole of a list of shares.
CLASSIFICATION_LINE = re.compile(r"[（(](?:类|款|项)[)）]")


def is_comparison_base(row: Stated) -> bool:
    return bool(COMPARISON_BASE.match(squeezed(row.get("subject"))))


def is_classification_line(row: Stated) -> bool:
    return row.get("item_level") is not None or bool(CLASSIFICATION_LINE.search(row.get("subject") or ""))


def same_money_unit(rows: Iterable[Stated]) -> bool:
    units = {r.get("unit") for r in rows}
    return len(units) == 1 and units <= set(MONEY_UNITS)


def squeezed(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _yuan_per_unit(fact: Fact) -> Decimal:
    return Decimal(UNITS.get(fact["unit"], 1))
