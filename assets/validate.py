"""Validate stage: the GX contract suites (asset checks with severity) and the rule catalogue.

Per disclosure partition, ``validated_disclosures`` runs ``validate_result`` on every document:
the GX suites of the tables the document contributes (budget_facts, narrative_facts,
performance_targets) and the accounting, text and completeness rules. One asset check per
table reports its suite: a failed critical expectation is an ERROR (the document is blocked:
its rows are not published) and, the check being blocking, stops the run's downstream steps; a
failed warning expectation is a WARN and blocks nothing. ``disclosure_reconciles`` reports the
reconciliation score (WARN when a rule finds an error). The published dataset's own tables are
checked after publishing (``published_*_contract``) from the release's GX Data Docs summary.
"""

from pathlib import Path

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.document import DocumentResult, ExtractedDocument, page_texts
from .core.releases import LATEST
from .core.staging import read_json, write_json
from .core.validation import validate_result
from .normalize import normalized_facts


@asset(partitions_def=disclosure_partitions, deps=[normalized_facts], group_name="validate")
def validated_disclosures(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """Facts checked against the published contract (GX) and the rule catalogue.

    Structural contract failures mark the document `blocked` (its rows are not published);
    rule findings (rounding within tolerance = warning) set validation_status and the
    reconciliation score and never block.
    """
    folder = store.disclosure_dir(context.partition_key)
    results = [DocumentResult.from_dict(r) for r in read_json(folder / "normalized.json")]
    texts = _page_texts(folder / "extracted.json")
    validated = []
    for result in results:
        outcome = validate_result(result, page_texts=texts.get(result.disclosure["sha256"], []))
        validated.append({
            **result.to_dict(),
            "findings": outcome.findings,
            "identities_checked": outcome.identities_checked,
            "contract_failures": outcome.contract_failures,
            "contracts": outcome.contract_summary(),
        })
    write_json(folder / "validated.json", validated)
    findings = [f for v in validated for f in v["findings"]]
    disclosures = [v["disclosure"] for v in validated]
    return MaterializeResult(
        metadata={
            "errors": sum(1 for f in findings if f["severity"] == "error"),
            "warnings": sum(1 for f in findings if f["severity"] == "warning"),
            "identities_checked": sum(v["identities_checked"] for v in validated),
            "checks_evaluated": sum(d.get("checks_evaluated") or 0 for d in disclosures),
            "checks_passed": sum(d.get("checks_passed") or 0 for d in disclosures),
            "validation_status": ", ".join(d["validation_status"] for d in disclosures),
        }
    )


def _page_texts(extracted: Path) -> dict[str, list[str]]:
    """Every extracted document's page texts by sha256 (the headings and lines some rules read)."""
    if not extracted.exists():
        return {}
    documents = [ExtractedDocument.from_dict(d) for d in read_json(extracted)]
    return {d.sha256: page_texts(d) for d in documents}


def _validated(context: AssetCheckExecutionContext, store: DataStore) -> list[dict] | None:
    partition = context.run.tags.get("dagster/partition")
    if partition is None:
        return None
    path = store.disclosure_dir(partition) / "validated.json"
    return read_json(path) if path.exists() else None


def _contract_check(table: str) -> AssetChecksDefinition:
    @asset_check(
        asset=validated_disclosures,
        name=f"{table}_contract",
        blocking=True,
        description=f"{table} rows of the disclosure conform to the published contract (GX suite `{table}`)",
    )
    def check(context: AssetCheckExecutionContext, store: DataStore) -> AssetCheckResult:
        validated = _validated(context, store)
        if validated is None:
            return AssetCheckResult(passed=True, description="no partition in this run")
        outcomes = [v.get("contracts", {}).get(table, {}) for v in validated]
        blocking = [f for o in outcomes for f in o.get("blocking", [])]
        warnings = [f for o in outcomes for f in o.get("warnings", [])]
        return AssetCheckResult(
            passed=not blocking and not warnings,
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            metadata={
                "rows": sum(o.get("rows", 0) for o in outcomes),
                "blocking": "; ".join(blocking)[:2000] or "none",
                "warnings": "; ".join(warnings)[:2000] or "none",
            },
        )

    return check


budget_facts_contract = _contract_check("budget_facts")
narrative_facts_contract = _contract_check("narrative_facts")
performance_targets_contract = _contract_check("performance_targets")


@asset_check(
    asset=validated_disclosures,
    description="the disclosure adds up: no rule (identities, text, completeness) finds an error",
)
def disclosure_reconciles(context: AssetCheckExecutionContext, store: DataStore) -> AssetCheckResult:
    validated = _validated(context, store)
    if validated is None:
        return AssetCheckResult(passed=True, description="no partition in this run")
    rows = [v["disclosure"] for v in validated]
    findings = [f for v in validated for f in v["findings"] if f.get("category") != "contract"]
    errors = [f for f in findings if f["severity"] == "error"]
    evaluated = sum(r.get("checks_evaluated") or 0 for r in rows)
    passed = sum(r.get("checks_passed") or 0 for r in rows)
    return AssetCheckResult(
        passed=not errors,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "checks_evaluated": evaluated,
            "checks_passed": passed,
            "reconciliation_score": round(passed / evaluated, 4) if evaluated else None,
            "errors": len(errors),
            "warnings": sum(1 for f in findings if f["severity"] == "warning"),
            "first_errors": "; ".join(f["message"] for f in errors[:5])[:2000] or "none",
        },
    )


def _published_check(table: str) -> AssetChecksDefinition:
    @asset_check(
        asset=AssetKey("published_dataset"),
        name=f"published_{table}_contract",
        description=f"the published {table} table conforms to its GX suite (report: latest/data_docs)",
    )
    def check(context: AssetCheckExecutionContext, store: DataStore) -> AssetCheckResult:
        from expectations.data_docs import DATA_DOCS, read_contract_summary  # GX: only when checked

        latest = store.published_dir / LATEST
        summary = read_contract_summary(latest)
        if summary is None or table not in summary:
            return AssetCheckResult(passed=False, severity=AssetCheckSeverity.WARN, description="no Data Docs summary")
        blocking, warnings = summary[table]["blocking"], summary[table]["warnings"]
        return AssetCheckResult(
            passed=not blocking and not warnings,
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            metadata={
                "expectations": summary[table]["expectations"],
                "blocking": "; ".join(f["description"] for f in blocking)[:2000] or "none",
                "warnings": "; ".join(f["description"] for f in warnings)[:2000] or "none",
                "data_docs": MetadataValue.path(str(latest / DATA_DOCS / "index.html")),
            },
        )

    return check


published_budget_facts_contract = _published_check("budget_facts")
published_disclosures_contract = _published_check("disclosures")
published_findings_contract = _published_check("findings")
published_narrative_facts_contract = _published_check("narrative_facts")
published_performance_targets_contract = _published_check("performance_targets")
