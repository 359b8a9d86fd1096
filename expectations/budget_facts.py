"""The budget_facts contract (FACTS.md) as a GX 1.x ExpectationSuite, generated from schema.py.

Columns, nullability and vocabularies come from ``assets.core.schema``; only what the schema
cannot say (code formats, the key) is written here. The FACTS.md key — disclosure, table,
direction, code (or the label of an uncoded row), project, source, measure, econ_code,
gov_econ_code and the row's order among rows with the same label — has nullable parts and a
position, which GX cannot express directly: ``add_helper_columns`` derives it as one helper
column ``_key`` (the row's order is represented by its position: page and the cell's top, to
1 pt), and ``_code_digits`` so that code_level can be checked against the code's length in
one pair expectation. The runner adds both to a copy of the frame before validating.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from assets.core.schema import BUDGET_FACTS_COLUMNS, COLUMN_VOCABULARIES
from expectations.runner import register_helper_columns

SUITE_NAME = "budget_facts"
KEY_COLUMN = "_key"
CODE_DIGITS_COLUMN = "_code_digits"
HELPER_COLUMNS = [KEY_COLUMN, CODE_DIGITS_COLUMN]
COLUMNS = [c.name for c in BUDGET_FACTS_COLUMNS]

# Classification codes: 类 3 digits, then two more per level (款, 项 / sub-item).
CODE_PATTERN = r"^\d{3}(?:\d{2}){0,2}$"
CODE_LEVEL_DIGITS = {1: 3, 2: 5, 3: 7}
CODE_COLUMNS = ("code", "econ_code", "gov_econ_code")
KEY_PARTS = (
    "disclosure_id",
    "table_no",
    "direction",
    "project",
    "source",
    "measure",
    "econ_code",
    "gov_econ_code",
)


def build_suite() -> gx.ExpectationSuite:
    """A fresh suite (GX suites are mutable: never share one between callers)."""
    expectations = [
        gxe.ExpectTableColumnsToMatchOrderedList(
            column_list=[*COLUMNS, *HELPER_COLUMNS],
            description="the published columns, in order (then the helper columns)",
        ),
        *_not_null(),
        *_vocabularies(),
        *_code_formats(),
        *_code_levels(),
        gxe.ExpectColumnValuesToBeUnique(
            column=KEY_COLUMN,
            description="key unique: disclosure, table, direction, code or item, project, source, "
            "measure, econ_code, gov_econ_code, row position",
        ),
        gxe.ExpectColumnValuesToBeBetween(column="page", min_value=1, description="page >= 1"),
        gxe.ExpectColumnValuesToBeBetween(column="table_no", min_value=1, description="table_no >= 1"),
    ]
    return gx.ExpectationSuite(name=SUITE_NAME, expectations=expectations)


def facts_frame(facts: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """In-memory facts as a DataFrame with the published columns in order (values untouched)."""
    return pd.DataFrame(list(facts), columns=COLUMNS)


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with ``_key`` (see module doc) and ``_code_digits`` (length of the code, or null)."""
    label = df["code"].where(df["code"].notna(), df["item"])
    parts = [_text(df[c]) for c in KEY_PARTS[:3]] + [_text(label)] + [_text(df[c]) for c in KEY_PARTS[3:]]
    parts += [_text(df["page"]), _text(df["bbox"].map(_rounded_top))]
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    digits = df["code"].map(lambda code: len(code) if isinstance(code, str) else None)
    return df.assign(**{KEY_COLUMN: key, CODE_DIGITS_COLUMN: digits})


register_helper_columns(SUITE_NAME, add_helper_columns)


# --- expectation groups --------------------------------------------------------------------


def _not_null() -> Iterator[gxe.Expectation]:
    for column in BUDGET_FACTS_COLUMNS:
        if not column.nullable:
            yield gxe.ExpectColumnValuesToNotBeNull(
                column=column.name, description=f"{column.name} is never null"
            )


def _vocabularies() -> Iterator[gxe.Expectation]:
    for column, vocabulary in COLUMN_VOCABULARIES[SUITE_NAME].items():
        yield gxe.ExpectColumnValuesToBeInSet(
            column=column, value_set=sorted(vocabulary), description=f"{column} in its vocabulary"
        )


def _code_formats() -> Iterator[gxe.Expectation]:
    for column in CODE_COLUMNS:
        yield gxe.ExpectColumnValuesToMatchRegex(
            column=column, regex=CODE_PATTERN, description=f"{column} is 3, 5 or 7 digits"
        )


def _code_levels() -> Iterator[gxe.Expectation]:
    """code_level agrees with the code's length (1: 3 digits, 2: 5, 3: 7), null exactly without a code."""
    yield gxe.ExpectColumnPairValuesToBeInSet(
        column_A="code_level",
        column_B=CODE_DIGITS_COLUMN,
        value_pairs_set=list(CODE_LEVEL_DIGITS.items()),
        ignore_row_if="both_values_are_missing",
        description="code_level agrees with the code's length (null without a code)",
    )


# --- helpers -------------------------------------------------------------------------------


def _text(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "" if pd.api.types.is_scalar(v) and pd.isna(v) else str(v))


def _rounded_top(bbox: Any) -> int | None:
    if bbox is None or len(bbox) < 2:
        return None
    return round(float(bbox[1]))
