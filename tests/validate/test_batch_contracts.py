"""batch_contracts: many documents' contract outcomes from few GX runs, the same as one by one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assets.core.document import DocumentResult
from assets.core.validation import batch_contracts, check_contract
from tests.validate.gold import gold_facts
from tests.validate.test_validation import _document


def _named(disclosure_id: str, **fact_changes: Any) -> DocumentResult:
    result = _document(disclosure_id=disclosure_id)
    result.facts = gold_facts(disclosure_id=disclosure_id)
    result.narrative_facts = [{**n, "disclosure_id": disclosure_id} for n in result.narrative_facts]
    result.facts[0].update(fact_changes)
    return result


def _one_by_one(result: DocumentResult) -> list[Any]:
    return [check_contract(table, rows) for table, rows in
            (("budget_facts", result.facts), ("narrative_facts", result.narrative_facts),
             ("performance_targets", result.performance_targets))]


def test_batch_outcomes_equal_per_document_outcomes_clean_and_failing() -> None:
    results = [_named("doc-a"), _named("doc-b", measure="totl"), _named("doc-c"), _named("doc-d", year=1800)]

    batched = batch_contracts(results)

    assert batched == [_one_by_one(r) for r in results]
    facts = [outcomes[0] for outcomes in batched]  # budget_facts first
    # Failures land on the failing documents only (a second budget year blocks, too).
    assert [f.passed for f in facts] == [True, False, True, False]
    assert facts[1].blocking and facts[3].blocking and not facts[0].warnings and not facts[2].warnings


def test_documents_sharing_an_id_go_to_separate_batches(monkeypatch: Any) -> None:
    import expectations.runner as runner

    # Two documents with one id would collide on the facts' key in a single batch; the others
    # still share runs.
    results = [_named("same"), _named("doc-b"), _named("same", measure="totl"), _named("doc-d")]
    expected = [_one_by_one(r) for r in results]
    runs: list[str] = []
    monkeypatch.setattr(runner, "_batch_definition", _counting(runner._batch_definition, runs))

    batched = batch_contracts(results)

    assert batched == expected
    assert [outcomes[0].passed for outcomes in batched] == [True, True, False, True]
    # [same, doc-b, doc-d] and [same]: budget_facts and narrative_facts once per batch.
    assert len(runs) == 4


def test_row_failures_in_many_documents_take_one_suite_run(monkeypatch: Any) -> None:
    import expectations.runner as runner

    results = [
        _named("doc-a"), _negative("doc-b", "-5"), _named("doc-c", measure="totl"), _negative("doc-d", "-7"),
        _named("doc-e"),
    ]
    expected = [_one_by_one(r) for r in results]
    runs: list[str] = []
    monkeypatch.setattr(runner, "_batch_definition", _counting(runner._batch_definition, runs))

    batched = batch_contracts(results)

    assert batched == expected
    facts = [outcomes[0] for outcomes in batched]
    assert [bool(f.warnings) for f in facts] == [False, True, False, True, False]  # negatives warn
    assert [f.passed for f in facts] == [True, True, False, True, True]  # an unknown measure blocks
    assert "-7" in facts[3].warnings[0] and "-5" not in facts[3].warnings[0]  # each its own examples
    assert len(runs) == 2  # budget_facts and narrative_facts once each, not once per document


def _negative(disclosure_id: str, amount: str) -> DocumentResult:
    """A negative printed amount (a warning), its yuan amount consistent (not an error)."""
    result = _named(disclosure_id)
    fact = result.facts[0]
    fact["amount_cny"] = fact["amount_cny"] * Decimal(amount) / fact["amount"] if fact["amount"] else Decimal(amount)
    fact["amount"] = Decimal(amount)
    return result


def _counting(batch_definition: Any, runs: list[str]) -> Any:
    def counted() -> Any:
        runs.append("run")
        return batch_definition()

    return counted


def test_duplicates_within_documents_take_one_suite_run(monkeypatch: Any) -> None:
    import expectations.runner as runner

    results = [_named("doc-a"), _named("doc-b"), _named("doc-c")]
    for result in (results[0], results[2]):
        result.facts.append(dict(result.facts[0]))  # the same cell twice: a key duplicate
    expected = [_one_by_one(r) for r in results]
    runs: list[str] = []
    monkeypatch.setattr(runner, "_batch_definition", _counting(runner._batch_definition, runs))

    batched = batch_contracts(results)

    assert batched == expected
    assert [bool(outcomes[0].blocking or outcomes[0].warnings) for outcomes in batched] == [True, False, True]
    assert len(runs) == 2  # no halving: each duplicate lies within one document
