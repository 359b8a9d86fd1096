"""The seed's performance-target tables: every indicator row, as the seed text prints it."""

from __future__ import annotations

from decimal import Decimal

from assets.core.document import DocumentResult
from tests.text_facts.seed_text import performance_tables, squeeze


def test_every_table_and_indicator_of_the_seed_text_is_extracted(seed_result: DocumentResult, seed_text: str) -> None:
    expected = performance_tables(seed_text)
    rows = seed_result.performance_targets
    assert len(expected) == 5  # the department's table and four projects'
    assert sum(len(t.indicators) for t in expected) == len(rows) == 56

    for seq, table in enumerate(expected, 1):
        got = [r for r in rows if r["table_seq"] == seq]
        assert [r["row_seq"] for r in got] == list(range(1, len(table.indicators) + 1))
        assert {r["scope"] for r in got} == {table.scope}
        assert {r["project"] for r in got} == {table.project}
        for key, value in table.budget.items():
            assert {r[f"budget_{key}"] for r in got} == {value}, (seq, key)
        for want, row in zip(table.indicators, got, strict=True):
            context = (seq, want.l3, want.target_text)
            assert squeeze(row["indicator_l3"]).startswith(squeeze(want.l3)), context
            assert (row["operator"], row["target_value"]) == (want.operator, want.value), context
            if want.unit is not None:
                assert row["target_unit"] == want.unit, context
            if want.weight is not None:
                assert row["weight"] == want.weight, context
            assert row["indicator_l1"] and row["indicator_l2"], context


def test_the_numeric_forms_of_the_seed_are_all_read(seed_result: DocumentResult, seed_text: str) -> None:
    by_text = {squeeze(r["target_text"]): r for r in seed_result.performance_targets}
    assert (by_text["<=36.20万元"]["operator"], by_text["<=36.20万元"]["target_value"]) == ("<=", Decimal("36.20"))
    assert by_text[">=3000人"]["target_value"] == Decimal("3000")  # printed "> =3000 人"
    assert by_text["<=0.02万元/人"]["target_unit"] == "万元/人"
    assert by_text["≥32批次"]["operator"] == ">="
    expected = [i for t in performance_tables(seed_text) for i in t.indicators]
    numeric = [r for r in seed_result.performance_targets if r["target_value"] is not None]
    qualitative = [r for r in seed_result.performance_targets if r["target_value"] is None]
    assert len(numeric) == sum(1 for i in expected if i.value is not None)
    assert all(r["operator"] and r["target_unit"] and r["operator_implied"] is False for r in numeric)
    assert {r["target_text"] for r in qualitative} == {i.target_text for i in expected if i.value is None}


def test_department_table_reads_its_funding_and_basis(seed_result: DocumentResult) -> None:
    department = [r for r in seed_result.performance_targets if r["scope"] == "department"]
    assert len(department) == 5
    assert {(r["budget_fiscal"], r["budget_other"]) for r in department} == {(Decimal("1729.05"), Decimal("30.00"))}
    assert {r["basis"] for r in department} == {"2026 年工作计划"}
    assert all(r["page"] == 26 and r["bbox"] is not None for r in department)
