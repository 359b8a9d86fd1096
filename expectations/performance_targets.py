"""The `performance_targets` table's suite: one row per indicator of a 绩效目标表."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from expectations.common import WARNING, flag, is_missing, structure, suite
from expectations.runner import register_helper_columns

SUITE_NAME = "performance_targets"
NUMERIC_COLUMN = "_operator_iff_value"
HELPER_COLUMNS = [NUMERIC_COLUMN]
SCOPES = ["department", "project"]


def build_suite() -> gx.ExpectationSuite:
    return suite(SUITE_NAME, _expectations())


def _expectations() -> Iterator[gxe.Expectation]:
    yield from structure(SUITE_NAME, HELPER_COLUMNS)
    yield gxe.ExpectColumnValuesToBeInSet(column="scope", value_set=SCOPES, description="scope is department or project")
    yield gxe.ExpectCompoundColumnsToBeUnique(
        column_list=["disclosure_id", "source_sha256", "table_seq", "row_seq"],
        description="one row per indicator (table_seq, row_seq) of a document",
    )
    yield gxe.ExpectColumnValuesToBeBetween(column="page", min_value=1, description="page >= 1")
    yield gxe.ExpectColumnValuesToBeInSet(
        column=NUMERIC_COLUMN, value_set=[True], severity=WARNING,
        description="a numeric target has both an operator and a value (qualitative: neither)",
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="weight", min_value=0, max_value=100, severity=WARNING, description="weight in [0, 100]"
    )


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{NUMERIC_COLUMN: flag(_both_or_neither, df["operator"], df["target_value"])})


register_helper_columns(SUITE_NAME, add_helper_columns)


def _both_or_neither(operator: Any, value: Any) -> bool:
    return is_missing(operator) == is_missing(value)
