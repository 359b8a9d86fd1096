"""Accounting identities of a disclosure's standard tables, checked on its budget facts.

The identities themselves are rules of the catalogue in ``assets.core.checks`` (one module per
check, with the rounding tolerance documented in ``checks.model``): within a table (hierarchy,
column totals, row totals, income lines, the 三公 items) and across tables (收入总计 = 支出总计,
summaries against each other, each fund's table against the fiscal-appropriation summary,
机关运行经费 ≤ 公用经费). This module keeps the facts-only entry point.

A nonzero difference within the rounding bound (0.5 ulp × (n + 1) for n printed parts) is a
``warning`` with check id ``<check>_rounding``, beyond it an ``error`` with check id ``<check>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .checks import run_identity_rules

Finding = dict[str, Any]


def run_identity_checks(facts: Iterable[dict[str, Any]]) -> tuple[list[Finding], int]:
    """All identities of all disclosures in ``facts``: (findings, number of identities checked)."""
    runs = run_identity_rules(facts)
    return [f for run in runs for f in run.findings], sum(run.evaluated for run in runs)
