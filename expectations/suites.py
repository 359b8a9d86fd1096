"""One GX suite per published table, and validating rows with it.

Tables with a module of their own (budget_facts, disclosures, findings, narrative_facts,
performance_targets) add expectations beyond the schema; every other table of
``schema.TABLES`` gets the schema-only suite (columns, non-null, vocabularies).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import great_expectations as gx

from assets.core.schema import TABLES
from expectations import budget_facts, disclosures, findings, narrative_facts, performance_targets
from expectations.common import frame, generic_suite
from expectations.runner import SuiteResult, validate_dataframe, validate_groups

BUILDERS: dict[str, Callable[[], gx.ExpectationSuite]] = {
    "budget_facts": budget_facts.build_suite,
    "disclosures": disclosures.build_suite,
    "findings": findings.build_suite,
    "narrative_facts": narrative_facts.build_suite,
    "performance_targets": performance_targets.build_suite,
}


def build_suite(table: str) -> gx.ExpectationSuite:
    """A fresh suite for a published table (schema-only where the table has no module)."""
    if table not in TABLES:
        raise KeyError(f"{table} is not a published table (schema.TABLES)")
    builder = BUILDERS.get(table)
    return builder() if builder else generic_suite(table)


def validate_rows(table: str, rows: Iterable[dict[str, Any]]) -> SuiteResult:
    return validate_dataframe(frame(table, rows), build_suite(table))


def validate_row_groups(table: str, groups: Sequence[Sequence[dict[str, Any]]]) -> list[SuiteResult] | None:
    """Each group's (document's) result from one run over all their rows (runner.validate_groups)."""
    rows = [row for group in groups for row in group]
    return validate_groups(frame(table, rows), build_suite(table), [len(group) for group in groups])
