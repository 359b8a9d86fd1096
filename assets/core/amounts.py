"""Printed numbers to exact decimals: separators, dashes, full-width digits, parentheses."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－（）", "0123456789,.-()")
NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
EMPTY_MARKS = {"", "-", "—", "--", "——", "－", "/", "无", "…"}
UNIT_FACTORS = {"万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}


def parse_amount(text: str | None) -> Decimal | None:
    """The exact value of a printed amount, or None for a blank / dash / non-number cell.

    Every printed decimal is kept ("1,759.050000" stays 6 places), so `amount` round-trips.
    """
    if text is None:
        return None
    s = re.sub(r"\s+", "", text.translate(FULL_WIDTH))
    if s in EMPTY_MARKS:
        return None
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = "-" + s[1:-1]
    if not NUMBER.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def to_cny(amount: Decimal, unit: str) -> Decimal:
    """Exact yuan at 2 decimals (fen); 万元 amounts with up to 6 decimals are exact in fen."""
    return (amount * UNIT_FACTORS[unit]).quantize(Decimal("0.01"))
