"""The seed disclosure, as published and as the project renders it, reproduces the gold facts."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pyarrow.parquet as pq
import pytest

from assets.core.amounts import parse_amount
from assets.core.cli import main
from tests.conftest import COMPARE_GOLD, SEED_GOLD, SEED_PDF, shared_file


def compare_with_gold(out_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(shared_file(COMPARE_GOLD)), str(shared_file(SEED_GOLD)), str(out_dir), "-v"],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def published_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed_out")
    assert main(["extract", str(shared_file(SEED_PDF)), "--out", str(out), "--jobs", "1"]) == 0
    return out


def test_published_seed_matches_gold_exactly(published_seed: Path) -> None:
    result = compare_with_gold(published_seed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "matched 270/270; missing 0" in result.stdout and "extra 0" in result.stdout


def test_rendered_seed_matches_gold_exactly(tmp_path: Path) -> None:
    from assets.demo.render_pdf import render_seed_pdf

    pdf = render_seed_pdf(tmp_path / "seed.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(pdf), "--out", str(out), "--jobs", "1"]) == 0
    result = compare_with_gold(out)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_fact_points_at_its_printed_number(published_seed: Path) -> None:
    facts = pq.read_table(published_seed / "budget_facts.parquet").to_pylist()
    assert len(facts) == 270
    with pdfplumber.open(shared_file(SEED_PDF)) as pdf:
        for fact in facts:
            page = pdf.pages[fact["page"] - 1]
            x0, top, x1, bottom = fact["bbox"]
            text = page.crop((x0, top, x1, bottom)).extract_text() or ""
            assert parse_amount(text) == fact["amount"], (fact["item"], fact["page"], text)


def test_amounts_are_exact_decimals(published_seed: Path) -> None:
    table = pq.read_table(published_seed / "budget_facts.parquet")
    assert str(table.schema.field("amount").type) == "decimal128(24, 6)"
    assert str(table.schema.field("amount_cny").type) == "decimal128(24, 2)"
    row = next(r for r in table.to_pylist() if r["item"] == "奖励金" and r["measure"] == "total")
    assert row["amount"] == Decimal("0.01") and row["amount_cny"] == Decimal("100.00")


def test_seed_disclosure_metadata_is_read_from_the_document(published_seed: Path) -> None:
    (row,) = pq.read_table(published_seed / "disclosures.parquet").to_pylist()
    assert row["department"] == "克孜勒苏柯尔克孜自治州人民政府办公室"
    assert row["region"] == "克孜勒苏柯尔克孜自治州"
    assert (row["year"], row["doc_kind"], row["status"]) == (2026, "budget", "ok")
    assert row["tables_empty"] == ["government_fund_expenditure", "state_capital_expenditure"]
    assert len(row["tables_found"]) == 11


def test_seed_findings_are_rounding_warnings_including_table6(published_seed: Path) -> None:
    published = pq.read_table(published_seed / "findings.parquet").to_pylist()
    assert {f["severity"] for f in published} == {"warning"}
    # The identities (the narrative's year slips are text findings, tests/validate).
    findings = [f for f in published if f["category"] in ("within_table", "across_tables")]
    assert all(abs(f["difference"]) == Decimal("0.01") for f in findings)
    table6 = {(f["code_or_item"], f["check"]) for f in findings if f["tables"] == "general_budget_basic_expenditure"}
    # 表6: classes 301 and 302 against their items; 总计 against the classes (合计, 人员经费).
    assert {check for _, check in table6} == {"hierarchy_rounding", "table_total_rounding"}
    assert sum(1 for f in findings if f["tables"] == "general_budget_basic_expenditure") == 6
    # The only other gap the seed prints: 20805 = 211.95 over items summing to 211.94 (表2, 表3, 表5).
    others = {f["tables"] for f in findings if f["tables"] != "general_budget_basic_expenditure"}
    assert others == {"income_summary", "expenditure_summary", "general_budget_expenditure"}
