from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from assets.core.identities import (
    check_cross_table,
    check_hierarchy,
    check_row_totals,
    check_table_totals,
    run_identity_checks,
)
from assets.core.schema import FINDINGS_COLUMNS, UNITS
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


def test_hierarchy_error_names_the_parent_row() -> None:
    facts = gold_facts()
    _find(facts, 6, "30201")["amount"] = Decimal("14.57")  # 办公费 13.57 → 14.57

    errors = _errors(check_hierarchy(facts))

    assert [(e["check"], e["tables"], e["code_or_item"]) for e in errors] == [
        ("hierarchy", "general_budget_basic_expenditure", "302")
    ]
    assert errors[0]["expected"] == Decimal("169.28")
    assert errors[0]["actual"] == Decimal("168.27")
    assert errors[0]["difference"] == Decimal("-1.01")


def test_hierarchy_sums_project_rows_under_their_parent() -> None:
    facts = gold_facts()
    _find(facts, 7, "机场设施租赁费")["amount"] = Decimal("61.00")

    errors = _errors(check_hierarchy(facts))

    assert [(e["tables"], e["code_or_item"], e["expected"]) for e in errors] == [
        ("general_budget_project_expenditure", "20103", Decimal("121.00"))
    ]


def test_project_less_row_must_equal_its_project_rows() -> None:
    facts = gold_facts()
    subtotal = copy.deepcopy(_find(facts, 7, "机场设施租赁费"))
    subtotal.update(project=None, amount=Decimal("120.00"))
    assert _errors(check_hierarchy([*facts, subtotal])) == []

    subtotal["amount"] = Decimal("121.00")
    errors = _errors(check_hierarchy([*facts, subtotal]))

    # The wrong subtotal disagrees with its projects and, standing for 2010399, with 20103.
    assert [(e["code_or_item"], e["expected"], e["actual"]) for e in errors] == [
        ("20103", Decimal("121.00"), Decimal("120.00")),
        ("2010399", Decimal("120.00"), Decimal("121.00")),
    ]
    assert "the 3 project rows" in errors[1]["message"]


def test_a_blank_sub_code_counts_as_zero() -> None:
    facts = [f for f in gold_facts() if not (f["table_no"] == 3 and f["code"] == "2010399")]

    errors = _errors(check_hierarchy(facts))

    assert {(e["code_or_item"], e["expected"], e["actual"]) for e in errors} == {
        ("20103", Decimal("1217.83"), Decimal("1337.83")),  # total column
        ("20103", Decimal("30.00"), Decimal("150.00")),  # project column
    }


def test_table_total_error() -> None:
    facts = gold_facts()
    _find(facts, 3, "总计")["amount"] = Decimal("1760.05")

    errors = _errors(check_table_totals(facts))

    assert [(e["check"], e["tables"], e["code_or_item"], e["difference"]) for e in errors] == [
        ("table_total", "expenditure_summary", "总计", Decimal("1.00"))
    ]


def test_table_total_skips_tables_without_codes() -> None:
    facts = gold_facts()
    _find(facts, 10, "合计", source="all")["amount"] = Decimal("99.00")  # 三公: no 类 rows

    assert check_table_totals(facts) == check_table_totals(gold_facts())


def test_row_total_error_names_the_row() -> None:
    facts = gold_facts()
    _find(facts, 6, "30101", measure="personnel")["amount"] = Decimal("327.46")

    errors = _errors(check_row_totals(facts))

    assert [(e["check"], e["tables"], e["code_or_item"], e["expected"], e["actual"]) for e in errors] == [
        ("row_total", "general_budget_basic_expenditure", "30101", Decimal("327.46"), Decimal("327.36"))
    ]


def test_row_total_basic_plus_project() -> None:
    facts = gold_facts()
    _find(facts, 5, "2010301", measure="basic")["amount"] = Decimal("1000.00")

    errors = _errors(check_row_totals(facts))

    assert [(e["tables"], e["code_or_item"], e["expected"], e["actual"]) for e in errors] == [
        ("general_budget_expenditure", "2010301", Decimal("1000.00"), Decimal("1085.07"))
    ]
    assert "basic" in errors[0]["message"]


def test_row_total_tells_repeated_labels_apart_by_position() -> None:
    facts = gold_facts()
    row = [f for f in facts if f["table_no"] == 6 and f["code"] == "30101"]
    lower = copy.deepcopy(row)
    for f in lower:  # the same label printed again further down the page (another unit)
        f["bbox"] = (f["bbox"][0], f["bbox"][1] + 300, f["bbox"][2], f["bbox"][3] + 300)
        f["amount"] = Decimal("5.00") if f["measure"] == "total" else Decimal("6.00")

    errors = _errors(check_row_totals([*facts, *lower]))

    assert [(e["code_or_item"], e["expected"], e["actual"]) for e in errors] == [
        ("30101", Decimal("6.00"), Decimal("5.00"))
    ]


def test_cross_table_error() -> None:
    facts = gold_facts()
    _find(facts, 7, "总计")["amount"] = Decimal("121.00")

    errors = _errors(check_cross_table(facts))

    assert [(e["check"], e["tables"], e["expected"], e["actual"]) for e in errors] == [
        (
            "cross_table",
            "general_budget_expenditure,general_budget_project_expenditure",
            Decimal("120.00"),
            Decimal("121.00"),
        )
    ]


def test_cross_table_income_total_equals_expenditure_total() -> None:
    facts = gold_facts()
    _find(facts, 1, "支出总计")["amount"] = Decimal("1759.06")

    findings = check_cross_table(facts)

    assert [(f["check"], f["severity"], f["tables"]) for f in findings] == [
        ("cross_table_rounding", "warning", "income_expenditure_summary,income_expenditure_summary")
    ]


def test_cross_table_compares_in_yuan_across_units() -> None:
    facts = gold_facts()
    for f in facts:
        if f["table_no"] == 6:  # 表6 printed in 元
            f["unit"] = "元"
            f["amount"] = f["amount_cny"]

    assert check_cross_table(facts) == []
    assert UNITS["元"] == 1


def test_rounding_bound_is_half_ulp_times_n_plus_one() -> None:
    facts = gold_facts()
    # 20805's three sub-codes: bound 0.005 × 4 = 0.02; the seed is already 0.01 off.
    _find(facts, 3, "2080502")["amount"] = Decimal("2.48")  # now 0.02 off: still rounding
    at_bound = [f for f in check_hierarchy(facts) if f["tables"] == "expenditure_summary"]
    assert {f["severity"] for f in at_bound} == {"warning"}

    _find(facts, 3, "2080502")["amount"] = Decimal("2.47")  # 0.03 off: beyond
    beyond = _errors(check_hierarchy(facts))
    assert [(f["tables"], f["code_or_item"], f["difference"]) for f in beyond] == [
        ("expenditure_summary", "20805", Decimal("0.03"))
    ]


def test_each_disclosure_is_checked_on_its_own() -> None:
    one, n_one = run_identity_checks(gold_facts(disclosure_id="a"))
    both, n_both = run_identity_checks([*gold_facts(disclosure_id="a"), *gold_facts(disclosure_id="b")])

    assert n_both == 2 * n_one
    assert len(both) == 2 * len(one)
    assert {f["disclosure_id"] for f in both} == {"a", "b"}


def test_no_facts_no_findings() -> None:
    assert run_identity_checks([]) == ([], 0)
