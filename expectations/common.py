"""What every published table's suite has, generated from ``assets.core.schema``.

The columns in order (then the suite's helper columns), non-null columns, and vocabularies are
structural (``critical``: failing them blocks publishing); each table's module adds what the
schema cannot say. GX suites are mutable, so builders always return new objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.metadata_types import FailureSeverity

from assets.core.schema import COLUMN_VOCABULARIES, TABLES

WARNING = FailureSeverity.WARNING  # failing it does not block publishing


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]


def structure(table: str, helper_columns: Sequence[str] = ()) -> Iterator[gxe.Expectation]:
    """Columns in order, non-null columns, vocabularies: the schema of ``table`` as expectations."""
    yield gxe.ExpectTableColumnsToMatchOrderedList(
        column_list=[*column_names(table), *helper_columns],
        description="the published columns, in order" + (" (then the helper columns)" if helper_columns else ""),
    )
    for column in TABLES[table]:
        if not column.nullable:
            yield gxe.ExpectColumnValuesToNotBeNull(column=column.name, description=f"{column.name} is never null")
    for name, vocabulary in COLUMN_VOCABULARIES.get(table, {}).items():
        yield gxe.ExpectColumnValuesToBeInSet(
            column=name, value_set=sorted(vocabulary), description=f"{name} in its vocabulary"
        )


def suite(name: str, expectations: Iterable[gxe.Expectation]) -> gx.ExpectationSuite:
    return gx.ExpectationSuite(name=name, expectations=list(expectations))


def generic_suite(table: str) -> gx.ExpectationSuite:
    """The schema-only suite of a table without a module of its own."""
    return suite(table, structure(table))


def frame(table: str, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the table's published columns in order (values untouched)."""
    return pd.DataFrame(list(rows), columns=column_names(table))


def flag(check: Callable[..., Any], *columns: pd.Series) -> list[Any]:
    """A helper column: ``check`` over the columns' aligned values; None where it does not apply."""
    return [check(*row) for row in zip(*columns, strict=True)]


def text(values: pd.Series) -> pd.Series:
    """Values as text, nulls as the empty string (for compound keys that treat nulls as equal)."""
    return values.map(lambda v: "" if pd.api.types.is_scalar(v) and pd.isna(v) else str(v))


def is_missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))
