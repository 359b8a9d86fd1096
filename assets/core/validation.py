"""Validate one processed document: contract (GX suites), the rule catalogue, extraction problems.

- Contract: the document's rows of the published tables it contributes (budget_facts,
  narrative_facts, performance_targets) are validated with their GX suites (``expectations``). A failed ``critical`` expectation is structural:
  the document is ``blocked`` (its rows are withheld from publishing); a failed ``warning``
  expectation becomes a warning finding and blocks nothing.
- Rules (``assets.core.checks``): accounting identities within and across tables, the
  narrative against the tables, completeness. Their findings never block; they set
  validation_status and the reconciliation score (checks passed / checks evaluated).
- Extraction problems (a printed number the pipeline could not place) become warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .checks import IDENTITIES, CheckRun, reconciliation_score, run_rules
from .checks.disclosure import Disclosure
from .checks.model import FINDING_KEYS, finding_row
from .document import DocumentResult

if TYPE_CHECKING:
    from expectations.runner import SuiteResult

# The tables whose rows come from the document itself: a structural failure blocks the document.
# The disclosures and findings rows are the pipeline's own; their suites run on the whole
# published tables at publish time (``expectations.data_docs``).
DOCUMENT_TABLES = ("budget_facts", "narrative_facts", "performance_targets")
IDENTITY_CHECKS = frozenset(r.id for r in IDENTITIES)


@dataclass
class ContractOutcome:
    """One table's GX suite on the document's rows: what blocks and what only warns."""

    table: str
    rows: int
    blocking: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.blocking


@dataclass
class ValidationOutcome:
    findings: list[dict[str, Any]]
    identities_checked: int
    contract_passed: bool
    contract_failures: list[str]
    checks_evaluated: int = 0
    checks_passed: int = 0
    contracts: list[ContractOutcome] = field(default_factory=list)

    def contract_summary(self) -> dict[str, dict[str, Any]]:
        """Per table, for staging and the Dagster asset checks (JSON-ready)."""
        return {c.table: asdict(c) for c in self.contracts}


def problem_findings(result: DocumentResult) -> list[dict[str, Any]]:
    disclosure_id = result.disclosure["disclosure_id"]
    return [
        finding_row(
            disclosure_id=disclosure_id, check=p.check, severity="warning", category="extraction",
            message=p.message, code_or_item=p.item, actual=p.amount, pages=[p.page],
        )
        for p in result.problems
    ]


def contract_findings(disclosure_id: str, outcome: ContractOutcome) -> list[dict[str, Any]]:
    return [
        finding_row(
            disclosure_id=disclosure_id, check="contract", severity=severity, category="contract",
            message=failure, tables=[outcome.table],
        )
        for severity, failures in (("error", outcome.blocking), ("warning", outcome.warnings))
        for failure in failures
    ]


def check_contract(table: str, rows: list[dict[str, Any]]) -> ContractOutcome:
    """Run the table's GX suite on ``rows`` (nothing to check without rows)."""
    if not rows:
        return ContractOutcome(table, 0)
    from expectations.suites import validate_rows  # GX import is slow: only when needed

    return _contract_outcome(table, len(rows), validate_rows(table, rows))


def _contract_outcome(table: str, rows: int, result: SuiteResult) -> ContractOutcome:
    if not rows:
        return ContractOutcome(table, 0)
    return ContractOutcome(
        table,
        rows,
        blocking=[r.describe() for r in result.blocking_failures],
        warnings=[r.describe() for r in result.warning_failures],
    )


def batch_contracts(results: Sequence[DocumentResult]) -> list[list[ContractOutcome]]:
    """Each document's contract outcomes (DOCUMENT_TABLES order), exactly as ``check_contract``
    per document gives them, but cheaper: a GX suite run costs ~0.5 s almost regardless of row
    count, so each table's suite runs once over the rows of many documents, and a row-by-row
    expectation's failures are attributed to the documents their rows belong to (with each
    document's own count and examples). Where a failure cannot be attributed that way (a
    uniqueness or table-level expectation), the batch is halved until the failing documents
    are validated on their own. A clean batch means every document is clean (the expectations
    are per row, or uniqueness over keys that start with the disclosure id). Documents sharing a
    disclosure id (attachments of one disclosure, a corrected copy) would collide on those keys,
    so they go to separate batches."""
    outcomes: list[list[ContractOutcome]] = [[] for _ in results]
    for batch in _distinct_id_batches(results):
        per_table = [_batched(table, [_rows(results[i], table) for i in batch]) for table in DOCUMENT_TABLES]
        for i, document_outcomes in zip(batch, zip(*per_table, strict=True), strict=True):
            outcomes[i] = list(document_outcomes)
    return outcomes


