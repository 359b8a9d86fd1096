"""Validate stage: the GX contract suite (blocking) and the accounting identities (findings)."""


from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    MaterializeResult,
    asset,
    asset_check,
)

from pipelines.partitions import disclosure_partitions
from pipelines.resources import DataStore

from .core.document import DocumentResult
from .core.staging import read_json, write_json
from .core.validation import validate_result
from .normalize import normalized_facts


@asset(partitions_def=disclosure_partitions, deps=[normalized_facts], group_name="validate")
def validated_disclosures(context: AssetExecutionContext, store: DataStore) -> MaterializeResult:
    """Facts checked against the published contract (GX) and the accounting identities.

    Contract failures mark the document `blocked` (its facts are not published); identity
    differences are `findings` (rounding within tolerance = warning) and never block.
    """
    folder = store.disclosure_dir(context.partition_key)
    results = [DocumentResult.from_dict(r) for r in read_json(folder / "normalized.json")]
    validated = []
    for result in results:
        outcome = validate_result(result)
        validated.append({**result.to_dict(), "findings": outcome.findings, "identities_checked": outcome.identities_checked, "contract_failures": outcome.contract_failures})
    write_json(folder / "validated.json", validated)
    findings = [f for v in validated for f in v["findings"]]
    return MaterializeResult(
        metadata={
            "errors": sum(1 for f in findings if f["severity"] == "error"),
            "warnings": sum(1 for f in findings if f["severity"] == "warning"),
            "identities_checked": sum(v["identities_checked"] for v in validated),
            "validation_status": ", ".join(v["disclosure"]["validation_status"] for v in validated),
        }
    )


@asset_check(asset=validated_disclosures, blocking=True, description="budget_facts conform to the published contract (GX suite)")
def facts_conform_to_contract(context: AssetCheckExecutionContext, store: DataStore) -> AssetCheckResult:
    partition = context.run.tags.get("dagster/partition")
    if partition is None:
        return AssetCheckResult(passed=True, description="no partition in this run")
    validated = read_json(store.disclosure_dir(partition) / "validated.json")
    failures = [f for v in validated for f in v["contract_failures"]]
    return AssetCheckResult(
        passed=not failures,
        severity=AssetCheckSeverity.ERROR,
        metadata={"failures": "; ".join(failures)[:2000] or "none"},
    )
