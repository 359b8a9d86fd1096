"""The `findings` table's suite: one row per validation result that is not a pass."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from expectations.common import flag, is_missing, structure, suite
from expectations.runner import register_helper_columns

SUITE_NAME = "findings"
DIFFERENCE_COLUMN = "_difference_is_actual_minus_expected"
HELPER_COLUMNS = [DIFFERENCE_COLUMN]


def build_suite() -> gx.ExpectationSuite:
    return suite(SUITE_NAME, _expectations())


def _expectations() -> Iterator[gxe.Expectation]:
    yield from structure(SUITE_NAME, HELPER_COLUMNS)
    yield gxe.ExpectColumnValuesToMatchRegex(
        column="check", regex=r"^[a-z][a-z0-9_]*$", description="check is an id (lower case, underscores)"
    )
    yield gxe.ExpectColumnValuesToMatchRegex(
        column="pages", regex=r"^\d+(?:,\d+)*$", description="pages is a comma-separated list of page numbers"
    )
    yield gxe.ExpectColumnValuesToBeInSet(
        column=DIFFERENCE_COLUMN, value_set=[True], description="difference = actual − expected where all three are given"
    )


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{DIFFERENCE_COLUMN: flag(_difference_ok, df["expected"], df["actual"], df["difference"])})


register_helper_columns(SUITE_NAME, add_helper_columns)


def _difference_ok(expected: Any, actual: Any, difference: Any) -> bool | None:
    if is_missing(expected) or is_missing(actual) or is_missing(difference):
        return None
    try:
        return Decimal(actual) - Decimal(expected) == Decimal(difference)
    except (InvalidOperation, TypeError):
        return False