def _distinct_id_batches(results: Sequence[DocumentResult]) -> list[list[int]]:
    """Positions of ``results`` in batches within which no disclosure id repeats (first fit)."""
    batches: list[tuple[set[str], list[int]]] = []
    for i, result in enumerate(results):
        disclosure_id = result.disclosure["disclosure_id"]
        batch = next((b for b in batches if disclosure_id not in b[0]), None)
        if batch is None:
            batch = (set(), [])
            batches.append(batch)
        batch[0].add(disclosure_id)
        batch[1].append(i)
    return [positions for _, positions in batches]


def _batched(table: str, rows_per_document: list[list[dict[str, Any]]]) -> list[ContractOutcome]:
    with_rows = [rows for rows in rows_per_document if rows]
    if len(with_rows) > 1:
        from expectations.suites import validate_row_groups  # GX import is slow: only when needed

        # One run over every document's rows, failures attributed row by row (usually enough).
        per_document = validate_row_groups(table, rows_per_document)
        if per_document is not None:
            return [_contract_outcome(table, len(rows), result) for rows, result in zip(rows_per_document, per_document, strict=True)]
        batch = check_contract(table, [row for rows in with_rows for row in rows])
        if batch.passed and not batch.warnings:
            return [ContractOutcome(table, len(rows)) for rows in rows_per_document]
        half = len(rows_per_document) // 2
        return _batched(table, rows_per_document[:half]) + _batched(table, rows_per_document[half:])
    return [check_contract(table, rows) for rows in rows_per_document]


def disclosure_of(result: DocumentResult, page_texts: Sequence[str] = ()) -> Disclosure:
    """What the rules see of a processed document (``page_texts``: its extracted document's
    ``document.page_texts``, for the rules that read headings and lines no fact carries)."""
    row = result.disclosure
    return Disclosure(
        row["disclosure_id"],
        result.facts,
        row=row,
        narrative=_narrative(result),
        titles=[str(t) for t in (getattr(result, "details", None) or {}).get("table_titles", []) if t],
        problems=[asdict(p) for p in result.problems],
        page_texts=list(page_texts),
    )


def validate_result(
    result: DocumentResult, contracts: list[ContractOutcome] | None = None, page_texts: Sequence[str] = ()
) -> ValidationOutcome:
    """Validate a processed document in place: sets its validation status, reconciliation score
    and, on a structural contract failure, its status ``blocked``. ``contracts``: the document's
    outcomes from ``batch_contracts`` when validating many documents (else run here);
    ``page_texts``: every page's text (``document.page_texts`` of the extracted document), so
    that headings and lines outside the facts are checked too (year, department, placeholders)."""
    disclosure = result.disclosure
    disclosure_id = disclosure["disclosure_id"]
    findings = problem_findings(result)
    checked = result.facts or _narrative(result)
    run: CheckRun = run_rules(disclosure_of(result, page_texts)) if checked else CheckRun(disclosure_id, [])
    findings.extend(run.findings)
    _summarise(disclosure, run)
    if contracts is None:
        contracts = [check_contract(table, _rows(result, table)) for table in DOCUMENT_TABLES]
    for outcome in contracts:
        findings.extend(contract_findings(disclosure_id, outcome))
    blocking = [f"{c.table}: {failure}" for c in contracts for failure in c.blocking]
    if blocking:
        disclosure["status"] = "blocked"
        disclosure["message"] = "contract violations: " + "; ".join(blocking)[:400]
    disclosure["validation_status"] = _validation_status(disclosure, findings)
    identities = sum(1 for e in run.evaluations if e.check in IDENTITY_CHECKS)
    return ValidationOutcome(findings, identities, not blocking, blocking, run.evaluated, run.passed, contracts)


def combined_checks(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The validation summary of documents merged into one disclosure: their checks together."""
    counted = [r for r in rows if r.get("checks_evaluated") is not None]
    if not counted:
        return {"checks_evaluated": None, "checks_passed": None, "reconciliation_score": None}
    evaluated = sum(r["checks_evaluated"] for r in counted)
    passed = sum(r["checks_passed"] or 0 for r in counted)
    return {"checks_evaluated": evaluated, "checks_passed": passed, "reconciliation_score": reconciliation_score(passed, evaluated)}


def with_finding_columns(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding with every published column (rows staged by an earlier version lack some)."""
    return {**dict.fromkeys(FINDING_KEYS), **finding}


def _summarise(disclosure: dict[str, Any], run: CheckRun) -> None:
    disclosure["checks_evaluated"] = run.evaluated if run.evaluations else None
    disclosure["checks_passed"] = run.passed if run.evaluations else None
    disclosure["reconciliation_score"] = run.score


def _validation_status(disclosure: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    severities = {f["severity"] for f in findings}
    if disclosure["status"] not in ("ok", "blocked"):
        return "not_validated"
    if "error" in severities:
        return "errors"
    if "warning" in severities:
        return "warnings"
    return "passed"


def _narrative(result: DocumentResult) -> list[dict[str, Any]]:
    return list(getattr(result, "narrative_facts", []))


def _rows(result: DocumentResult, table: str) -> list[dict[str, Any]]:
    return result.facts if table == "budget_facts" else list(getattr(result, table, []))
