"""Run a Great Expectations (GX 1.x) suite on a pandas DataFrame: the one adapter to GX.

GX stays behind this module: callers hand in a DataFrame of published rows and get back a
plain ``SuiteResult``. The GX context is ephemeral (nothing is written to disk) and built once
per process, because creating it costs far more than a validation.

A suite may need helper columns GX cannot express itself (e.g. a compound key that treats
nulls as equal values and includes the row's position); the module that builds the suite
registers a function adding them with ``register_helper_columns``, and the adapter applies it
to a copy of the frame before validating.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pandas as pd

# GX 1.x reports usage to its vendor unless told not to; a pipeline has no business phoning home.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # noqa: E402
from great_expectations.core.batch_definition import BatchDefinition  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

HelperColumns = Callable[[pd.DataFrame], pd.DataFrame]

EXAMPLES = 5  # unexpected values kept per expectation
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES}
_HELPERS: dict[str, HelperColumns] = {}


@dataclass(frozen=True)
class ExpectationOutcome:
    """What one expectation found."""

    expectation: str  # GX type, e.g. expect_column_values_to_be_in_set
    column: str | None
    description: str
    success: bool
    severity: str = "critical"  # GX FailureSeverity: critical (structural) or warning
    unexpected_count: int | None = None
    unexpected_examples: list[Any] = field(default_factory=list)
    observed_value: Any = None
    error: str | None = None  # GX raised instead of evaluating

    def describe(self) -> str:
        """One line: what was expected and what was found instead."""
        if self.success:
            return f"{self.description}: ok"
        if self.error:
            return f"{self.description}: could not be evaluated ({self.error})"
        if self.unexpected_count is None:
            return f"{self.description}: observed {self.observed_value!r}"
        examples = f", e.g. {self.unexpected_examples}" if self.unexpected_examples else ""
        return f"{self.description}: {self.unexpected_count} unexpected{examples}"


@dataclass(frozen=True)
class SuiteResult:
    suite: str
    success: bool
    results: list[ExpectationOutcome]

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [r for r in self.results if not r.success]

    @property
    def blocking_failures(self) -> list[ExpectationOutcome]:
        """Failed structural (critical) expectations: the rows must not be published."""
        return [r for r in self.failures if r.severity == "critical"]

    @property
    def warning_failures(self) -> list[ExpectationOutcome]:
        return [r for r in self.failures if r.severity != "critical"]

    def summary(self) -> str:
        """One line per failed expectation (for logs and asset-check metadata)."""
        lines = [f"{self.suite}: {'passed' if self.success else 'FAILED'} ({len(self.results)} expectations)"]
        lines += [f"  ✗ [{r.severity}] {r.describe()}" for r in self.failures]
        return "\n".join(lines)


def register_helper_columns(suite_name: str, add_columns: HelperColumns) -> None:
    """Declare the helper columns a suite expects (added to a copy of the frame)."""
    _HELPERS[suite_name] = add_columns


def validate_dataframe(df: pd.DataFrame, suite: gx.ExpectationSuite) -> SuiteResult:
    """Validate ``df`` against ``suite``; never modifies ``df``."""
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": prepare(df, suite.name)})
    return suite_result(suite, batch.validate(suite, result_format=RESULT_FORMAT))


# Expectations judged row by row without a `mostly`: a group's own run would find exactly the
# batch's unexpected rows that fall in the group.
ROW_EXPECTATIONS = frozenset(
    {
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_between",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_not_be_null",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "expect_column_pair_values_to_be_in_set",
    }
)
# Uniqueness: a group's own run finds the same duplicates when no duplicated value spans two
# groups (keys that start with the document's id), which the batch result shows.
UNIQUE_EXPECTATIONS = frozenset({"expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"})
COMPLETE_FORMAT = {"result_format": "COMPLETE", "partial_unexpected_count": EXAMPLES}


def validate_groups(df: pd.DataFrame, suite: gx.ExpectationSuite, sizes: Sequence[int]) -> list[SuiteResult] | None:
    """One suite run over consecutive groups of rows (``sizes``: rows per group, e.g. per
    document), returned per group as the group's own run would give it — cheaper, since a run
    costs about the same for any row count. Passed expectations pass for every group; a failed
    row-by-row expectation is attributed by the unexpected rows' positions. None when a failure
    cannot be attributed (a uniqueness or table-level expectation): validate the groups alone."""
    frame_ = prepare(df.reset_index(drop=True), suite.name)
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame_})
    result = batch.validate(suite, result_format=COMPLETE_FORMAT)
    bounds = list(itertools.accumulate(sizes, initial=0))
    per_group: list[list[ExpectationOutcome]] = [[] for _ in sizes]
    for raw in _in_suite_order(suite, result.results):
        outcome = _outcome(raw)
        if outcome.success:
            for outcomes in per_group:
                outcomes.append(outcome)
            continue
        split = _unexpected_per_group(raw, bounds)
        if split is None:
            return None
        for outcomes, (count, examples) in zip(per_group, split, strict=True):
            outcomes.append(replace(outcome, success=not count, unexpected_count=count, unexpected_examples=examples))
    return [SuiteResult(suite.name, all(o.success for o in outcomes), outcomes) for outcomes in per_group]


def _unexpected_per_group(raw: Any, bounds: list[int]) -> list[tuple[int, list[Any]]] | None:
    """(unexpected count, first examples) per group of a failed row-by-row expectation."""
    config, details = raw.expectation_config, raw.result or {}
    if config.type not in ROW_EXPECTATIONS | UNIQUE_EXPECTATIONS or config.kwargs.get("mostly", 1) != 1:
        return None
    if raw.exception_info and raw.exception_info.get("raised_exception"):
        return None
    indexes, values = details.get("unexpected_index_list"), details.get("unexpected_list")
    if indexes is None or values is None or len(indexes) != len(values):
        return None
    # Each unexpected value in its group (by row position), in row order.
    placed = sorted((int(index), value) for index, value in zip(indexes, values, strict=True))
    values_per_group: list[list[Any]] = [[] for _ in range(len(bounds) - 1)]
    groups_of: dict[str, set[int]] = {}
    for index, value in placed:
        group = bisect.bisect_right(bounds, index) - 1
        values_per_group[group].append(value)
        groups_of.setdefault(repr(value), set()).add(group)
    if config.type in UNIQUE_EXPECTATIONS and any(len(groups) > 1 for groups in groups_of.values()):
        return None  # a value duplicated across groups: only the groups' own runs can tell
    return [(len(mine), mine[:EXAMPLES]) for mine in values_per_group]


def _in_suite_order(suite: gx.ExpectationSuite, results: Sequence[Any]) -> list[Any]:
    order = {_identity(e.configuration): i for i, e in enumerate(suite.expectations)}
    return sorted(results, key=lambda r: order.get(_identity(r.expectation_config), len(order)))


def prepare(df: pd.DataFrame, suite_name: str) -> pd.DataFrame:
    """A copy of ``df`` as the suite expects it: its helper columns added, values GX can compare."""
    return _gx_compatible(_HELPERS.get(suite_name, _no_helpers)(df.copy()))


def suite_result(suite: gx.ExpectationSuite, result: Any) -> SuiteResult:
    """A GX ExpectationSuiteValidationResult as a plain SuiteResult, in the suite's order
    (GX groups results by domain)."""
    outcomes = _in_suite_order(suite, result.results)
    return SuiteResult(suite=suite.name, success=bool(result.success), results=[_outcome(r) for r in outcomes])


# --- GX plumbing ---------------------------------------------------------------------------


def ephemeral_context(**config: Any) -> Any:
    """A GX context that writes nothing unless told to (``config``: e.g. data_docs_sites)."""
    project = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        **config,
    )
    return gx.get_context(mode="ephemeral", project_config=project)


@functools.cache
def _batch_definition() -> BatchDefinition:
    """An ephemeral context with one pandas data source whose batch is any whole DataFrame."""
    asset = ephemeral_context().data_sources.add_pandas("published").add_dataframe_asset("frame")
    return asset.add_batch_definition_whole_dataframe("whole_frame")


def _identity(config: Any) -> tuple[str, str | None, str | None]:
    return (config.type, config.kwargs.get("column"), config.description)


def _outcome(result: Any) -> ExpectationOutcome:
    config = result.expectation_config
    details = result.result or {}
    error = None
    if result.exception_info and result.exception_info.get("raised_exception"):
        error = str(result.exception_info.get("exception_message"))
    return ExpectationOutcome(
        expectation=config.type,
        column=config.kwargs.get("column"),
        description=config.description or _describe(config.type, config.kwargs),
        success=bool(result.success),
        severity=_severity(config),
        unexpected_count=details.get("unexpected_count"),
        unexpected_examples=list(details.get("partial_unexpected_list") or []),
        observed_value=details.get("observed_value"),
        error=error,
    )


def _severity(config: Any) -> str:
    severity = getattr(config, "severity", None)
    return str(getattr(severity, "value", severity) or "critical")


def _describe(expectation: str, kwargs: dict[str, Any]) -> str:
    subject = kwargs.get("column") or kwargs.get("column_list") or "table"
    return f"{expectation.removeprefix('expect_').replace('_', ' ')} ({subject})"


def _no_helpers(df: pd.DataFrame) -> pd.DataFrame:
    return df


def _gx_compatible(df: pd.DataFrame) -> pd.DataFrame:
    """Values GX's pandas engine can compare: Decimals as numbers, sequences as text."""
    return df.apply(lambda column: column.map(_scalar) if column.dtype == object else column)


def _scalar(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # GX compares numbers; exact checks are made on helper columns
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return ",".join(str(v) for v in list(value))
    return value
