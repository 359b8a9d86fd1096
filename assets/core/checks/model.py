"""What every check produces: evaluations, and for those that are not a pass, `findings` rows.

A check evaluates one thing (one identity, one stated percentage, one table's presence) and
yields one ``Evaluation``: passed without a finding, passed with a warning finding (e.g. a
difference within the rounding bound), or failed with an error finding. The number of
evaluations and of those without an error give a disclosure's reconciliation score.

Rounding tolerance (the one rule every numeric check follows). A printed amount is the true
amount rounded to the printed precision, so it is off by at most half a unit in its last place
(ulp; 0.005 for 万元 printed with two decimals). A sum of n printed parts compared with a printed
total can therefore differ by at most 0.5 ulp × (n + 1) although every number is correctly
rounded: each addend brings its own half ulp. A nonzero difference within that bound is a
``warning`` (check id ``<check>_rounding``), beyond it an ``error`` (check id ``<check>``); an
exact match produces no finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assets.core.schema import FINDINGS_COLUMNS, TABLE_KEYS

Fact = dict[str, Any]
Finding = dict[str, Any]

ROUNDING_SUFFIX = "_rounding"
FINDING_KEYS = [c.name for c in FINDINGS_COLUMNS]


@dataclass(frozen=True)
class Evaluation:
    """One thing checked: ``finding`` is None for an exact pass."""

    check: str
    finding: Finding | None = None
    detail: str = ""  # what was compared, also for a pass (for reports and debugging)

    @property
    def passed(self) -> bool:
        """Passed unless it produced an error (a warning, e.g. rounding, still passes)."""
        return self.finding is None or self.finding["severity"] != "error"


def finding_row(
    *,
    disclosure_id: str,
    check: str,
    severity: str,
    category: str,
    message: str,
    tables: Sequence[str] = (),
    code_or_item: str | None = None,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
    pages: Iterable[int | None] = (),
) -> Finding:
    """A `findings` row with exactly the schema's columns, in order."""
    difference = actual - expected if actual is not None and expected is not None else None
    row: Finding = {
        "disclosure_id": disclosure_id,
        "check": check,
        "severity": severity,
        "tables": ",".join(dict.fromkeys(tables)) or None,
        "code_or_item": code_or_item,
        "expected": expected,
        "actual": actual,
        "difference": difference,
        "message": message,
        "pages": ",".join(str(p) for p in sorted({int(p) for p in pages if p is not None})) or None,
        "category": category,
    }
    assert list(row) == FINDING_KEYS, "findings rows follow schema.FINDINGS_COLUMNS"
    return row


@dataclass(frozen=True)
class Comparison:
    """A printed amount against what other printed amounts say it must be (= or ≤)."""

    check: str
    category: str
    disclosure_id: str
    tables: tuple[str, ...]
    code_or_item: str | None
    subject: str  # where the printed amount sits, for the message
    reference: str  # what it is compared with, for the message
    actual: Decimal
    expected: Decimal
    tolerance: Decimal  # the rounding bound: 0.5 ulp per amount involved
    unit: str
    pages: tuple[int, ...]
    at_most: bool = False  # actual ≤ expected instead of actual = expected

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def gap(self) -> Decimal:
        """How far the relation is from holding (0 when it holds exactly)."""
        if self.at_most:
            return max(self.difference, Decimal(0))
        return abs(self.difference)

    def evaluation(self) -> Evaluation:
        if self.gap == 0:
            relation = "≤" if self.at_most and self.difference else "="
            detail = f"{self.subject}: printed {self.actual} {relation} {self.reference} {self.expected}"
            return Evaluation(self.check, detail=detail)
        rounding = self.gap <= self.tolerance
        relation = "exceeds" if self.at_most else "≠"
        verdict = "within" if rounding else "beyond"
        message = (
            f"{self.subject}: printed {self.actual} {relation} {self.reference} {self.expected} "
            f"(difference {self.difference:+} {self.unit}, {verdict} the rounding bound ±{self.tolerance})"
        )
        return Evaluation(
            self.check,
            finding_row(
                disclosure_id=self.disclosure_id,
                check=self.check + ROUNDING_SUFFIX if rounding else self.check,
                severity="warning" if rounding else "error",
                category=self.category,
                message=message,
                tables=self.tables,
                code_or_item=self.code_or_item,
                expected=self.expected,
                actual=self.actual,
                pages=self.pages,
            ),
            detail=message,
        )


def table_name(table_key: str, table_no: int | None) -> str:
    """How a message names a table: 表N when numbered, else its standard title."""
    return f"表{table_no}" if table_no else TABLE_KEYS.get(table_key, table_key)


def decimals(amount: Decimal) -> int:
    exponent = Decimal(amount).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def half_ulp(places: int) -> Decimal:
    """Half a unit in the last printed place: 0.005 for two decimals."""
    return Decimal(5).scaleb(-places - 1)
