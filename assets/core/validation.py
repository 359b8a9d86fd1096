"""Validate one processed document: contract (GX suite), accounting identities, extraction problems.

Contract failures are structural: the document's facts are withheld from publishing (status
`blocked`). Identity differences and extraction problems become `findings` rows and never block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document import DocumentResult
from .identities import run_identity_checks
from .schema import FINDINGS_COLUMNS


@dataclass
class ValidationOutcome:
    findings: list[dict[str, Any]]
    identities_checked: int
    contract_passed: bool
    contract_failures: list[str]


def problem_findings(result: DocumentResult) -> list[dict[str, Any]]:
    disclosure_id = result.disclosure["disclosure_id"]
    rows = []
    for problem in result.problems:
        row = dict.fromkeys(c.name for c in FINDINGS_COLUMNS)
        row.update(
            disclosure_id=disclosure_id,
            check=problem.check,
            severity="warning",
            code_or_item=problem.item,
            actual=problem.amount,
            message=problem.message,
            pages=str(problem.page),
        )
        rows.append(row)
    return rows


def contract_findings(disclosure_id: str, failures: list[str]) -> list[dict[str, Any]]:
    rows = []
    for failure in failures:
        row = dict.fromkeys(c.name for c in FINDINGS_COLUMNS)
        row.update(
            disclosure_id=disclosure_id,
            check="contract",
            severity="error",
            tables="budget_facts",
            message=failure,
        )
        rows.append(row)
    return rows


def check_contract(facts: list[dict[str, Any]]) -> tuple[bool, list[str]]:
    """Run the GX suite on the facts; returns (passed, failure descriptions)."""
    from expectations.budget_facts import build_suite, facts_frame  # GX import is slow: only when needed
    from expectations.runner import validate_dataframe

    if not facts:
        return True, []
    result = validate_dataframe(facts_frame(facts), build_suite())
    return result.success, [r.describe() for r in result.results if not r.success]


def validate_result(result: DocumentResult) -> ValidationOutcome:
    """Validate a processed document in place: sets its validation status (and `blocked`)."""
    disclosure = result.disclosure
    findings = problem_findings(result)
    identity_findings, checked = run_identity_checks(result.facts)
    findings.extend(identity_findings)
    passed, failures = check_contract(result.facts)
    findings.extend(contract_findings(disclosure["disclosure_id"], failures))
    if not passed:
        disclosure["status"] = "blocked"
        disclosure["message"] = "contract violations: " + "; ".join(failures)[:400]
    severities = {f["severity"] for f in findings}
    if disclosure["status"] not in ("ok", "blocked"):
        disclosure["validation_status"] = "not_validated"
    elif "error" in severities:
        disclosure["validation_status"] = "errors"
    elif "warning" in severities:
        disclosure["validation_status"] = "warnings"
    else:
        disclosure["validation_status"] = "passed"
    return ValidationOutcome(findings, checked, passed, failures)
