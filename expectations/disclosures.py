"""The `disclosures` table's suite: one row per disclosure, its tables and validation summary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from assets.core.schema import TABLE_KEYS
from expectations.common import WARNING, flag, is_missing, structure, suite
from expectations.runner import register_helper_columns

SUITE_NAME = "disclosures"
UNKNOWN_TABLES = "_unknown_table_keys"
EMPTY_NOT_FOUND = "_empty_tables_not_found"
HELPER_COLUMNS = [UNKNOWN_TABLES, EMPTY_NOT_FOUND]
YEARS = (1990, 2100)


def build_suite() -> gx.ExpectationSuite:
    return suite(SUITE_NAME, _expectations())


def _expectations() -> Iterator[gxe.Expectation]:
    yield from structure(SUITE_NAME, HELPER_COLUMNS)
    yield gxe.ExpectColumnValuesToBeUnique(column="disclosure_id", description="one row per disclosure_id")
    yield gxe.ExpectColumnValuesToBeBetween(column="fact_count", min_value=0, description="fact_count >= 0")
    yield gxe.ExpectColumnValuesToBeInSet(
        column=UNKNOWN_TABLES, value_set=[0], description="tables_found and tables_empty name known table_keys"
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="reconciliation_score", min_value=0, max_value=1, description="reconciliation_score in [0, 1]"
    )
    yield gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="checks_evaluated", column_B="checks_passed", or_equal=True,
        ignore_row_if="either_value_is_missing", description="checks_passed <= checks_evaluated",
    )
    yield gxe.ExpectColumnValuesToMatchRegex(
        column="sha256", regex=r"^(?:[0-9a-f]{64})?$", severity=WARNING, description="sha256 is 64 hex digits"
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="year", min_value=YEARS[0], max_value=YEARS[1], severity=WARNING,
        description=f"year between {YEARS[0]} and {YEARS[1]}",
    )
    yield gxe.ExpectColumnValuesToBeInSet(
        column=EMPTY_NOT_FOUND, value_set=[0], severity=WARNING,
        description="every table declared empty is among the tables found",
    )


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{
        UNKNOWN_TABLES: flag(_unknown, df["tables_found"], df["tables_empty"]),
        EMPTY_NOT_FOUND: flag(_empty_not_found, df["tables_found"], df["tables_empty"]),
    })


register_helper_columns(SUITE_NAME, add_helper_columns)


def _keys(value: Any) -> list[str]:
    return [] if is_missing(value) else [str(v) for v in list(value)]


def _unknown(found: Any, empty: Any) -> int:
    return sum(1 for key in _keys(found) + _keys(empty) if key not in TABLE_KEYS)


def _empty_not_found(found: Any, empty: Any) -> int:
    return len(set(_keys(empty)) - set(_keys(found)))
