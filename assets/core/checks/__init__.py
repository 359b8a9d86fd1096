"""The validation rule catalogue: one small, named, tested check per module.

Every rule evaluates one disclosure (``Disclosure``: its facts, its `disclosures` row, its
narrative) and yields ``Evaluation``s; those that are not a clean pass carry a `findings` row
(check id, severity, category, tables, code or item, expected, actual, difference, message,
pages). The rounding tolerance all numeric rules share is documented in ``model``.

Categories (schema.FINDING_CATEGORIES): ``within_table`` (hierarchy, column and row totals),
``across_tables`` (the same quantity in two tables), ``text`` (the narrative against the tables
and itself), ``completeness`` (tables present or declared empty, year and department, leftover
placeholders). ``run_rules`` runs them all and never raises: a rule that fails on unexpected
input yields a ``check_failed`` warning instead of stopping the run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import (
    basic_total,
    empty_declaration,
    expenditure_summary_total,
    fiscal_appropriation_split,
    general_budget_share,
    hierarchy,
    income_equals_expenditure,
    income_lines,
    income_summary_total,
    operating_costs,
    placeholder,
    project_total,
    row_basic,
    row_sources,
    row_spending,
    table_missing,
    table_total,
    text_budget_execution,
    text_change,
    text_consistency,
    text_share,
    text_total,
    three_public,
    year_consistency,
    year_slip,
)
from .disclosure import Disclosure, per_disclosure
from .model import Evaluation, Finding, finding_row
from .rule import Rule

log = logging.getLogger(__name__)

WITHIN_TABLE: tuple[Rule, ...] = (
    hierarchy.RULE,
    table_total.RULE,
    row_spending.RULE,
    row_basic.RULE,
    row_sources.RULE,
    income_lines.RULE,
    three_public.RULE,
)
ACROSS_TABLES: tuple[Rule, ...] = (
    income_equals_expenditure.RULE,
    income_summary_total.RULE,
    expenditure_summary_total.RULE,
    general_budget_share.RULE,
    basic_total.RULE,
    project_total.RULE,
    fiscal_appropriation_split.RULE,
    operating_costs.RULE,
)
TEXT: tuple[Rule, ...] = (
    text_total.RULE, text_share.RULE, text_change.RULE, text_consistency.RULE, text_budget_execution.RULE, year_slip.RULE,
)
COMPLETENESS: tuple[Rule, ...] = (
    table_missing.RULE,
    empty_declaration.RULE,
    year_consistency.YEAR_RULE,
    year_consistency.DEPARTMENT_RULE,
    placeholder.RULE,
)
IDENTITIES = WITHIN_TABLE + ACROSS_TABLES  # the accounting identities: facts only
RULES = IDENTITIES + TEXT + COMPLETENESS
CHECK_FAILED = "check_failed"
SCORE_PLACES = Decimal("0.0001")


@dataclass
class CheckRun:
    """All evaluations of one disclosure."""

    disclosure_id: str
    evaluations: list[Evaluation]

    @property
    def findings(self) -> list[Finding]:
        return [e.finding for e in self.evaluations if e.finding is not None]

    @property
    def evaluated(self) -> int:
        return len(self.evaluations)

    @property
    def passed(self) -> int:
        return sum(1 for e in self.evaluations if e.passed)

    @property
    def score(self) -> Decimal | None:
        """Reconciliation score: the share of evaluations without an error (None: nothing checked)."""
        return reconciliation_score(self.passed, self.evaluated)


def reconciliation_score(passed: int, evaluated: int) -> Decimal | None:
    if not evaluated:
        return None
    return (Decimal(passed) / Decimal(evaluated)).quantize(SCORE_PLACES)


def run_rules(doc: Disclosure, rules: Sequence[Rule] = RULES) -> CheckRun:
    """Every rule on one disclosure; a rule that raises becomes a ``check_failed`` warning."""
    evaluations: list[Evaluation] = []
    for rule in rules:
        try:
            evaluations.extend(rule(doc))
        except Exception as exc:  # noqa: BLE001 - bad input must never stop a run
            log.exception("check %s failed on %s", rule.id, doc.disclosure_id)
            message = f"the check {rule.id} could not be evaluated: {type(exc).__name__}: {exc}"
            evaluations.append(Evaluation(rule.id, finding_row(
                disclosure_id=doc.disclosure_id, check=CHECK_FAILED, severity="warning",
                category=rule.category, message=message[:500],
            )))
    return CheckRun(doc.disclosure_id, evaluations)


def run_identity_rules(facts: Iterable[dict[str, object]]) -> list[CheckRun]:
    """The accounting identities of every disclosure in ``facts``."""
    return [run_rules(doc, IDENTITIES) for doc in per_disclosure(facts)]


__all__ = [
    "RULES", "IDENTITIES", "CheckRun", "Disclosure", "Rule", "reconciliation_score", "run_rules", "run_identity_rules",
]  # fmt: skip
