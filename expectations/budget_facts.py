"""The budget_facts contract (FACTS.md) as a GX 1.x ExpectationSuite, generated from schema.py.

Columns, nullability and vocabularies come from ``assets.core.schema`` (``common.structure``);
only what the schema cannot say is written here: code formats and levels, the key, units and
yuan amounts, one year per disclosure, and amounts that cannot be negative.

The FACTS.md key — disclosure, table, direction, code (or the label of an uncoded row),
project, source, measure, econ_code, gov_econ_code and the row's order among rows with the same
label — has nullable parts and a position, which GX cannot express directly:
``add_helper_columns`` derives it as one helper column ``_key`` (the row's order is represented
by its position: page and the cell's top, to 1 pt). The other helper columns turn per-row
relations into single values GX can check (code length, yuan amount agreeing with the unit,
years per disclosure). The runner adds them to a copy of
the frame before validating.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd

from assets.core.schema import UNITS
from expectations.common import WARNING, flag, frame, is_missing, structure, suite, text
from expectations.runner import register_helper_columns

SUITE_NAME = "budget_facts"
KEY_COLUMN = "_key"
CODE_DIGITS_COLUMN = "_code_digits"
CNY_COLUMN = "_cny_matches_unit"
YEARS_COLUMN = "_years_in_disclosure"
HELPER_COLUMNS = [KEY_COLUMN, CODE_DIGITS_COLUMN, CNY_COLUMN, YEARS_COLUMN]

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
YEARS = (1990, 2100)  # a budget year outside this range was misread
CENT = Decimal("0.01")


def build_suite() -> gx.ExpectationSuite:
    """A fresh suite (GX suites are mutable: never share one between callers)."""
    return suite(SUITE_NAME, _expectations())


def _expectations() -> Iterator[gxe.Expectation]:
    yield from structure(SUITE_NAME, HELPER_COLUMNS)
    yield from _code_formats()
    yield _code_levels()
    yield gxe.ExpectColumnValuesToBeUnique(
        column=KEY_COLUMN,
        description="key unique: disclosure, table, direction, code or item, project, source, "
        "measure, econ_code, gov_econ_code, row position",
    )
    yield gxe.ExpectColumnValuesToBeBetween(column="page", min_value=1, description="page >= 1")
    yield gxe.ExpectColumnValuesToBeBetween(column="table_no", min_value=1, description="table_no >= 1")
    yield gxe.ExpectColumnValuesToBeInSet(
        column=CNY_COLUMN, value_set=[True], description="amount_cny = amount × the unit's yuan, to the fen"
    )
    yield gxe.ExpectColumnValuesToBeInSet(
        column=YEARS_COLUMN, value_set=[1], description="one budget year per disclosure"
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="year", min_value=YEARS[0], max_value=YEARS[1], severity=WARNING,
        description=f"year between {YEARS[0]} and {YEARS[1]}",
    )
    yield gxe.ExpectColumnValuesToBeBetween(
        column="amount", min_value=0, severity=WARNING,
        description="amounts are not negative (budgets and spending; a negative number is worth a look)",
    )


def facts_frame(facts: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """In-memory facts as a DataFrame with the published columns in order (values untouched)."""
    return frame(SUITE_NAME, facts)


def add_helper_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the helper columns described in the module doc."""
    label = df["code"].where(df["code"].notna(), df["item"])
    parts = [text(df[c]) for c in KEY_PARTS[:3]] + [text(label)] + [text(df[c]) for c in KEY_PARTS[3:]]
    parts += [text(df["page"]), text(df["bbox"].map(_rounded_top))]
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    digits = df["code"].map(lambda code: len(code) if isinstance(code, str) else None)
    years = df.groupby(text(df["disclosure_id"]))["year"].transform(lambda y: y.dropna().nunique())
    return df.assign(**{
        KEY_COLUMN: key,
        CODE_DIGITS_COLUMN: digits,
        CNY_COLUMN: flag(_cny_matches, df["amount"], df["unit"], df["amount_cny"]),
        YEARS_COLUMN: years,
    })


register_helper_columns(SUITE_NAME, add_helper_columns)


# --- expectation groups --------------------------------------------------------------------


def _code_formats() -> Iterator[gxe.Expectation]:
    for column in CODE_COLUMNS:
        yield gxe.ExpectColumnValuesToMatchRegex(
            column=column, regex=CODE_PATTERN, description=f"{column} is 3, 5 or 7 digits"
        )


def _code_levels() -> gxe.Expectation:
    """code_level agrees with the code's length (1: 3 digits, 2: 5, 3: 7), null exactly without a code."""
    return gxe.ExpectColumnPairValuesToBeInSet(
        column_A="code_level",
        column_B=CODE_DIGITS_COLUMN,
        value_pairs_set=list(CODE_LEVEL_DIGITS.items()),
        ignore_row_if="both_values_are_missing",
        description="code_level agrees with the code's length (null without a code)",
    )


# --- helpers -------------------------------------------------------------------------------


def _cny_matches(amount: Any, unit: Any, amount_cny: Any) -> bool | None:
    if is_missing(amount) or is_missing(amount_cny) or unit not in UNITS:
        return None  # not-null and vocabulary expectations report these
    try:
        return (Decimal(amount) * UNITS[unit]).quantize(CENT) == Decimal(amount_cny)
    except (InvalidOperation, TypeError):
        return False


def _rounded_top(bbox: Any) -> int | None:
    if bbox is None or len(bbox) < 2:
        return None
    return round(float(bbox[1]))
