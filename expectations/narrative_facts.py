"""The `narrative_facts` table's suite: typed statements of the narrative with their place."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from expectations.common import WARNING, flag, is_missing, structure, suite
from expectations.runner import register_helper_columns

SUITE_NAME = "narrative_facts"
SIGN_COLUMN = "_change_sign_matches_direction"
HELPER_COLUMNS = [SIGN_COLUMN]
SIGNS = {"increase": 1, "decrease": -1, "unchanged": 0}


def build_suite() -> gx.ExpectationSuite:
    return suite(SUITE_NAME, _expectations())


def _expectations() -> Iterator[gxe.Expectation]:
    yield from structure(SUITE_NAME, HELPER_COLUMNS)
    yield gxe.ExpectCompoundColumnsToBeUnique(
        column_list=["disclosure_id", "source_sha256", "fact_seq"], description="fact_seq unique within a document"
    )
    yield gxe.ExpectColumnValuesToBeBetween(column="page", min_value=1, description="page >= 1")
    yield gxe.ExpectColumnValuesToBeBetween(column="char_start", min_value=0, description="char_start >= 0")
    yield gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="char_end", column_B="char_start", description="char_end > char_start"
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="share_percent", min_value=0, max_value=100, severity=WARNING, description="share_percent in [0, 100]"
    )
    yield gxe.ExpectColumnValuesToBeInSet(
        column=SIGN_COLUMN, value_set=[True], severity=WARNING,
        description="the sign of change_amount agrees with change_direction",
    )


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{SIGN_COLUMN: flag(_sign_ok, df["change_direction"], df["change_amount"])})


register_helper_columns(SUITE_NAME, add_helper_columns)


def _sign_ok(direction: Any, change: Any) -> bool | None:
    if is_missing(change) or direction not in SIGNS:
        return None
    try:
        value = Decimal(change)
    except (InvalidOperation, TypeError):
        return False
    sign = (value > 0) - (value < 0)
    return sign == SIGNS[direction] or (sign == 0 and direction != "unchanged")  # "增加 0.00 万元"
