from __future__ import annotations

import time

import pandas as pd
import pytest

from expectations.budget_facts import HELPER_COLUMNS, KEY_COLUMN, build_suite, facts_frame
from expectations.runner import SuiteResult, validate_dataframe
from tests.validate.gold import gold_facts

LEVEL_CHECK = "code_level agrees with the code's length (null without a code)"


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return facts_frame(gold_facts())


def _failed(result: SuiteResult) -> list[str]:
    return [r.description for r in result.failures]


def test_gold_facts_pass(gold: pd.DataFrame) -> None:
    result = validate_dataframe(gold, build_suite())

    assert result.success, result.summary()
    assert len(result.results) == len(build_suite().expectations)
    assert result.results[0].expectation == "expect_table_columns_to_match_ordered_list"


def test_validation_is_fast_after_warm_up(gold: pd.DataFrame) -> None:
    validate_dataframe(gold, build_suite())
    # CPU time, not wall time: other work on a shared machine must not fail this test.
    start = time.process_time()
    validate_dataframe(gold, build_suite())
    assert time.process_time() - start < 2.0


def test_bad_vocabulary_value(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    bad.loc[3, "measure"] = "totl"

    result = validate_dataframe(bad, build_suite())

    assert not result.success
    assert _failed(result) == ["measure in its vocabulary"]
    failure = result.failures[0]
    assert (failure.column, failure.unexpected_count, failure.unexpected_examples) == ("measure", 1, ["totl"])


@pytest.mark.parametrize("code", ["2010", "20103011", "2o1"])
def test_bad_code_format(gold: pd.DataFrame, code: str) -> None:
    bad = gold.copy()
    row = bad.index[bad["code"] == "201"][0]
    bad.loc[row, "code"] = code

    assert "code is 3, 5 or 7 digits" in _failed(validate_dataframe(bad, build_suite()))


def test_code_level_must_match_code_length(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    row = bad.index[bad["code"] == "20103"][0]
    bad.loc[row, "code_level"] = 3

    assert _failed(validate_dataframe(bad, build_suite())) == [LEVEL_CHECK]


def test_code_level_without_code(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    row = bad.index[bad["code"].isna()][0]
    bad.loc[row, "code_level"] = 1

    assert _failed(validate_dataframe(bad, build_suite())) == [LEVEL_CHECK]


def test_duplicate_key(gold: pd.DataFrame) -> None:
    bad = pd.concat([gold, gold.iloc[[40]]], ignore_index=True)

    result = validate_dataframe(bad, build_suite())

    assert [r.column for r in result.failures] == [KEY_COLUMN]
    assert result.failures[0].unexpected_count == 2


def test_same_label_on_another_row_is_not_a_duplicate(gold: pd.DataFrame) -> None:
    again = gold.iloc[[40]].copy()
    again["bbox"] = [(150.0, 700.0, 210.0, 720.0)]

    assert validate_dataframe(pd.concat([gold, again], ignore_index=True), build_suite()).success


def test_null_where_the_schema_forbids_it(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    bad.loc[0, "item"] = None

    assert _failed(validate_dataframe(bad, build_suite())) == ["item is never null"]


def test_columns_out_of_order(gold: pd.DataFrame) -> None:
    columns = list(gold.columns)
    columns[0], columns[1] = columns[1], columns[0]

    assert "the published columns, in order (then the helper columns)" in _failed(
        validate_dataframe(gold[columns], build_suite())
    )


def test_page_must_be_positive(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    bad.loc[0, "page"] = 0

    assert _failed(validate_dataframe(bad, build_suite())) == ["page >= 1"]


def test_caller_frame_is_not_modified(gold: pd.DataFrame) -> None:
    before = gold.copy()
    validate_dataframe(gold, build_suite())

    assert not set(HELPER_COLUMNS) & set(gold.columns)
    pd.testing.assert_frame_equal(gold, before)


def test_empty_frame_passes() -> None:
    assert validate_dataframe(facts_frame([]), build_suite()).success


def test_code_without_code_level(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    row = bad.index[bad["code"] == "20103"][0]
    bad.loc[row, "code_level"] = None

    assert _failed(validate_dataframe(bad, build_suite())) == [LEVEL_CHECK]


def test_yuan_amount_must_agree_with_the_unit(gold: pd.DataFrame) -> None:
    from decimal import Decimal

    bad = gold.copy()
    bad.at[0, "amount_cny"] = Decimal("1.00")

    result = validate_dataframe(bad, build_suite())
    assert _failed(result) == ["amount_cny = amount × the unit's yuan, to the fen"]
    assert [r.severity for r in result.blocking_failures] == ["critical"]


def test_one_year_per_disclosure(gold: pd.DataFrame) -> None:
    bad = gold.copy()
    bad.loc[0, "year"] = 2025

    assert _failed(validate_dataframe(bad, build_suite())) == ["one budget year per disclosure"]


def test_a_negative_amount_is_a_warning_not_a_block(gold: pd.DataFrame) -> None:
    from decimal import Decimal

    bad = gold.copy()
    bad.at[0, "amount"] = Decimal("-1.00")
    bad.at[0, "amount_cny"] = Decimal("-10000.00")

    result = validate_dataframe(bad, build_suite())
    assert result.blocking_failures == []
    assert [r.description for r in result.warning_failures] == [
        "amounts are not negative (budgets and spending; a negative number is worth a look)"
    ]
