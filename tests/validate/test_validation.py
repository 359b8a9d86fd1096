"""validate_result on a processed document, and the validation documents published with the data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from assets.core.checks import RULES
from assets.core.document import DocumentResult
from assets.core.schema import DISCLOSURES_COLUMNS
from assets.core.validation import validate_result
from assets.core.validation_docs import RULE_CATALOGUE, publish_validation_docs
from tests.validate.checks.build import stated
from tests.validate.gold import gold_facts

DISCLOSURE_ID = "seed-2026-budget"


def _document(**changes: Any) -> DocumentResult:
    row: dict[str, Any] = dict.fromkeys(c.name for c in DISCLOSURES_COLUMNS)
    row.update(disclosure_id=DISCLOSURE_ID, year=2026, doc_kind="budget", sha256="e" * 64, status="ok",
               validation_status="not_validated", department="克孜勒苏柯尔克孜自治州人民政府办公室",
               tables_found=["income_expenditure_summary", "income_summary", "expenditure_summary",
                             "fiscal_appropriation_summary", "general_budget_expenditure",
                             "general_budget_basic_expenditure", "general_budget_project_expenditure",
                             "government_fund_expenditure", "state_capital_expenditure", "three_public_expenditure",
                             "prior_year_carryover"],
               tables_empty=["government_fund_expenditure", "state_capital_expenditure"], document_count=1,
               fact_count=270, pipeline_version="test")
    row.update(changes)
    narrative = [stated("income", "部门收入预算", "1759.05", source="all", fact_seq=1),
                 stated("three_public", "因公出国（境）费", None, item="因公出国（境）费", change_amount="0.00",
                        change_percent="0.00", fact_seq=2,
                        sentence="因公出国（境）费增加0.00万元，增长0.00%，主要原因是2024年与2026年均未安排因公出国（境）费用；")]
    for n in narrative:
        n["disclosure_id"] = DISCLOSURE_ID
    result = DocumentResult(row, gold_facts(disclosure_id=DISCLOSURE_ID))
    result.narrative_facts = narrative
    return result


def test_a_disclosure_that_adds_up_gets_warnings_and_a_full_score() -> None:
    result = _document()
    outcome = validate_result(result)

    row = result.disclosure
    assert (row["status"], row["validation_status"]) == ("ok", "warnings")
    assert row["checks_evaluated"] == outcome.checks_evaluated > 300
    assert row["checks_passed"] == row["checks_evaluated"] and row["reconciliation_score"] == Decimal("1.0000")
    assert outcome.contract_passed and outcome.identities_checked > 150
    assert {f["check"] for f in outcome.findings} == {"hierarchy_rounding", "table_total_rounding", "year_slip"}
    assert {f["category"] for f in outcome.findings} == {"within_table", "text"}
    assert outcome.contract_summary()["budget_facts"]["rows"] == 270


def test_a_structural_contract_failure_blocks_the_document() -> None:
    result = _document()
    result.facts[0]["measure"] = "totl"

    outcome = validate_result(result)

    assert result.disclosure["status"] == "blocked" and result.disclosure["validation_status"] == "errors"
    assert not outcome.contract_passed
    (contract,) = [f for f in outcome.findings if f["check"] == "contract"]
    assert (contract["severity"], contract["category"], contract["tables"]) == ("error", "contract", "budget_facts")


def test_an_identity_error_lowers_the_score_but_never_blocks() -> None:
    result = _document()
    total = next(f for f in result.facts if f["table_no"] == 3 and f["item"] == "总计" and f["measure"] == "total")
    total.update(amount=Decimal("1760.05"), amount_cny=Decimal("17600500.00"))

    validate_result(result)

    row = result.disclosure
    assert (row["status"], row["validation_status"]) == ("ok", "errors")
    assert row["checks_passed"] < row["checks_evaluated"] and row["reconciliation_score"] < 1


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    result = _document()
    outcome = validate_result(result)
    out = tmp_path_factory.mktemp("published")
    written = publish_validation_docs(out, {
        "budget_facts": result.facts, "disclosures": [result.disclosure], "findings": outcome.findings,
        "narrative_facts": result.narrative_facts, "performance_targets": [],
    })
    return out, written


def test_the_rule_catalogue_lists_every_check(published: tuple[Path, dict[str, Path]]) -> None:
    out, written = published
    text = (out / RULE_CATALOGUE).read_text(encoding="utf-8")
    assert written[RULE_CATALOGUE] == out / RULE_CATALOGUE
    assert all(f"`{rule.id}`" in text for rule in RULES)
    assert "0.5 ulp × (n + 1)" in text


def test_data_docs_are_published_next_to_the_data(published: tuple[Path, dict[str, Path]]) -> None:
    out, written = published
    index = written["data_docs/index.html"]
    assert index == out / "data_docs" / "index.html" and "budget_facts" in index.read_text(encoding="utf-8")
    assert list((out / "data_docs" / "validations" / "budget_facts").rglob("*.html"))
    summary = json.loads((out / "data_docs" / "contract.json").read_text(encoding="utf-8"))
    assert set(summary) == {"budget_facts", "disclosures", "findings", "narrative_facts", "performance_targets"}
    assert all(not s["blocking"] for s in summary.values()), summary


def test_documents_merged_into_one_disclosure_add_their_checks() -> None:
    from assets.core.validation import combined_checks

    rows = [{"checks_evaluated": 90, "checks_passed": 90}, {"checks_evaluated": 10, "checks_passed": 5}, {}]
    assert combined_checks(rows) == {"checks_evaluated": 100, "checks_passed": 95, "reconciliation_score": Decimal("0.9500")}
    assert combined_checks([{}])["reconciliation_score"] is None


def test_findings_staged_by_an_earlier_version_get_the_new_columns() -> None:
    from assets.core.schema import FINDINGS_COLUMNS
    from assets.core.validation import with_finding_columns

    old = {"disclosure_id": "d", "check": "hierarchy", "severity": "error", "message": "m"}
    assert list(with_finding_columns(old)) == [c.name for c in FINDINGS_COLUMNS]
    assert with_finding_columns(old)["category"] is None
