"""The GX suites of the other published tables: each passes on good rows and fails on bad ones,
and every table of schema.TABLES has a suite."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from assets.core.checks.model import finding_row
from assets.core.schema import TABLES
from expectations.suites import build_suite, validate_rows
from tests.validate.checks.build import stated


def _disclosure(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(c.name for c in TABLES["disclosures"])
    row.update(
        disclosure_id="d1", year=2026, doc_kind="budget", sha256="a" * 64, tables_found=["income_summary"],
        tables_empty=[], fact_count=3, status="ok", validation_status="passed", pipeline_version="t",
        document_count=1, checks_evaluated=10, checks_passed=9, reconciliation_score=Decimal("0.9000"),
    )
    row.update(changes)
    return row


def _failed(table: str, rows: list[dict[str, Any]]) -> list[str]:
    return [r.description for r in validate_rows(table, rows).failures]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_published_table_has_a_suite(table: str) -> None:
    suite = build_suite(table)
    assert suite.name == table and len(suite.expectations) >= 2


def test_disclosures_pass_and_fail() -> None:
    assert _failed("disclosures", [_disclosure()]) == []
    assert _failed("disclosures", [_disclosure(), _disclosure()]) == ["one row per disclosure_id"]
    assert _failed("disclosures", [_disclosure(checks_passed=11)]) == ["checks_passed <= checks_evaluated"]
    assert _failed("disclosures", [_disclosure(tables_found=["income_sumary"])]) == [
        "tables_found and tables_empty name known table_keys"]
    result = validate_rows("disclosures", [_disclosure(tables_empty=["three_public_expenditure"])])
    assert result.blocking_failures == [] and len(result.warning_failures) == 1


def test_findings_pass_and_fail() -> None:
    good = finding_row(disclosure_id="d1", check="hierarchy", severity="error", category="within_table",
                       message="m", expected=Decimal("1.00"), actual=Decimal("2.00"), pages=[3, 4])
    assert _failed("findings", [good]) == []
    assert _failed("findings", [{**good, "difference": Decimal("2.00")}]) == [
        "difference = actual − expected where all three are given"]
    assert _failed("findings", [{**good, "severity": "fatal"}]) == ["severity in its vocabulary"]
    assert _failed("findings", [{**good, "pages": "3;4"}]) == ["pages is a comma-separated list of page numbers"]


def test_narrative_facts_pass_and_fail() -> None:
    row = stated("income", "一般公共预算", "1719.05", share_percent="97.73", change_amount="-35.22",
                 change_percent="-2.01", change_direction="decrease", fact_seq=1)
    assert _failed("narrative_facts", [row]) == []
    assert _failed("narrative_facts", [row, {**row}]) == ["fact_seq unique within a document"]
    result = validate_rows("narrative_facts", [{**row, "change_direction": "increase"}])
    assert [r.description for r in result.warning_failures] == ["the sign of change_amount agrees with change_direction"]
    assert result.blocking_failures == []


def test_performance_targets_pass_and_fail() -> None:
    row: dict[str, Any] = dict.fromkeys(c.name for c in TABLES["performance_targets"])
    row.update(disclosure_id="d1", scope="project", table_seq=1, row_seq=1, indicator_l3="接待人数", operator=">=",
               target_value=Decimal("300"), target_unit="人", weight=Decimal("8"), page=30, source_sha256="a" * 64,
               pipeline_version="t")
    assert _failed("performance_targets", [row]) == []
    assert _failed("performance_targets", [{**row, "operator": "≥"}]) == ["operator in its vocabulary"]
    result = validate_rows("performance_targets", [{**row, "target_value": None}])
    assert [r.description for r in result.warning_failures] == [
        "a numeric target has both an operator and a value (qualitative: neither)"]
