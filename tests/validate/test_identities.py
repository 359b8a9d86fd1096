from __future__ import annotations

from decimal import Decimal
from typing import Any

from assets.core.identities import run_identity_checks
from assets.core.schema import FINDINGS_COLUMNS
from tests.validate.gold import gold_facts

Fact = dict[str, Any]

# What the seed's gold facts really give (computed by hand from the CSV, and in the PDF):
# 表6 301 = Σ 301xx + 0.01 and 302 = Σ 302xx − 0.01 in the 合计 column and in the one of
# 人员经费 / 公用经费 that carries the class; 总计 = Σ 类 − 0.01 in 合计 and 人员经费.
# 20805 行政事业单位养老支出 prints 211.95 above 77.50 + 2.49 + 131.95 = 211.94 in every column
# of 表2, 表3 and 表5 (PDF pages 8, 10, 12 print exactly that).
SEED_FINDINGS = {
    ("general_budget_basic_expenditure", "301", "total", "1294.19", "1294.20"),
    ("general_budget_basic_expenditure", "301", "personnel", "1294.19", "1294.20"),
    ("general_budget_basic_expenditure", "302", "total", "168.28", "168.27"),
    ("general_budget_basic_expenditure", "302", "public_operating", "168.28", "168.27"),
    ("general_budget_basic_expenditure", "总计", "total", "1599.06", "1599.05"),
    ("general_budget_basic_expenditure", "总计", "personnel", "1421.82", "1421.81"),
    ("income_summary", "20805", "all", "211.94", "211.95"),
    ("income_summary", "20805", "fiscal_appropriation", "211.94", "211.95"),
    ("income_summary", "20805", "general_public_budget", "211.94", "211.95"),
    ("expenditure_summary", "20805", "total", "211.94", "211.95"),
    ("expenditure_summary", "20805", "basic", "211.94", "211.95"),
    ("general_budget_expenditure", "20805", "total", "211.94", "211.95"),
    ("general_budget_expenditure", "20805", "basic", "211.94", "211.95"),
}


def _column_of(finding: dict[str, Any]) -> str:
    """The varying part of the column label in the message ([source / measure])."""
    source, measure = finding["message"].split("[", 1)[1].split("]", 1)[0].split(" / ")
    return source if finding["tables"] == "income_summary" else measure


def _find(facts: list[Fact], table_no: int, label: str, measure: str = "total", **match: Any) -> Fact:
    found = [
        f
        for f in facts
        if f["table_no"] == table_no
        and label in (f["code"], f["item"], f["project"])
        and f["measure"] == measure
        and all(f[k] == v for k, v in match.items())
    ]
    assert len(found) == 1, found
    return found[0]


def _errors(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] == "error"]


def test_seed_gives_exactly_its_rounding_gaps_as_warnings() -> None:
    findings, n_checked = run_identity_checks(gold_facts())

    assert n_checked > 150
    assert all(f["severity"] == "warning" for f in findings)
    got = {
        (f["tables"], f["code_or_item"], _column_of(f), str(f["expected"]), str(f["actual"]))
        for f in findings
    }
    assert got == SEED_FINDINGS
    assert len(findings) == len(SEED_FINDINGS)
    checks = {f["check"] for f in findings}
    assert checks == {"hierarchy_rounding", "table_total_rounding"}


def test_findings_have_the_schema_keys_and_consistent_numbers() -> None:
    findings, _ = run_identity_checks(gold_facts())
    for f in findings:
        assert list(f) == [c.name for c in FINDINGS_COLUMNS]
        assert f["difference"] == f["actual"] - f["expected"]
        assert f["disclosure_id"] == "seed-2026-budget"
        assert f["pages"]
        assert "within the rounding bound" in f["message"]


def test_a_changed_number_is_an_error_in_its_table_and_row() -> None:
    facts = gold_facts()
    _find(facts, 6, "30201")["amount"] = Decimal("14.57")  # 办公费 13.57 → 14.57

    findings, _ = run_identity_checks(facts)
    errors = _errors(findings)

    assert {(e["check"], e["tables"], e["code_or_item"]) for e in errors} == {
        ("hierarchy", "general_budget_basic_expenditure", "302"),
        ("row_basic", "general_budget_basic_expenditure", "30201"),
    }


def test_every_identity_of_the_seed_is_evaluated() -> None:
    from assets.core.checks import run_identity_rules

    (run,) = run_identity_rules(gold_facts())
    checks = {e.check for e in run.evaluations}
    assert checks >= {
        "hierarchy", "table_total", "row_spending", "row_basic", "row_sources", "income_lines", "three_public_total",
        "income_equals_expenditure", "income_summary_total", "expenditure_summary_total", "general_budget_share",
        "basic_total", "project_total", "fiscal_appropriation_split",
    }  # fmt: skip
    assert run.score == 1


def test_each_disclosure_is_checked_on_its_own() -> None:
    one, n_one = run_identity_checks(gold_facts(disclosure_id="a"))
    both, n_both = run_identity_checks([*gold_facts(disclosure_id="a"), *gold_facts(disclosure_id="b")])

    assert n_both == 2 * n_one
    assert len(both) == 2 * len(one)
    assert {f["disclosure_id"] for f in both} == {"a", "b"}


def test_no_facts_no_findings() -> None:
    assert run_identity_checks([]) == ([], 0)
